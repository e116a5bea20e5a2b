/**
 * Scheduler targets beyond SQS, SNS, Lambda and EventBridge: universal
 * targets calling a mocked service's API with the Input as parameters, Step
 * Functions, Kinesis; and the retry policy and dead-letter queue on failure.
 */
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateScheduleCommand, type CreateScheduleCommandInput, SchedulerClient } from '@aws-sdk/client-scheduler';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SchedulerBackend } from '../../../services/scheduler/models/backend';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from '../sqs/support';

const ROLE = 'arn:aws:iam::123456789012:role/scheduler';
const ACCOUNT = '123456789012';

describe('EventBridge Scheduler targets, retries and dead-letter queues', () => {
  const aws = useMockAws();
  const scheduler = new SchedulerClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  const receive = async (QueueUrl: string) =>
    (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }))).Messages ?? [];
  /** A one-time schedule one minute ahead, then the clock moved past it. */
  const runOnce = async (Target: CreateScheduleCommandInput['Target']) => {
    const at = new Date(aws.clock.now() + 60_000).toISOString().slice(0, 19);
    await scheduler.send(new CreateScheduleCommand({ Name: 'once', ScheduleExpression: `at(${at})`, FlexibleTimeWindow: { Mode: 'OFF' }, Target }));
    aws.clock.advance(61_000);
    await aws.settle();
  };
  const invocations = async () => (await aws.backends.get<SchedulerBackend>('scheduler')).invocations;
  beforeEach(() => aws.clock.set(new Date('2026-05-01T08:00:00Z')));

  it('a universal target calls the API of a mocked service with the Input as its parameters', async () => {
    const url = await createQueue(sqs, 'jobs');
    await runOnce({ Arn: 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage', RoleArn: ROLE, Input: JSON.stringify({ QueueUrl: url, MessageBody: 'from the scheduler' }) });
    const [m] = await receive(url);
    expect(m.Body).toBe('from the scheduler');
    const [inv] = await invocations();
    expect(inv.error).toBeUndefined();
    expect(inv.output).toMatchObject({ MessageId: m.MessageId });
  });

  it('a universal target whose call fails sends the Input to the dead-letter queue, not retrying a missing queue', async () => {
    const dlq = await createQueue(sqs, 'dlq');
    const input = JSON.stringify({ QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/missing`, MessageBody: 'x' });
    await runOnce({ Arn: 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage', RoleArn: ROLE, Input: input, DeadLetterConfig: { Arn: queueArn('dlq') } });
    aws.clock.advance(3_600_000);
    await aws.settle();
    expect(await invocations()).toHaveLength(1);
    const [m] = await receive(dlq);
    expect(m.Body).toBe(input);
    expect(m.MessageAttributes?.ERROR_CODE?.StringValue).toBe('QueueDoesNotExist');
    expect(m.MessageAttributes?.RETRY_ATTEMPTS?.StringValue).toBe('0');
    expect(m.MessageAttributes?.SCHEDULE_ARN?.StringValue).toBe(`arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/once`);
    expect(m.MessageAttributes?.EXHAUSTED_RETRY_CONDITION).toBeUndefined();
  });

  it('retries a throttled invocation on the clock with backoff, then succeeds', async () => {
    const url = await createQueue(sqs, 'jobs');
    aws.on('sqs', 'SendMessage').rejectsOnce('ThrottlingException').rejectsOnce('ThrottlingException');
    await runOnce({ Arn: 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage', RoleArn: ROLE, Input: JSON.stringify({ QueueUrl: url, MessageBody: 'retried' }) });
    expect((await invocations()).map((i) => i.error?.code)).toEqual(['ThrottlingException']);
    aws.clock.advance(1_000);
    await aws.settle();
    aws.clock.advance(2_000);
    await aws.settle();
    expect((await invocations()).map((i) => [i.attempt, i.error?.code])).toEqual([
      [0, 'ThrottlingException'],
      [1, 'ThrottlingException'],
      [2, undefined],
    ]);
    expect((await receive(url)).map((m) => m.Body)).toEqual(['retried']);
  });

  it('gives up after MaximumRetryAttempts and dead-letters with EXHAUSTED_RETRY_CONDITION', async () => {
    const url = await createQueue(sqs, 'jobs');
    const dlq = await createQueue(sqs, 'dlq');
    aws.on('sqs', 'SendMessage', { QueueUrl: url }).rejects('ThrottlingException');
    await runOnce({
      Arn: 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage',
      RoleArn: ROLE,
      Input: JSON.stringify({ QueueUrl: url, MessageBody: 'never' }),
      RetryPolicy: { MaximumRetryAttempts: 2 },
      DeadLetterConfig: { Arn: queueArn('dlq') },
    });
    for (const wait of [1_000, 2_000]) {
      aws.clock.advance(wait);
      await aws.settle();
    }
    expect((await invocations()).map((i) => i.attempt)).toEqual([0, 1, 2]);
    const [m] = await receive(dlq);
    expect(m.MessageAttributes?.EXHAUSTED_RETRY_CONDITION?.StringValue).toBe('MaximumRetryAttemptsExhausted');
    expect(m.MessageAttributes?.RETRY_ATTEMPTS?.StringValue).toBe('2');
  });

  it('starts a Step Functions execution with the Input', async () => {
    const started: unknown[] = [];
    aws.on('stepfunctions', 'StartExecution').callsFake((input: unknown) => {
      started.push(input);
      return { executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:flow:x`, startDate: new Date() };
    });
    const machine = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:flow`;
    await runOnce({ Arn: machine, RoleArn: ROLE, Input: '{"run":1}' });
    expect(started).toEqual([{ stateMachineArn: machine, input: '{"run":1}' }]);
    expect((await invocations())[0].output).toEqual({ executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:flow:x` });
  });

  it('puts the Input on a Kinesis stream with the target partition key', async () => {
    const kinesis = new KinesisClient({ region: 'us-east-1' });
    await kinesis.send(new CreateStreamCommand({ StreamName: 'ticks', ShardCount: 1 }));
    aws.clock.advance(1_000);
    await aws.settle();
    await runOnce({ Arn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ticks`, RoleArn: ROLE, Input: '{"tick":1}', KinesisParameters: { PartitionKey: 'pk-1' } });
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'ticks', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
    const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    expect(Records?.map((r) => [r.PartitionKey, Buffer.from(r.Data ?? []).toString()])).toEqual([['pk-1', '{"tick":1}']]);
  });
});
