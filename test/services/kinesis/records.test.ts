import { createHash } from 'node:crypto';
import {
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordCommand,
  PutRecordsCommand,
  StartStreamEncryptionCommand,
  DescribeStreamSummaryCommand,
} from '@aws-sdk/client-kinesis';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateKeyCommand, DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { useMockAws } from '../lifecycle';
import { activeStream, freezeTime, streamArn, text } from './support';

const data = (s: string) => Buffer.from(s, 'utf8');

/** The shard AWS puts a partition key on when the stream has `shards` even shards. */
function expectedShard(partitionKey: string, shards: number): string {
  const hash = BigInt(`0x${createHash('md5').update(partitionKey).digest('hex')}`);
  const index = Number((hash * BigInt(shards)) / (1n << 128n));
  return `shardId-${String(index).padStart(12, '0')}`;
}

describe('Kinesis records', () => {
  const aws = useMockAws();
  const kinesis = new KinesisClient({ region: 'us-east-1', maxAttempts: 1 });

  async function iterator(StreamName: string, ShardId: string, type: string, extra: Record<string, unknown> = {}) {
    const out = await kinesis.send(new GetShardIteratorCommand({ StreamName, ShardId, ShardIteratorType: type as 'LATEST', ...extra }));
    return out.ShardIterator as string;
  }

  it('routes a partition key by its MD5 hash to the shard owning it', async () => {
    await activeStream(kinesis, aws, 'routed', 4);
    for (const key of ['alpha', 'beta', 'gamma', 'delta', 'epsilon']) {
      const out = await kinesis.send(new PutRecordCommand({ StreamName: 'routed', Data: data(key), PartitionKey: key }));
      expect(out.ShardId).toBe(expectedShard(key, 4));
      expect(out.SequenceNumber).toMatch(/^\d{56}$/);
      expect(out.EncryptionType).toBe('NONE');
    }
  });

  it('an ExplicitHashKey overrides the partition key; one beyond 2^128-1 is refused', async () => {
    await activeStream(kinesis, aws, 'explicit', 2);
    const out = await kinesis.send(
      new PutRecordCommand({ StreamName: 'explicit', Data: data('x'), PartitionKey: 'alpha', ExplicitHashKey: '340282366920938463463374607431768211455' }),
    );
    expect(out.ShardId).toBe('shardId-000000000001');
    await expect(
      kinesis.send(
        new PutRecordCommand({ StreamName: 'explicit', Data: data('x'), PartitionKey: 'a', ExplicitHashKey: '340282366920938463463374607431768211456' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidArgumentException' });
  });

  it('sequence numbers grow with every write, as numbers and as strings', async () => {
    await activeStream(kinesis, aws, 'ordered', 2);
    const seqs: string[] = [];
    for (let i = 0; i < 5; i++) {
      const out = await kinesis.send(new PutRecordCommand({ StreamARN: streamArn('ordered'), Data: data(`${i}`), PartitionKey: `k${i}` }));
      seqs.push(out.SequenceNumber as string);
    }
    const asNumbers = seqs.map((s) => BigInt(s));
    for (let i = 1; i < seqs.length; i++) {
      expect(asNumbers[i] > asNumbers[i - 1]).toBe(true);
      expect(seqs[i] > seqs[i - 1]).toBe(true);
    }
  });

  it('refuses a record over 1 MiB and a put to a stream still CREATING', async () => {
    await activeStream(kinesis, aws, 'big');
    await expect(
      kinesis.send(new PutRecordCommand({ StreamName: 'big', Data: new Uint8Array(1024 * 1024 + 1), PartitionKey: 'k' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576",
    });
    freezeTime();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'fresh', ShardCount: 1 }));
    await expect(kinesis.send(new PutRecordCommand({ StreamName: 'fresh', Data: data('x'), PartitionKey: 'k' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses a PutRecords request over 5 MiB as a whole', async () => {
    await activeStream(kinesis, aws, 'heavy', 1);
    const Records = Array.from({ length: 5 }, () => ({ Data: new Uint8Array(1024 * 1024), PartitionKey: 'k' }));
    await expect(kinesis.send(new PutRecordsCommand({ StreamName: 'heavy', Records }))).rejects.toMatchObject({
      name: 'InvalidArgumentException',
    });
    const { StreamDescriptionSummary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'heavy' }));
    expect(StreamDescriptionSummary?.StreamStatus).toBe('ACTIVE');
    const empty = await kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator('heavy', 'shardId-000000000000', 'TRIM_HORIZON') }));
    expect(empty.Records).toEqual([]);
  });

  it('PutRecords reports per-record failures when a shard exceeds its 1,000 records a second', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'busy', 1);
    const batch = Array.from({ length: 500 }, (_, i) => ({ Data: data(`${i}`), PartitionKey: 'same' }));
    const first = await kinesis.send(new PutRecordsCommand({ StreamName: 'busy', Records: batch }));
    const second = await kinesis.send(new PutRecordsCommand({ StreamName: 'busy', Records: batch }));
    expect(first.FailedRecordCount).toBe(0);
    expect(second.FailedRecordCount).toBe(0);
    const third = await kinesis.send(new PutRecordsCommand({ StreamName: 'busy', Records: batch.slice(0, 3) }));
    expect(third.FailedRecordCount).toBe(3);
    expect(third.Records?.[0]).toEqual({
      ErrorCode: 'ProvisionedThroughputExceededException',
      ErrorMessage: 'Rate exceeded for shard shardId-000000000000 in stream busy under account 123456789012.',
    });
    aws.clock.advance(1000);
    const later = await kinesis.send(new PutRecordsCommand({ StreamName: 'busy', Records: batch.slice(0, 3) }));
    expect(later.FailedRecordCount).toBe(0);
    expect(later.Records?.[0]).toMatchObject({ ShardId: 'shardId-000000000000', SequenceNumber: expect.stringMatching(/^\d{56}$/) });
  });

  it('reads back with every iterator type, Limit, NextShardIterator and MillisBehindLatest', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'read', 1);
    const seqs: string[] = [];
    for (let i = 0; i < 5; i++) {
      const out = await kinesis.send(new PutRecordCommand({ StreamName: 'read', Data: data(`r${i}`), PartitionKey: 'p' }));
      seqs.push(out.SequenceNumber as string);
      aws.clock.advance(1000);
    }
    const shard = 'shardId-000000000000';
    const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator('read', shard, 'TRIM_HORIZON'), Limit: 2 }));
    expect(page.Records?.map((r) => text(r.Data))).toEqual(['r0', 'r1']);
    expect(page.Records?.[0]).toMatchObject({ PartitionKey: 'p', SequenceNumber: seqs[0] });
    expect(page.MillisBehindLatest).toBe(3000); // the next unread record (r2) arrived 3 s ago
    const rest = await kinesis.send(new GetRecordsCommand({ ShardIterator: page.NextShardIterator }));
    expect(rest.Records?.map((r) => text(r.Data))).toEqual(['r2', 'r3', 'r4']);
    expect(rest.MillisBehindLatest).toBe(0);
    expect(rest.NextShardIterator).toBeDefined();

    const at = await kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator('read', shard, 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: seqs[2] }) }));
    expect(at.Records?.map((r) => text(r.Data))).toEqual(['r2', 'r3', 'r4']);
    const after = await kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator('read', shard, 'AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: seqs[2] }) }));
    expect(after.Records?.map((r) => text(r.Data))).toEqual(['r3', 'r4']);
    const t0 = Date.parse('2031-03-01T00:00:03.010Z'); // r3: 10 ms to become ACTIVE, then 1 s per record
    const byTime = await kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator('read', shard, 'AT_TIMESTAMP', { Timestamp: new Date(t0) }) }));
    expect(byTime.Records?.map((r) => text(r.Data))).toEqual(['r3', 'r4']);
    expect(byTime.Records?.[0].ApproximateArrivalTimestamp?.getTime()).toBe(t0);

    const latest = await iterator('read', shard, 'LATEST');
    expect((await kinesis.send(new GetRecordsCommand({ ShardIterator: latest }))).Records).toEqual([]);
    await kinesis.send(new PutRecordCommand({ StreamName: 'read', Data: data('new'), PartitionKey: 'p' }));
    const fresh = await kinesis.send(new GetRecordsCommand({ ShardIterator: latest }));
    expect(fresh.Records?.map((r) => text(r.Data))).toEqual(['new']);
  });

  it('refuses a sequence number of another shard, a missing shard and a garbled iterator', async () => {
    await activeStream(kinesis, aws, 'strict', 2);
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'strict', Data: data('x'), PartitionKey: 'k', ExplicitHashKey: '0' }));
    await expect(iterator('strict', 'shardId-000000000001', 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: put.SequenceNumber })).rejects.toMatchObject({
      name: 'InvalidArgumentException',
      message: expect.stringContaining('is invalid because it did not come from this stream'),
    });
    await expect(iterator('strict', 'shardId-000000000009', 'LATEST')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Shard shardId-000000000009 in stream strict under account 123456789012 does not exist',
    });
    await expect(kinesis.send(new GetRecordsCommand({ ShardIterator: 'not-an-iterator' }))).rejects.toMatchObject({
      name: 'InvalidArgumentException',
    });
    await expect(iterator('strict', 'shardId-000000000000', 'AT_TIMESTAMP', { Timestamp: new Date(Date.now() + 3600_000) })).rejects.toMatchObject({
      name: 'InvalidArgumentException',
      message: expect.stringContaining('The timestampInMillis parameter cannot be greater than the currentTimestampInMillis.'),
    });
    await expect(iterator('strict', 'shardId-000000000000', 'AT_SEQUENCE_NUMBER')).rejects.toMatchObject({ name: 'InvalidArgumentException' });
  });

  it('an iterator expires 5 minutes after it was issued on the clock', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'slow', 1);
    const it1 = await iterator('slow', 'shardId-000000000000', 'TRIM_HORIZON');
    aws.clock.advance(300_001);
    await expect(kinesis.send(new GetRecordsCommand({ ShardIterator: it1 }))).rejects.toMatchObject({
      name: 'ExpiredIteratorException',
      message: expect.stringMatching(
        /^Iterator expired\. The iterator was created at time Sat Mar 01 00:00:00 UTC 2031 while right now it is Sat Mar 01 00:05:00 UTC 2031 which is further in the future than the tolerated delay of 300000 milliseconds\.$/,
      ),
    });
  });

  it('drops records older than the retention period on the clock', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'short', 1);
    await kinesis.send(new PutRecordCommand({ StreamName: 'short', Data: data('old'), PartitionKey: 'p' }));
    aws.clock.advance(23 * 3600_000);
    await kinesis.send(new PutRecordCommand({ StreamName: 'short', Data: data('new'), PartitionKey: 'p' }));
    aws.clock.advance(2 * 3600_000);
    const out = await kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator('short', 'shardId-000000000000', 'TRIM_HORIZON') }));
    expect(out.Records?.map((r) => text(r.Data))).toEqual(['new']);
    await kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'short', RetentionPeriodHours: 24 }));
  });

  it('encrypts with a KMS key; a disabled key fails each record; a missing key is KMSNotFoundException', async () => {
    const kms = new KMSClient({ region: 'us-east-1' });
    const key = await kms.send(new CreateKeyCommand({}));
    const keyId = key.KeyMetadata?.KeyId as string;
    await activeStream(kinesis, aws, 'secret', 1);
    await expect(
      kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'secret', EncryptionType: 'KMS', KeyId: '11111111-2222-3333-4444-555555555555' })),
    ).rejects.toMatchObject({ name: 'KMSNotFoundException' });
    await kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'secret', EncryptionType: 'KMS', KeyId: keyId }));
    aws.clock.advance(10);
    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'secret' }));
    expect(summary.StreamDescriptionSummary).toMatchObject({ EncryptionType: 'KMS', KeyId: keyId, StreamStatus: 'ACTIVE' });
    const ok = await kinesis.send(new PutRecordCommand({ StreamName: 'secret', Data: data('x'), PartitionKey: 'p' }));
    expect(ok.EncryptionType).toBe('KMS');
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const failed = await kinesis.send(new PutRecordsCommand({ StreamName: 'secret', Records: [{ Data: data('y'), PartitionKey: 'p' }] }));
    expect(failed.FailedRecordCount).toBe(1);
    expect(failed.Records?.[0].ErrorCode).toBe('KMSDisabledException');
  });

  it('exposes putRecord, shards and readFrom to other services', async () => {
    await activeStream(kinesis, aws, 'api', 2);
    const backend = (await aws.backends.get('kinesis')) as {
      putRecord(s: string, d: Uint8Array, k: string): { shardId: string; sequenceNumber: string };
      shards(s: string): { shardId: string; open: boolean }[];
      readFrom(s: string, shard: string, after: string | undefined, limit: number): { data: Uint8Array }[];
    };
    const first = backend.putRecord('api', data('one'), 'k');
    backend.putRecord(streamArn('api'), data('two'), 'k');
    expect(backend.shards('api').map((s) => s.open)).toEqual([true, true]);
    expect(backend.readFrom('api', first.shardId, undefined, 10).map((r) => text(r.data))).toEqual(['one', 'two']);
    expect(backend.readFrom('api', first.shardId, first.sequenceNumber, 10).map((r) => text(r.data))).toEqual(['two']);
    const got = await kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator('api', first.shardId, 'TRIM_HORIZON') }));
    expect(got.Records).toHaveLength(2);
  });

  it('publishes stream metrics to CloudWatch under AWS/Kinesis', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'measured', 1);
    await kinesis.send(
      new PutRecordsCommand({ StreamName: 'measured', Records: ['a', 'bb', 'ccc'].map((d) => ({ Data: data(d), PartitionKey: 'p' })) }),
    );
    await kinesis.send(new PutRecordCommand({ StreamName: 'measured', Data: data('dddd'), PartitionKey: 'p' }));
    await kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator('measured', 'shardId-000000000000', 'TRIM_HORIZON') }));
    const cw = new CloudWatchClient({ region: 'us-east-1' });
    const sum = async (MetricName: string) => {
      const out = await cw.send(
        new GetMetricStatisticsCommand({
          Namespace: 'AWS/Kinesis',
          MetricName,
          Dimensions: [{ Name: 'StreamName', Value: 'measured' }],
          StartTime: new Date(Date.now() - 60_000),
          EndTime: new Date(Date.now() + 60_000),
          Period: 60,
          Statistics: ['Sum'],
        }),
      );
      return out.Datapoints?.reduce((n, d) => n + (d.Sum ?? 0), 0);
    };
    expect(await sum('IncomingRecords')).toBe(4);
    expect(await sum('IncomingBytes')).toBe(10);
    expect(await sum('GetRecords.Records')).toBe(4);
  });
});
