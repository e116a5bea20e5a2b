/**
 * Multi-Region replicas (CREATING → ACTIVE on the clock, INACTIVE before
 * delete, DELETING → gone) and the provisioned request-rate limits of the API
 * categories.
 */
import {
  CreateUserPoolReplicaCommand,
  DeleteUserPoolReplicaCommand,
  GetProvisionedLimitCommand,
  ListUserPoolReplicasCommand,
  ListUserPoolsCommand,
  UpdateProvisionedLimitCommand,
  UpdateUserPoolReplicaCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { createPool, idp } from './support';

const category = (Category: string) => ({ LimitClass: 'API_CATEGORY' as const, Attributes: { Category } });

describe('cognito-idp replicas and provisioned limits', () => {
  const m = useMockAws();

  it('creates a secondary replica in another Region, CREATING then ACTIVE, listed beside the primary and in ListUserPools', async () => {
    const { poolId } = await createPool(idp());
    const created = await idp().send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'ap-south-1' }));
    expect(created.UserPoolReplica).toEqual({
      RegionName: 'ap-south-1',
      Role: 'SECONDARY',
      Status: 'CREATING',
      UserPoolArn: `arn:aws:cognito-idp:ap-south-1:123456789012:userpool/${poolId}`,
    });
    m.clock.advance(60_000);
    const { UserPoolReplicas } = await idp().send(new ListUserPoolReplicasCommand({ UserPoolId: poolId }));
    expect(UserPoolReplicas).toEqual([
      { RegionName: 'ap-south-1', Role: 'SECONDARY', Status: 'ACTIVE', UserPoolArn: `arn:aws:cognito-idp:ap-south-1:123456789012:userpool/${poolId}` },
      { RegionName: 'us-east-1', Role: 'PRIMARY', Status: 'ACTIVE', UserPoolArn: `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${poolId}` },
    ]);
    const { UserPools } = await idp().send(new ListUserPoolsCommand({ MaxResults: 10 }));
    expect(UserPools?.find((p) => p.Id === poolId)?.ReplicaRegions).toEqual(['ap-south-1']);
  });

  it('refuses a replica in the pool’s own Region, a second one in a Region, and an unknown pool', async () => {
    const { poolId } = await createPool(idp());
    await expect(idp().send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'us-east-1' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await idp().send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1' }));
    await expect(idp().send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(idp().send(new CreateUserPoolReplicaCommand({ UserPoolId: 'us-east-1_missing00', RegionName: 'eu-west-1' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('deletes only an INACTIVE replica: DELETING, then gone', async () => {
    const { poolId } = await createPool(idp());
    await idp().send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'us-west-2' }));
    await expect(idp().send(new UpdateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'us-west-2', Status: 'INACTIVE' }))).rejects.toMatchObject({
      name: 'InvalidParameterException', // still CREATING
    });
    m.clock.advance(60_000);
    await expect(idp().send(new DeleteUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'us-west-2' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const inactive = await idp().send(new UpdateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'us-west-2', Status: 'INACTIVE' }));
    expect(inactive.UserPoolReplica?.Status).toBe('INACTIVE');
    const deleting = await idp().send(new DeleteUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'us-west-2' }));
    expect(deleting.UserPoolReplica?.Status).toBe('DELETING');
    m.clock.advance(60_000);
    const { UserPoolReplicas } = await idp().send(new ListUserPoolReplicasCommand({ UserPoolId: poolId }));
    expect(UserPoolReplicas?.map((r) => r.RegionName)).toEqual(['us-east-1']);
    await expect(idp().send(new UpdateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'us-west-2', Status: 'ACTIVE' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('provisioned limits: the free rate by default, raised for adjustable categories only, never below the free rate', async () => {
    expect((await idp().send(new GetProvisionedLimitCommand({ LimitDefinition: category('UserAuthentication') }))).Limit).toEqual({
      LimitDefinition: category('UserAuthentication'),
      ProvisionedLimitValue: 120,
      FreeLimitValue: 120,
    });
    const raised = await idp().send(new UpdateProvisionedLimitCommand({ LimitDefinition: category('UserAuthentication'), RequestedLimitValue: 300 }));
    expect(raised.Limit).toMatchObject({ ProvisionedLimitValue: 300, FreeLimitValue: 120 });
    expect((await idp().send(new GetProvisionedLimitCommand({ LimitDefinition: category('UserAuthentication') }))).Limit?.ProvisionedLimitValue).toBe(300);
    for (const [name, value] of [['UserList', 60], ['UserCreation', 10], ['NoSuchCategory', 500], ['__proto__', 500]] as const) {
      await expect(idp().send(new UpdateProvisionedLimitCommand({ LimitDefinition: category(name), RequestedLimitValue: value }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
    }
  });
});
