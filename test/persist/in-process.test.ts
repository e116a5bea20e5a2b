/**
 * mockAws({ stateDir }): state kept in a directory survives the mock, the
 * process-level equivalent of a server restart. Checked through the SDK in a
 * later mock reading the same directory, and by re-encoding: the restored
 * state encodes to the very same document (nothing lost, nothing renamed).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockAws } from '../../src/mock';
import { savedText } from './saved';

const region = 'us-east-1';
const s3 = new S3Client({ region });
const ddb = new DynamoDBClient({ region });
const ssm = new SSMClient({ region });
const iam = new IAMClient({ region });

describe('mockAws({ stateDir })', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps buckets, objects (large ones as blob files), tables, parameters and issued keys for the next mock', async () => {
    const big = Buffer.alloc(200 * 1024, 7);
    let issued = { accessKeyId: '', secretAccessKey: '' };
    const first = mockAws({ stateDir: dir });
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'kept' }));
      await s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'small.txt', Body: 'hello' }));
      await s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'big.bin', Body: big }));
      await ddb.send(
        new CreateTableCommand({
          TableName: 'orders',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: '1' }, n: { N: '42' } } }));
      await ssm.send(new PutParameterCommand({ Name: '/app/db', Value: 'postgres://', Type: 'String' }));
      await iam.send(new CreateUserCommand({ UserName: 'alice' }));
      const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
      issued = { accessKeyId: AccessKey?.AccessKeyId as string, secretAccessKey: AccessKey?.SecretAccessKey as string };
    } finally {
      await first.stop();
    }
    // Answered calls are on disk: no flush on stop needed.
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ format: 4 });
    const blobs = readdirSync(join(dir, 'blobs'));
    expect(blobs.length).toBeGreaterThan(0);
    expect(savedText(dir)).not.toContain(big.subarray(0, 3 * 1024).toString('base64'));

    const second = mockAws({ stateDir: dir });
    try {
      expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['kept']);
      const small = await s3.send(new GetObjectCommand({ Bucket: 'kept', Key: 'small.txt' }));
      expect(await small.Body?.transformToString()).toBe('hello');
      const large = await s3.send(new GetObjectCommand({ Bucket: 'kept', Key: 'big.bin' }));
      expect(Buffer.from((await large.Body?.transformToByteArray()) as Uint8Array).equals(big)).toBe(true);
      const item = await ddb.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: '1' } } }));
      expect(item.Item?.n).toEqual({ N: '42' });
      expect((await ssm.send(new GetParameterCommand({ Name: '/app/db' }))).Parameter?.Value).toBe('postgres://');
      // The key IAM issued still names its user (the credential store is part of the state).
      const who = await new STSClient({ region, credentials: issued }).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe('arn:aws:iam::123456789012:user/alice');
    } finally {
      await second.stop();
    }
  });

  it('empties the directory on reset()', async () => {
    const aws = mockAws({ stateDir: dir });
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'gone' }));
      await s3.send(new PutObjectCommand({ Bucket: 'gone', Key: 'big', Body: Buffer.alloc(100 * 1024, 1) }));
      expect(readdirSync(join(dir, 'blobs'))).toHaveLength(1);
      aws.reset();
      await s3.send(new ListBucketsCommand({})); // answered once the reset state is on disk
      expect(readdirSync(join(dir, 'blobs'))).toEqual([]);
    } finally {
      await aws.stop();
    }
    const next = mockAws({ stateDir: dir });
    try {
      expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
    } finally {
      await next.stop();
    }
  });

  it('refuses a directory written in a newer format, naming it', async () => {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 99, mockaws: '9.0.0' }));
    const aws = mockAws({ stateDir: dir });
    try {
      const err = await s3.send(new ListBucketsCommand({})).catch((e) => e);
      expect(err.message).toMatch(/format 99 \(written by mockaws 9\.0\.0\); this mockaws \(.+\) reads format 4 and older/);
    } finally {
      await aws.stop();
    }
  });
});
