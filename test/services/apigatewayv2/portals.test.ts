/** Portals: create/read/update/delete/list, publish → PUBLISHED and disable → DISABLED on the clock, preview, products checked. */
import {
  ApiGatewayV2Client,
  BadRequestException,
  ConflictException,
  CreatePortalCommand,
  type CreatePortalCommandInput,
  CreatePortalProductCommand,
  DeletePortalCommand,
  DeletePortalProductCommand,
  DisablePortalCommand,
  GetPortalCommand,
  ListPortalsCommand,
  NotFoundException,
  PreviewPortalCommand,
  PublishPortalCommand,
  UpdatePortalCommand,
} from '@aws-sdk/client-apigatewayv2';
import { useMockAws } from '../lifecycle';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });

const theme = {
  CustomColors: {
    AccentColor: '#ff9900',
    BackgroundColor: '#ffffff',
    ErrorValidationColor: '#d13212',
    HeaderColor: '#232f3e',
    NavigationColor: '#232f3e',
    TextColor: '#000000',
  },
};

function portalInput(extra: Partial<CreatePortalCommandInput> = {}): CreatePortalCommandInput {
  return {
    Authorization: { None: {} },
    EndpointConfiguration: { None: {} },
    PortalContent: { DisplayName: 'Pets portal', Description: 'Adopt a pet', Theme: theme },
    ...extra,
  };
}

const fakeNow = () =>
  jest.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });

describe('API Gateway portals', () => {
  useMockAws();

  it('creates a portal with ids, ARN and default domain, reads, updates, lists and deletes it', async () => {
    fakeNow();
    const product = await client.send(new CreatePortalProductCommand({ DisplayName: 'Pets' }));
    const created = await client.send(
      new CreatePortalCommand(
        portalInput({
          IncludedPortalProductArns: [product.PortalProductArn as string],
          Tags: { env: 'test' },
          Authorization: {
            CognitoConfig: {
              AppClientId: 'client123',
              UserPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123',
              UserPoolDomain: 'https://pets.auth.us-east-1.amazoncognito.com',
            },
          },
        }),
      ),
    );
    const PortalId = created.PortalId as string;
    expect(PortalId).toMatch(/^[a-z0-9]{10,30}$/);
    expect(created).toMatchObject({
      PortalArn: `arn:aws:apigateway:us-east-1:123456789012:/portals/${PortalId}`,
      IncludedPortalProductArns: [product.PortalProductArn],
      EndpointConfiguration: { PortalDefaultDomainName: expect.stringContaining(PortalId), PortalDomainHostedZoneId: expect.any(String) },
      PortalContent: { DisplayName: 'Pets portal', Description: 'Adopt a pet', Theme: theme },
      Authorization: { CognitoConfig: { AppClientId: 'client123' } },
      Tags: { env: 'test' },
      LastModified: new Date('2026-03-01T00:00:00Z'),
    });
    expect(created.PublishStatus).toBeUndefined();

    jest.advanceTimersByTime(5000);
    const updated = await client.send(
      new UpdatePortalCommand({
        PortalId,
        PortalContent: { DisplayName: 'Pet adoption', Theme: theme },
        EndpointConfiguration: { AcmManaged: { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123', DomainName: 'developer.example.com' } },
      }),
    );
    expect(updated).toMatchObject({
      PortalContent: { DisplayName: 'Pet adoption' },
      EndpointConfiguration: { DomainName: 'developer.example.com', CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' },
      Authorization: { CognitoConfig: { AppClientId: 'client123' } },
      LastModified: new Date('2026-03-01T00:00:05Z'),
    });
    expect((await client.send(new GetPortalCommand({ PortalId }))).PortalContent?.DisplayName).toBe('Pet adoption');

    await client.send(new DeletePortalCommand({ PortalId }));
    const err = await client.send(new GetPortalCommand({ PortalId })).catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundException);
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('publishes (PUBLISH_IN_PROGRESS → PUBLISHED) and disables (DISABLE_IN_PROGRESS → DISABLED) on the clock, with conflicts while busy', async () => {
    fakeNow();
    const { PortalId } = await client.send(new CreatePortalCommand(portalInput()));
    const disableFirst = await client.send(new DisablePortalCommand({ PortalId })).catch((e) => e);
    expect(disableFirst).toBeInstanceOf(ConflictException);
    expect(disableFirst.$metadata.httpStatusCode).toBe(409);

    const published = await client.send(new PublishPortalCommand({ PortalId, Description: 'first release' }));
    expect(published.$metadata.httpStatusCode).toBe(202);
    expect(await client.send(new GetPortalCommand({ PortalId }))).toMatchObject({
      PublishStatus: 'PUBLISH_IN_PROGRESS',
      LastPublishedDescription: 'first release',
      LastPublished: new Date('2026-03-01T00:00:00Z'),
    });
    await expect(client.send(new PublishPortalCommand({ PortalId }))).rejects.toBeInstanceOf(ConflictException);
    await expect(client.send(new UpdatePortalCommand({ PortalId, LogoUri: 'https://x/logo.png' }))).rejects.toBeInstanceOf(ConflictException);
    jest.advanceTimersByTime(1000);
    expect((await client.send(new GetPortalCommand({ PortalId }))).PublishStatus).toBe('PUBLISHED');

    await client.send(new DisablePortalCommand({ PortalId }));
    expect((await client.send(new GetPortalCommand({ PortalId }))).PublishStatus).toBe('DISABLE_IN_PROGRESS');
    jest.advanceTimersByTime(1000);
    expect((await client.send(new GetPortalCommand({ PortalId }))).PublishStatus).toBe('DISABLED');
  });

  it('previews: PREVIEW_IN_PROGRESS, then PREVIEW_READY with a URL', async () => {
    fakeNow();
    const { PortalId } = await client.send(new CreatePortalCommand(portalInput()));
    expect((await client.send(new PreviewPortalCommand({ PortalId }))).$metadata.httpStatusCode).toBe(202);
    expect((await client.send(new GetPortalCommand({ PortalId }))).Preview).toEqual({ PreviewStatus: 'PREVIEW_IN_PROGRESS' });
    await expect(client.send(new PreviewPortalCommand({ PortalId }))).rejects.toBeInstanceOf(ConflictException);
    jest.advanceTimersByTime(1000);
    const { Preview } = await client.send(new GetPortalCommand({ PortalId }));
    expect(Preview?.PreviewStatus).toBe('PREVIEW_READY');
    expect(Preview?.PreviewUrl).toMatch(/^https:\/\//);
  });

  it("rejects unknown products, bad unions and ARNs with BadRequestException, and a deleted product blocks publishing", async () => {
    const bad = async (input: CreatePortalCommandInput, message: RegExp) => {
      const err = await client.send(new CreatePortalCommand(input)).catch((e) => e);
      expect(err).toBeInstanceOf(BadRequestException);
      expect(err.$metadata.httpStatusCode).toBe(400);
      expect(err.message).toMatch(message);
    };
    await bad(portalInput({ IncludedPortalProductArns: ['arn:aws:apigateway:us-east-1:123456789012:/portalproducts/abcdefghij'] }), /portal product/);
    await bad(portalInput({ Authorization: {} }), /exactly one/);
    await bad(portalInput({ EndpointConfiguration: { None: {}, AcmManaged: { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x', DomainName: 'a.example.com' } } }), /exactly one/);
    await bad(
      portalInput({ Authorization: { CognitoConfig: { AppClientId: 'c', UserPoolArn: 'arn:aws:s3:::not-a-user-pool', UserPoolDomain: 'https://pets.auth.example.com' } } }),
      /user pool/,
    );
    expect((await client.send(new ListPortalsCommand({}))).Items).toEqual([]);

    const product = await client.send(new CreatePortalProductCommand({ DisplayName: 'Pets' }));
    const { PortalId } = await client.send(new CreatePortalCommand(portalInput({ IncludedPortalProductArns: [product.PortalProductArn as string] })));
    await client.send(new DeletePortalProductCommand({ PortalProductId: product.PortalProductId }));
    await expect(client.send(new PublishPortalCommand({ PortalId }))).rejects.toBeInstanceOf(BadRequestException);
    await client.send(new UpdatePortalCommand({ PortalId, IncludedPortalProductArns: [] }));
    await client.send(new PublishPortalCommand({ PortalId }));
  });

  it('lists portals a page at a time with real tokens', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await client.send(new CreatePortalCommand(portalInput()))).PortalId as string);
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(new ListPortalsCommand({ MaxResults: '2', NextToken }));
      expect(page.Items?.length).toBeLessThanOrEqual(2);
      for (const p of page.Items ?? []) {
        expect(p.PortalArn).toContain(p.PortalId);
        seen.push(p.PortalId as string);
      }
      NextToken = page.NextToken;
    } while (NextToken);
    expect(new Set(seen)).toEqual(ids);
    expect(seen).toHaveLength(5);
    await expect(client.send(new ListPortalsCommand({ NextToken: 'bogus!' }))).rejects.toBeInstanceOf(BadRequestException);
  });
});
