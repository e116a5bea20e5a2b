/**
 * aws.snapshot() / aws.restore(snapshot): a fixture built once and put back
 * before each test. Checked through the SDK: what was there at the snapshot
 * is there again, what came after is gone, a snapshot restores any number of
 * times and under a later mock, and live machinery (Lambda's SQS pollers)
 * works on the restored state.
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { AdminDeleteUserCommand, GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockAws } from '../../src/mock';
import { createConfirmedUser, createPool, idp, PASSWORD } from '../services/cognitoidp/support';
import { createLambdaRole, createNodeFunction, eventually, lambdaClient } from '../services/lambda/support';

const region = 'us-east-1';
const s3 = new S3Client({ region });
const ddb = new DynamoDBClient({ region });
const sqs = new SQSClient({ region });

async function buildFixture(): Promise<string> {
  await s3.send(new CreateBucketCommand({ Bucket: 'fixture-bucket' }));
  await s3.send(new PutObjectCommand({ Bucket: 'fixture-bucket', Key: 'a.txt', Body: 'original' }));
  await ddb.send(
    new CreateTableCommand({
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: '1' }, status: { S: 'new' } } }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'jobs' }));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'job-1' }));
  return QueueUrl as string;
}

const text = async (key: string) => (await s3.send(new GetObjectCommand({ Bucket: 'fixture-bucket', Key: key }))).Body?.transformToString();
const status = async () => (await ddb.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: '1' } } }))).Item?.status?.S;
const visible = async (QueueUrl: string) =>
  (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes
    ?.ApproximateNumberOfMessages;

describe('snapshot and restore', () => {
  it('puts back what the snapshot held and forgets what came after, as often as asked', async () => {
    const aws = mockAws();
    try {
      const queueUrl = await buildFixture();
      const fixture = await aws.snapshot();
      for (let round = 0; round < 2; round++) {
        await s3.send(new PutObjectCommand({ Bucket: 'fixture-bucket', Key: 'a.txt', Body: 'changed' }));
        await s3.send(new PutObjectCommand({ Bucket: 'fixture-bucket', Key: 'b.txt', Body: 'new' }));
        await s3.send(new CreateBucketCommand({ Bucket: 'later-bucket' }));
        await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: '1' }, status: { S: 'shipped' } } }));
        await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 300 }));
        expect([await text('a.txt'), await status(), await visible(queueUrl)]).toEqual(['changed', 'shipped', '0']);

        aws.restore(fixture);
        expect([await text('a.txt'), await status(), await visible(queueUrl)]).toEqual(['original', 'new', '1']);
        const missing = await s3.send(new GetObjectCommand({ Bucket: 'fixture-bucket', Key: 'b.txt' })).catch((e) => e);
        expect(missing.name).toBe('NoSuchKey');
        const buckets = (await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name);
        expect(buckets).toEqual(['fixture-bucket']);
      }
      // The global bucket namespace came back with the buckets: a name freed by the restore is free.
      await s3.send(new CreateBucketCommand({ Bucket: 'later-bucket' }));
      const taken = await new S3Client({ region, credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' } })
        .send(new CreateBucketCommand({ Bucket: 'fixture-bucket' }))
        .catch((e) => e);
      expect(taken.name).toBe('BucketAlreadyExists');
    } finally {
      aws.stop();
    }
  });

  it('restores under a later mock, with the credentials IAM issued before the snapshot', async () => {
    const first = mockAws();
    let fixture: Awaited<ReturnType<typeof first.snapshot>>;
    let key: { AccessKeyId?: string; SecretAccessKey?: string } | undefined;
    try {
      await buildFixture();
      const iam = new IAMClient({ region });
      await iam.send(new CreateUserCommand({ UserName: 'ann' }));
      key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ann' }))).AccessKey;
      fixture = await first.snapshot();
    } finally {
      first.stop();
    }
    const second = mockAws();
    try {
      expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
      second.restore(fixture);
      expect([await text('a.txt'), await status()]).toEqual(['original', 'new']);
      const sts = new STSClient({ region, credentials: { accessKeyId: key?.AccessKeyId as string, secretAccessKey: key?.SecretAccessKey as string } });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::123456789012:user/ann');
    } finally {
      second.stop();
    }
  });

  it('re-arms a Lambda SQS event source mapping on the restored state', async () => {
    const aws = mockAws();
    try {
      await createLambdaRole();
      const lambda = lambdaClient();
      await createNodeFunction(lambda, 'worker', {
        'index.js': "exports.handler = async (e) => { console.log('got ' + e.Records.map((r) => r.body).join(',')); return {}; };",
      });
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'work' }));
      const arn = `arn:aws:sqs:${region}:123456789012:work`;
      await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'worker', EventSourceArn: arn, BatchSize: 1 }));
      const fixture = await aws.snapshot();
      aws.restore(fixture);
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'after-restore' }));
      // Consumed and deleted by the restored mapping's poller: neither visible nor in flight.
      await eventually(async () => {
        const attrs = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
        );
        expect(attrs.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
      });
    } finally {
      aws.stop();
    }
  });

  it('carries Cognito users and their keys: a user created before the snapshot signs in after a restore, and tokens verify', async () => {
    const aws = mockAws();
    try {
      const cognito = idp();
      const { poolId, clientId } = await createPool(cognito);
      await createConfirmedUser(cognito, poolId, 'kim');
      const fixture = await aws.snapshot();
      await cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'kim' }));
      aws.restore(fixture);
      const auth = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'kim', PASSWORD } }),
      );
      const me = await cognito.send(new GetUserCommand({ AccessToken: auth.AuthenticationResult?.AccessToken }));
      expect(me.Username).toBe('kim');
    } finally {
      aws.stop();
    }
  });

  it('keeps restore() without a snapshot as stop(), and refuses anything else', async () => {
    const aws = mockAws();
    expect(() => aws.restore({ kind: 'mockaws-snapshot' })).toThrow('mockaws: restore() takes what snapshot() returned');
    aws.restore();
    expect(aws.active).toBe(false);
  });
});
