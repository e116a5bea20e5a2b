import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  ListPolicyTagsCommand,
} from '@aws-sdk/client-iam';
import { useMockAws } from '../lifecycle';
import { ACCOUNT, allowS3, failure, iam, lambdaTrust, policy } from './support';

const readOnly = policy({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' });

describe('IAM managed and inline policies', () => {
  useMockAws();

  it('creates a managed policy and reads its default version back, URL-encoded', async () => {
    const out = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'ro', Path: '/team/', PolicyDocument: readOnly, Description: 'read', Tags: [{ Key: 'a', Value: 'b' }] }),
    );
    expect(out.Policy?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:policy/team/ro`);
    expect(out.Policy?.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
    expect(out.Policy?.DefaultVersionId).toBe('v1');
    expect(out.Policy?.AttachmentCount).toBe(0);
    expect(out.Policy?.IsAttachable).toBe(true);
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: out.Policy?.Arn }));
    expect(got.Policy?.Description).toBe('read');
    expect(got.Policy?.Tags).toEqual([{ Key: 'a', Value: 'b' }]);
    const v1 = await iam.send(new GetPolicyVersionCommand({ PolicyArn: out.Policy?.Arn, VersionId: 'v1' }));
    expect(decodeURIComponent(v1.PolicyVersion?.Document as string)).toBe(readOnly);
    expect(v1.PolicyVersion?.IsDefaultVersion).toBe(true);
  });

  it.each([
    [policy({ Effect: 'Allow', Resource: '*' }), 'Policy statement must contain actions.'],
    [policy({ Effect: 'Allow', Action: 's3:*' }), 'Policy statement must contain resources.'],
    [policy({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }), 'Policy document should not specify a principal.'],
    [policy({ Effect: 'Allow', Action: 'GetObject', Resource: '*' }), 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
    ['{"Version": "2012-10-17", "Statement": [', 'Syntax errors in policy.'],
    [JSON.stringify({ Version: '2020-01-01', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }), 'The policy failed legacy parsing'],
  ])('answers MalformedPolicyDocument with AWS reason: %s', async (doc, reason) => {
    const e = await failure(iam.send(new CreatePolicyCommand({ PolicyName: 'bad', PolicyDocument: doc })));
    expect(e.name).toBe('MalformedPolicyDocumentException');
    expect(e.message).toBe(reason);
    expect(e.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses duplicate names and documents over 6144 characters', async () => {
    await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: allowS3 }));
    const dup = await failure(iam.send(new CreatePolicyCommand({ PolicyName: 'p', Path: '/other/', PolicyDocument: allowS3 })));
    expect(dup.name).toBe('EntityAlreadyExistsException');
    expect(dup.message).toBe('A policy called p already exists. Duplicate names are not allowed.');
    const actions = Array.from({ length: 600 }, (_, i) => `s3:Action${i}`);
    const big = await failure(iam.send(new CreatePolicyCommand({ PolicyName: 'big', PolicyDocument: policy({ Effect: 'Allow', Action: actions, Resource: '*' }) })));
    expect(big.name).toBe('LimitExceededException');
    expect(big.message).toBe('Cannot exceed quota for PolicySize: 6144');
  });

  it('keeps at most five versions, one default, and deletes only non-default ones', async () => {
    const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'v', PolicyDocument: allowS3 }))).Policy?.Arn;
    for (let i = 2; i <= 5; i++) {
      const v = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: readOnly, SetAsDefault: i === 3 }));
      expect(v.PolicyVersion?.VersionId).toBe(`v${i}`);
    }
    const sixth = await failure(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: readOnly })));
    expect(sixth.name).toBe('LimitExceededException');
    expect(sixth.message).toBe(
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    );
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId).toBe('v3');
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(versions.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v5', false],
      ['v4', false],
      ['v3', true],
      ['v2', false],
      ['v1', false],
    ]);
    const defaultDelete = await failure(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' })));
    expect(defaultDelete.name).toBe('DeleteConflictException');
    expect(defaultDelete.message).toBe('Cannot delete the default version of a policy.');
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    const v6 = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowS3 }));
    expect(v6.PolicyVersion?.VersionId).toBe('v6');
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v6' }));
    const missing = await failure(iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' })));
    expect(missing.name).toBe('NoSuchEntityException');
    expect(missing.message).toBe(`Policy ${arn} version v1 does not exist or is not attachable.`);
    const many = await failure(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(many.name).toBe('DeleteConflictException');
    expect(many.message).toMatch(/^This policy has more than one version\./);
  });

  it('counts attachments, lists entities and refuses to delete an attached policy', async () => {
    const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'shared', PolicyDocument: allowS3 }))).Policy?.Arn as string;
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: arn }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(3);
    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect(entities.PolicyUsers?.map((u) => u.UserName)).toEqual(['u']);
    expect(entities.PolicyGroups?.map((g) => g.GroupName)).toEqual(['g']);
    expect(entities.PolicyRoles?.map((r) => r.RoleName)).toEqual(['r']);
    const rolesOnly = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'Role' }));
    expect(rolesOnly.PolicyUsers).toEqual([]);
    expect(rolesOnly.PolicyRoles).toHaveLength(1);
    const e = await failure(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(e.name).toBe('DeleteConflictException');
    expect(e.message).toBe('Cannot delete a policy attached to entities.');
    expect((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'u' }))).AttachedPolicies).toEqual([{ PolicyName: 'shared', PolicyArn: arn }]);
    await iam.send(new DetachUserPolicyCommand({ UserName: 'u', PolicyArn: arn }));
    const notAttached = await failure(iam.send(new DetachUserPolicyCommand({ UserName: 'u', PolicyArn: arn })));
    expect(notAttached.name).toBe('NoSuchEntityException');
    expect(notAttached.message).toBe(`Policy ${arn} was not found.`);
  });

  it('lists boundary users in ListEntitiesForPolicy with PolicyUsageFilter', async () => {
    const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'b', PolicyDocument: allowS3 }))).Policy?.Arn as string;
    await iam.send(new CreateUserCommand({ UserName: 'bounded' }));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'bounded', PermissionsBoundary: arn }));
    const out = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsBoundary' }));
    expect(out.PolicyUsers?.map((u) => u.UserName)).toEqual(['bounded']);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.PermissionsBoundaryUsageCount).toBe(1);
  });

  it('limits attached managed policies to 10 per role', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: lambdaTrust }));
    for (let i = 0; i < 10; i++) await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: `arn:aws:iam::aws:policy/Made${i}` }));
    const e = await failure(iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })));
    expect(e.name).toBe('LimitExceededException');
    expect(e.message).toBe('Cannot exceed quota for PoliciesPerRole: 10');
    const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r', MaxItems: 4 }));
    expect(page.AttachedPolicies).toHaveLength(4);
    expect(page.IsTruncated).toBe(true);
  });

  it('knows AWS managed policies by ARN, with the documents of the common ones', async () => {
    const admin = await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    expect(admin.Policy?.PolicyName).toBe('AdministratorAccess');
    const v = await iam.send(new GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(v.PolicyVersion?.Document as string)).Statement[0].Action).toContain('s3:Get*');
    const lambda = await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }));
    expect(lambda.Policy?.Path).toBe('/service-role/');
    // A known policy at the wrong path is not that policy.
    const wrongPath = await failure(iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole' })));
    expect(wrongPath.name).toBe('NoSuchEntityException');
    const aws = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', MaxItems: 1000 }));
    expect(aws.Policies?.map((p) => p.PolicyName)).toEqual(expect.arrayContaining(['AdministratorAccess', 'AmazonDynamoDBFullAccess', 'AmazonSQSFullAccess']));
    const denied = await failure(iam.send(new DeletePolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata.httpStatusCode).toBe(403);
  });

  it('filters ListPolicies by scope, attachment and path', async () => {
    await iam.send(new CreatePolicyCommand({ PolicyName: 'a', Path: '/x/', PolicyDocument: allowS3 }));
    const b = (await iam.send(new CreatePolicyCommand({ PolicyName: 'b', PolicyDocument: allowS3 }))).Policy?.Arn;
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: b }));
    const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    expect(local.Policies?.map((p) => p.PolicyName)).toEqual(['a', 'b']);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local', OnlyAttached: true }))).Policies?.map((p) => p.PolicyName)).toEqual(['b']);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/x/' }))).Policies?.map((p) => p.PolicyName)).toEqual(['a']);
    const first = await iam.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker: first.Marker }))).Policies?.map((p) => p.PolicyName)).toEqual(['b']);
  });

  it('tags a customer managed policy', async () => {
    const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 't', PolicyDocument: allowS3 }))).Policy?.Arn;
    await iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: 'k', Value: 'v' }] }));
    expect((await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
  });

  it('stores inline policies per user, group and role, with their size quotas', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'inline', PolicyDocument: allowS3 }));
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'u', PolicyName: 'inline' }));
    expect(decodeURIComponent(got.PolicyDocument as string)).toBe(allowS3);
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'u', PolicyName: 'inline' }));
    const gone = await failure(iam.send(new GetUserPolicyCommand({ UserName: 'u', PolicyName: 'inline' })));
    expect(gone.message).toBe('The user policy with name inline cannot be found.');
    const actions = Array.from({ length: 160 }, (_, i) => `s3:Action${i}`);
    const big = policy({ Effect: 'Allow', Action: actions, Resource: '*' });
    const e = await failure(iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'big', PolicyDocument: big })));
    expect(e.name).toBe('LimitExceededException');
    expect(e.message).toBe('Maximum policy size of 2048 bytes exceeded for user u');
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'big', PolicyDocument: big }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'a', PolicyDocument: allowS3 }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'r' }))).PolicyNames).toEqual(['a', 'big']);
    expect((await iam.send(new GetRolePolicyCommand({ RoleName: 'r', PolicyName: 'a' }))).RoleName).toBe('r');
    await iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    const bad = await failure(iam.send(new PutGroupPolicyCommand({ GroupName: 'g', PolicyName: 'x', PolicyDocument: policy({ Effect: 'Allow', Action: 's3:*' }) })));
    expect(bad.message).toBe('Policy statement must contain resources.');
  });
});
