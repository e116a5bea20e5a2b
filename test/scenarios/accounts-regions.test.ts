/**
 * Scenario: the cross-cutting facts real programs lean on: clients built at
 * module load, before mockAws() runs; state kept apart per region and per
 * account (a 12-digit access key id is a second account); reset() between
 * phases of one test run.
 */

import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueUrlCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockAws } from '../../src/index';

// Built before any mock exists, as an app module's top-level singletons are.
const earlyS3 = new S3Client({ region: 'us-east-1' });
const earlySqs = new SQSClient({});
const secondAccount = { accessKeyId: '111122223333', secretAccessKey: 'any-secret' };
const otherSqs = new SQSClient({ region: 'us-east-1', credentials: secondAccount });
const otherSts = new STSClient({ region: 'us-east-1', credentials: secondAccount });

const m = mockAws();
afterAll(() => m.stop());

async function table(client: DynamoDBClient, TableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
}

describe('clients created before mockAws()', () => {
  afterEach(() => m.reset());

  it('are captured, with or without a region of their own', async () => {
    await earlyS3.send(new CreateBucketCommand({ Bucket: 'early' }));
    await earlyS3.send(new PutObjectCommand({ Bucket: 'early', Key: 'k', Body: 'v' }));
    const got = await earlyS3.send(new GetObjectCommand({ Bucket: 'early', Key: 'k' }));
    expect(await got.Body!.transformToString()).toBe('v');
    const url = (await earlySqs.send(new CreateQueueCommand({ QueueName: 'early' }))).QueueUrl!;
    expect(url).toBe(`https://sqs.${m.region}.amazonaws.com/123456789012/early`);
    expect(m.calls({ service: 'sqs' })).toHaveLength(1);
  });
});

describe('regions and accounts', () => {
  afterEach(() => m.reset());

  it('keeps regional state apart, while bucket names stay global', async () => {
    const east = new DynamoDBClient({ region: 'us-east-1' });
    const west = new DynamoDBClient({ region: 'eu-west-1' });
    await table(east, 'only-east');
    await table(west, 'only-west');
    expect((await east.send(new ListTablesCommand({}))).TableNames).toEqual(['only-east']);
    expect((await west.send(new ListTablesCommand({}))).TableNames).toEqual(['only-west']);

    const s3West = new S3Client({ region: 'eu-west-1' });
    await s3West.send(new CreateBucketCommand({ Bucket: 'west-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await expect(earlyS3.send(new CreateBucketCommand({ Bucket: 'west-bucket' }))).rejects.toMatchObject({
      name: 'BucketAlreadyOwnedByYou',
      $metadata: { httpStatusCode: 409 },
    });
    await s3West.send(new PutObjectCommand({ Bucket: 'west-bucket', Key: 'k', Body: 'w' }));
    const listed = await earlyS3.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((b) => b.Name)).toEqual(['west-bucket']);
  });

  it('treats a 12-digit access key id as another account with its own state', async () => {
    expect((await otherSts.send(new GetCallerIdentityCommand({}))).Account).toBe('111122223333');
    expect((await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');

    const mine = (await earlySqs.send(new CreateQueueCommand({ QueueName: 'shared-name' }))).QueueUrl!;
    const theirs = (await otherSqs.send(new CreateQueueCommand({ QueueName: 'shared-name' }))).QueueUrl!;
    expect(mine).toContain('/123456789012/shared-name');
    expect(theirs).toContain('/111122223333/shared-name');
    await otherSqs.send(new CreateQueueCommand({ QueueName: 'theirs-only' }));
    expect((await earlySqs.send(new ListQueuesCommand({}))).QueueUrls).toEqual([mine]);
    await expect(earlySqs.send(new GetQueueUrlCommand({ QueueName: 'theirs-only' }))).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });

    const otherS3 = new S3Client({ region: 'us-east-1', credentials: secondAccount });
    await otherS3.send(new CreateBucketCommand({ Bucket: 'taken-by-them' }));
    await expect(earlyS3.send(new CreateBucketCommand({ Bucket: 'taken-by-them' }))).rejects.toMatchObject({
      name: 'BucketAlreadyExists',
      $metadata: { httpStatusCode: 409 },
    });
    expect((await earlyS3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  });
});

describe('reset() between phases', () => {
  it('drops state and the journal, keeps the mock active', async () => {
    const ddb = new DynamoDBClient({ region: 'us-east-1' });
    await table(ddb, 'phase-one');
    await earlyS3.send(new CreateBucketCommand({ Bucket: 'phase-one' }));
    expect(m.calls().length).toBeGreaterThan(0);
    m.reset();
    expect(m.calls()).toEqual([]);
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    expect((await earlyS3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
    await table(ddb, 'phase-one');
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toEqual(['phase-one']);
    m.reset();
  });
});
