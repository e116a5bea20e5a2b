/**
 * Opt-in enforcement, end to end: a user with an S3 read-only policy reads
 * and is refused writes, in-process (mockAws({ iam: 'enforce' })) and through
 * the server (startServer({ iam: 'enforce' })).
 */
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccessKeyLastUsedCommand,
  IAMClient,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockAws } from '../../../src/mock';
import { startServer } from '../../../src/server/server';

const ACCOUNT = '123456789012';
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** Sets up a bucket with an object, and a user with AmazonS3ReadOnlyAccess; answers the user's keys. */
async function readOnlyUser(config: { endpoint?: string }): Promise<Creds> {
  const admin = { region: 'us-east-1', ...config, credentials: { accessKeyId: 'AKIAADMINADMINADMIN0', secretAccessKey: 'x' } };
  const iam = new IAMClient(admin);
  const s3 = new S3Client({ ...admin, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'reports' }));
  await s3.send(new PutObjectCommand({ Bucket: 'reports', Key: 'q1.csv', Body: 'a,b' }));
  await iam.send(new CreateUserCommand({ UserName: 'reader' }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'reader', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'reader' }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

async function expectReadNotWrite(s3: S3Client) {
  const got = await s3.send(new GetObjectCommand({ Bucket: 'reports', Key: 'q1.csv' }));
  expect(await got.Body?.transformToString()).toBe('a,b');
  const e = await s3.send(new PutObjectCommand({ Bucket: 'reports', Key: 'q2.csv', Body: 'x' })).catch((x) => x);
  expect(e.name).toBe('AccessDenied');
  expect(e.$metadata.httpStatusCode).toBe(403);
  expect(e.message).toBe(
    `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::reports/q2.csv" because no identity-based policy allows the s3:PutObject action`,
  );
}

describe('IAM enforcement in-process', () => {
  const m = mockAws({ iam: 'enforce' });
  afterEach(() => m.reset());
  afterAll(() => m.stop());

  it('lets an S3 read-only user read and refuses its writes', async () => {
    const creds = await readOnlyUser({});
    await expectReadNotWrite(new S3Client({ region: 'us-east-1', credentials: creds, forcePathStyle: true, maxAttempts: 1 }));
    // The allowed call is the key's last use.
    const used = await new IAMClient({ region: 'us-east-1' }).send(new GetAccessKeyLastUsedCommand({ AccessKeyId: creds.accessKeyId }));
    expect(used.AccessKeyLastUsed?.ServiceName).toBe('s3');
  });

  it('answers each service its own AccessDenied: DynamoDB AccessDeniedException (400)', async () => {
    const creds = await readOnlyUser({});
    const ddb = new DynamoDBClient({ region: 'us-east-1', credentials: creds, maxAttempts: 1 });
    const e = await ddb.send(new ListTablesCommand({})).catch((x) => x);
    expect(e.name).toBe('AccessDeniedException');
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.message).toBe(`User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: dynamodb:ListTables on resource: * because no identity-based policy allows the dynamodb:ListTables action`);
    // GetCallerIdentity needs no permission.
    const sts = new STSClient({ region: 'us-east-1', credentials: creds });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/reader`);
  });

  it('reports an explicit deny and a permissions boundary in the message', async () => {
    const creds = await readOnlyUser({});
    const iam = new IAMClient({ region: 'us-east-1' });
    const doc = (effect: string, action: string) => JSON.stringify({ Version: '2012-10-17', Statement: { Effect: effect, Action: action, Resource: '*' } });
    await iam.send(new PutUserPolicyCommand({ UserName: 'reader', PolicyName: 'deny-get', PolicyDocument: doc('Deny', 's3:GetObject') }));
    const s3 = new S3Client({ region: 'us-east-1', credentials: creds, forcePathStyle: true, maxAttempts: 1 });
    const denied = await s3.send(new GetObjectCommand({ Bucket: 'reports', Key: 'q1.csv' })).catch((x) => x);
    expect(denied.message).toMatch(/with an explicit deny in an identity-based policy$/);
    await iam.send(new PutUserPolicyCommand({ UserName: 'reader', PolicyName: 'deny-get', PolicyDocument: doc('Allow', 'dynamodb:*') }));
    const boundary = await iam.send(new CreatePolicyCommand({ PolicyName: 'b', PolicyDocument: doc('Allow', 's3:*') }));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'reader', PermissionsBoundary: boundary.Policy?.Arn }));
    const ddb = new DynamoDBClient({ region: 'us-east-1', credentials: creds, maxAttempts: 1 });
    const e = await ddb.send(new CreateTableCommand({ TableName: 't', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' })).catch((x) => x);
    expect(e.message).toMatch(/because no permissions boundary allows the dynamodb:CreateTable action$/);
  });

  it('refuses a deactivated key with the service\'s invalid-key error', async () => {
    const creds = await readOnlyUser({});
    await new IAMClient({ region: 'us-east-1' }).send(new UpdateAccessKeyCommand({ UserName: 'reader', AccessKeyId: creds.accessKeyId, Status: 'Inactive' }));
    const s3 = new S3Client({ region: 'us-east-1', credentials: creds, forcePathStyle: true, maxAttempts: 1 });
    const e = await s3.send(new GetObjectCommand({ Bucket: 'reports', Key: 'q1.csv' })).catch((x) => x);
    expect(e.name).toBe('InvalidAccessKeyId');
    expect(e.$metadata.httpStatusCode).toBe(403);
  });

  it('authorizes AssumeRole against the trust policy and role sessions against the role policies', async () => {
    const creds = await readOnlyUser({});
    const iam = new IAMClient({ region: 'us-east-1' });
    const trustUser = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/reader` }, Action: 'sts:AssumeRole' } });
    const trustNobody = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' } });
    const writer = await iam.send(new CreateRoleCommand({ RoleName: 'writer', AssumeRolePolicyDocument: trustUser }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'writer', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }));
    const closed = await iam.send(new CreateRoleCommand({ RoleName: 'closed', AssumeRolePolicyDocument: trustNobody }));
    const sts = new STSClient({ region: 'us-east-1', credentials: creds, maxAttempts: 1 });
    const e = await sts.send(new AssumeRoleCommand({ RoleArn: closed.Role?.Arn, RoleSessionName: 'nope' })).catch((x) => x);
    expect(e.name).toBe('AccessDenied');
    expect(e.message).toBe(`User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/closed`);
    // The trust policy names the user itself: that is enough within the account.
    const session = await sts.send(new AssumeRoleCommand({ RoleArn: writer.Role?.Arn, RoleSessionName: 'write' }));
    const asRole = new S3Client({
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: session.Credentials!.AccessKeyId!, secretAccessKey: session.Credentials!.SecretAccessKey!, sessionToken: session.Credentials!.SessionToken },
    });
    await asRole.send(new PutObjectCommand({ Bucket: 'reports', Key: 'q2.csv', Body: 'x' }));
  });
});

describe('IAM enforcement through the server', () => {
  it('lets an S3 read-only user read and refuses its writes', async () => {
    const server = await startServer({ port: 0, iam: 'enforce' });
    try {
      const creds = await readOnlyUser({ endpoint: server.url });
      await expectReadNotWrite(new S3Client({ region: 'us-east-1', endpoint: server.url, credentials: creds, forcePathStyle: true, maxAttempts: 1 }));
    } finally {
      await server.stop();
    }
  });
});
