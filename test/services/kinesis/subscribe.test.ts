/**
 * SubscribeToShard's semantics, read from the handler's `EventStream` async
 * iterable (timing on the clock is easier to drive there); the same events
 * through the SDK's event-stream decoding: subscribe-sdk.test.ts. Setup and
 * every other call go through the SDK.
 */
import {
  KinesisClient,
  PutRecordCommand,
  RegisterStreamConsumerCommand,
  SplitShardCommand,
} from '@aws-sdk/client-kinesis';
import type { KinesisBackend } from '../../../services/kinesis/models/backend';
import type { Ctx } from '../../../services/kinesis/responses/common';
import { handlers } from '../../../services/kinesis/responses';
import type * as T from '../../../services/kinesis/types';
import { useMockAws } from '../lifecycle';
import { activeStream, freezeTime, streamArn, text } from './support';

type Event = { SubscribeToShardEvent: T.SubscribeToShardEvent };

describe('Kinesis SubscribeToShard', () => {
  const aws = useMockAws();
  const kinesis = new KinesisClient({ region: 'us-east-1', maxAttempts: 1 });

  async function ctx(): Promise<Ctx> {
    const backend = (await aws.backends.kinesis()) as unknown as KinesisBackend;
    return { account: backend.account, region: backend.region, backend, backends: backend.backends } as unknown as Ctx;
  }

  async function subscribe(ConsumerARN: string, StartingPosition: T.StartingPosition, ShardId = 'shardId-000000000000') {
    const handler = handlers.SubscribeToShard as (input: T.SubscribeToShardInput, c: Ctx) => { EventStream: unknown };
    const out = handler({ ConsumerARN, ShardId, StartingPosition }, await ctx());
    return (out.EventStream as AsyncIterable<Event>)[Symbol.asyncIterator]();
  }

  async function consumer(stream: string, name = 'reader'): Promise<string> {
    const out = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn(stream), ConsumerName: name }));
    aws.clock.advance(10);
    return out.Consumer?.ConsumerARN as string;
  }

  const put = (StreamName: string, s: string) =>
    kinesis.send(new PutRecordCommand({ StreamName, Data: Buffer.from(s), PartitionKey: s }));

  async function event(events: AsyncIterator<Event>): Promise<T.SubscribeToShardEvent> {
    const next = await events.next();
    expect(next.done).toBe(false);
    return (next.value as Event).SubscribeToShardEvent;
  }

  it('pushes the records from the trim horizon, then new ones as they are written, with continuation sequence numbers', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'fan', 1);
    const first = await put('fan', 'a');
    const second = await put('fan', 'b');
    const arn = await consumer('fan');
    const events = await subscribe(arn, { Type: 'TRIM_HORIZON' });

    const e1 = await event(events);
    expect(e1.Records.map((r) => text(r.Data))).toEqual(['a', 'b']);
    expect(e1.Records[0]).toMatchObject({ SequenceNumber: first.SequenceNumber, PartitionKey: 'a' });
    expect(e1.ContinuationSequenceNumber).toBe(second.SequenceNumber);
    expect(e1.MillisBehindLatest).toBe(0);
    expect(e1.ChildShards).toBeUndefined();

    const pending = events.next();
    aws.clock.advance(1000);
    const third = await put('fan', 'c');
    const e2 = ((await pending).value as Event).SubscribeToShardEvent;
    expect(e2.Records.map((r) => text(r.Data))).toEqual(['c']);
    expect(e2.ContinuationSequenceNumber).toBe(third.SequenceNumber);
  });

  it('sends an empty event after 5 idle seconds on the clock, keeping the continuation sequence number', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'idle', 1);
    const only = await put('idle', 'x');
    const arn = await consumer('idle');
    const events = await subscribe(arn, { Type: 'LATEST' });
    const e1 = await event(events);
    expect(e1.Records).toEqual([]);
    expect(e1.ContinuationSequenceNumber).toBe(only.SequenceNumber);

    let settled = false;
    const pending = events.next().then((n) => {
      settled = true;
      return n;
    });
    aws.clock.advance(4999);
    await Promise.resolve();
    expect(settled).toBe(false);
    aws.clock.advance(1);
    const e2 = ((await pending).value as Event).SubscribeToShardEvent;
    expect(e2).toMatchObject({ Records: [], ContinuationSequenceNumber: only.SequenceNumber, MillisBehindLatest: 0 });
  });

  it('resumes after a continuation sequence number with AFTER_SEQUENCE_NUMBER, and AT_SEQUENCE_NUMBER includes it', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'resume', 1);
    const a = await put('resume', 'a');
    await put('resume', 'b');
    const arn = await consumer('resume');
    const after = await event(await subscribe(arn, { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: a.SequenceNumber }));
    expect(after.Records.map((r) => text(r.Data))).toEqual(['b']);
    aws.clock.advance(5000);
    const at = await event(await subscribe(arn, { Type: 'AT_SEQUENCE_NUMBER', SequenceNumber: a.SequenceNumber }));
    expect(at.Records.map((r) => text(r.Data))).toEqual(['a', 'b']);
  });

  it('reports how far behind the tip a partial read is (MillisBehindLatest)', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'behind', 1);
    const arn = await consumer('behind');
    const backend = (await aws.backends.kinesis()) as unknown as KinesisBackend;
    // More records than one event carries (10,000; a shard takes 1,000 a second), then one more
    // written 1 s later and read 2 s after that: the first event stops 2 s behind the tip.
    const stream = backend.stream({ StreamName: 'behind' });
    for (let second = 0; second < 10; second++) {
      backend.write(stream, Array.from({ length: 1000 }, () => ({ data: new Uint8Array([1]), partitionKey: 'k' })));
      aws.clock.advance(1000);
    }
    backend.write(stream, [{ data: new Uint8Array([2]), partitionKey: 'k' }]);
    aws.clock.advance(2000);
    const events = await subscribe(arn, { Type: 'TRIM_HORIZON' });
    const e1 = await event(events);
    expect(e1.Records).toHaveLength(10_000);
    expect(e1.MillisBehindLatest).toBe(2000);
    const e2 = await event(events);
    expect(e2.Records).toHaveLength(1);
    expect(e2.MillisBehindLatest).toBe(0);
  });

  it('ends a closed shard with its child shards and no continuation sequence number', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'split', 1);
    await put('split', 'before');
    const arn = await consumer('split');
    const events = await subscribe(arn, { Type: 'TRIM_HORIZON' });
    expect((await event(events)).Records).toHaveLength(1);
    const pending = events.next();
    await kinesis.send(
      new SplitShardCommand({ StreamName: 'split', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (1n << 127n).toString() }),
    );
    const last = ((await pending).value as Event).SubscribeToShardEvent;
    expect(last.Records).toEqual([]);
    expect(last.ContinuationSequenceNumber).toBeUndefined();
    expect(last.ChildShards?.map((s) => [s.ShardId, s.ParentShards])).toEqual([
      ['shardId-000000000001', ['shardId-000000000000']],
      ['shardId-000000000002', ['shardId-000000000000']],
    ]);
    expect((await events.next()).done).toBe(true);
  });

  it('a subscription lasts 5 minutes on the clock', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'life', 1);
    const arn = await consumer('life');
    const events = await subscribe(arn, { Type: 'LATEST' });
    await event(events);
    for (let i = 0; i < 59; i++) {
      const pending = events.next();
      aws.clock.advance(5000);
      expect((await pending).done).toBe(false);
    }
    const pending = events.next();
    aws.clock.advance(5000);
    expect((await pending).done).toBe(true);
  });

  it('refuses a second subscription of the consumer and shard within 5 s; later, the new one takes over', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'twice', 1);
    const arn = await consumer('twice');
    const old = await subscribe(arn, { Type: 'LATEST' });
    await event(old);
    aws.clock.advance(4999);
    await expect(subscribe(arn, { Type: 'LATEST' })).rejects.toMatchObject({ code: 'ResourceInUseException' });
    aws.clock.advance(1);
    const fresh = await subscribe(arn, { Type: 'LATEST' });
    await event(fresh);
    await expect(old.next()).rejects.toMatchObject({ code: 'ResourceInUseException' });
  });

  it('needs an ACTIVE consumer, an existing consumer and shard, and a valid starting position', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'checks', 1);
    const creating = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn('checks'), ConsumerName: 'new' }));
    await expect(subscribe(creating.Consumer?.ConsumerARN as string, { Type: 'LATEST' })).rejects.toMatchObject({
      code: 'ResourceInUseException',
    });
    aws.clock.advance(10);
    const arn = creating.Consumer?.ConsumerARN as string;
    await expect(subscribe(`${streamArn('checks')}/consumer/ghost:1`, { Type: 'LATEST' })).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
    });
    await expect(subscribe(arn, { Type: 'LATEST' }, 'shardId-000000000009')).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
      message: `Shard shardId-000000000009 in stream checks under account 123456789012 does not exist`,
    });
    await expect(subscribe(arn, { Type: 'AT_SEQUENCE_NUMBER' })).rejects.toMatchObject({ code: 'InvalidArgumentException' });
    // A refused call does not count as a subscription: a valid one right after succeeds.
    await event(await subscribe(arn, { Type: 'TRIM_HORIZON' }));
  });
});
