import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { useMockAws } from '../lifecycle';
import { ACCOUNT, failure, iam, policy } from './support';

const s3Read = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }] },
  null,
  2,
);

describe('IAM policy simulator', () => {
  useMockAws();

  it('simulates custom policies: allowed, implicitDeny and explicitDeny, with statement positions', async () => {
    const deny = policy({ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' });
    const out = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [s3Read, deny],
        ActionNames: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      }),
    );
    const byAction = Object.fromEntries((out.EvaluationResults ?? []).map((r) => [r.EvalActionName, r]));
    expect(byAction['s3:GetObject'].EvalDecision).toBe('allowed');
    expect(byAction['s3:GetObject'].EvalResourceName).toBe('*');
    expect(byAction['s3:GetObject'].MatchedStatements).toEqual([
      { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 4, Column: 5 }, EndPosition: { Line: 12, Column: 6 } },
    ]);
    expect(byAction['s3:PutObject'].EvalDecision).toBe('implicitDeny');
    expect(byAction['s3:PutObject'].MatchedStatements).toEqual([]);
    expect(byAction['s3:DeleteObject'].EvalDecision).toBe('explicitDeny');
    expect(byAction['s3:DeleteObject'].MatchedStatements?.[0].SourcePolicyId).toBe('PolicyInputList.2');
  });

  it('evaluates conditions against ContextEntries and reports missing context values', async () => {
    const conditional = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } });
    const inside = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [conditional],
        ActionNames: ['s3:GetObject'],
        ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['10.1.2.3'] }],
      }),
    );
    expect(inside.EvaluationResults?.[0].EvalDecision).toBe('allowed');
    const missing = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [conditional], ActionNames: ['s3:GetObject'] }));
    expect(missing.EvaluationResults?.[0].EvalDecision).toBe('implicitDeny');
    expect(missing.EvaluationResults?.[0].MissingContextValues).toEqual(['aws:SourceIp']);
  });

  it('evaluates per resource ARN', async () => {
    const bucket = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::mine/*' });
    const out = await iam.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [bucket], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::mine/a', 'arn:aws:s3:::other/a'] }),
    );
    expect(out.EvaluationResults?.map((r) => [r.EvalResourceName, r.EvalDecision])).toEqual([
      ['arn:aws:s3:::mine/a', 'allowed'],
      ['arn:aws:s3:::other/a', 'implicitDeny'],
    ]);
  });

  it('simulates a user with its inline, group and boundary policies', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'inline-s3', PolicyDocument: s3Read }));
    await iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'g', UserName: 'bob' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSQSFullAccess' }));
    const arn = `arn:aws:iam::${ACCOUNT}:user/bob`;
    const out = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:GetObject', 'sqs:SendMessage', 'ec2:RunInstances'] }));
    const decisions = Object.fromEntries((out.EvaluationResults ?? []).map((r) => [r.EvalActionName, r.EvalDecision]));
    expect(decisions).toEqual({ 's3:GetObject': 'allowed', 'sqs:SendMessage': 'allowed', 'ec2:RunInstances': 'implicitDeny' });
    const sqs = out.EvaluationResults?.find((r) => r.EvalActionName === 'sqs:SendMessage');
    expect(sqs?.MatchedStatements?.[0]).toMatchObject({ SourcePolicyId: 'AmazonSQSFullAccess', SourcePolicyType: 'aws-managed' });
    const boundary = await iam.send(new CreatePolicyCommand({ PolicyName: 'only-s3', PolicyDocument: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'bob', PermissionsBoundary: boundary.Policy?.Arn }));
    const bounded = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:GetObject', 'sqs:SendMessage'] }));
    expect(bounded.EvaluationResults?.map((r) => [r.EvalDecision, r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary])).toEqual([
      ['allowed', true],
      ['implicitDeny', false],
    ]);
  });

  it('pages evaluation results', async () => {
    const out = await iam.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [s3Read], ActionNames: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'], MaxItems: 2 }),
    );
    expect(out.EvaluationResults).toHaveLength(2);
    expect(out.IsTruncated).toBe(true);
    const rest = await iam.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [s3Read], ActionNames: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'], Marker: out.Marker }),
    );
    expect(rest.EvaluationResults?.map((r) => r.EvalActionName)).toEqual(['s3:PutObject']);
  });

  it('weighs a resource policy: cross-account access needs both sides', async () => {
    const bucketPolicy = policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:user/carol' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' });
    const identity = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    const out = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [identity],
        ResourcePolicy: bucketPolicy,
        CallerArn: 'arn:aws:iam::444455556666:user/carol',
        ResourceOwner: `arn:aws:iam::${ACCOUNT}:root`,
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::shared/x'],
      }),
    );
    expect(out.EvaluationResults?.[0].EvalDecision).toBe('allowed');
    expect(out.EvaluationResults?.[0].EvalDecisionDetails).toEqual({ 'IAM Policy': 'allowed', 'Resource Policy': 'allowed' });
    const noGrant = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [identity],
        CallerArn: 'arn:aws:iam::444455556666:user/carol',
        ResourceOwner: `arn:aws:iam::${ACCOUNT}:root`,
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::shared/x'],
      }),
    );
    expect(noGrant.EvaluationResults?.[0].EvalDecision).toBe('implicitDeny');
  });

  it('refuses a malformed input policy with InvalidInput', async () => {
    const e = await failure(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{'], ActionNames: ['s3:GetObject'] })));
    expect(e.name).toBe('InvalidInputException');
    expect(e.message).toContain('Syntax errors in policy.');
  });

  it('lists the context keys policies use', async () => {
    const doc = policy([
      { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x' }, Bool: { 'aws:SecureTransport': 'true' } } },
      { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '1.2.3.4/32' }, Bool: { 'AWS:securetransport': 'false' } } },
    ]);
    const custom = await iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [doc] }));
    expect(custom.ContextKeyNames).toEqual(['aws:PrincipalTag/team', 'aws:SecureTransport', 'aws:SourceIp']);
    await iam.send(new CreateUserCommand({ UserName: 'k' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'k', PolicyName: 'p', PolicyDocument: doc }));
    const principal = await iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/k` }));
    expect(principal.ContextKeyNames).toHaveLength(3);
  });
});
