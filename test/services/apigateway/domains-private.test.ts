/**
 * Private custom domain names (REST APIs): their domainNameId and account-scoped
 * ARN, and domain name access associations made by a VPC endpoint's account,
 * deleted by it or rejected by the domain's owner.
 */
import {
  APIGatewayClient,
  BadRequestException,
  ConflictException,
  CreateDomainNameAccessAssociationCommand,
  CreateDomainNameCommand,
  DeleteDomainNameAccessAssociationCommand,
  GetDomainNameAccessAssociationsCommand,
  GetDomainNameCommand,
  NotFoundException,
  RejectDomainNameAccessAssociationCommand,
} from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetDomainNamesCommand } from '@aws-sdk/client-apigatewayv2';
import { useMockAws } from '../lifecycle';

const owner = new APIGatewayClient({ region: 'us-east-1' });
const consumer = new APIGatewayClient({ region: 'us-east-1', credentials: { accessKeyId: '222222222222', secretAccessKey: 'x' } });
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

async function privateDomain(name: string) {
  return owner.send(new CreateDomainNameCommand({ domainName: name, certificateArn: CERT, endpointConfiguration: { types: ['PRIVATE'] }, policy: '{}' }));
}

describe('private custom domain names and access associations', () => {
  useMockAws();

  it('a PRIVATE domain has a domainNameId and an account ARN; names repeat across ids; v2 does not list it', async () => {
    const a = await privateDomain('private.example.com');
    expect(a.domainNameId).toMatch(/^[a-z0-9]{8}$/);
    expect(a.domainNameArn).toBe(`arn:aws:apigateway:us-east-1:123456789012:/domainnames/private.example.com+${a.domainNameId}`);
    expect(a).toMatchObject({ endpointConfiguration: { types: ['PRIVATE'] }, securityPolicy: 'TLS_1_2', domainNameStatus: 'AVAILABLE' });
    const b = await privateDomain('private.example.com');
    expect(b.domainNameId).not.toBe(a.domainNameId);
    expect(await owner.send(new GetDomainNameCommand({ domainName: 'private.example.com', domainNameId: b.domainNameId }))).toMatchObject({ domainNameArn: b.domainNameArn });
    const noId = await owner.send(new GetDomainNameCommand({ domainName: 'private.example.com' })).catch((e) => e);
    expect(noId).toBeInstanceOf(NotFoundException);
    const tls10 = await owner
      .send(new CreateDomainNameCommand({ domainName: 'p.example.com', certificateArn: CERT, securityPolicy: 'TLS_1_0', endpointConfiguration: { types: ['PRIVATE'] } }))
      .catch((e) => e);
    expect(tls10).toBeInstanceOf(BadRequestException);
    expect((await new ApiGatewayV2Client({ region: 'us-east-1' }).send(new GetDomainNamesCommand({}))).Items).toEqual([]);
  });

  it('associations: made by the endpoint account (SELF), seen by the owner (OTHER_ACCOUNTS), rejected or deleted', async () => {
    const domain = await privateDomain('private.example.com');
    const domainNameArn = domain.domainNameArn as string;
    const made = await consumer.send(
      new CreateDomainNameAccessAssociationCommand({ domainNameArn, accessAssociationSourceType: 'VPCE', accessAssociationSource: 'vpce-0abc1234', tags: { team: 'a' } }),
    );
    expect(made).toMatchObject({
      domainNameAccessAssociationArn: `arn:aws:apigateway:us-east-1:222222222222:/domainnameaccessassociations/domainname/private.example.com+${domain.domainNameId}/vpcesource/vpce-0abc1234`,
      domainNameArn,
      accessAssociationSourceType: 'VPCE',
      accessAssociationSource: 'vpce-0abc1234',
      tags: { team: 'a' },
    });
    const again = await consumer
      .send(new CreateDomainNameAccessAssociationCommand({ domainNameArn, accessAssociationSourceType: 'VPCE', accessAssociationSource: 'vpce-0abc1234' }))
      .catch((e) => e);
    expect(again).toBeInstanceOf(ConflictException);
    const unknown = await consumer
      .send(
        new CreateDomainNameAccessAssociationCommand({
          domainNameArn: 'arn:aws:apigateway:us-east-1:123456789012:/domainnames/none.example.com+abcdefgh',
          accessAssociationSourceType: 'VPCE',
          accessAssociationSource: 'vpce-0abc1234',
        }),
      )
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(NotFoundException);

    const self = await consumer.send(new GetDomainNameAccessAssociationsCommand({}));
    expect(self.items?.map((i) => i.domainNameAccessAssociationArn)).toEqual([made.domainNameAccessAssociationArn]);
    expect((await owner.send(new GetDomainNameAccessAssociationsCommand({}))).items).toEqual([]);
    const others = await owner.send(new GetDomainNameAccessAssociationsCommand({ resourceOwner: 'OTHER_ACCOUNTS' }));
    expect(others.items?.map((i) => i.accessAssociationSource)).toEqual(['vpce-0abc1234']);

    // Only the creator deletes; only the domain's owner rejects.
    const ownerDelete = await owner.send(new DeleteDomainNameAccessAssociationCommand({ domainNameAccessAssociationArn: made.domainNameAccessAssociationArn })).catch((e) => e);
    expect(ownerDelete).toBeInstanceOf(NotFoundException);
    await owner.send(new RejectDomainNameAccessAssociationCommand({ domainNameAccessAssociationArn: made.domainNameAccessAssociationArn, domainNameArn }));
    expect((await consumer.send(new GetDomainNameAccessAssociationsCommand({}))).items).toEqual([]);

    const second = await consumer.send(
      new CreateDomainNameAccessAssociationCommand({ domainNameArn, accessAssociationSourceType: 'VPCE', accessAssociationSource: 'vpce-0def5678' }),
    );
    await consumer.send(new DeleteDomainNameAccessAssociationCommand({ domainNameAccessAssociationArn: second.domainNameAccessAssociationArn }));
    const deleted = await consumer.send(new DeleteDomainNameAccessAssociationCommand({ domainNameAccessAssociationArn: second.domainNameAccessAssociationArn })).catch((e) => e);
    expect(deleted).toBeInstanceOf(NotFoundException);
  });
});
