import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { DeleteQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AwsError } from '../../../src/core/errors';
import type { EventsBackend } from '../../../services/events/models/backend';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from '../sqs/support';

describe('EventBridge delivery', () => {
  const aws = useMockAws();
  const eb = new EventBridgeClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });

  const route = async (targets: Target[], EventPattern = JSON.stringify({ source: ['app.orders'] }), EventBusName?: string) => {
    await eb.send(new PutRuleCommand({ Name: 'r', EventPattern, EventBusName }));
    await eb.send(new PutTargetsCommand({ Rule: 'r', EventBusName, Targets: targets }));
  };
  const put = (detail: object, extra: object = {}) =>
    eb.send(new PutEventsCommand({ Entries: [{ Source: 'app.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(detail), ...extra }] }));
  const receive = async (QueueUrl: string, MessageAttributeNames?: string[]) =>
    (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames }))).Messages ?? [];

  describe('PutEvents', () => {
    it('answers per-entry errors and event ids for the rest', async () => {
      const out = await eb.send(
        new PutEventsCommand({
          Entries: [
            { Source: 'a', DetailType: 't', Detail: '{}' },
            { DetailType: 't', Detail: '{}' },
            { Source: 'a', DetailType: 't', Detail: 'not json' },
            { Source: 'aws.s3', DetailType: 't', Detail: '{}' },
            { Source: 'a', DetailType: 't', Detail: '{}', EventBusName: 'missing' },
          ],
        }),
      );
      expect(out.FailedEntryCount).toBe(4);
      expect(out.Entries).toEqual([
        { EventId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
        { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
        { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
        { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
        { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus missing does not exist.' },
      ]);
    });

    it('refuses more than 10 entries and more than 256 KB in total', async () => {
      const entry = { Source: 'a', DetailType: 't', Detail: '{}' };
      await expect(eb.send(new PutEventsCommand({ Entries: Array(11).fill(entry) }))).rejects.toMatchObject({ name: 'ValidationException' });
      // Source (1 byte) + DetailType (1) + Detail: an entry of exactly 262,144 bytes passes, one more does not.
      const entryOf = (total: number) => ({ ...entry, Detail: JSON.stringify({ x: 'y'.repeat(total - 10) }) });
      await eb.send(new PutEventsCommand({ Entries: [entryOf(262_144)] }));
      await expect(eb.send(new PutEventsCommand({ Entries: [entryOf(262_145)] }))).rejects.toMatchObject({
        name: 'ValidationException',
        message: 'Total size of the entries in the request is over the limit.',
      });
    });
  });

  it('routes a matching event to SQS as the full event JSON', async () => {
    const url = await createQueue(sqs, 'q');
    await route([{ Id: 'q', Arn: queueArn('q') }]);
    const { Entries } = await put({ orderId: 7 });
    await put({ orderId: 8 }, { Source: 'other' });
    await aws.settle();
    const [msg, ...rest] = await receive(url);
    expect(rest).toEqual([]);
    expect(JSON.parse(msg.Body as string)).toEqual({
      version: '0',
      id: Entries?.[0].EventId,
      'detail-type': 'OrderPlaced',
      source: 'app.orders',
      account: '123456789012',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'us-east-1',
      resources: [],
      detail: { orderId: 7 },
    });
  });

  it('delivers under jest fake timers, after aws.settle()', async () => {
    jest.useFakeTimers({ now: new Date('2030-05-01T12:00:00Z') });
    const url = await createQueue(sqs, 'q');
    await route([{ Id: 'q', Arn: queueArn('q') }]);
    await put({ n: 1 }, { Time: new Date('2030-05-01T11:59:00Z') });
    await aws.settle();
    const [msg] = await receive(url);
    expect(JSON.parse(msg.Body as string).time).toBe('2030-05-01T11:59:00Z');
  });

  it('FIFO queues get the target MessageGroupId and the event id as deduplication id', async () => {
    const url = await createQueue(sqs, 'q.fifo', { FifoQueue: 'true' });
    await route([{ Id: 'q', Arn: queueArn('q.fifo'), SqsParameters: { MessageGroupId: 'g1' } }]);
    const { Entries } = await put({ n: 1 });
    await aws.settle();
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['All'] }));
    expect(out.Messages?.[0].Attributes).toMatchObject({ MessageGroupId: 'g1', MessageDeduplicationId: Entries?.[0].EventId });
  });

  describe('input transformation', () => {
    const deliverWith = async (target: Partial<Target>) => {
      const url = await createQueue(sqs, 'q');
      await route([{ Id: 'q', Arn: queueArn('q'), ...target }]);
      await put({ 'instance-id': 'i-0123456789', state: 'RUNNING', tags: { env: 'prod' }, count: 3 });
      await aws.settle();
      return (await receive(url))[0].Body as string;
    };

    it('Input sends fixed JSON', async () => {
      expect(await deliverWith({ Input: '{"fixed":true}' })).toBe('{"fixed":true}');
    });

    it('InputPath sends part of the event', async () => {
      expect(JSON.parse(await deliverWith({ InputPath: '$.detail.tags' }))).toEqual({ env: 'prod' });
    });

    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
    const InputPathsMap = { instance: '$.detail.instance-id', state: '$.detail.state', tags: '$.detail.tags', count: '$.detail.count' };

    it('a string template gets the raw values', async () => {
      const body = await deliverWith({ InputTransformer: { InputPathsMap, InputTemplate: '"<instance> is in state <state>"' } });
      expect(body).toBe('"i-0123456789 is in state RUNNING"');
    });

    it('a JSON template quotes strings outside quotes and escapes them inside', async () => {
      const body = await deliverWith({
        InputTransformer: { InputPathsMap, InputTemplate: '{"instance": <instance>, "msg": "<instance> is <state>", "tags": <tags>, "count": <count>}' },
      });
      expect(JSON.parse(body)).toEqual({ instance: 'i-0123456789', msg: 'i-0123456789 is RUNNING', tags: { env: 'prod' }, count: 3 });
    });

    it('predefined variables name the rule and carry the event', async () => {
      const body = await deliverWith({ InputTransformer: { InputTemplate: '{"rule": <aws.events.rule-name>, "arn": "<aws.events.rule-arn>", "event": <aws.events.event>}' } });
      const parsed = JSON.parse(body);
      expect(parsed).toMatchObject({ rule: 'r', arn: 'arn:aws:events:us-east-1:123456789012:rule/r', event: { source: 'app.orders' } });
    });
  });

  it('fans out to SNS, CloudWatch Logs and another bus', async () => {
    const sns = new SNSClient({ region: 'us-east-1' });
    const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const viaSns = await createQueue(sqs, 'via-sns');
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('via-sns'), Attributes: { RawMessageDelivery: 'true' } }));
    await eb.send(new CreateEventBusCommand({ Name: 'other' }));
    const viaBus = await createQueue(sqs, 'via-bus');
    await route([{ Id: 'q', Arn: queueArn('via-bus') }], JSON.stringify({ source: ['app.orders'] }), 'other');
    await eb.send(new PutRuleCommand({ Name: 'all', EventPattern: JSON.stringify({ 'detail-type': ['OrderPlaced'] }) }));
    await eb.send(
      new PutTargetsCommand({
        Rule: 'all',
        Targets: [
          { Id: 'sns', Arn: TopicArn },
          { Id: 'logs', Arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/orders:*' },
          { Id: 'bus', Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/other' },
        ],
      }),
    );
    const { Entries } = await put({ n: 1 });
    await aws.settle();
    expect(JSON.parse((await receive(viaSns))[0].Body as string).id).toBe(Entries?.[0].EventId);
    expect(JSON.parse((await receive(viaBus))[0].Body as string).id).toBe(Entries?.[0].EventId);
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/events/orders' }));
    expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual([Entries?.[0].EventId]);
    const logged = await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/events/orders', logStreamName: Entries?.[0].EventId as string }));
    expect(JSON.parse(logged.events?.[0].message as string).detail).toEqual({ n: 1 });
  });

  it('invokes Lambda targets asynchronously with the event as payload', async () => {
    const invoked: unknown[][] = [];
    // A stand-in for the Lambda backend's invoke(): this test pins what is sent, not what runs.
    const lambda = await aws.backends.get<{ invoke?: unknown }>('lambda');
    // Lambda's invoke() takes the payload as JSON text, as the Invoke API does.
    lambda.invoke = (name: string, payload: string, options: unknown) => void invoked.push([name, JSON.parse(payload), options]);
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:handler';
    await route([{ Id: 'fn', Arn: fn }]);
    const { Entries } = await put({ n: 1 });
    await aws.settle();
    expect(invoked).toEqual([[fn, expect.objectContaining({ id: Entries?.[0].EventId, detail: { n: 1 } }), { invocationType: 'Event' }]]);
  });

  describe('Kinesis targets', () => {
    const kinesis = new KinesisClient({ region: 'us-east-1' });
    const streamArn = 'arn:aws:kinesis:us-east-1:123456789012:stream/s';
    const records = async () => {
      const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 's', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
      return (await kinesis.send(new GetRecordsCommand({ ShardIterator }))).Records ?? [];
    };
    beforeEach(async () => {
      await kinesis.send(new CreateStreamCommand({ StreamName: 's', ShardCount: 1 }));
      await new Promise((r) => setTimeout(r, 10));
    });

    it('puts the event with the partition key from PartitionKeyPath, or the event id', async () => {
      await route([
        { Id: 'keyed', Arn: streamArn, KinesisParameters: { PartitionKeyPath: '$.detail.customer' } },
        { Id: 'plain', Arn: streamArn, InputPath: '$.detail' },
      ]);
      const { Entries } = await put({ customer: 'c-42' });
      await aws.settle();
      const got = await records();
      expect(got.map((r) => r.PartitionKey).sort()).toEqual([Entries?.[0].EventId, 'c-42'].sort());
      const keyed = got.find((r) => r.PartitionKey === 'c-42');
      expect(JSON.parse(Buffer.from(keyed?.Data ?? []).toString())).toMatchObject({ id: Entries?.[0].EventId, source: 'app.orders', detail: { customer: 'c-42' } });
      const plain = got.find((r) => r.PartitionKey !== 'c-42');
      expect(JSON.parse(Buffer.from(plain?.Data ?? []).toString())).toEqual({ customer: 'c-42' });
      const backend = await aws.backends.get<EventsBackend>('events');
      expect(backend.deliveries).toEqual(expect.arrayContaining([expect.objectContaining({ targetId: 'keyed', parameters: { partitionKey: 'c-42' } })]));
    });

    it('a stream that does not exist fails the delivery without retries', async () => {
      await route([{ Id: 'k', Arn: 'arn:aws:kinesis:us-east-1:123456789012:stream/missing' }]);
      await put({ n: 1 });
      await aws.settle();
      const backend = await aws.backends.get<EventsBackend>('events');
      expect(backend.deliveries).toEqual([expect.objectContaining({ targetId: 'k', error: expect.objectContaining({ code: 'ResourceNotFoundException' }) })]);
    });
  });

  describe('failures', () => {
    it('a missing queue is not retried: the event goes to the dead-letter queue with the error', async () => {
      const dlq = await createQueue(sqs, 'dlq');
      const gone = await createQueue(sqs, 'gone');
      await route([{ Id: 'q', Arn: queueArn('gone'), DeadLetterConfig: { Arn: queueArn('dlq') } }]);
      await sqs.send(new DeleteQueueCommand({ QueueUrl: gone }));
      const { Entries } = await put({ n: 1 });
      await aws.settle();
      const [msg] = await receive(dlq, ['All']);
      expect(JSON.parse(msg.Body as string).id).toBe(Entries?.[0].EventId);
      expect(msg.MessageAttributes).toMatchObject({
        RULE_ARN: { StringValue: 'arn:aws:events:us-east-1:123456789012:rule/r' },
        TARGET_ARN: { StringValue: queueArn('gone') },
        ERROR_CODE: { StringValue: 'QueueDoesNotExist' },
        RETRY_ATTEMPTS: { StringValue: '0' },
      });
      const backend = await aws.backends.get<EventsBackend>('events');
      expect(backend.deliveries).toEqual([expect.objectContaining({ attempt: 0, deadLettered: true, error: expect.objectContaining({ code: 'QueueDoesNotExist' }) })]);
    });

    it('a retryable failure is retried on the clock with backoff until the retry policy gives up', async () => {
      const url = await createQueue(sqs, 'flaky');
      const dlq = await createQueue(sqs, 'dlq');
      await route([{ Id: 'q', Arn: queueArn('flaky'), RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: queueArn('dlq') } }]);
      // Fault injection: the queue throttles its first deliveries.
      const backend = await aws.backends.sqs();
      const deliver = backend.deliver.bind(backend);
      let failures = 5;
      backend.deliver = (...args: Parameters<typeof deliver>) => {
        if (args[0] === 'flaky' && failures-- > 0) throw new AwsError('ThrottlingException', 'Rate exceeded', { status: 400 });
        return deliver(...args);
      };
      await put({ n: 1 });
      await aws.settle();
      const events = await aws.backends.get<EventsBackend>('events');
      expect(events.deliveries.map((d) => d.attempt)).toEqual([0]);
      aws.clock.advance(1000); // first retry after 1 s
      await aws.settle();
      expect(events.deliveries.map((d) => d.attempt)).toEqual([0, 1]);
      aws.clock.advance(2000); // second retry after 2 s more: the last one allowed
      await aws.settle();
      expect(events.deliveries.map((d) => d.attempt)).toEqual([0, 1, 2]);
      aws.clock.advance(60_000);
      await aws.settle();
      expect(events.deliveries).toHaveLength(3);
      expect(await receive(url)).toEqual([]);
      const [dead] = await receive(dlq, ['All']);
      expect(dead.MessageAttributes).toMatchObject({
        ERROR_CODE: { StringValue: 'ThrottlingException' },
        EXHAUSTED_RETRY_CONDITION: { StringValue: 'MaximumRetryAttemptsExhausted' },
        RETRY_ATTEMPTS: { StringValue: '2' },
      });
    });

    it('a retry that succeeds delivers the event', async () => {
      const url = await createQueue(sqs, 'flaky');
      await route([{ Id: 'q', Arn: queueArn('flaky') }]);
      const backend = await aws.backends.sqs();
      const deliver = backend.deliver.bind(backend);
      let failures = 1;
      backend.deliver = (...args: Parameters<typeof deliver>) => {
        if (failures-- > 0) throw new AwsError('ThrottlingException', 'Rate exceeded', { status: 400 });
        return deliver(...args);
      };
      await put({ n: 1 });
      await aws.settle();
      expect(await receive(url)).toEqual([]);
      aws.clock.advance(1000);
      await aws.settle();
      expect(await receive(url)).toHaveLength(1);
    });
  });
});
