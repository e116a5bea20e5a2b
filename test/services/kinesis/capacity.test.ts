import {
  CreateStreamCommand,
  DescribeAccountSettingsCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  PutRecordCommand,
  UpdateAccountSettingsCommand,
  UpdateStreamModeCommand,
  UpdateStreamRecordDistributionStrategyCommand,
  UpdateStreamWarmThroughputCommand,
} from '@aws-sdk/client-kinesis';
import { useMockAws } from '../lifecycle';
import { activeStream, freezeTime, streamArn } from './support';

const T0 = Date.parse('2031-03-01T00:00:00Z');
const HOUR = 3600_000;

describe('Kinesis account settings, warm throughput, record distribution', () => {
  const aws = useMockAws();
  const kinesis = new KinesisClient({ region: 'us-east-1', maxAttempts: 1 });
  const commitment = async () => (await kinesis.send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment;
  const setCommitment = (Status: 'ENABLED' | 'DISABLED') =>
    kinesis.send(new UpdateAccountSettingsCommand({ MinimumThroughputBillingCommitment: { Status } }));

  async function onDemand(StreamName: string, extra: Record<string, unknown> = {}) {
    await kinesis.send(new CreateStreamCommand({ StreamName, StreamModeDetails: { StreamMode: 'ON_DEMAND' }, ...extra }));
    aws.clock.advance(10);
  }
  const summary = async (StreamName: string) =>
    (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName }))).StreamDescriptionSummary;

  it('the commitment lasts at least 24 hours: an early disable waits for the earliest allowed end', async () => {
    freezeTime(T0);
    expect(await commitment()).toEqual({ Status: 'DISABLED' });
    const enabled = await setCommitment('ENABLED');
    expect(enabled.MinimumThroughputBillingCommitment).toEqual({
      Status: 'ENABLED',
      StartedAt: new Date(T0),
      EarliestAllowedEndAt: new Date(T0 + 24 * HOUR),
    });
    aws.clock.advance(HOUR);
    expect((await setCommitment('DISABLED')).MinimumThroughputBillingCommitment?.Status).toBe('ENABLED_UNTIL_EARLIEST_ALLOWED_END');
    // Enabling again before the end cancels the pending disable.
    expect((await setCommitment('ENABLED')).MinimumThroughputBillingCommitment?.Status).toBe('ENABLED');
    await setCommitment('DISABLED');
    aws.clock.advance(23 * HOUR);
    expect(await commitment()).toEqual({ Status: 'DISABLED', StartedAt: new Date(T0), EndedAt: new Date(T0 + 24 * HOUR) });
  });

  it('warm throughput needs an on-demand stream and the commitment; target at once, current once ACTIVE', async () => {
    freezeTime(T0);
    await onDemand('hot');
    await expect(kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamName: 'hot', WarmThroughputMiBps: 100 }))).rejects.toMatchObject({
      name: 'InvalidArgumentException',
    });
    // Without the commitment DescribeStreamSummary has no WarmThroughput.
    expect((await summary('hot'))?.WarmThroughput).toBeUndefined();
    await setCommitment('ENABLED');
    // An on-demand stream starts with 4 shards of 1 MiB/s each.
    expect((await summary('hot'))?.WarmThroughput).toEqual({ CurrentMiBps: 4 });
    const out = await kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamARN: streamArn('hot'), WarmThroughputMiBps: 100 }));
    expect(out).toMatchObject({ StreamName: 'hot', StreamARN: streamArn('hot'), WarmThroughput: { TargetMiBps: 100, CurrentMiBps: 4 } });
    expect((await summary('hot'))?.StreamStatus).toBe('UPDATING');
    await expect(kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamName: 'hot', WarmThroughputMiBps: 200 }))).rejects.toMatchObject({
      name: 'ResourceInUseException',
    });
    aws.clock.advance(10);
    expect(await summary('hot')).toMatchObject({ StreamStatus: 'ACTIVE', WarmThroughput: { TargetMiBps: 100, CurrentMiBps: 100 } });
    await expect(kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamName: 'hot', WarmThroughputMiBps: 10241 }))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    await activeStream(kinesis, aws, 'cold');
    await expect(kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamName: 'cold', WarmThroughputMiBps: 10 }))).rejects.toMatchObject({
      name: 'InvalidArgumentException',
    });
  });

  it('CreateStream and UpdateStreamMode take a warm throughput for on-demand only', async () => {
    freezeTime(T0);
    await setCommitment('ENABLED');
    await onDemand('warm', { WarmThroughputMiBps: 50 });
    expect((await summary('warm'))?.WarmThroughput).toEqual({ TargetMiBps: 50, CurrentMiBps: 50 });
    await expect(kinesis.send(new CreateStreamCommand({ StreamName: 'p', ShardCount: 1, WarmThroughputMiBps: 5 }))).rejects.toMatchObject({
      name: 'InvalidArgumentException',
    });
    await activeStream(kinesis, aws, 'switch');
    await kinesis.send(
      new UpdateStreamModeCommand({ StreamARN: streamArn('switch'), StreamModeDetails: { StreamMode: 'ON_DEMAND' }, WarmThroughputMiBps: 30 }),
    );
    aws.clock.advance(10);
    expect((await summary('switch'))?.WarmThroughput).toEqual({ TargetMiBps: 30, CurrentMiBps: 30 });
  });

  it('AUTO distribution spreads records over the shards whatever the partition key; USER_PARTITION_KEY by default', async () => {
    await onDemand('spread');
    expect((await summary('spread'))?.RecordDistributionStrategy).toBe('USER_PARTITION_KEY');
    const shardsOf = async () => {
      const shards = new Set<string>();
      for (let i = 0; i < 8; i++) {
        const out = await kinesis.send(new PutRecordCommand({ StreamName: 'spread', Data: Buffer.from('x'), PartitionKey: 'same' }));
        shards.add(out.ShardId as string);
      }
      return shards.size;
    };
    expect(await shardsOf()).toBe(1);
    await kinesis.send(new UpdateStreamRecordDistributionStrategyCommand({ StreamARN: streamArn('spread'), RecordDistributionStrategy: 'AUTO' }));
    // The change takes effect at once, without an UPDATING phase.
    expect(await summary('spread')).toMatchObject({ StreamStatus: 'ACTIVE', RecordDistributionStrategy: 'AUTO' });
    expect(await shardsOf()).toBe(4);
  });

  it('AUTO is refused on provisioned streams, at creation and by update', async () => {
    await expect(
      kinesis.send(new CreateStreamCommand({ StreamName: 'p', ShardCount: 1, RecordDistributionStrategy: 'AUTO' })),
    ).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    await activeStream(kinesis, aws, 'p2');
    await expect(
      kinesis.send(new UpdateStreamRecordDistributionStrategyCommand({ StreamARN: streamArn('p2'), RecordDistributionStrategy: 'AUTO' })),
    ).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    expect((await summary('p2'))?.RecordDistributionStrategy).toBeUndefined();
    await expect(
      kinesis.send(new UpdateStreamRecordDistributionStrategyCommand({ StreamARN: streamArn('nope'), RecordDistributionStrategy: 'AUTO' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
