/**
 * Events flowing between services, as applications use them: an upload to
 * S3 notifies a queue or a function, a function emits a domain event, a rule
 * routes it. Every delivery goes through the core event loop, so
 * `await aws.settle()` is the one synchronisation point, with real timers
 * and under jest's fake timers alike.
 */
import { crc32 } from '@aws-crypto/crc32';
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import lambdaService from '../../services/lambda/index';
import { type MockAws, mockAws } from '../../src/mock';

const ACCOUNT = '123456789012';
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

/** The Lambda backend of this build: can it run a function? (It cannot until the Lambda service lands.) */
const lambdaCanInvoke =
  typeof (lambdaService.createBackend({ account: ACCOUNT, region: 'us-east-1', backends: { get: () => Promise.reject(new Error('unused')) } }) as { invoke?: unknown })
    .invoke === 'function';

/** A zip (stored, not deflated) holding `files`: what CreateFunction takes as ZipFile. */
function zipOf(files: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe('event wiring between services', () => {
  let aws: MockAws;
  const s3 = new S3Client({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  const eb = new EventBridgeClient({ region: 'us-east-1' });
  beforeEach(() => {
    aws = mockAws();
  });
  afterEach(() => {
    jest.useRealTimers();
    aws.stop();
  });

  const createQueue = async (QueueName: string) => (await sqs.send(new CreateQueueCommand({ QueueName }))).QueueUrl as string;
  /** A worker's loop body: long-poll, handle, delete. */
  const poll = async (QueueUrl: string, WaitTimeSeconds = 0) => {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds }));
    for (const m of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    return Messages.map((m) => JSON.parse(m.Body as string));
  };

  describe.each([
    ['real timers', false],
    ['jest fake timers', true],
  ])('with %s', (_name, fake) => {
    beforeEach(() => {
      if (fake) jest.useFakeTimers({ now: new Date('2030-06-01T09:00:00Z') });
    });

    it('S3 → SQS: a worker long-polling the queue gets the upload notification and reads the object', async () => {
      const uploads = await createQueue('uploads');
      await s3.send(new CreateBucketCommand({ Bucket: 'incoming' }));
      await s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket: 'incoming',
          NotificationConfiguration: { QueueConfigurations: [{ QueueArn: queueArn('uploads'), Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.csv' }] } } }] },
        }),
      );
      await aws.settle();
      expect(await poll(uploads)).toEqual([expect.objectContaining({ Event: 's3:TestEvent' })]);

      // The worker is already waiting when the upload happens.
      const waiting = poll(uploads, 20);
      await s3.send(new PutObjectCommand({ Bucket: 'incoming', Key: 'reports/2030 june.csv', Body: 'a,b\n1,2\n' }));
      await s3.send(new PutObjectCommand({ Bucket: 'incoming', Key: 'reports/readme.txt', Body: 'skip me' }));
      await aws.settle();
      const [notification] = await waiting;
      const record = notification.Records[0];
      expect(record.eventName).toBe('ObjectCreated:Put');
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      expect(key).toBe('reports/2030 june.csv');
      const obj = await s3.send(new GetObjectCommand({ Bucket: record.s3.bucket.name, Key: key }));
      expect(await obj.Body?.transformToString()).toBe('a,b\n1,2\n');
      expect(await poll(uploads)).toEqual([]);
    });

    it('EventBridge → SQS: an order service emits events, a rule routes the big orders to the billing queue', async () => {
      const billing = await createQueue('billing');
      await eb.send(new PutRuleCommand({ Name: 'big-orders', EventPattern: JSON.stringify({ source: ['shop.orders'], detail: { total: [{ numeric: ['>=', 100] }] } }) }));
      await eb.send(
        new PutTargetsCommand({
          Rule: 'big-orders',
          Targets: [{ Id: 'billing', Arn: queueArn('billing'), InputTransformer: { InputPathsMap: { id: '$.detail.id', total: '$.detail.total' }, InputTemplate: '{"order": <id>, "amount": <total>}' } }],
        }),
      );
      const placeOrder = (id: string, total: number) =>
        eb.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id, total }) }] }));
      await placeOrder('o-1', 250);
      await placeOrder('o-2', 20);
      await placeOrder('o-3', 100);
      await aws.settle();
      expect(await poll(billing)).toEqual([
        { order: 'o-1', amount: 250 },
        { order: 'o-3', amount: 100 },
      ]);
      const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: billing, AttributeNames: ['ApproximateNumberOfMessages'] }));
      expect(attrs.Attributes?.ApproximateNumberOfMessages).toBe('0');
    });
  });

  const withLambda = lambdaCanInvoke ? it : it.skip;
  withLambda(
    lambdaCanInvoke
      ? 'S3 → Lambda → EventBridge → SQS: an upload triggers a function that emits an event a rule routes to a queue'
      : 'S3 → Lambda → EventBridge → SQS (skipped: the Lambda backend has no invoke() in this build; enable once the Lambda service is merged)',
    async () => {
      const lambda = new LambdaClient({ region: 'us-east-1' });
      const processed = await createQueue('processed');
      await eb.send(new PutRuleCommand({ Name: 'thumbnails', EventPattern: JSON.stringify({ source: ['app.thumbnails'], 'detail-type': ['ThumbnailRequested'] }) }));
      await eb.send(new PutTargetsCommand({ Rule: 'thumbnails', Targets: [{ Id: 'q', Arn: queueArn('processed') }] }));
      const code = `
        const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');
        const eb = new EventBridgeClient({ region: 'us-east-1' });
        exports.handler = async (event) => {
          const entries = event.Records.map((r) => ({
            Source: 'app.thumbnails',
            DetailType: 'ThumbnailRequested',
            Detail: JSON.stringify({ bucket: r.s3.bucket.name, key: decodeURIComponent(r.s3.object.key.replace(/\\+/g, ' ')) }),
          }));
          await eb.send(new PutEventsCommand({ Entries: entries }));
        };`;
      const { FunctionArn } = await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'on-upload',
          Runtime: 'nodejs20.x',
          Role: `arn:aws:iam::${ACCOUNT}:role/lambda`,
          Handler: 'index.handler',
          Code: { ZipFile: zipOf({ 'index.js': code }) },
        }),
      );
      await s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
      await s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket: 'photos',
          NotificationConfiguration: { LambdaFunctionConfigurations: [{ LambdaFunctionArn: FunctionArn, Events: ['s3:ObjectCreated:Put'] }] },
        }),
      );
      await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'cats/tom 1.jpg', Body: 'jpeg' }));
      await aws.settle();
      const [event] = await poll(processed);
      expect(event).toMatchObject({ source: 'app.thumbnails', 'detail-type': 'ThumbnailRequested', detail: { bucket: 'photos', key: 'cats/tom 1.jpg' } });
    },
  );
});
