/**
 * Events flowing between services, as applications use them: an upload to
 * S3 notifies a queue or a function, a function emits a domain event, a rule
 * routes it. Every delivery goes through the core event loop, so
 * `await aws.settle()` is the one synchronisation point, with real timers
 * and under jest's fake timers alike.
 */
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateFunctionCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type MockAws, mockAws } from '../../src/mock';
import { createLambdaRole, ROLE, zip } from '../services/lambda/support';

const ACCOUNT = '123456789012';
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;


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

  it(
    'S3 → Lambda → EventBridge → SQS: an upload triggers a function that emits an event a rule routes to a queue',
    async () => {
      const lambda = new LambdaClient({ region: 'us-east-1' });
      await createLambdaRole();
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
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: zip({ 'index.js': code }) },
        }),
      );
      // A new function is Pending for a moment, as on AWS: wait as a deployment would.
      await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 5, minDelay: 0.01 }, { FunctionName: 'on-upload' });
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
