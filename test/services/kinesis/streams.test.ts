import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DeleteStreamCommand,
  DescribeLimitsCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  DisableEnhancedMonitoringCommand,
  EnableEnhancedMonitoringCommand,
  IncreaseStreamRetentionPeriodCommand,
  KinesisClient,
  ListStreamsCommand,
  ListTagsForResourceCommand,
  ListTagsForStreamCommand,
  RemoveTagsFromStreamCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStreamModeCommand,
  waitUntilStreamExists,
} from '@aws-sdk/client-kinesis';
import { useMockAws } from '../lifecycle';
import { activeStream, freezeTime, streamArn } from './support';

describe('Kinesis streams', () => {
  const aws = useMockAws();
  // One attempt: the SDK retries LimitExceededException as throttling.
  const kinesis = new KinesisClient({ region: 'us-east-1', maxAttempts: 1 });

  it('creates a provisioned stream CREATING, ACTIVE a few ms later on the clock', async () => {
    freezeTime();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 3 }));
    const creating = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'orders' }));
    expect(creating.StreamDescriptionSummary).toMatchObject({
      StreamName: 'orders',
      StreamARN: streamArn('orders'),
      StreamStatus: 'CREATING',
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      RetentionPeriodHours: 24,
      OpenShardCount: 3,
      EncryptionType: 'NONE',
    });
    aws.clock.advance(10);
    const active = await kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: streamArn('orders') }));
    expect(active.StreamDescriptionSummary?.StreamStatus).toBe('ACTIVE');
  });

  it('the SDK waiter waitUntilStreamExists sees the stream become ACTIVE', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'waited', ShardCount: 1 }));
    const result = await waitUntilStreamExists({ client: kinesis, maxWaitTime: 10, minDelay: 1 }, { StreamName: 'waited' });
    expect(result.state).toBe('SUCCESS');
  });

  it('splits the 128-bit hash-key space evenly between the shards', async () => {
    await activeStream(kinesis, aws, 'halves', 2);
    const { StreamDescription } = await kinesis.send(new DescribeStreamCommand({ StreamName: 'halves' }));
    expect(StreamDescription?.Shards?.map((s) => [s.ShardId, s.HashKeyRange])).toEqual([
      ['shardId-000000000000', { StartingHashKey: '0', EndingHashKey: '170141183460469231731687303715884105727' }],
      [
        'shardId-000000000001',
        { StartingHashKey: '170141183460469231731687303715884105728', EndingHashKey: '340282366920938463463374607431768211455' },
      ],
    ]);
    expect(StreamDescription?.Shards?.[0].SequenceNumberRange?.StartingSequenceNumber).toMatch(/^\d{56}$/);
    expect(StreamDescription?.HasMoreShards).toBe(false);
  });

  it('an ON_DEMAND stream starts with 4 shards', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    const { StreamDescriptionSummary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'od' }));
    expect(StreamDescriptionSummary).toMatchObject({ OpenShardCount: 4, StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
    const limits = await kinesis.send(new DescribeLimitsCommand({}));
    expect(limits).toMatchObject({ ShardLimit: 500, OpenShardCount: 4, OnDemandStreamCount: 1, OnDemandStreamCountLimit: 50 });
  });

  it('answers ResourceInUseException for an existing name, ResourceNotFoundException for a missing one', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'dup', ShardCount: 1 }));
    await expect(kinesis.send(new CreateStreamCommand({ StreamName: 'dup', ShardCount: 1 }))).rejects.toMatchObject({
      name: 'ResourceInUseException',
      message: 'Stream dup under account 123456789012 already exists.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(kinesis.send(new DescribeStreamCommand({ StreamName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Stream nope under account 123456789012 not found.',
    });
  });

  it('refuses a stream beyond the account shard limit with LimitExceededException', async () => {
    await expect(kinesis.send(new CreateStreamCommand({ StreamName: 'huge', ShardCount: 501 }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: expect.stringContaining('This request would exceed the shard limit for the account 123456789012 in us-east-1.'),
    });
    await expect(kinesis.send(new DescribeStreamCommand({ StreamName: 'huge' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('requires a stream name or ARN', async () => {
    await expect(kinesis.send(new DescribeStreamSummaryCommand({}))).rejects.toMatchObject({ name: 'InvalidArgumentException' });
  });

  it('lists streams in name order with summaries, paging with NextToken', async () => {
    freezeTime();
    for (const name of ['c', 'a', 'b']) await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    const first = await kinesis.send(new ListStreamsCommand({ Limit: 2 }));
    expect(first.StreamNames).toEqual(['a', 'b']);
    expect(first.HasMoreStreams).toBe(true);
    expect(first.StreamSummaries?.[0]).toMatchObject({ StreamName: 'a', StreamARN: streamArn('a'), StreamStatus: 'CREATING' });
    const second = await kinesis.send(new ListStreamsCommand({ NextToken: first.NextToken }));
    expect(second.StreamNames).toEqual(['c']);
    expect(second.HasMoreStreams).toBe(false);
    expect(second.NextToken).toBeUndefined();
    const after = await kinesis.send(new ListStreamsCommand({ ExclusiveStartStreamName: 'a' }));
    expect(after.StreamNames).toEqual(['b', 'c']);
  });

  it('deletes a stream: DELETING, then gone', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'gone');
    await kinesis.send(new DeleteStreamCommand({ StreamARN: streamArn('gone') }));
    const { StreamDescriptionSummary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'gone' }));
    expect(StreamDescriptionSummary?.StreamStatus).toBe('DELETING');
    aws.clock.advance(10);
    await expect(kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'gone' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect((await kinesis.send(new ListStreamsCommand({}))).StreamNames).toEqual([]);
  });

  it('changes retention within 24..8760 hours, each way with its own operation', async () => {
    await activeStream(kinesis, aws, 'keep');
    await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'keep', RetentionPeriodHours: 48 }));
    await expect(
      kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'keep', RetentionPeriodHours: 30 })),
    ).rejects.toMatchObject({
      name: 'InvalidArgumentException',
      message:
        'Requested retention period (30 hours) for stream keep can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.',
    });
    await expect(
      kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'keep', RetentionPeriodHours: 12 })),
    ).rejects.toMatchObject({
      name: 'InvalidArgumentException',
      message: 'Minimum allowed retention period is 24 hours. Requested retention period (12 hours) is too short.',
    });
    await expect(
      kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'keep', RetentionPeriodHours: 9000 })),
    ).rejects.toMatchObject({ name: 'InvalidArgumentException', message: expect.stringContaining('Maximum allowed retention period is 8760 hours.') });
    await kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'keep', RetentionPeriodHours: 24 }));
    const { StreamDescriptionSummary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'keep' }));
    expect(StreamDescriptionSummary?.RetentionPeriodHours).toBe(24);
  });

  it('refuses configuration changes while the stream is not ACTIVE', async () => {
    freezeTime();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'young', ShardCount: 1 }));
    await expect(
      kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'young', RetentionPeriodHours: 48 })),
    ).rejects.toMatchObject({
      name: 'ResourceInUseException',
      message: 'Stream young under account 123456789012 not ACTIVE, instead in state CREATING',
    });
  });

  it('switches stream mode, UPDATING for a moment', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'mode');
    await kinesis.send(
      new UpdateStreamModeCommand({ StreamARN: streamArn('mode'), StreamModeDetails: { StreamMode: 'ON_DEMAND' } }),
    );
    const during = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'mode' }));
    expect(during.StreamDescriptionSummary).toMatchObject({ StreamStatus: 'UPDATING', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
    aws.clock.advance(10);
    const after = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'mode' }));
    expect(after.StreamDescriptionSummary?.StreamStatus).toBe('ACTIVE');
  });

  it('tags streams through both tag APIs, paging ListTagsForStream', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'tagged', ShardCount: 1, Tags: { team: 'data' } }));
    await kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { env: 'prod', app: 'x' } }));
    const page = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged', Limit: 2 }));
    expect(page.Tags).toEqual([
      { Key: 'app', Value: 'x' },
      { Key: 'env', Value: 'prod' },
    ]);
    expect(page.HasMoreTags).toBe(true);
    const rest = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged', ExclusiveStartTagKey: 'env' }));
    expect(rest).toMatchObject({ Tags: [{ Key: 'team', Value: 'data' }], HasMoreTags: false });
    await kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'tagged', TagKeys: ['app'] }));
    await kinesis.send(new TagResourceCommand({ ResourceARN: streamArn('tagged'), Tags: { cost: '1' } }));
    await kinesis.send(new UntagResourceCommand({ ResourceARN: streamArn('tagged'), TagKeys: ['team'] }));
    const all = await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: streamArn('tagged') }));
    expect(all.Tags).toEqual([
      { Key: 'cost', Value: '1' },
      { Key: 'env', Value: 'prod' },
    ]);
  });

  it('refuses more than 50 tags on a stream', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'many', ShardCount: 1 }));
    for (let i = 0; i < 5; i++) {
      const Tags = Object.fromEntries(Array.from({ length: 10 }, (_, j) => [`k${i}-${j}`, 'v']));
      await kinesis.send(new AddTagsToStreamCommand({ StreamName: 'many', Tags }));
    }
    await expect(kinesis.send(new AddTagsToStreamCommand({ StreamName: 'many', Tags: { one: 'more' } }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: expect.stringContaining('cannot have more than 50 tags'),
    });
  });

  it('a stream ARN of another region names no stream here', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'local', ShardCount: 1 }));
    await expect(
      kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: streamArn('local', 'eu-west-1') })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('records shard-level metrics through Enable/DisableEnhancedMonitoring', async () => {
    await activeStream(kinesis, aws, 'watched');
    const on = await kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'watched', ShardLevelMetrics: ['IncomingBytes', 'OutgoingRecords'] }));
    expect(on).toMatchObject({ StreamName: 'watched', CurrentShardLevelMetrics: [], DesiredShardLevelMetrics: ['IncomingBytes', 'OutgoingRecords'] });
    const off = await kinesis.send(new DisableEnhancedMonitoringCommand({ StreamARN: streamArn('watched'), ShardLevelMetrics: ['IncomingBytes'] }));
    expect(off.DesiredShardLevelMetrics).toEqual(['OutgoingRecords']);
    const all = await kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'watched', ShardLevelMetrics: ['ALL'] }));
    expect(all.DesiredShardLevelMetrics).toHaveLength(7);
    const { StreamDescription } = await kinesis.send(new DescribeStreamCommand({ StreamName: 'watched' }));
    expect(StreamDescription?.EnhancedMonitoring?.[0].ShardLevelMetrics).toHaveLength(7);
  });
});
