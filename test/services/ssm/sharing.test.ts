/**
 * Shared parameters (Systems Manager user guide, "Working with shared parameters"): an Advanced parameter
 * whose resource policy allows another account is read there by its full ARN. Under
 * `mockAws({ iam: 'enforce' })` the policy decides as IAM's cross-account evaluation says: the other
 * account's principal needs its own IAM permission and the parameter's resource policy.
 */
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { GetParameterCommand, PutParameterCommand, PutResourcePolicyCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockAws } from '../../../src/mock';

const A = '123456789012';
const B = '210987654321';

describe('SSM shared parameters under enforcement', () => {
  const m = mockAws({ iam: 'enforce' });
  afterEach(() => m.reset());
  afterAll(() => m.stop());

  it('lets another account read a parameter by ARN once its resource policy allows that account', async () => {
    const owner = new SSMClient({ region: 'us-east-1' });
    await owner.send(new PutParameterCommand({ Name: '/shared/db-url', Value: 'postgres://db', Type: 'String', Tier: 'Advanced' }));
    const arn = `arn:aws:ssm:us-east-1:${A}:parameter/shared/db-url`;
    const iam = new IAMClient({ region: 'us-east-1', credentials: { accessKeyId: B, secretAccessKey: 'x' } });
    await iam.send(new CreateUserCommand({ UserName: 'carol' }));
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'ssm:GetParameter*', Resource: '*' } });
    await iam.send(new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'read', PolicyDocument: doc }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }));
    const carol = new SSMClient({ region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } });

    const denied = await carol.send(new GetParameterCommand({ Name: arn })).catch((e) => e);
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toBe(
      `User: arn:aws:iam::${B}:user/carol is not authorized to perform: ssm:GetParameter on resource: ${arn} because no resource-based policy allows the ssm:GetParameter action`,
    );
    await owner.send(
      new PutResourcePolicyCommand({
        ResourceArn: arn,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: ['ssm:GetParameter', 'ssm:GetParameters'], Resource: arn }],
        }),
      }),
    );
    const got = await carol.send(new GetParameterCommand({ Name: arn }));
    expect(got.Parameter).toMatchObject({ Value: 'postgres://db', ARN: arn, Version: 1 });
    expect((await carol.send(new GetParameterCommand({ Name: `${arn}:1` }))).Parameter?.Selector).toBe(':1');
    // By name, the parameter is looked up in the caller's own account, where there is none.
    const byName = await carol.send(new GetParameterCommand({ Name: '/shared/db-url' })).catch((e) => e);
    expect(byName.name).toBe('ParameterNotFound');
  });
});
