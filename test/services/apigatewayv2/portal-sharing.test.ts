/** Portal products shared with another account by their sharing policy, and tags on portals and products. */
import {
  ApiGatewayV2Client,
  BadRequestException,
  CreatePortalCommand,
  CreatePortalProductCommand,
  CreateProductPageCommand,
  DeletePortalProductSharingPolicyCommand,
  GetPortalProductCommand,
  GetProductPageCommand,
  GetTagsCommand,
  ListProductPagesCommand,
  NotFoundException,
  PublishPortalCommand,
  PutPortalProductSharingPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-apigatewayv2';
import { useMockAws } from '../lifecycle';

const owner = new ApiGatewayV2Client({ region: 'us-east-1' });
const consumer = new ApiGatewayV2Client({ region: 'us-east-1', credentials: { accessKeyId: '111122223333', secretAccessKey: 'secret' } });
const OWNER = '123456789012';

const portalInput = (arns: string[]) => ({
  Authorization: { None: {} },
  EndpointConfiguration: { None: {} },
  IncludedPortalProductArns: arns,
  PortalContent: {
    DisplayName: 'Consumer portal',
    Theme: { CustomColors: { AccentColor: '#000', BackgroundColor: '#fff', ErrorValidationColor: '#f00', HeaderColor: '#111', NavigationColor: '#222', TextColor: '#333' } },
  },
});

describe('API Gateway portal product sharing and tags', () => {
  useMockAws();

  it("another account reads a shared product and includes it in its portal only while the policy shares it", async () => {
    const product = await owner.send(new CreatePortalProductCommand({ DisplayName: 'Shared pets' }));
    const PortalProductId = product.PortalProductId as string;
    const arn = product.PortalProductArn as string;
    const page = await owner.send(new CreateProductPageCommand({ PortalProductId, DisplayContent: { Title: 'Terms', Body: 'Be kind' } }));

    // Not shared yet: the consumer sees nothing and cannot include it.
    await expect(consumer.send(new GetPortalProductCommand({ PortalProductId, ResourceOwnerAccountId: OWNER }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(consumer.send(new GetPortalProductCommand({ PortalProductId }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(consumer.send(new CreatePortalCommand(portalInput([arn])))).rejects.toBeInstanceOf(BadRequestException);

    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'apigateway:GET', Resource: arn }],
    };
    await owner.send(new PutPortalProductSharingPolicyCommand({ PortalProductId, PolicyDocument: JSON.stringify(policy) }));
    expect((await consumer.send(new GetPortalProductCommand({ PortalProductId, ResourceOwnerAccountId: OWNER }))).DisplayName).toBe('Shared pets');
    const pages = await consumer.send(new ListProductPagesCommand({ PortalProductId, ResourceOwnerAccountId: OWNER }));
    expect(pages.Items?.map((p) => p.PageTitle)).toEqual(['Terms']);
    expect(
      (await consumer.send(new GetProductPageCommand({ PortalProductId, ProductPageId: page.ProductPageId, ResourceOwnerAccountId: OWNER }))).DisplayContent,
    ).toEqual({ Title: 'Terms', Body: 'Be kind' });
    const { PortalId } = await consumer.send(new CreatePortalCommand(portalInput([arn])));

    // Unshared: the consumer's portal can no longer be published.
    await owner.send(new DeletePortalProductSharingPolicyCommand({ PortalProductId }));
    const err = await consumer.send(new PublishPortalCommand({ PortalId })).catch((e) => e);
    expect(err).toBeInstanceOf(BadRequestException);
    expect(err.message).toContain(arn);
    await expect(
      consumer.send(new GetPortalProductCommand({ PortalProductId, ResourceOwnerAccountId: 'not-an-account' })),
    ).rejects.toBeInstanceOf(BadRequestException);
  });

  it('tags portals and products through TagResource / GetTags / UntagResource', async () => {
    const product = await owner.send(new CreatePortalProductCommand({ DisplayName: 'Tagged', Tags: { a: '1' } }));
    const portal = await owner.send(new CreatePortalCommand({ ...portalInput([]), Tags: { b: '2' } }));
    for (const [ResourceArn, first] of [
      [product.PortalProductArn as string, { a: '1' }],
      [portal.PortalArn as string, { b: '2' }],
    ] as const) {
      expect((await owner.send(new GetTagsCommand({ ResourceArn }))).Tags).toEqual(first);
      await owner.send(new TagResourceCommand({ ResourceArn, Tags: { env: 'prod', constructor: 'x' } }));
      await owner.send(new UntagResourceCommand({ ResourceArn, TagKeys: Object.keys(first) }));
      expect((await owner.send(new GetTagsCommand({ ResourceArn }))).Tags).toEqual({ env: 'prod', constructor: 'x' });
    }
    expect((await owner.send(new GetPortalProductCommand({ PortalProductId: product.PortalProductId }))).Tags).toMatchObject({ env: 'prod' });
    const missing = `arn:aws:apigateway:us-east-1:${OWNER}:/portals/abcdefghij`;
    await expect(owner.send(new GetTagsCommand({ ResourceArn: missing }))).rejects.toBeInstanceOf(NotFoundException);
  });
});
