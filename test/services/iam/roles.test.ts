import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteServiceLinkedRoleCommand,
  DetachRolePolicyCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { useMockAws } from '../lifecycle';
import { ACCOUNT, allowS3, failure, iam, lambdaTrust, trust } from './support';

describe('IAM roles and instance profiles', () => {
  useMockAws();

  it('creates a role with its trust policy, returned URL-encoded as AWS does', async () => {
    const out = await iam.send(
      new CreateRoleCommand({ RoleName: 'fn', Path: '/service/', AssumeRolePolicyDocument: lambdaTrust, Description: 'd' }),
    );
    expect(out.Role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/service/fn`);
    expect(out.Role?.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(out.Role?.MaxSessionDuration).toBe(3600);
    expect(decodeURIComponent(out.Role?.AssumeRolePolicyDocument as string)).toBe(lambdaTrust);
    const got = await iam.send(new GetRoleCommand({ RoleName: 'fn' }));
    expect(got.Role?.Description).toBe('d');
    expect(got.Role?.RoleLastUsed).toEqual({});
  });

  it('validates the trust policy: a principal is required, a resource is refused', async () => {
    const noPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sts:AssumeRole' } });
    const e = await failure(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: noPrincipal })));
    expect(e.name).toBe('MalformedPolicyDocumentException');
    expect(e.message).toBe('Missing required field Principal');
    expect(e.$metadata.httpStatusCode).toBe(400);
    const withResource = JSON.stringify({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' },
    });
    const e2 = await failure(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: withResource })));
    expect(e2.message).toBe('Has prohibited field Resource');
    const invalidJson = await failure(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: '{not json' })));
    expect(invalidJson.message).toBe('Syntax errors in policy.');
  });

  it('refuses a trust policy naming a user of this account that does not exist', async () => {
    const doc = trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/ghost` });
    const e = await failure(iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: doc })));
    expect(e.name).toBe('MalformedPolicyDocumentException');
    expect(e.message).toBe(`Invalid principal in policy: "AWS":"arn:aws:iam::${ACCOUNT}:user/ghost"`);
    // Another account's principals cannot be checked from here and are accepted.
    await iam.send(new CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::210987654321:root' }) }));
  });

  it('refuses a trust policy over 2048 characters', async () => {
    const big = trust({ AWS: Array.from({ length: 60 }, (_, i) => `arn:aws:iam::2109876543${String(i).padStart(2, '0')}:root`) });
    const e = await failure(iam.send(new CreateRoleCommand({ RoleName: 'big', AssumeRolePolicyDocument: big })));
    expect(e.name).toBe('LimitExceededException');
    expect(e.message).toBe('Cannot exceed quota for ACLSizePerRole: 2048');
  });

  it('updates description, session duration and trust policy', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new UpdateRoleCommand({ RoleName: 'r', MaxSessionDuration: 7200, Description: 'x' }));
    const described = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'r', Description: 'y' }));
    expect(described.Role?.Description).toBe('y');
    const ec2 = trust({ Service: 'ec2.amazonaws.com' });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: ec2 }));
    const got = await iam.send(new GetRoleCommand({ RoleName: 'r' }));
    expect(got.Role?.MaxSessionDuration).toBe(7200);
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument as string)).toBe(ec2);
  });

  it('sets and removes a permissions boundary, counted on the policy', async () => {
    const p = await iam.send(new CreatePolicyCommand({ PolicyName: 'bound', PolicyDocument: allowS3 }));
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r', PermissionsBoundary: p.Policy?.Arn }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'r' }))).Role?.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: p.Policy?.Arn,
    });
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'r' }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'r' }))).Role?.PermissionsBoundary).toBeUndefined();
    const e = await failure(
      iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r', PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/none` })),
    );
    expect(e.name).toBe('NoSuchEntityException');
    expect(e.message).toBe(`Policy arn:aws:iam::${ACCOUNT}:policy/none does not exist or is not attachable.`);
  });

  it('lists roles without tags, pages them, and tags them', async () => {
    for (const n of ['r1', 'r2', 'r3']) await iam.send(new CreateRoleCommand({ RoleName: n, AssumeRolePolicyDocument: lambdaTrust }));
    const page = await iam.send(new ListRolesCommand({ MaxItems: 2 }));
    expect(page.Roles?.map((r) => r.RoleName)).toEqual(['r1', 'r2']);
    expect(page.IsTruncated).toBe(true);
    expect((await iam.send(new ListRolesCommand({ Marker: page.Marker }))).Roles?.map((r) => r.RoleName)).toEqual(['r3']);
    await iam.send(new TagRoleCommand({ RoleName: 'r1', Tags: [{ Key: 'k', Value: 'v' }] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'r1' }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
  });

  it('refuses to delete a role with attached policies or in an instance profile', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: lambdaTrust }));
    const arn = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    const e = await failure(iam.send(new DeleteRoleCommand({ RoleName: 'r' })));
    expect(e.name).toBe('DeleteConflictException');
    expect(e.message).toBe('Cannot delete entity, must detach all policies first.');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'r' }));
    const e2 = await failure(iam.send(new DeleteRoleCommand({ RoleName: 'r' })));
    expect(e2.message).toBe('Cannot delete entity, must remove roles from instance profile first.');
    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'ip', RoleName: 'r' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'r' }));
    expect((await failure(iam.send(new GetRoleCommand({ RoleName: 'r' })))).message).toBe('The role with name r cannot be found.');
  });

  it('holds one role per instance profile', async () => {
    const created = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web', Path: '/app/' }));
    expect(created.InstanceProfile?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:instance-profile/app/web`);
    expect(created.InstanceProfile?.InstanceProfileId).toMatch(/^AIPA[A-Z0-9]{17}$/);
    await iam.send(new CreateRoleCommand({ RoleName: 'a', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new CreateRoleCommand({ RoleName: 'b', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'a' }));
    const e = await failure(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'b' })));
    expect(e.name).toBe('LimitExceededException');
    expect(e.message).toBe('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' }));
    expect(got.InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual(['a']);
    expect((await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'a' }))).InstanceProfiles?.[0].InstanceProfileName).toBe('web');
    const e2 = await failure(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' })));
    expect(e2.name).toBe('DeleteConflictException');
    const dup = await failure(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' })));
    expect(dup.message).toBe('Instance Profile web already exists.');
  });

  it('creates a service-linked role only its service may change, and deletes it with a task', async () => {
    const out = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }));
    expect(out.Role?.RoleName).toBe('AWSServiceRoleForAutoScaling');
    expect(out.Role?.Path).toBe('/aws-service-role/autoscaling.amazonaws.com/');
    expect(JSON.parse(decodeURIComponent(out.Role?.AssumeRolePolicyDocument as string)).Statement[0].Principal).toEqual({
      Service: ['autoscaling.amazonaws.com'],
    });
    const e = await failure(iam.send(new DeleteRoleCommand({ RoleName: 'AWSServiceRoleForAutoScaling' })));
    expect(e.name).toBe('UnmodifiableEntityException');
    expect(e.message).toBe(
      "Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS",
    );
    const again = await failure(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' })));
    expect(again.name).toBe('InvalidInputException');
    const suffixed = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'x' }));
    expect(suffixed.Role?.RoleName).toBe('AWSServiceRoleForAutoScaling_x');
    const task = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForAutoScaling' }));
    expect(task.DeletionTaskId).toMatch(/^task\/aws-service-role\/autoscaling\.amazonaws\.com\/AWSServiceRoleForAutoScaling\//);
    const status = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: task.DeletionTaskId }));
    expect(status.Status).toBe('SUCCEEDED');
    expect((await failure(iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForAutoScaling' })))).name).toBe('NoSuchEntityException');
  });
});
