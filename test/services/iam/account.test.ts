import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  DeleteAccountPasswordPolicyCommand,
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListAccountAliasesCommand,
  ListPoliciesGrantingServiceAccessCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { useMockAws } from '../lifecycle';
import { ACCOUNT, allowS3, failure, iam, lambdaTrust } from './support';

describe('IAM account settings and reports', () => {
  useMockAws();

  it('keeps one account alias', async () => {
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'first' }));
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'second' }));
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['second']);
    const e = await failure(iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'first' })));
    expect(e.name).toBe('NoSuchEntityException');
    await iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'second' }));
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
  });

  it('sets, reads and deletes the password policy, with AWS defaults', async () => {
    const none = await failure(iam.send(new GetAccountPasswordPolicyCommand({})));
    expect(none.name).toBe('NoSuchEntityException');
    expect(none.message).toBe(`The Password Policy with domain name ${ACCOUNT} cannot be found.`);
    await iam.send(new UpdateAccountPasswordPolicyCommand({ RequireSymbols: true, MaxPasswordAge: 90 }));
    const got = await iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(got.PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 6,
      RequireSymbols: true,
      RequireNumbers: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
    });
    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
    expect((await failure(iam.send(new DeleteAccountPasswordPolicyCommand({})))).name).toBe('NoSuchEntityException');
  });

  it('summarises the account', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: allowS3 }));
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    expect(SummaryMap).toMatchObject({ Users: 1, Roles: 1, Policies: 1, Groups: 0, UsersQuota: 5000, AccessKeysPerUserQuota: 2, VersionsPerPolicyQuota: 5 });
  });

  it('generates a CSV credential report, STARTED first and COMPLETE after', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const missing = await failure(iam.send(new GetCredentialReportCommand({})));
    expect(missing.name).toBe('CredentialReportNotPresentException');
    expect(missing.$metadata.httpStatusCode).toBe(410);
    const started = await iam.send(new GenerateCredentialReportCommand({}));
    expect(started.State).toBe('STARTED');
    expect(started.Description).toBe('No report exists. Starting a new report generation task');
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
    const report = await iam.send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe('text/csv');
    const lines = Buffer.from(report.Content as Uint8Array).toString().split('\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['user', 'arn', 'user_creation_time', 'password_enabled']);
    expect(lines[1].startsWith(`<root_account>,arn:aws:iam::${ACCOUNT}:root,`)).toBe(true);
    const alice = lines[2].split(',');
    expect(alice[0]).toBe('alice');
    expect(alice[3]).toBe('false');
    expect(alice[8]).toBe('true');
    expect(alice[9]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  });

  it('expires the credential report after four hours', async () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 0, 1), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await iam.send(new GenerateCredentialReportCommand({}));
    jest.setSystemTime(Date.UTC(2026, 0, 1, 4, 0, 1));
    const e = await failure(iam.send(new GetCredentialReportCommand({})));
    expect(e.name).toBe('CredentialReportExpiredException');
  });

  it('answers GetAccountAuthorizationDetails with users, groups, roles and policies, paged', async () => {
    const p = await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: allowS3 }));
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: p.Policy?.Arn }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'inline', PolicyDocument: allowS3 }));
    await iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: lambdaTrust }));
    const all = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    expect(all.UserDetailList?.[0].AttachedManagedPolicies).toEqual([{ PolicyName: 'p', PolicyArn: p.Policy?.Arn }]);
    expect(decodeURIComponent(all.UserDetailList?.[0].UserPolicyList?.[0].PolicyDocument as string)).toBe(allowS3);
    expect(all.GroupDetailList?.map((g) => g.GroupName)).toEqual(['g']);
    expect(all.RoleDetailList?.map((r) => r.RoleName)).toEqual(['r']);
    expect(decodeURIComponent(all.RoleDetailList?.[0].AssumeRolePolicyDocument as string)).toBe(lambdaTrust);
    expect(all.RoleDetailList?.[0].RoleLastUsed).toEqual({});
    expect(all.UserDetailList?.[0].GroupList).toEqual([]);
    expect(all.UserDetailList?.[0].Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/u`);
    expect(all.Policies?.[0].PolicyVersionList?.[0].IsDefaultVersion).toBe(true);
    const roles = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    expect(roles.UserDetailList).toEqual([]);
    const first = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 2 }));
    expect(first.IsTruncated).toBe(true);
    const rest = await iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: first.Marker }));
    expect((rest.RoleDetailList?.length ?? 0) + (rest.Policies?.length ?? 0)).toBe(2);
  });

  it('lists the policies granting a user access to a service', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 's3', PolicyDocument: allowS3 }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'u', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSQSFullAccess' }));
    const out = await iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/u`, ServiceNamespaces: ['s3', 'sqs', 'ec2'] }));
    const by = Object.fromEntries((out.PoliciesGrantingServiceAccess ?? []).map((e) => [e.ServiceNamespace, e.Policies?.map((p) => [p.PolicyName, p.PolicyType])]));
    expect(by).toEqual({ s3: [['s3', 'INLINE']], sqs: [['AmazonSQSFullAccess', 'MANAGED']], ec2: [] });
  });
});
