/** VPC links of HTTP APIs: PENDING, then AVAILABLE on the clock; ids checked by form; update, list, delete. */
import {
  ApiGatewayV2Client,
  BadRequestException,
  CreateVpcLinkCommand,
  DeleteVpcLinkCommand,
  GetVpcLinkCommand,
  GetTagsCommand,
  GetVpcLinksCommand,
  NotFoundException,
  TagResourceCommand,
  UpdateVpcLinkCommand,
} from '@aws-sdk/client-apigatewayv2';
import { useMockAws } from '../lifecycle';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });

describe('VPC links (v2)', () => {
  useMockAws();

  it('goes PENDING → AVAILABLE as the clock moves, updates its name, lists, deletes', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const link = await client.send(
      new CreateVpcLinkCommand({ Name: 'private', SubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef0'], SecurityGroupIds: ['sg-01234567'], Tags: { env: 'test' } }),
    );
    expect(link).toMatchObject({
      Name: 'private',
      SubnetIds: ['subnet-0123456789abcdef0'],
      SecurityGroupIds: ['sg-01234567'],
      Tags: { env: 'test' },
      VpcLinkStatus: 'PENDING',
      VpcLinkStatusMessage: 'VPC link is provisioning ENIs',
      VpcLinkVersion: 'V2',
      CreatedDate: new Date('2026-01-01T00:00:00Z'),
    });
    const VpcLinkId = link.VpcLinkId as string;
    jest.advanceTimersByTime(1500);
    expect(await client.send(new GetVpcLinkCommand({ VpcLinkId }))).toMatchObject({ VpcLinkStatus: 'AVAILABLE', VpcLinkStatusMessage: 'VPC link is ready to route traffic' });
    const ResourceArn = `arn:aws:apigateway:us-east-1::/vpclinks/${VpcLinkId}`;
    await client.send(new TagResourceCommand({ ResourceArn, Tags: { team: 'a' } }));
    expect((await client.send(new GetTagsCommand({ ResourceArn }))).Tags).toEqual({ env: 'test', team: 'a' });
    expect(await client.send(new UpdateVpcLinkCommand({ VpcLinkId, Name: 'renamed' }))).toMatchObject({ Name: 'renamed', SubnetIds: ['subnet-0123456789abcdef0'] });
    await client.send(new CreateVpcLinkCommand({ Name: 'second', SubnetIds: ['subnet-0123456789abcdef1'] }));
    const first = await client.send(new GetVpcLinksCommand({ MaxResults: '1' }));
    const second = await client.send(new GetVpcLinksCommand({ MaxResults: '1', NextToken: first.NextToken }));
    expect([...(first.Items ?? []), ...(second.Items ?? [])].map((l) => l.Name).sort()).toEqual(['renamed', 'second']);
    await client.send(new DeleteVpcLinkCommand({ VpcLinkId }));
    const gone = await client.send(new GetVpcLinkCommand({ VpcLinkId })).catch((e) => e);
    expect(gone).toBeInstanceOf(NotFoundException);
    const again = await client.send(new DeleteVpcLinkCommand({ VpcLinkId })).catch((e) => e);
    expect(again).toBeInstanceOf(NotFoundException);
  });

  it('refuses malformed subnet and security group ids', async () => {
    for (const input of [
      { Name: 'x', SubnetIds: ['subnet-zz'] },
      { Name: 'x', SubnetIds: [] },
      { Name: 'x', SubnetIds: ['subnet-0123456789abcdef0'], SecurityGroupIds: ['group-1'] },
    ]) {
      expect(await client.send(new CreateVpcLinkCommand(input)).catch((e) => e)).toBeInstanceOf(BadRequestException);
    }
    expect((await client.send(new GetVpcLinksCommand({}))).Items).toEqual([]);
  });
});
