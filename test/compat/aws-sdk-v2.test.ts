/**
 * The v2 `aws-sdk` under mockAws(): v2 clients are never hooked, so every
 * call here goes through the HTTP fallback (raw http/https interception) and
 * must satisfy v2's own response checks (DynamoDB's x-amz-crc32, SQS's
 * MD5OfMessageBody, the S3 managed upload's multipart flow).
 */
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import AWS from 'aws-sdk';
import { type MockAws, mockAws } from '../../src/mock';

const REGION = 'us-east-1';

/** Runs `fn` under a fresh mock, handing it the mock (each test owns its state). */
function withMock(fn: (m: MockAws) => Promise<void>): () => Promise<void> {
  return () => mockAws(fn);
}

/** The error a v2 `.promise()` rejects with. */
async function v2Error(promise: Promise<unknown>): Promise<AWS.AWSError> {
  try {
    await promise;
  } catch (error) {
    return error as AWS.AWSError;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

describe('aws-sdk v2 through the HTTP fallback', () => {
  describe('S3', () => {
    const s3 = () => new AWS.S3({ region: REGION });

    it(
      'creates a bucket, puts, heads, gets, lists and deletes objects',
      withMock(async (m) => {
        const client = s3();
        await client.createBucket({ Bucket: 'v2-bucket' }).promise();
        const put = await client
          .putObject({ Bucket: 'v2-bucket', Key: 'dir/a.txt', Body: 'hello v2', ContentType: 'text/plain' })
          .promise();
        expect(put.ETag).toBe(`"${createHash('md5').update('hello v2').digest('hex')}"`);

        const head = await client.headObject({ Bucket: 'v2-bucket', Key: 'dir/a.txt' }).promise();
        expect(head.ContentLength).toBe(8);
        expect(head.ContentType).toBe('text/plain');

        const got = await client.getObject({ Bucket: 'v2-bucket', Key: 'dir/a.txt' }).promise();
        expect(Buffer.isBuffer(got.Body)).toBe(true);
        expect((got.Body as Buffer).toString()).toBe('hello v2');
        expect(got.ETag).toBe(put.ETag);

        await client.putObject({ Bucket: 'v2-bucket', Key: 'dir/b.txt', Body: Buffer.from([0, 1, 2]) }).promise();
        const list = await client.listObjectsV2({ Bucket: 'v2-bucket', Prefix: 'dir/' }).promise();
        expect(list.KeyCount).toBe(2);
        expect(list.Contents?.map((o) => [o.Key, o.Size])).toEqual([
          ['dir/a.txt', 8],
          ['dir/b.txt', 3],
        ]);

        await client.deleteObject({ Bucket: 'v2-bucket', Key: 'dir/a.txt' }).promise();
        const after = await client.listObjectsV2({ Bucket: 'v2-bucket' }).promise();
        expect(after.Contents?.map((o) => o.Key)).toEqual(['dir/b.txt']);
        expect(m.calls({ service: 's3', operation: 'DeleteObject' })).toHaveLength(1);
      }),
    );

    it(
      'answers a missing key with NoSuchKey (404) and a missing bucket with NoSuchBucket',
      withMock(async () => {
        const client = s3();
        await client.createBucket({ Bucket: 'v2-errors' }).promise();
        const missingKey = await v2Error(client.getObject({ Bucket: 'v2-errors', Key: 'nope' }).promise());
        expect(missingKey.code).toBe('NoSuchKey');
        expect(missingKey.statusCode).toBe(404);
        const missingBucket = await v2Error(client.listObjectsV2({ Bucket: 'v2-no-such-bucket' }).promise());
        expect(missingBucket.code).toBe('NoSuchBucket');
        expect(missingBucket.statusCode).toBe(404);
        // HEAD has no body: v2 names the error from the status alone.
        const head = await v2Error(client.headObject({ Bucket: 'v2-errors', Key: 'nope' }).promise());
        expect(head.code).toBe('NotFound');
        expect(head.statusCode).toBe(404);
      }),
    );

    it(
      'uploads a large body with the managed multipart upload()',
      withMock(async (m) => {
        const client = s3();
        await client.createBucket({ Bucket: 'v2-upload' }).promise();
        const body = Buffer.alloc(11 * 1024 * 1024, 'x');
        body.write('start', 0);
        body.write('end', body.length - 3);
        const out = await client.upload({ Bucket: 'v2-upload', Key: 'big.bin', Body: body }).promise();
        expect(out.Key).toBe('big.bin');
        expect(out.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
        const parts = m.calls({ service: 's3', operation: 'UploadPart' });
        expect(parts).toHaveLength(3);
        expect(parts.map((p) => Number(p.request.headers['content-length']))).toEqual([5, 5, 1].map((n) => n * 1024 * 1024));
        // v2 waits for `100 Continue` with no timeout: the fallback must send it, or this hangs.
        expect(parts[0].request.headers.expect).toBe('100-continue');
        expect(m.calls({ service: 's3', operation: 'CompleteMultipartUpload' })).toHaveLength(1);

        // Streamed both ways: a Readable of unknown length up, createReadStream() down.
        await client.upload({ Bucket: 'v2-upload', Key: 'streamed.bin', Body: Readable.from([body]) }).promise();
        const chunks: Buffer[] = [];
        for await (const chunk of client.getObject({ Bucket: 'v2-upload', Key: 'streamed.bin' }).createReadStream()) {
          chunks.push(chunk as Buffer);
        }
        expect(Buffer.concat(chunks).equals(body)).toBe(true);
        const got = await client.getObject({ Bucket: 'v2-upload', Key: 'big.bin' }).promise();
        expect((got.Body as Buffer).equals(body)).toBe(true);
      }),
      30_000,
    );

    it(
      'serves v2 presigned GET URLs (SigV2 by default in us-east-1, and SigV4) fetched with fetch',
      withMock(async () => {
        const client = s3();
        await client.createBucket({ Bucket: 'v2-presign' }).promise();
        await client.putObject({ Bucket: 'v2-presign', Key: 'p.txt', Body: 'presigned v2' }).promise();
        const v2Url = client.getSignedUrl('getObject', { Bucket: 'v2-presign', Key: 'p.txt', Expires: 60 });
        expect(v2Url).toContain('Signature=');
        const v4Client = new AWS.S3({ region: REGION, signatureVersion: 'v4' });
        const v4Url = v4Client.getSignedUrl('getObject', { Bucket: 'v2-presign', Key: 'p.txt', Expires: 60 });
        expect(v4Url).toContain('X-Amz-Signature=');
        for (const url of [v2Url, v4Url]) {
          const res = await fetch(url);
          expect(res.status).toBe(200);
          expect(await res.text()).toBe('presigned v2');
        }

        const missing = await fetch(v4Client.getSignedUrl('getObject', { Bucket: 'v2-presign', Key: 'gone' }));
        expect(missing.status).toBe(404);
        expect(await missing.text()).toContain('<Code>NoSuchKey</Code>');
      }),
    );
  });

  describe('region and addressing', () => {
    it('takes the mock region when a client names none, virtual-hosted and path-style', async () => {
      await mockAws({ region: 'eu-west-1' }, async (m) => {
        const s3 = new AWS.S3();
        expect(s3.config.region).toBe('eu-west-1');
        // Outside us-east-1, v2 sends the region as the LocationConstraint.
        await s3.createBucket({ Bucket: 'v2-eu' }).promise();
        const [create] = m.calls({ service: 's3', operation: 'CreateBucket' });
        expect(create.region).toBe('eu-west-1');
        const location = await s3.getBucketLocation({ Bucket: 'v2-eu' }).promise();
        expect(location.LocationConstraint).toBe('eu-west-1');

        const pathStyle = new AWS.S3({ s3ForcePathStyle: true });
        await pathStyle.putObject({ Bucket: 'v2-eu', Key: 'k', Body: 'path style' }).promise();
        const got = await s3.getObject({ Bucket: 'v2-eu', Key: 'k' }).promise();
        expect(String(got.Body)).toBe('path style');
        const [put] = m.calls({ service: 's3', operation: 'PutObject' });
        expect(put.request.url.host).toBe('s3.eu-west-1.amazonaws.com');

        const { QueueUrl } = await new AWS.SQS().createQueue({ QueueName: 'v2-eu-queue' }).promise();
        expect(QueueUrl).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/v2-eu-queue');
      });
    });
  });

  describe('DynamoDB', () => {
    const ddb = () => new AWS.DynamoDB({ region: REGION });

    async function createTable(client: AWS.DynamoDB, name: string): Promise<void> {
      await client
        .createTable({
          TableName: name,
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'N' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        })
        .promise();
    }

    it(
      'creates a table, puts, gets and queries items (v2 checks x-amz-crc32)',
      withMock(async () => {
        const client = ddb();
        await createTable(client, 'v2-table');
        const described = await client.describeTable({ TableName: 'v2-table' }).promise();
        expect(described.Table?.TableStatus).toBe('ACTIVE');
        for (const sk of [1, 2, 3]) {
          await client
            .putItem({ TableName: 'v2-table', Item: { pk: { S: 'a' }, sk: { N: String(sk) }, v: { S: `v${sk}` } } })
            .promise();
        }
        const request = client.getItem({ TableName: 'v2-table', Key: { pk: { S: 'a' }, sk: { N: '2' } } });
        let received: AWS.HttpResponse | undefined;
        request.on('complete', (response) => {
          received = response.httpResponse;
        });
        const got = await request.promise();
        expect(got.Item).toEqual({ pk: { S: 'a' }, sk: { N: '2' }, v: { S: 'v2' } });
        // The header was there and v2 checked it (an absent header passes v2's check unchecked).
        const { headers, body } = received!;
        expect(headers['x-amz-crc32']).toBe(String(crc32(body as Buffer)));

        const queried = await client
          .query({
            TableName: 'v2-table',
            KeyConditionExpression: 'pk = :pk AND sk > :min',
            ExpressionAttributeValues: { ':pk': { S: 'a' }, ':min': { N: '1' } },
            ScanIndexForward: false,
          })
          .promise();
        expect(queried.Count).toBe(2);
        expect(queried.Items?.map((i) => i.sk.N)).toEqual(['3', '2']);
      }),
    );

    it(
      'fails a failed condition with ConditionalCheckFailedException and a missing table with ResourceNotFoundException',
      withMock(async () => {
        const client = ddb();
        await createTable(client, 'v2-cond');
        const item = { pk: { S: 'x' }, sk: { N: '1' } };
        await client.putItem({ TableName: 'v2-cond', Item: item }).promise();
        const failed = await v2Error(
          client
            .putItem({ TableName: 'v2-cond', Item: item, ConditionExpression: 'attribute_not_exists(pk)' })
            .promise(),
        );
        expect(failed.code).toBe('ConditionalCheckFailedException');
        expect(failed.statusCode).toBe(400);
        expect(failed.retryable).toBe(false);

        const missing = await v2Error(client.getItem({ TableName: 'v2-nope', Key: item }).promise());
        expect(missing.code).toBe('ResourceNotFoundException');
        expect(missing.statusCode).toBe(400);
      }),
    );

    it(
      'works through the DocumentClient',
      withMock(async () => {
        await createTable(ddb(), 'v2-doc');
        const doc = new AWS.DynamoDB.DocumentClient({ region: REGION });
        await doc.put({ TableName: 'v2-doc', Item: { pk: 'd', sk: 1, tags: ['a', 'b'], nested: { n: 5 } } }).promise();
        await doc.put({ TableName: 'v2-doc', Item: { pk: 'd', sk: 2, flag: true } }).promise();
        const got = await doc.get({ TableName: 'v2-doc', Key: { pk: 'd', sk: 1 } }).promise();
        expect(got.Item).toEqual({ pk: 'd', sk: 1, tags: ['a', 'b'], nested: { n: 5 } });

        const updated = await doc
          .update({
            TableName: 'v2-doc',
            Key: { pk: 'd', sk: 2 },
            UpdateExpression: 'SET #c = if_not_exists(#c, :zero) + :one',
            ExpressionAttributeNames: { '#c': 'count' },
            ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
            ReturnValues: 'ALL_NEW',
          })
          .promise();
        expect(updated.Attributes).toEqual({ pk: 'd', sk: 2, flag: true, count: 1 });

        const queried = await doc
          .query({ TableName: 'v2-doc', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'd' } })
          .promise();
        expect(queried.Items?.map((i) => i.sk)).toEqual([1, 2]);

        const failed = await v2Error(
          doc.delete({ TableName: 'v2-doc', Key: { pk: 'd', sk: 1 }, ConditionExpression: 'attribute_not_exists(pk)' }).promise(),
        );
        expect(failed.code).toBe('ConditionalCheckFailedException');
      }),
    );
  });

  describe('SQS (JSON protocol in v2 2.1693)', () => {
    const sqs = () => new AWS.SQS({ region: REGION });

    it(
      'creates a queue, sends (v2 checks MD5OfMessageBody), receives and deletes',
      withMock(async (m) => {
        const client = sqs();
        const { QueueUrl } = await client.createQueue({ QueueName: 'v2-queue' }).promise();
        expect(QueueUrl).toMatch(/\/123456789012\/v2-queue$/);
        const sent = await client
          .sendMessage({
            QueueUrl: QueueUrl!,
            MessageBody: 'hello queue',
            MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } },
          })
          .promise();
        expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('hello queue').digest('hex'));
        expect(sent.MessageId).toBeTruthy();

        const batch = await client
          .sendMessageBatch({
            QueueUrl: QueueUrl!,
            Entries: [
              { Id: 'one', MessageBody: 'b1' },
              { Id: 'two', MessageBody: 'b2' },
            ],
          })
          .promise();
        expect(batch.Successful.map((e) => e.Id).sort()).toEqual(['one', 'two']);

        const received = await client
          .receiveMessage({ QueueUrl: QueueUrl!, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] })
          .promise();
        expect(received.Messages?.map((msg) => msg.Body).sort()).toEqual(['b1', 'b2', 'hello queue']);
        const first = received.Messages!.find((msg) => msg.Body === 'hello queue')!;
        expect(first.MessageAttributes?.kind.StringValue).toBe('greeting');

        for (const msg of received.Messages!) {
          await client.deleteMessage({ QueueUrl: QueueUrl!, ReceiptHandle: msg.ReceiptHandle! }).promise();
        }
        const attrs = await client
          .getQueueAttributes({ QueueUrl: QueueUrl!, AttributeNames: ['ApproximateNumberOfMessages'] })
          .promise();
        expect(attrs.Attributes?.ApproximateNumberOfMessages).toBe('0');
        // v2 speaks the JSON protocol to SQS: the fake saw an X-Amz-Target request.
        const [call] = m.calls({ service: 'sqs', operation: 'SendMessage' });
        expect(call.request.headers['x-amz-target']).toBe('AmazonSQS.SendMessage');
      }),
    );

    it(
      'answers a missing queue with QueueDoesNotExist',
      withMock(async () => {
        const client = sqs();
        const err = await v2Error(client.getQueueUrl({ QueueName: 'v2-missing' }).promise());
        expect(err.code).toBe('AWS.SimpleQueueService.NonExistentQueue');
        expect(err.statusCode).toBe(400);
        const send = await v2Error(
          client
            .sendMessage({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/v2-missing', MessageBody: 'x' })
            .promise(),
        );
        expect(send.code).toBe('AWS.SimpleQueueService.NonExistentQueue');
      }),
    );
  });

  describe('SNS (query protocol)', () => {
    it(
      'publishes to a topic and delivers the envelope to a subscribed SQS queue',
      withMock(async () => {
        const sns = new AWS.SNS({ region: REGION });
        const sqs = new AWS.SQS({ region: REGION });
        const { TopicArn } = await sns.createTopic({ Name: 'v2-topic' }).promise();
        expect(TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:v2-topic');
        const { QueueUrl } = await sqs.createQueue({ QueueName: 'v2-sub' }).promise();
        const { Attributes } = await sqs
          .getQueueAttributes({ QueueUrl: QueueUrl!, AttributeNames: ['QueueArn'] })
          .promise();
        const sub = await sns
          .subscribe({ TopicArn: TopicArn!, Protocol: 'sqs', Endpoint: Attributes!.QueueArn })
          .promise();
        expect(sub.SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:123456789012:v2-topic:/);

        const published = await sns
          .publish({
            TopicArn: TopicArn!,
            Message: 'hello subscribers',
            Subject: 'greeting',
            MessageAttributes: { kind: { DataType: 'String', StringValue: 'test' } },
          })
          .promise();
        expect(published.MessageId).toBeTruthy();

        const { Messages } = await sqs.receiveMessage({ QueueUrl: QueueUrl!, MaxNumberOfMessages: 10 }).promise();
        expect(Messages).toHaveLength(1);
        const envelope = JSON.parse(Messages![0].Body!);
        expect(envelope).toMatchObject({
          Type: 'Notification',
          MessageId: published.MessageId,
          TopicArn,
          Subject: 'greeting',
          Message: 'hello subscribers',
          MessageAttributes: { kind: { Type: 'String', Value: 'test' } },
        });

        const err = await v2Error(
          sns.publish({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:v2-none', Message: 'x' }).promise(),
        );
        expect(err.code).toBe('NotFound');
        expect(err.statusCode).toBe(404);
      }),
    );
  });

  describe('STS and CloudWatch (query protocol)', () => {
    it(
      'answers getCallerIdentity',
      withMock(async () => {
        const out = await new AWS.STS({ region: REGION }).getCallerIdentity().promise();
        expect(out).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' });
      }),
    );

    it(
      'routes and parses a CloudWatch putMetricData, answering an AWS-shaped error',
      withMock(async (m) => {
        // v2 retries every 5xx; no retries keeps the NotImplemented answer quick.
        const cw = new AWS.CloudWatch({ region: REGION, maxRetries: 0 });
        const result = cw
          .putMetricData({
            Namespace: 'v2/app',
            MetricData: [{ MetricName: 'latency', Value: 12.5, Unit: 'Milliseconds', Dimensions: [{ Name: 'op', Value: 'get' }] }],
          })
          .promise();
        const handled = await result.then(
          () => 'ok' as const,
          (error: AWS.AWSError) => error,
        );
        if (handled === 'ok') {
          // cloudwatch gained a handler: then the metric must be readable back.
          const listed = await cw.listMetrics({ Namespace: 'v2/app' }).promise();
          expect(listed.Metrics?.map((metric) => metric.MetricName)).toEqual(['latency']);
        } else {
          expect(handled.code).toBe('NotImplemented');
          expect(handled.statusCode).toBe(501);
        }
        const [parsed, ...more] = m.calls({ service: 'cloudwatch', operation: 'PutMetricData' });
        expect(more).toHaveLength(0);
        expect(parsed.input).toMatchObject({
          Namespace: 'v2/app',
          MetricData: [{ MetricName: 'latency', Value: 12.5, Unit: 'Milliseconds', Dimensions: [{ Name: 'op', Value: 'get' }] }],
        });
      }),
    );
  });
});
