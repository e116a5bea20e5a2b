import { CreateTableCommand, DynamoDBClient, PutItemCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { type Batch, eventually, lambdaClient, recorder, useLambdaRole } from './support';

const ACCOUNT = '123456789012';
const FN_ARN = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;

describe('Lambda triggers', () => {
  const m = useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();
  const sqs = new SQSClient({ region: 'us-east-1' });
  const ddb = new DynamoDBClient({ region: 'us-east-1' });
  const kms = new KMSClient({ region: 'us-east-1' });

  const record = (name: string, respond?: (batch: Batch) => unknown) => recorder(m, lambda, name, respond);

  async function queue(name: string, attributes: Record<string, string> = {}) {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    return { url: QueueUrl as string, arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}` };
  }

  async function depth(url: string) {
    const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return Number(out.Attributes?.ApproximateNumberOfMessages) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible);
  }

  describe('SQS', () => {
    it('delivers in batches of BatchSize with the SQS event shape and deletes what the function handled', async () => {
      const q = await queue('jobs');
      const batches = await record('worker');
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries: Array.from({ length: 7 }, (_, i) => ({ Id: `m${i}`, MessageBody: `job ${i}`, MessageAttributes: { kind: { DataType: 'String', StringValue: 'k' } } })) }));
      const mapping = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'worker', EventSourceArn: q.arn, BatchSize: 5 }));
      expect(mapping).toMatchObject({ State: 'Creating', BatchSize: 5, EventSourceArn: q.arn, FunctionArn: FN_ARN('worker'), MaximumBatchingWindowInSeconds: 0 });
      await eventually(async () => expect(await depth(q.url)).toBe(0));
      expect(batches.map((b) => b.Records.length)).toEqual([5, 2]);
      const rec = batches[0].Records[0];
      expect(rec).toMatchObject({
        body: 'job 0',
        eventSource: 'aws:sqs',
        eventSourceARN: q.arn,
        awsRegion: 'us-east-1',
        attributes: { ApproximateReceiveCount: '1', SenderId: expect.any(String) },
        messageAttributes: { kind: { stringValue: 'k', dataType: 'String', stringListValues: [], binaryListValues: [] } },
      });
      expect(rec.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
      expect((await lambda.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID }))).State).toBe('Enabled');
    });

    it('hands the function the plaintext of an SSE-KMS queue, opened through KMS', async () => {
      const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
      const keyId = KeyMetadata?.KeyId as string;
      const q = await queue('sealed-jobs', { KmsMasterKeyId: keyId });
      const batches = await record('sealed-worker');
      await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'secret job' }));
      await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'sealed-worker', EventSourceArn: q.arn, BatchSize: 1 }));
      await eventually(async () => expect(await depth(q.url)).toBe(0));
      expect(batches.map((b) => b.Records.map((r) => r.body))).toEqual([['secret job']]);
    });

    it('keeps only the messages named in batchItemFailures, which redrive to the dead-letter queue', async () => {
      const dlq = await queue('dead');
      const q = await queue('work', { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }) });
      const batches = await record('partial', (batch) => ({
        batchItemFailures: batch.Records.filter((r) => r.body === 'bad').map((r) => ({ itemIdentifier: r.messageId })),
      }));
      await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'good' }));
      await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'bad' }));
      await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'partial', EventSourceArn: q.arn, FunctionResponseTypes: ['ReportBatchItemFailures'] }));
      await eventually(async () => {
        const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url }));
        expect(got.Messages?.map((x) => x.Body)).toEqual(['bad']);
      }, 4000);
      expect(await depth(q.url)).toBe(0);
      expect(batches[0].Records.map((r) => r.body).sort()).toEqual(['bad', 'good']);
    });

    it('waits up to the batching window for a full batch', async () => {
      const q = await queue('windowed');
      const batches = await record('patient');
      await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'patient', EventSourceArn: q.arn, BatchSize: 10, MaximumBatchingWindowInSeconds: 1 }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries: [0, 1, 2].map((i) => ({ Id: `m${i}`, MessageBody: `m${i}` })) }));
      const sent = Date.now();
      await new Promise((r) => setTimeout(r, 400));
      expect(batches).toHaveLength(0);
      await eventually(() => expect(batches).toHaveLength(1));
      expect(Date.now() - sent).toBeGreaterThanOrEqual(900);
      expect(batches[0].Records).toHaveLength(3);
    });

    it('keeps at most MaximumConcurrency batches in flight', async () => {
      const q = await queue('wide');
      let running = 0;
      let peak = 0;
      await record('busy');
      (await m.backends.lambda()).setHandler('busy', async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 150));
        running -= 1;
      });
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries: Array.from({ length: 8 }, (_, i) => ({ Id: `m${i}`, MessageBody: `m${i}` })) }));
      await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'busy', EventSourceArn: q.arn, BatchSize: 1, ScalingConfig: { MaximumConcurrency: 2 } }));
      await eventually(async () => expect(await depth(q.url)).toBe(0));
      expect(peak).toBe(2);
    });

    it('polls on the clock (fake timers drive it) and stops polling on reset()', async () => {
      const q = await queue('clocked');
      const batches = await record('clocked-fn');
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'clocked-fn', EventSourceArn: q.arn }));
      await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'tick' }));
      expect(batches).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(100);
      expect(batches.map((b) => b.Records[0].body)).toEqual(['tick']);
      expect(jest.getTimerCount()).toBeGreaterThan(0);
      m.reset();
      expect(jest.getTimerCount()).toBe(0);
    });

    it('leaves the whole batch in flight when the function fails', async () => {
      const q = await queue('fragile', { VisibilityTimeout: '30' });
      const batches = await record('failing', () => {
        throw new Error('no');
      });
      await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'x' }));
      await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'failing', EventSourceArn: q.arn }));
      await eventually(() => expect(batches).toHaveLength(1));
      const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q.url, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] }));
      expect(out.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('1');
    });

    it('deletes messages no filter matches without invoking', async () => {
      const q = await queue('filtered');
      const batches = await record('picky');
      await lambda.send(
        new CreateEventSourceMappingCommand({ FunctionName: 'picky', EventSourceArn: q.arn, FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { type: ['order'] } }) }] } }),
      );
      await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: JSON.stringify({ type: 'noise' }) }));
      await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: JSON.stringify({ type: 'order', id: 1 }) }));
      await eventually(async () => expect(await depth(q.url)).toBe(0));
      expect(batches.flatMap((b) => b.Records.map((r) => JSON.parse(r.body).type))).toEqual(['order']);
    });

    it('moves through Disabling/Disabled and Deleting, and validates the settings', async () => {
      const q = await queue('states');
      await record('st');
      const { UUID } = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'st', EventSourceArn: q.arn }));
      await new Promise((r) => setTimeout(r, 10));
      const off = await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: false }));
      expect(off.State).toBe('Disabling');
      await new Promise((r) => setTimeout(r, 10));
      expect((await lambda.send(new GetEventSourceMappingCommand({ UUID }))).State).toBe('Disabled');
      const dup = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'st', EventSourceArn: q.arn })).catch((e) => e);
      expect(dup.name).toBe('ResourceConflictException');
      expect(dup.message).toBe(`The event source arn (" ${q.arn} ") and function (" st ") provided mapping already exists. Please update or delete the existing mapping with UUID ${UUID}`);
      const position = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'st', EventSourceArn: (await queue('pos')).arn, StartingPosition: 'LATEST' })).catch((e) => e);
      expect(position.message).toBe('StartingPosition is not valid for SQS event sources.');
      const big = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'st', EventSourceArn: (await queue('other')).arn, BatchSize: 100 })).catch((e) => e);
      expect(big.message).toBe('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
      const listed = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'st' }));
      expect(listed.EventSourceMappings?.map((x) => x.UUID)).toEqual([UUID]);
      expect((await lambda.send(new DeleteEventSourceMappingCommand({ UUID }))).State).toBe('Deleting');
      await new Promise((r) => setTimeout(r, 10));
      const gone = await lambda.send(new GetEventSourceMappingCommand({ UUID })).catch((e) => e);
      expect(gone.name).toBe('ResourceNotFoundException');
    });
  });

  describe('DynamoDB Streams', () => {
    async function table(name: string) {
      await ddb.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      );
      return (await ddb.send(new DescribeTableCommand({ TableName: name }))).Table?.LatestStreamArn as string;
    }
    const put = (t: string, id: string, status = 'new') => ddb.send(new PutItemCommand({ TableName: t, Item: { id: { S: id }, status: { S: status } } }));

    it('delivers stream records in order and in batches, from TRIM_HORIZON', async () => {
      const streamArn = await table('orders');
      await put('orders', 'a');
      await put('orders', 'b');
      await put('orders', 'a', 'paid');
      const batches = await record('stream');
      await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'stream', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 2 }));
      await eventually(() => expect(batches.flatMap((b) => b.Records)).toHaveLength(3));
      expect(batches.map((b) => b.Records.length)).toEqual([2, 1]);
      const [first, , third] = batches.flatMap((b) => b.Records);
      expect(first).toMatchObject({ eventName: 'INSERT', eventSource: 'aws:dynamodb', eventVersion: '1.1', awsRegion: 'us-east-1', eventSourceARN: streamArn });
      expect(first.dynamodb).toMatchObject({ Keys: { id: { S: 'a' } }, NewImage: { id: { S: 'a' }, status: { S: 'new' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' });
      expect(typeof first.dynamodb.ApproximateCreationDateTime).toBe('number');
      expect(third).toMatchObject({ eventName: 'MODIFY', dynamodb: { OldImage: { status: { S: 'new' } }, NewImage: { status: { S: 'paid' } } } });
    });

    it('starts at LATEST and applies filter criteria', async () => {
      const streamArn = await table('pay');
      await put('pay', 'before', 'paid');
      const batches = await record('paid');
      await lambda.send(
        new CreateEventSourceMappingCommand({
          FunctionName: 'paid',
          EventSourceArn: streamArn,
          StartingPosition: 'LATEST',
          FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { NewImage: { status: { S: ['paid'] } } } }) }] },
        }),
      );
      await put('pay', 'x', 'new');
      await put('pay', 'y', 'paid');
      await eventually(() => expect(batches.flatMap((b) => b.Records)).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 60));
      expect(batches.flatMap((b) => b.Records.map((r) => r.dynamodb.Keys.id.S))).toEqual(['y']);
    });

    it('retries a failing batch, bisecting it, then sends the batch info to the on-failure destination', async () => {
      const streamArn = await table('poison');
      const failures = await queue('stream-failures');
      const batches = await record('poisoned', (batch) => {
        if (batch.Records.some((r) => r.dynamodb.Keys.id.S === 'bad')) throw new Error('poison');
        return null;
      });
      await put('poison', 'ok1');
      await put('poison', 'bad');
      await lambda.send(
        new CreateEventSourceMappingCommand({
          FunctionName: 'poisoned',
          EventSourceArn: streamArn,
          StartingPosition: 'TRIM_HORIZON',
          BatchSize: 10,
          BisectBatchOnFunctionError: true,
          MaximumRetryAttempts: 1,
          DestinationConfig: { OnFailure: { Destination: failures.arn } },
        }),
      );
      let body: any;
      await eventually(async () => {
        const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: failures.url }));
        expect(got.Messages).toHaveLength(1);
        body = JSON.parse(got.Messages?.[0].Body as string);
      });
      expect(body).toMatchObject({
        requestContext: { condition: 'RetryAttemptsExhausted', functionArn: FN_ARN('poisoned') },
        responseContext: { functionError: 'Unhandled' },
        DDBStreamBatchInfo: { batchSize: 1, streamArn },
      });
      // The good record was delivered on its own after the bisect.
      const seen = batches.map((b) => b.Records.map((r) => r.dynamodb.Keys.id.S).join(','));
      expect(seen[0]).toBe('ok1,bad');
      expect(seen).toContain('ok1');
      await put('poison', 'after');
      await eventually(() => expect(batches.at(-1)?.Records[0].dynamodb.Keys.id.S).toBe('after'));
    });

    it('requires a StartingPosition and an existing stream', async () => {
      const streamArn = await table('nostart');
      await record('s');
      const noStart = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 's', EventSourceArn: streamArn })).catch((e) => e);
      expect(noStart.name).toBe('InvalidParameterValueException');
      expect(noStart.message).toBe("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.");
    });
  });

  it('invokes a function subscribed to an SNS topic with the SNS event', async () => {
    const sns = new SNSClient({ region: 'us-east-1' });
    const batches = await record('subscriber');
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'news' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: FN_ARN('subscriber') }));
    await sns.send(new PublishCommand({ TopicArn, Message: 'hello', Subject: 'greeting', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } }));
    await eventually(() => expect(batches).toHaveLength(1));
    expect(batches[0].Records[0]).toMatchObject({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: expect.stringContaining(`${TopicArn}:`),
      Sns: { Type: 'Notification', TopicArn, Subject: 'greeting', Message: 'hello', MessageAttributes: { k: { Type: 'String', Value: 'v' } } },
    });
    expect(batches[0].Records[0].Sns.SigningCertUrl).toMatch(/^https:\/\/sns\.us-east-1\.amazonaws\.com\//);
  });
});
