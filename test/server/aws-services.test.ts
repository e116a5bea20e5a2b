import { Agent } from 'node:http';
import type { LookupAddress } from 'node:dns';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { clientConfig, useServer } from './support/server-fixture';

describe('AWS services over the server', () => {
  const server = useServer();
  afterEach(async () => {
    await fetch(`${server().url}/_mockaws/reset`, { method: 'POST' });
  });

  describe('S3', () => {
    const s3 = () => new S3Client({ ...clientConfig(server()), forcePathStyle: true });

    it('stores and lists objects, path style', async () => {
      await s3().send(new CreateBucketCommand({ Bucket: 'photos' }));
      await s3().send(new PutObjectCommand({ Bucket: 'photos', Key: 'cats/1.jpg', Body: 'meow', ContentType: 'image/jpeg' }));
      const got = await s3().send(new GetObjectCommand({ Bucket: 'photos', Key: 'cats/1.jpg' }));
      expect(await got.Body?.transformToString()).toBe('meow');
      expect(got.ContentType).toBe('image/jpeg');
      const list = await s3().send(new ListObjectsV2Command({ Bucket: 'photos' }));
      expect(list.Contents?.map((o) => o.Key)).toEqual(['cats/1.jpg']);
    });

    it('answers HEAD of a missing key with an empty 404 the SDK reads as NotFound', async () => {
      await s3().send(new CreateBucketCommand({ Bucket: 'photos' }));
      const err = await s3().send(new HeadObjectCommand({ Bucket: 'photos', Key: 'nope' })).catch((e) => e);
      expect(err.name).toBe('NotFound');
      expect(err.$metadata.httpStatusCode).toBe(404);
      const get = await s3().send(new GetObjectCommand({ Bucket: 'photos', Key: 'nope' })).catch((e) => e);
      expect(get.name).toBe('NoSuchKey');
    });

    it('takes a large upload sent with Expect: 100-continue and streams it back intact', async () => {
      const expects: Array<string | undefined> = [];
      const off = server().dispatcher.onCall((e) => expects.push(e.request.headers.expect));
      try {
        const big = Buffer.alloc(6 * 1024 * 1024);
        for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
        await s3().send(new CreateBucketCommand({ Bucket: 'big' }));
        await s3().send(new PutObjectCommand({ Bucket: 'big', Key: 'blob', Body: big }));
        const got = await s3().send(new GetObjectCommand({ Bucket: 'big', Key: 'blob' }));
        expect(got.ContentLength).toBe(big.length);
        expect(Buffer.from(await got.Body!.transformToByteArray()).equals(big)).toBe(true);
      } finally {
        off();
      }
      expect(expects[1]).toBe('100-continue');
    });

    it('serves a presigned GET URL to plain fetch', async () => {
      await s3().send(new CreateBucketCommand({ Bucket: 'shared' }));
      await s3().send(new PutObjectCommand({ Bucket: 'shared', Key: 'note.txt', Body: 'hi there' }));
      const url = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'shared', Key: 'note.txt' }), { expiresIn: 60 });
      expect(url.startsWith(`${server().url}/shared/note.txt?`)).toBe(true);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('hi there');
      // S3's CORS headers come from bucket rules only (security.test.ts).
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('passes a virtual-host Host (bucket.localhost:PORT) through to S3 routing', async () => {
      // glibc does not resolve *.localhost, so the client's agent resolves it to loopback.
      const lookup = (_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) =>
        opts.all ? cb(null, [{ address: '127.0.0.1', family: 4 } satisfies LookupAddress]) : cb(null, '127.0.0.1', 4);
      const vhost = new S3Client({
        ...clientConfig(server()),
        endpoint: `http://localhost:${server().port}`,
        requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ lookup } as never) }),
      });
      const hosts: string[] = [];
      const off = server().dispatcher.onCall((e) => hosts.push(e.request.url.host));
      try {
        await vhost.send(new CreateBucketCommand({ Bucket: 'vhosted' }));
        await vhost.send(new PutObjectCommand({ Bucket: 'vhosted', Key: 'k', Body: 'v' }));
        const got = await s3().send(new GetObjectCommand({ Bucket: 'vhosted', Key: 'k' }));
        expect(await got.Body?.transformToString()).toBe('v');
      } finally {
        off();
      }
      expect(hosts.slice(0, 2)).toEqual([`vhosted.localhost:${server().port}`, `vhosted.localhost:${server().port}`]);
    });
  });

  describe('SQS', () => {
    const sqs = () => new SQSClient(clientConfig(server()));

    it('sends, receives and deletes through queue URLs that point at the server', async () => {
      const { QueueUrl } = await sqs().send(new CreateQueueCommand({ QueueName: 'jobs' }));
      expect(QueueUrl).toBe(`${server().url}/123456789012/jobs`);
      expect((await sqs().send(new GetQueueUrlCommand({ QueueName: 'jobs' }))).QueueUrl).toBe(QueueUrl);
      await sqs().send(new SendMessageCommand({ QueueUrl, MessageBody: 'job-1' }));
      const got = await sqs().send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 30 }));
      expect(got.Messages?.map((m) => m.Body)).toEqual(['job-1']);
      // Hidden for its visibility timeout.
      expect((await sqs().send(new ReceiveMessageCommand({ QueueUrl }))).Messages ?? []).toEqual([]);
      await sqs().send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: got.Messages![0].ReceiptHandle }));
    });

    it('answers a missing queue with QueueDoesNotExist', async () => {
      const err = await sqs().send(new GetQueueUrlCommand({ QueueName: 'missing' })).catch((e) => e);
      expect(err.name).toBe('QueueDoesNotExist');
      expect(err.$metadata.httpStatusCode).toBe(400);
    });
  });

  describe('DynamoDB', () => {
    const ddb = () => new DynamoDBClient(clientConfig(server()));
    const createTable = () =>
      ddb().send(
        new CreateTableCommand({
          TableName: 'users',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );

    it('puts, gets and queries items', async () => {
      await createTable();
      for (const sk of ['b', 'a', 'c']) {
        await ddb().send(new PutItemCommand({ TableName: 'users', Item: { pk: { S: 'u1' }, sk: { S: sk } } }));
      }
      const item = await ddb().send(new GetItemCommand({ TableName: 'users', Key: { pk: { S: 'u1' }, sk: { S: 'a' } } }));
      expect(item.Item).toEqual({ pk: { S: 'u1' }, sk: { S: 'a' } });
      const q = await ddb().send(
        new QueryCommand({
          TableName: 'users',
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'u1' } },
        }),
      );
      expect(q.Items?.map((i) => i.sk.S)).toEqual(['a', 'b', 'c']);
    });

    it('raises ConditionalCheckFailedException across the wire', async () => {
      await createTable();
      const put = () =>
        ddb().send(
          new PutItemCommand({
            TableName: 'users',
            Item: { pk: { S: 'u1' }, sk: { S: 'a' } },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      await put();
      const err = await put().catch((e) => e);
      expect(err).toBeInstanceOf(ConditionalCheckFailedException);
      expect(err.$metadata.httpStatusCode).toBe(400);
    });
  });
});
