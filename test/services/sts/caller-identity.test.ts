import {
  AssumeRoleCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { useMockAws } from '../lifecycle';

describe('STS', () => {
  useMockAws();

  it('answers GetCallerIdentity with the default account', async () => {
    const sts = new STSClient({ region: 'us-east-1' });
    const out = await sts.send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('123456789012');
    expect(out.Arn).toBe('arn:aws:iam::123456789012:root');
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('treats a 12-digit access key as the account', async () => {
    const sts = new STSClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' },
    });
    const out = await sts.send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('111122223333');
  });

  it('issues role credentials that act in the role account', async () => {
    // The role must exist in its account: a 12-digit key acts in that account.
    const otherAccount = new IAMClient({ region: 'us-east-1', credentials: { accessKeyId: '210987654321', secretAccessKey: 'x' } });
    await otherAccount.send(
      new CreateRoleCommand({
        RoleName: 'deployer',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' },
        }),
      }),
    );
    const sts = new STSClient({ region: 'us-east-1' });
    const assumed = await sts.send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/deployer', RoleSessionName: 'ci-run' }),
    );
    expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::210987654321:assumed-role/deployer/ci-run');
    expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(assumed.Credentials?.Expiration).toBeInstanceOf(Date);
    const asRole = new STSClient({
      region: 'us-east-1',
      credentials: {
        accessKeyId: assumed.Credentials!.AccessKeyId!,
        secretAccessKey: assumed.Credentials!.SecretAccessKey!,
        sessionToken: assumed.Credentials!.SessionToken,
      },
    });
    const who = await asRole.send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe('210987654321');
    expect(who.Arn).toBe('arn:aws:sts::210987654321:assumed-role/deployer/ci-run');
    expect(who.UserId).toMatch(/^AROA[A-Z0-9]+:ci-run$/);
    const info = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: assumed.Credentials!.AccessKeyId! }));
    expect(info.Account).toBe('210987654321');
  });

  it('rejects a session name that is too short with ValidationError', async () => {
    const sts = new STSClient({ region: 'us-east-1' });
    const err = await sts
      .send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/deployer', RoleSessionName: 'x' }))
      .catch((e) => e);
    expect(err.name).toBe('ValidationError');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe(
      "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });

  it('rejects a session duration outside 900..129600 seconds', async () => {
    const sts = new STSClient({ region: 'us-east-1' });
    const err = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 60 })).catch((e) => e);
    expect(err.name).toBe('ValidationError');
    expect(err.message).toContain('Member must have value greater than or equal to 900');
  });
});

describe('STS model validation', () => {
  useMockAws();

  it('rejects a missing required member before the handler runs', async () => {
    const sts = new STSClient({ region: 'us-east-1' });
    const err = await sts
      .send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/deployer' } as never))
      .catch((e) => e);
    expect(err.name).toBe('ValidationError');
    expect(err.message).toBe(
      "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    );
  });
});
