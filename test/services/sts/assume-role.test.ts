/** AssumeRole against IAM: the role must exist, its session limit holds, and the session acts as the role. */
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useMockAws } from '../lifecycle';

const ACCOUNT = '123456789012';
const iam = new IAMClient({ region: 'us-east-1' });
const sts = new STSClient({ region: 'us-east-1' });
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' },
});

describe('STS AssumeRole with IAM roles', () => {
  useMockAws();

  it('refuses a role that does not exist with AccessDenied naming the caller', async () => {
    const e = await sts
      .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/missing`, RoleSessionName: 's1' }))
      .catch((x) => x);
    expect(e.name).toBe('AccessDenied');
    expect(e.$metadata.httpStatusCode).toBe(403);
    expect(e.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/missing`,
    );
  });

  it('assumes an existing role: the session carries the role id and records RoleLastUsed', async () => {
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'app', Path: '/svc/', AssumeRolePolicyDocument: trust }));
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: role.Role?.Arn, RoleSessionName: 'run-1' }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/app/run-1`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toBe(`${role.Role?.RoleId}:run-1`);
    const asRole = new STSClient({
      region: 'us-east-1',
      credentials: {
        accessKeyId: out.Credentials!.AccessKeyId!,
        secretAccessKey: out.Credentials!.SecretAccessKey!,
        sessionToken: out.Credentials!.SessionToken,
      },
    });
    const who = await asRole.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/app/run-1`);
    expect(who.UserId).toBe(`${role.Role?.RoleId}:run-1`);
    const used = await iam.send(new GetRoleCommand({ RoleName: 'app' }));
    expect(used.Role?.RoleLastUsed?.Region).toBe('us-east-1');
    expect(used.Role?.RoleLastUsed?.LastUsedDate).toBeInstanceOf(Date);
  });

  it('refuses a path-less ARN for a role that has a path', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'pathed', Path: '/a/', AssumeRolePolicyDocument: trust }));
    const e = await sts
      .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/pathed`, RoleSessionName: 's1' }))
      .catch((x) => x);
    expect(e.name).toBe('AccessDenied');
  });

  it("honours the role's MaxSessionDuration", async () => {
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'short', AssumeRolePolicyDocument: trust }));
    const e = await sts
      .send(new AssumeRoleCommand({ RoleArn: role.Role?.Arn, RoleSessionName: 's1', DurationSeconds: 7200 }))
      .catch((x) => x);
    expect(e.name).toBe('ValidationError');
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.message).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    const long = await iam.send(new CreateRoleCommand({ RoleName: 'long', AssumeRolePolicyDocument: trust, MaxSessionDuration: 7200 }));
    const before = Date.now();
    const ok = await sts.send(new AssumeRoleCommand({ RoleArn: long.Role?.Arn, RoleSessionName: 's1', DurationSeconds: 7200 }));
    const lifetime = (ok.Credentials!.Expiration as Date).getTime() - before;
    expect(lifetime).toBeGreaterThan(7190 * 1000);
    expect(lifetime).toBeLessThanOrEqual(7200 * 1000 + 1000);
  });

  it('limits a session chained from another role session to one hour', async () => {
    const first = await iam.send(new CreateRoleCommand({ RoleName: 'first', AssumeRolePolicyDocument: trust, MaxSessionDuration: 43200 }));
    const second = await iam.send(new CreateRoleCommand({ RoleName: 'second', AssumeRolePolicyDocument: trust, MaxSessionDuration: 43200 }));
    const session = await sts.send(new AssumeRoleCommand({ RoleArn: first.Role?.Arn, RoleSessionName: 'aa' }));
    const chained = new STSClient({
      region: 'us-east-1',
      credentials: {
        accessKeyId: session.Credentials!.AccessKeyId!,
        secretAccessKey: session.Credentials!.SecretAccessKey!,
        sessionToken: session.Credentials!.SessionToken,
      },
    });
    const e = await chained
      .send(new AssumeRoleCommand({ RoleArn: second.Role?.Arn, RoleSessionName: 'bb', DurationSeconds: 7200 }))
      .catch((x) => x);
    expect(e.message).toBe('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    await chained.send(new AssumeRoleCommand({ RoleArn: second.Role?.Arn, RoleSessionName: 'bb' }));
  });
});
