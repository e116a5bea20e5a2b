// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written ${...} in plain strings.
/**
 * The evaluator against AWS's documented examples. Each case names the IAM
 * User Guide page its policy and expected decision come from.
 */
import { type ContextInput, type Decision, evaluate, parsePolicy, type PrincipalInfo } from '../../../src/core/policy';

const DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/';
const EVAL = `${DOC}reference_policies_evaluation-logic.html`;
const CROSS = `${DOC}reference_policies_evaluation-logic-cross-account.html`;
const OPS = `${DOC}reference_policies_elements_condition_operators.html`;
const MULTI = `${DOC}reference_policies_condition-single-vs-multi-valued-context-keys.html`;
const VARS = `${DOC}reference_policies_variables.html`;
const NOTACTION = `${DOC}reference_policies_elements_notaction.html`;
const NOTRESOURCE = `${DOC}reference_policies_elements_notresource.html`;
const NOTPRINCIPAL = `${DOC}reference_policies_elements_notprincipal.html`;
const PRINCIPAL = `${DOC}reference_policies_elements_principal.html`;
const BOUNDARY = `${DOC}access_policies_boundaries.html`;
const SESSION = `${DOC}access_policies.html#policies_session`;
const RESOURCE = `${DOC}reference_policies_elements_resource.html`;
const ACTION = `${DOC}reference_policies_elements_action.html`;
const CONDITION = `${DOC}reference_policies_elements_condition.html`;

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const bob: PrincipalInfo = { arn: `arn:aws:iam::${ACCOUNT}:user/bob`, account: ACCOUNT };
const alice: PrincipalInfo = { arn: `arn:aws:iam::${ACCOUNT}:user/Alice`, account: ACCOUNT };
const otherUser: PrincipalInfo = { arn: `arn:aws:iam::${OTHER}:user/carol`, account: OTHER };
const session: PrincipalInfo = {
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/s1`,
  account: ACCOUNT,
  roleArn: `arn:aws:iam::${ACCOUNT}:role/Dev`,
};
const root: PrincipalInfo = { arn: `arn:aws:iam::${ACCOUNT}:root`, account: ACCOUNT };
const lambda: PrincipalInfo = { arn: 'lambda.amazonaws.com', account: ACCOUNT, service: 'lambda.amazonaws.com' };

type Doc = Record<string, unknown>;
const allow = (action: unknown, resource: unknown = '*', extra: Doc = {}): Doc => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource, ...extra }],
});
const deny = (action: unknown, resource: unknown = '*', extra: Doc = {}): Doc => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: action, Resource: resource, ...extra }],
});
const cond = (condition: Doc, action = 's3:GetObject'): Doc => allow(action, '*', { Condition: condition });

interface Case {
  name: string;
  source: string;
  principal?: PrincipalInfo;
  action?: string;
  resource?: string;
  context?: ContextInput;
  identity?: Doc[];
  resourcePolicy?: Doc;
  boundary?: Doc;
  session?: Doc[];
  scps?: Doc[];
  expect: Decision;
}

const OBJ = 'arn:aws:s3:::amzn-s3-demo-bucket/report.csv';

const cases: Case[] = [
  // --- the evaluation flow ---
  { name: 'no policy at all is an implicit deny', source: EVAL, identity: [], expect: 'implicitDeny' },
  { name: 'an identity Allow allows', source: EVAL, identity: [allow('s3:GetObject')], expect: 'allowed' },
  { name: 'an explicit Deny beats an Allow in another policy', source: EVAL, identity: [allow('s3:*'), deny('s3:GetObject')], expect: 'explicitDeny' },
  { name: 'an explicit Deny beats an Allow in the same policy', source: EVAL, identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 's3:GetObject', Resource: OBJ }] }], expect: 'explicitDeny' },
  { name: 'an Allow for another action is an implicit deny', source: EVAL, identity: [allow('s3:PutObject')], expect: 'implicitDeny' },
  { name: 'an Allow for another resource is an implicit deny', source: EVAL, identity: [allow('s3:GetObject', 'arn:aws:s3:::other-bucket/*')], expect: 'implicitDeny' },
  { name: 'a Deny in a resource policy beats an identity Allow', source: EVAL, identity: [allow('s3:*')], resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: OBJ }] }, expect: 'explicitDeny' },
  { name: 'same account: a resource policy naming the user allows without an identity policy', source: EVAL, resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: bob.arn }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'allowed' },
  { name: 'same account: a resource policy naming the account needs an identity Allow', source: EVAL, resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'implicitDeny' },
  { name: 'same account: account grant plus identity Allow allows', source: EVAL, identity: [allow('s3:GetObject')], resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'allowed' },
  { name: 'the account root is allowed in its own account without policies', source: EVAL, principal: root, expect: 'allowed' },
  { name: 'the account root is still subject to an explicit Deny in a resource policy', source: EVAL, principal: root, resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] }, expect: 'explicitDeny' },
  { name: 'an SCP that does not allow the action denies even an admin', source: EVAL, identity: [allow('*')], scps: [allow('ec2:*')], expect: 'implicitDeny' },
  { name: 'an SCP that allows lets identity policies decide', source: EVAL, identity: [allow('s3:GetObject')], scps: [allow('*')], expect: 'allowed' },

  // --- cross-account ---
  { name: 'cross-account: identity Allow alone is not enough', source: CROSS, principal: otherUser, identity: [allow('s3:GetObject')], resourceAccount: ACCOUNT, expect: 'implicitDeny' } as Case,
  { name: 'cross-account: resource Allow alone is not enough', source: CROSS, principal: otherUser, resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: otherUser.arn }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'implicitDeny' },
  { name: 'cross-account: both sides allow', source: CROSS, principal: otherUser, identity: [allow('s3:GetObject')], resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: otherUser.arn }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'allowed' },
  { name: 'cross-account: trusting the other account by id', source: CROSS, principal: otherUser, identity: [allow('s3:GetObject')], resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'allowed' },
  { name: 'cross-account: a grant to a third account does not help', source: CROSS, principal: otherUser, identity: [allow('s3:GetObject')], resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'implicitDeny' },

  // --- boundaries and session policies ---
  { name: 'boundary: allowed by identity and boundary', source: BOUNDARY, identity: [allow('s3:GetObject')], boundary: allow(['s3:*', 'cloudwatch:*', 'ec2:*']), expect: 'allowed' },
  { name: 'boundary: identity allows iam:CreateUser, the boundary does not', source: BOUNDARY, action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/x`, identity: [allow('iam:CreateUser')], boundary: allow(['s3:*', 'cloudwatch:*', 'ec2:*']), expect: 'implicitDeny' },
  { name: 'boundary: the boundary alone grants nothing', source: BOUNDARY, boundary: allow('s3:*'), expect: 'implicitDeny' },
  { name: 'boundary: a Deny in the boundary wins', source: BOUNDARY, identity: [allow('s3:*')], boundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }] }, expect: 'explicitDeny' },
  { name: 'boundary: a resource policy naming the user is not limited by the boundary', source: BOUNDARY, boundary: allow('ec2:*'), resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: bob.arn }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'allowed' },
  { name: 'boundary: a resource policy naming the role is limited by the session\'s boundary', source: BOUNDARY, principal: session, boundary: allow('ec2:*'), resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: session.roleArn }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'implicitDeny' },
  { name: 'session policy: identity allows, session policy does not', source: SESSION, principal: session, identity: [allow('s3:*')], session: [allow('ec2:*')], expect: 'implicitDeny' },
  { name: 'session policy: both allow', source: SESSION, principal: session, identity: [allow('s3:*')], session: [allow('s3:GetObject')], expect: 'allowed' },
  { name: 'session policy: a resource policy naming the session ARN is not limited', source: SESSION, principal: session, session: [allow('ec2:*')], resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: session.arn }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'allowed' },
  { name: 'session policy: a resource policy naming the role is limited', source: SESSION, principal: session, session: [allow('ec2:*')], resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: session.roleArn }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'implicitDeny' },

  // --- Action / NotAction / Resource / NotResource ---
  { name: 'action names are case-insensitive', source: ACTION, identity: [allow('S3:getobject')], expect: 'allowed' },
  { name: 'action wildcard s3:Get*', source: ACTION, identity: [allow('s3:Get*')], expect: 'allowed' },
  { name: 'action wildcard ? matches one character', source: ACTION, action: 'iam:GetUser', resource: '*', identity: [allow('iam:?etUser')], expect: 'allowed' },
  { name: 'NotAction with Allow: every action but IAM is allowed', source: NOTACTION, action: 's3:GetObject', identity: [allow({ not: 'iam:*' })], expect: 'allowed' },
  { name: 'NotAction with Allow: the excluded action is not allowed', source: NOTACTION, action: 'iam:CreateUser', resource: '*', identity: [allow({ not: 'iam:*' })], expect: 'implicitDeny' },
  { name: 'NotAction with Deny: deny everything except IAM when MFA is absent', source: NOTACTION, identity: [allow('*'), deny({ not: 'iam:*' }, '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })], expect: 'explicitDeny' },
  { name: 'NotAction with Deny: the excluded action stays allowed', source: NOTACTION, action: 'iam:ListUsers', resource: '*', identity: [allow('*'), deny({ not: 'iam:*' }, '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })], expect: 'allowed' },
  { name: 'NotResource with Deny: deny everything outside the bucket', source: NOTRESOURCE, resource: 'arn:aws:s3:::other/x', identity: [allow('s3:*'), deny('s3:*', { not: ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*'] })], expect: 'explicitDeny' },
  { name: 'NotResource with Deny: the listed resource stays allowed', source: NOTRESOURCE, identity: [allow('s3:*'), deny('s3:*', { not: ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*'] })], expect: 'allowed' },
  { name: 'Resource ARN wildcard over the object key', source: RESOURCE, identity: [allow('s3:GetObject', 'arn:aws:s3:::amzn-s3-demo-bucket/*')], expect: 'allowed' },
  { name: 'Resource ARN wildcard in the region and account segments', source: RESOURCE, action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-2:${ACCOUNT}:queue1`, identity: [allow('sqs:SendMessage', 'arn:aws:sqs:*:*:queue?')], expect: 'allowed' },
  { name: 'Resource matching is case-sensitive', source: RESOURCE, identity: [allow('s3:GetObject', 'arn:aws:s3:::AMZN-S3-DEMO-BUCKET/*')], expect: 'implicitDeny' },

  // --- policy variables ---
  { name: '${aws:username} scopes a user to their home folder', source: VARS, principal: bob, resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/bob/notes.txt', identity: [allow('s3:GetObject', 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*')], expect: 'allowed' },
  { name: '${aws:username} does not reach another user\'s folder', source: VARS, principal: alice, resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/bob/notes.txt', identity: [allow('s3:GetObject', 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*')], expect: 'implicitDeny' },
  { name: 'variables are literal text under Version 2008-10-17', source: VARS, principal: bob, resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/bob/notes.txt', identity: [{ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*' }] }], expect: 'implicitDeny' },
  { name: '${aws:PrincipalTag/team} in a condition', source: VARS, context: { 'aws:PrincipalTag/team': 'blue', 's3:ExistingObjectTag/team': 'blue' }, identity: [cond({ StringEquals: { 's3:ExistingObjectTag/team': '${aws:PrincipalTag/team}' } })], expect: 'allowed' },
  { name: 'a variable whose key is absent makes the element not match', source: VARS, identity: [cond({ StringEquals: { 's3:ExistingObjectTag/team': '${aws:PrincipalTag/team}' } })], context: { 's3:ExistingObjectTag/team': 'blue' }, expect: 'implicitDeny' },
  { name: 'a variable default value applies when the key is absent', source: VARS, context: { 's3:prefix': 'guest' }, identity: [cond({ StringEquals: { 's3:prefix': "${aws:PrincipalTag/team, 'guest'}" } })], expect: 'allowed' },
  { name: '${*} is a literal asterisk', source: VARS, resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', identity: [allow('s3:GetObject', 'arn:aws:s3:::amzn-s3-demo-bucket/${*}')], expect: 'allowed' },
  { name: '${*} does not act as a wildcard', source: VARS, identity: [allow('s3:GetObject', 'arn:aws:s3:::amzn-s3-demo-bucket/${*}')], expect: 'implicitDeny' },

  // --- condition operators ---
  { name: 'StringEquals is case-sensitive', source: OPS, context: { 'aws:PrincipalTag/job-category': 'IAMUSER-ADMIN' }, identity: [cond({ StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } })], expect: 'implicitDeny' },
  { name: 'StringEqualsIgnoreCase ignores case', source: OPS, context: { 'aws:PrincipalTag/job-category': 'IAMUSER-ADMIN' }, identity: [cond({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } })], expect: 'allowed' },
  { name: 'condition key names are case-insensitive', source: CONDITION, context: { 'AWS:PRINCIPALTAG/JOB-CATEGORY': 'iamuser-admin' }, identity: [cond({ StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } })], expect: 'allowed' },
  { name: 'StringLike with a wildcard', source: OPS, context: { 's3:prefix': 'home/bob/photos' }, identity: [cond({ StringLike: { 's3:prefix': ['', 'home/', 'home/bob/*'] } })], expect: 'allowed' },
  { name: 'values of one key are ORed', source: CONDITION, context: { 'aws:PrincipalTag/department': 'CS' }, identity: [cond({ StringEquals: { 'aws:PrincipalTag/department': ['HR', 'CS'] } })], expect: 'allowed' },
  { name: 'keys of one operator are ANDed', source: CONDITION, context: { 'aws:PrincipalTag/department': 'CS' }, identity: [cond({ StringEquals: { 'aws:PrincipalTag/department': 'CS', 'aws:PrincipalTag/role': 'audit' } })], expect: 'implicitDeny' },
  { name: 'a key absent from the request makes the condition false', source: OPS, identity: [cond({ StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } })], expect: 'implicitDeny' },
  { name: 'a negated operator is true for an absent key', source: OPS, identity: [cond({ StringNotLike: { 'aws:PrincipalTag/job-category': 'admin*' } })], expect: 'allowed' },
  { name: 'StringNotEquals with several values: none may match', source: OPS, context: { 'aws:RequestedRegion': 'eu-west-1' }, identity: [cond({ StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } })], expect: 'implicitDeny' },
  { name: 'NumericLessThanEquals on s3:max-keys', source: OPS, action: 's3:ListBucket', context: { 's3:max-keys': '10' }, identity: [cond({ NumericLessThanEquals: { 's3:max-keys': '10' } }, 's3:ListBucket')], expect: 'allowed' },
  { name: 'NumericLessThanEquals fails above the limit', source: OPS, action: 's3:ListBucket', context: { 's3:max-keys': 11 }, identity: [cond({ NumericLessThanEquals: { 's3:max-keys': '10' } }, 's3:ListBucket')], expect: 'implicitDeny' },
  { name: 'DateGreaterThan on aws:TokenIssueTime', source: OPS, context: { 'aws:TokenIssueTime': '2020-01-02T00:00:00Z' }, identity: [cond({ DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' } })], expect: 'allowed' },
  { name: 'DateLessThan with an epoch value', source: OPS, context: { 'aws:CurrentTime': new Date('2020-01-01T00:00:00Z') }, identity: [cond({ DateLessThan: { 'aws:CurrentTime': String(Date.UTC(2021, 0, 1) / 1000) } })], expect: 'allowed' },
  { name: 'Bool on aws:SecureTransport false denies plain HTTP', source: OPS, context: { 'aws:SecureTransport': false }, identity: [allow('s3:*'), deny('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } })], expect: 'explicitDeny' },
  { name: 'BinaryEquals compares base64 values', source: OPS, context: { 'key:binary': Buffer.from('QmluYXJ5VmFsdWU=', 'base64').toString('base64') }, identity: [cond({ BinaryEquals: { 'key:binary': 'QmluYXJ5VmFsdWU=' } })], expect: 'allowed' },
  { name: 'IpAddress within a CIDR', source: OPS, context: { 'aws:SourceIp': '203.0.113.77' }, identity: [cond({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })], expect: 'allowed' },
  { name: 'IpAddress outside the CIDR', source: OPS, context: { 'aws:SourceIp': '203.0.114.1' }, identity: [cond({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })], expect: 'implicitDeny' },
  { name: 'IpAddress with an IPv6 range', source: OPS, context: { 'aws:SourceIp': '2001:db8:1234:5678::1' }, identity: [cond({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } })], expect: 'allowed' },
  { name: 'NotIpAddress Deny from outside the range', source: OPS, context: { 'aws:SourceIp': '198.51.100.7' }, identity: [allow('*'), deny('*', '*', { Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } } })], expect: 'explicitDeny' },
  { name: 'ArnLike on aws:SourceArn', source: OPS, principal: { arn: 'sns.amazonaws.com', account: ACCOUNT, service: 'sns.amazonaws.com' }, action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, context: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCOUNT}:topic-1` }, resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${ACCOUNT}:topic-*` } } }] }, expect: 'allowed' },
  { name: 'ArnEquals fails for a different resource', source: OPS, context: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCOUNT}:other` }, identity: [cond({ ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCOUNT}:topic-1` } })], expect: 'implicitDeny' },
  { name: 'ArnNotEquals is true for a different ARN', source: OPS, context: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCOUNT}:other` }, identity: [cond({ ArnNotEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCOUNT}:topic-1` } })], expect: 'allowed' },
  { name: 'StringEqualsIfExists is true when the key is absent', source: OPS, identity: [cond({ StringEqualsIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*'] } })], expect: 'allowed' },
  { name: 'StringLikeIfExists checks the key when present', source: OPS, context: { 'ec2:InstanceType': 'm5.large' }, identity: [cond({ StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*'] } })], expect: 'implicitDeny' },
  { name: 'Null true: the key must be absent', source: OPS, identity: [cond({ Null: { 'aws:TokenIssueTime': 'true' } })], expect: 'allowed' },
  { name: 'Null false: the key must be present', source: OPS, identity: [cond({ Null: { 'aws:TokenIssueTime': 'false' } })], expect: 'implicitDeny' },
  { name: 'an unknown operator never matches', source: OPS, identity: [cond({ StringSortOf: { 'aws:username': 'bob' } })], expect: 'implicitDeny' },

  // --- multi-valued keys ---
  { name: 'ForAllValues: every requested tag key is permitted', source: MULTI, context: { 'aws:TagKeys': ['environment', 'cost-center'] }, identity: [cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } })], expect: 'allowed' },
  { name: 'ForAllValues: one tag key outside the list fails', source: MULTI, context: { 'aws:TagKeys': ['environment', 'owner'] }, identity: [cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } })], expect: 'implicitDeny' },
  { name: 'ForAllValues: an absent key is true', source: MULTI, identity: [cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment'] } })], expect: 'allowed' },
  { name: 'ForAllValues: an empty list is true', source: MULTI, context: { 'aws:TagKeys': [] }, identity: [cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment'] } })], expect: 'allowed' },
  { name: 'ForAnyValue: one matching value is enough', source: MULTI, context: { 'aws:TagKeys': ['owner', 'environment'] }, identity: [cond({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } })], expect: 'allowed' },
  { name: 'ForAnyValue: an absent key is false', source: MULTI, identity: [cond({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['environment'] } })], expect: 'implicitDeny' },
  { name: 'ForAnyValue:StringLike with wildcards', source: MULTI, context: { 'aws:PrincipalServiceNamesList': ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }, identity: [cond({ 'ForAnyValue:StringLike': { 'aws:PrincipalServiceNamesList': 'lambda.*' } })], expect: 'allowed' },
  { name: 'ForAllValues:StringNotEquals: no value may be listed', source: MULTI, context: { 'aws:TagKeys': ['owner', 'secret'] }, identity: [cond({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } })], expect: 'implicitDeny' },
  { name: 'ForAnyValue:StringNotEquals: one unlisted value is enough', source: MULTI, context: { 'aws:TagKeys': ['owner', 'secret'] }, identity: [cond({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['secret'] } })], expect: 'allowed' },
  { name: 'Deny with ForAnyValue on a multi-valued key', source: MULTI, context: { 'aws:TagKeys': ['a', 'Dept'] }, identity: [allow('*'), deny('*', '*', { Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['Dept'] } } })], expect: 'explicitDeny' },

  // --- Principal / NotPrincipal ---
  { name: 'Principal "*" lets anyone in', source: PRINCIPAL, principal: { arn: '', account: '', anonymous: true }, resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: OBJ }] }, expect: 'allowed' },
  { name: 'an anonymous caller is not an AWS account principal', source: PRINCIPAL, principal: { arn: '', account: '', anonymous: true }, resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'implicitDeny' },
  { name: 'a service principal granted by a resource policy', source: PRINCIPAL, principal: lambda, resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'allowed' },
  { name: 'a different service principal is not granted', source: PRINCIPAL, principal: lambda, resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'implicitDeny' },
  { name: 'a role principal covers the sessions of the role', source: PRINCIPAL, principal: session, resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: session.roleArn }, Action: 's3:GetObject', Resource: OBJ }] }, expect: 'allowed' },
  { name: 'NotPrincipal Deny: the listed user and account escape', source: NOTPRINCIPAL, identity: [allow('s3:*')], resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: [bob.arn, `arn:aws:iam::${ACCOUNT}:root`] }, Action: 's3:*', Resource: '*' }] }, expect: 'allowed' },
  { name: 'NotPrincipal Deny: listing the user without the account still denies', source: NOTPRINCIPAL, identity: [allow('s3:*')], resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: bob.arn }, Action: 's3:*', Resource: '*' }] }, expect: 'explicitDeny' },
  { name: 'NotPrincipal Deny: everyone else is denied', source: NOTPRINCIPAL, principal: alice, identity: [allow('s3:*')], resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: [bob.arn, `arn:aws:iam::${ACCOUNT}:root`] }, Action: 's3:*', Resource: '*' }] }, expect: 'explicitDeny' },
  { name: 'NotPrincipal Deny: a role session escapes only with session, role and account listed', source: NOTPRINCIPAL, principal: session, identity: [allow('s3:*')], resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: [session.arn, session.roleArn, ACCOUNT] }, Action: 's3:*', Resource: '*' }] }, expect: 'allowed' },
];

/** `{not: x}` in a case's Action or Resource builds NotAction / NotResource. */
function normalise(doc: Doc): Doc {
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as Doc[];
  return {
    ...doc,
    Statement: statements.map((s) => {
      const out: Doc = { ...s };
      for (const [el, neg] of [
        ['Action', 'NotAction'],
        ['Resource', 'NotResource'],
      ]) {
        const v = out[el] as { not?: unknown } | undefined;
        if (v && typeof v === 'object' && !Array.isArray(v) && 'not' in v) {
          delete out[el];
          out[neg] = v.not;
        }
      }
      return out;
    }),
  };
}

describe('policy evaluation (AWS documented examples)', () => {
  it('has at least 60 cases, each with its source', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const c of cases) expect(c.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/IAM\//);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const kindOf = (d: Doc) => parsePolicy(normalise(d), 'identity');
    const result = evaluate({
      principal: c.principal ?? bob,
      action: c.action ?? 's3:GetObject',
      resource: c.resource ?? OBJ,
      resourceAccount: (c as { resourceAccount?: string }).resourceAccount ?? ACCOUNT,
      context: c.context,
      identityPolicies: (c.identity ?? []).map((d, i) => ({ id: `identity-${i}`, document: kindOf(d) })),
      resourcePolicy: c.resourcePolicy
        ? { id: 'resource', document: parsePolicy(normalise(c.resourcePolicy), 'resource') }
        : undefined,
      permissionsBoundary: c.boundary ? { id: 'boundary', document: kindOf(c.boundary) } : undefined,
      sessionPolicies: c.session?.map((d, i) => ({ id: `session-${i}`, document: kindOf(d) })),
      scps: c.scps?.map((d, i) => ({ id: `scp-${i}`, document: kindOf(d) })),
    });
    expect(result.decision).toBe(c.expect);
  });
});
