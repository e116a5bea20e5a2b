import { CreateStreamCommand, KinesisClient, ListShardsCommand, PutRecordCommand, SplitShardCommand } from '@aws-sdk/client-kinesis';
import { CreateEventSourceMappingCommand, GetEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { type Batch, eventually, lambdaClient, ROLE, recorder, useLambdaRole } from './support';

const ACCOUNT = '123456789012';
const STREAM_ARN = (name: string) => `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;

describe('Lambda Kinesis event source mappings', () => {
  const m = useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();
  const kinesis = new KinesisClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });

  const record = (name: string, respond?: (batch: Batch) => unknown) => recorder(m, lambda, name, respond);

  async function stream(name: string, shards = 1) {
    await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
    await new Promise((r) => setTimeout(r, 10));
    return STREAM_ARN(name);
  }
  const put = (name: string, data: unknown, key = 'k') => kinesis.send(new PutRecordCommand({ StreamName: name, Data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)), PartitionKey: key }));
  const text = (r: Record<string, any>) => Buffer.from(r.kinesis.data, 'base64').toString('utf8');
  const delivered = (batches: Batch[]) => batches.flatMap((b) => b.Records.map(text));

  it('delivers from TRIM_HORIZON in batches of BatchSize, in AWS\'s Kinesis event format', async () => {
    const arn = await stream('clicks');
    const puts = [];
    for (const i of [1, 2, 3]) puts.push(await put('clicks', `click ${i}`, `user-${i}`));
    const batches = await record('reader');
    const mapping = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'reader', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON', BatchSize: 2 }));
    expect(mapping).toMatchObject({ State: 'Creating', BatchSize: 2, StartingPosition: 'TRIM_HORIZON', MaximumRetryAttempts: -1 });
    await eventually(() => expect(delivered(batches)).toEqual(['click 1', 'click 2', 'click 3']));
    expect(batches.map((b) => b.Records.length)).toEqual([2, 1]);
    const [first] = batches[0].Records;
    expect(first).toEqual({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'user-1',
        sequenceNumber: puts[0].SequenceNumber,
        data: Buffer.from('click 1').toString('base64'),
        approximateArrivalTimestamp: expect.any(Number),
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${puts[0].ShardId}:${puts[0].SequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: ROLE,
      awsRegion: 'us-east-1',
      eventSourceARN: arn,
    });
    expect(Math.abs(first.kinesis.approximateArrivalTimestamp * 1000 - Date.now())).toBeLessThan(60_000);
    await eventually(async () => expect((await lambda.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID }))).LastProcessingResult).toBe('OK'));
  });

  it('starts at LATEST or AT_TIMESTAMP', async () => {
    const arn = await stream('feed');
    await put('feed', 'old');
    await new Promise((r) => setTimeout(r, 5));
    const since = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await put('feed', 'newer');
    const latest = await record('latest');
    const timed = await record('timed');
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'latest', EventSourceArn: arn, StartingPosition: 'LATEST' }));
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'timed', EventSourceArn: arn, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: since }));
    await put('feed', 'newest');
    await eventually(() => expect(delivered(latest)).toEqual(['newest']));
    await eventually(() => expect(delivered(timed)).toEqual(['newer', 'newest']));
  });

  it('filters on the decoded JSON data and skips what no filter matches', async () => {
    const arn = await stream('orders');
    const batches = await record('paid');
    await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'paid',
        EventSourceArn: arn,
        StartingPosition: 'TRIM_HORIZON',
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ data: { status: ['paid'], total: [{ numeric: ['>', 10] }] } }) }] },
      }),
    );
    await put('orders', { id: 1, status: 'paid', total: 50 });
    await put('orders', { id: 2, status: 'new', total: 50 });
    await put('orders', 'not json');
    await put('orders', { id: 3, status: 'paid', total: 5 });
    await put('orders', { id: 4, status: 'paid', total: 11 });
    await eventually(() => expect(delivered(batches).map((d) => JSON.parse(d).id)).toEqual([1, 4]));
  });

  it('retries a failing batch with bisection, then sends KinesisBatchInfo to the on-failure destination and moves on', async () => {
    const arn = await stream('poison');
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'kinesis-failures' }));
    const batches = await record('poisoned', (batch) => {
      if (batch.Records.some((r) => text(r) === 'bad')) throw new Error('poison');
      return null;
    });
    await put('poison', 'ok1');
    const bad = await put('poison', 'bad');
    await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'poisoned',
        EventSourceArn: arn,
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 1,
        DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:us-east-1:${ACCOUNT}:kinesis-failures` } },
      }),
    );
    let body: any;
    await eventually(async () => {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      expect(got.Messages).toHaveLength(1);
      body = JSON.parse(got.Messages?.[0].Body as string);
    });
    expect(body).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:poisoned`, approximateInvokeCount: 2 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      KinesisBatchInfo: { shardId: bad.ShardId, startSequenceNumber: bad.SequenceNumber, endSequenceNumber: bad.SequenceNumber, batchSize: 1, streamArn: arn },
    });
    expect(body.KinesisBatchInfo.approximateArrivalOfFirstRecord).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    const seen = batches.map((b) => b.Records.map(text).join(','));
    expect(seen.slice(0, 3)).toEqual(['ok1,bad', 'ok1', 'bad']);
    await put('poison', 'after');
    await eventually(() => expect(delivered(batches).at(-1)).toBe('after'));
  });

  it('checkpoints at the first sequence number the function reports in batchItemFailures', async () => {
    const arn = await stream('partial');
    let failOnce = true;
    const batches = await record('partial', (batch) => {
      const bad = batch.Records.find((r) => text(r) === 'two');
      if (!bad || !failOnce) return { batchItemFailures: [] };
      failOnce = false;
      return { batchItemFailures: [{ itemIdentifier: bad.kinesis.sequenceNumber }] };
    });
    for (const d of ['one', 'two', 'three']) await put('partial', d);
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'partial', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON', FunctionResponseTypes: ['ReportBatchItemFailures'] }));
    await eventually(() => expect(batches.map((b) => b.Records.map(text).join(','))).toEqual(['one,two,three', 'two,three']));
  });

  it('waits up to MaximumBatchingWindowInSeconds for a full batch', async () => {
    const arn = await stream('window');
    const batches = await record('windowed');
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'windowed', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON', BatchSize: 3, MaximumBatchingWindowInSeconds: 1 }));
    await put('window', 'a');
    await new Promise((r) => setTimeout(r, 200));
    expect(batches).toHaveLength(0);
    await put('window', 'b');
    await put('window', 'c');
    await eventually(() => expect(batches.map((b) => b.Records.map(text))).toEqual([['a', 'b', 'c']]));
    await put('window', 'd');
    await eventually(() => expect(batches.map((b) => b.Records.map(text))).toEqual([['a', 'b', 'c'], ['d']]), 3000);
  });

  it('passes over records older than MaximumRecordAgeInSeconds', async () => {
    const arn = await stream('aging');
    const batches = await record('fresh-only');
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await put('aging', 'stale');
    m.clock.advance(61_000);
    await put('aging', 'fresh');
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'fresh-only', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON', MaximumRecordAgeInSeconds: 60 }));
    await jest.advanceTimersByTimeAsync(200);
    expect(delivered(batches)).toEqual(['fresh']);
  });

  it('reads a parent shard to its end before its children', async () => {
    const arn = await stream('split');
    const batches = await record('ordered');
    await put('split', 'before-1', 'a');
    await put('split', 'before-2', 'b');
    const shards = (await kinesis.send(new ListShardsCommand({ StreamName: 'split' }))).Shards ?? [];
    await kinesis.send(new SplitShardCommand({ StreamName: 'split', ShardToSplit: shards[0].ShardId, NewStartingHashKey: (2n ** 127n).toString() }));
    await new Promise((r) => setTimeout(r, 10));
    await put('split', 'after-1', 'a');
    await put('split', 'after-2', 'b');
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'ordered', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON' }));
    await eventually(() => expect(delivered(batches).sort()).toEqual(['after-1', 'after-2', 'before-1', 'before-2']));
    expect(delivered(batches).slice(0, 2)).toEqual(['before-1', 'before-2']);
    expect(batches[0].Records[0].eventID.startsWith(`${shards[0].ShardId}:`)).toBe(true);
  });

  it('refuses a stream that does not exist and requires a StartingPosition', async () => {
    await record('s');
    const missing = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 's', EventSourceArn: STREAM_ARN('nope'), StartingPosition: 'LATEST' })).catch((e) => e);
    expect(missing.name).toBe('InvalidParameterValueException');
    expect(missing.message).toBe(`Stream not found: ${STREAM_ARN('nope')}`);
    const noStart = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 's', EventSourceArn: await stream('exists') })).catch((e) => e);
    expect(noStart.name).toBe('InvalidParameterValueException');
  });

  it('polls on the clock (fake timers drive it) and stops polling on reset()', async () => {
    const arn = await stream('clocked');
    const batches = await record('clocked-fn');
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'clocked-fn', EventSourceArn: arn, StartingPosition: 'LATEST' }));
    await put('clocked', 'tick');
    expect(batches).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(100);
    expect(delivered(batches)).toEqual(['tick']);
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    m.reset();
    expect(jest.getTimerCount()).toBe(0);
  });
});
