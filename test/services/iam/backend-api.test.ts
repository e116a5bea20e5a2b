/** The IAM backend's public API, as other services reach it through the backend registry. */
import { AddUserToGroupCommand, AttachGroupPolicyCommand, CreateGroupCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPermissionsBoundaryCommand } from '@aws-sdk/client-iam';
import { evaluate } from '../../../src/core/policy';
import type { IamBackend } from '../../../services/iam/models/backend';
import { useMockAws } from '../lifecycle';
import { ACCOUNT, allowS3, failure, iam, lambdaTrust } from './support';

describe('IAM backend API', () => {
  const m = useMockAws();

  it('finds roles by ARN, path included', async () => {
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'exec', Path: '/lambda/', AssumeRolePolicyDocument: lambdaTrust }));
    const backend = await m.backends.get<IamBackend>('iam');
    expect(backend.getRoleByArn(created.Role?.Arn as string)?.name).toBe('exec');
    expect(backend.roleExists(`arn:aws:iam::${ACCOUNT}:role/lambda/exec`)).toBe(true);
    expect(backend.roleExists(`arn:aws:iam::${ACCOUNT}:role/exec`)).toBe(false);
    expect(backend.roleExists('arn:aws:iam::111122223333:role/lambda/exec')).toBe(false);
  });

  it('answers a principal\'s identity policies, group policies and boundary for the evaluator', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'team' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'team', UserName: 'dev' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'team', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSQSFullAccess' }));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'dev', PermissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    const backend = await m.backends.get<IamBackend>('iam');
    const found = backend.policiesForPrincipal(`arn:aws:iam::${ACCOUNT}:user/dev`);
    expect(found?.identity.map((p) => p.id)).toEqual(['arn:aws:iam::aws:policy/AmazonSQSFullAccess']);
    expect(found?.boundary?.id).toBe('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
    const decide = (action: string) =>
      evaluate({
        principal: { arn: `arn:aws:iam::${ACCOUNT}:user/dev`, account: ACCOUNT },
        action,
        resource: '*',
        identityPolicies: found?.identity,
        permissionsBoundary: found?.boundary,
      }).decision;
    // SQS is granted but outside the boundary; S3 is inside the boundary but not granted.
    expect(decide('sqs:SendMessage')).toBe('implicitDeny');
    expect(decide('s3:GetObject')).toBe('implicitDeny');
  });

  it('resolves a role session ARN to its role\'s policies', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 's3', PolicyDocument: allowS3 }));
    const backend = await m.backends.get<IamBackend>('iam');
    const found = backend.policiesForPrincipal(`arn:aws:sts::${ACCOUNT}:assumed-role/app/session-1`);
    expect(found?.identity.map((p) => p.id)).toEqual(['app/s3']);
    expect(found?.roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/app`);
    expect(backend.policiesForPrincipal(`arn:aws:sts::${ACCOUNT}:assumed-role/gone/s`)).toBeUndefined();
  });

  it('answers a missing required member with the model\'s ValidationError', async () => {
    const e = await failure(iam.send(new CreateUserCommand({} as never)));
    expect(e.name).toBe('ValidationError');
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.message).toBe("1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null");
  });
});
