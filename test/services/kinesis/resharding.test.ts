import {
  DeleteStreamCommand,
  DeregisterStreamConsumerCommand,
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetResourcePolicyCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  ListStreamConsumersCommand,
  ListTagsForResourceCommand,
  MergeShardsCommand,
  PutRecordCommand,
  PutResourcePolicyCommand,
  RegisterStreamConsumerCommand,
  SplitShardCommand,
  UpdateShardCountCommand,
  DeleteResourcePolicyCommand,
} from '@aws-sdk/client-kinesis';
import { useMockAws } from '../lifecycle';
import { activeStream, freezeTime, streamArn, text } from './support';

const HALF = '170141183460469231731687303715884105728';

describe('Kinesis resharding and shard listing', () => {
  const aws = useMockAws();
  const kinesis = new KinesisClient({ region: 'us-east-1', maxAttempts: 1 });

  it('SplitShard closes the parent and opens two children; a drained parent names its children', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'split', 1);
    await kinesis.send(new PutRecordCommand({ StreamName: 'split', Data: Buffer.from('before'), PartitionKey: 'p' }));
    const parentIt = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: 'split', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }),
    );
    await kinesis.send(new SplitShardCommand({ StreamName: 'split', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: HALF }));
    expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'split' }))).StreamDescriptionSummary?.StreamStatus).toBe(
      'UPDATING',
    );
    await expect(
      kinesis.send(new SplitShardCommand({ StreamName: 'split', ShardToSplit: 'shardId-000000000001', NewStartingHashKey: '100' })),
    ).rejects.toMatchObject({ name: 'ResourceInUseException' });
    aws.clock.advance(10);
    const { Shards } = await kinesis.send(new ListShardsCommand({ StreamName: 'split' }));
    expect(Shards?.map((s) => [s.ShardId, s.ParentShardId, s.HashKeyRange?.StartingHashKey])).toEqual([
      ['shardId-000000000000', undefined, '0'],
      ['shardId-000000000001', 'shardId-000000000000', '0'],
      ['shardId-000000000002', 'shardId-000000000000', HALF],
    ]);
    expect(Shards?.[0].SequenceNumberRange?.EndingSequenceNumber).toMatch(/^\d{56}$/);
    expect(Shards?.[1].SequenceNumberRange?.EndingSequenceNumber).toBeUndefined();

    const drained = await kinesis.send(new GetRecordsCommand({ ShardIterator: parentIt.ShardIterator }));
    expect(drained.Records?.map((r) => text(r.Data))).toEqual(['before']);
    expect(drained.NextShardIterator).toBeUndefined();
    expect(drained.ChildShards?.map((c) => [c.ShardId, c.ParentShards])).toEqual([
      ['shardId-000000000001', ['shardId-000000000000']],
      ['shardId-000000000002', ['shardId-000000000000']],
    ]);
    const after = await kinesis.send(new PutRecordCommand({ StreamName: 'split', Data: Buffer.from('after'), PartitionKey: 'p' }));
    expect(['shardId-000000000001', 'shardId-000000000002']).toContain(after.ShardId);
  });

  it('refuses a split key outside the shard and a split of a closed shard', async () => {
    await activeStream(kinesis, aws, 'badsplit', 2);
    await expect(
      kinesis.send(new SplitShardCommand({ StreamName: 'badsplit', ShardToSplit: 'shardId-000000000001', NewStartingHashKey: '5' })),
    ).rejects.toMatchObject({
      name: 'InvalidArgumentException',
      message: expect.stringContaining(
        "NewStartingHashKey 5 used in SplitShard() on shard shardId-000000000001 in stream badsplit under account 123456789012 is not both greater than one plus the shard's StartingHashKey",
      ),
    });
    await kinesis.send(new SplitShardCommand({ StreamName: 'badsplit', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' }));
    aws.clock.advance(10);
    await expect(
      kinesis.send(new SplitShardCommand({ StreamName: 'badsplit', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '500' })),
    ).rejects.toMatchObject({
      name: 'InvalidArgumentException',
      message:
        'Shard shardId-000000000000 in stream badsplit under account 123456789012 has already been merged or split, and thus is not eligible for merging or splitting.',
    });
  });

  it('MergeShards joins two adjacent shards and refuses a non-adjacent pair', async () => {
    await activeStream(kinesis, aws, 'merge', 3);
    await expect(
      kinesis.send(new MergeShardsCommand({ StreamName: 'merge', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000002' })),
    ).rejects.toMatchObject({
      name: 'InvalidArgumentException',
      message:
        'Shards shardId-000000000000 and shardId-000000000002 in stream merge under account 123456789012 are not an adjacent pair of shards eligible for merging',
    });
    await kinesis.send(new MergeShardsCommand({ StreamName: 'merge', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' }));
    aws.clock.advance(10);
    const open = await kinesis.send(new ListShardsCommand({ StreamName: 'merge', ShardFilter: { Type: 'AT_LATEST' } }));
    expect(open.Shards?.map((s) => [s.ShardId, s.ParentShardId, s.AdjacentParentShardId])).toEqual([
      ['shardId-000000000002', undefined, undefined],
      ['shardId-000000000003', 'shardId-000000000000', 'shardId-000000000001'],
    ]);
  });

  it('UpdateShardCount rescales uniformly within half to double the open shards', async () => {
    await activeStream(kinesis, aws, 'scale', 2);
    await expect(
      kinesis.send(new UpdateShardCountCommand({ StreamName: 'scale', TargetShardCount: 5, ScalingType: 'UNIFORM_SCALING' })),
    ).rejects.toMatchObject({ name: 'LimitExceededException' });
    const out = await kinesis.send(new UpdateShardCountCommand({ StreamName: 'scale', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
    expect(out).toMatchObject({ StreamName: 'scale', CurrentShardCount: 2, TargetShardCount: 4 });
    aws.clock.advance(10);
    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'scale' }));
    expect(summary.StreamDescriptionSummary?.OpenShardCount).toBe(4);
    const open = await kinesis.send(new ListShardsCommand({ StreamName: 'scale', ShardFilter: { Type: 'AT_LATEST' } }));
    expect(open.Shards?.map((s) => s.HashKeyRange?.StartingHashKey)).toEqual([
      '0',
      '85070591730234615865843651857942052864',
      HALF,
      '255211775190703847597530955573826158592',
    ]);
  });

  it('ListShards pages with NextToken, which may not come with StreamName', async () => {
    await activeStream(kinesis, aws, 'paged', 5);
    const first = await kinesis.send(new ListShardsCommand({ StreamName: 'paged', MaxResults: 2 }));
    expect(first.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    await expect(kinesis.send(new ListShardsCommand({ StreamName: 'paged', NextToken: first.NextToken }))).rejects.toMatchObject({
      name: 'InvalidArgumentException',
      message: 'NextToken and StreamName cannot be provided together.',
    });
    const second = await kinesis.send(new ListShardsCommand({ NextToken: first.NextToken, MaxResults: 10 }));
    expect(second.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000002', 'shardId-000000000003', 'shardId-000000000004']);
    expect(second.NextToken).toBeUndefined();
    const after = await kinesis.send(new ListShardsCommand({ StreamARN: streamArn('paged'), ExclusiveStartShardId: 'shardId-000000000003' }));
    expect(after.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000004']);
    const filtered = await kinesis.send(
      new ListShardsCommand({ StreamName: 'paged', ShardFilter: { Type: 'AFTER_SHARD_ID', ShardId: 'shardId-000000000002' } }),
    );
    expect(filtered.Shards).toHaveLength(2);
  });

  it('a ListShards NextToken expires after 300 seconds', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'tokens', 3);
    const first = await kinesis.send(new ListShardsCommand({ StreamName: 'tokens', MaxResults: 1 }));
    aws.clock.advance(300_001);
    await expect(kinesis.send(new ListShardsCommand({ NextToken: first.NextToken }))).rejects.toMatchObject({
      name: 'ExpiredNextTokenException',
    });
  });

  it('ListShards time filters see closed shards by when they were open', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'timed', 1);
    aws.clock.advance(60_000);
    await kinesis.send(new SplitShardCommand({ StreamName: 'timed', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: HALF }));
    aws.clock.advance(60_000);
    const early = new Date(Date.parse('2031-03-01T00:00:30Z'));
    const at = await kinesis.send(new ListShardsCommand({ StreamName: 'timed', ShardFilter: { Type: 'AT_TIMESTAMP', Timestamp: early } }));
    expect(at.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000000']);
    const from = await kinesis.send(new ListShardsCommand({ StreamName: 'timed', ShardFilter: { Type: 'FROM_TIMESTAMP', Timestamp: early } }));
    expect(from.Shards).toHaveLength(3);
    const horizon = await kinesis.send(new ListShardsCommand({ StreamName: 'timed', ShardFilter: { Type: 'AT_TRIM_HORIZON' } }));
    expect(horizon.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000000']);
  });

  it('registers, describes, lists and deregisters enhanced fan-out consumers', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'fanout', 1);
    const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn('fanout'), ConsumerName: 'app' }));
    expect(Consumer).toMatchObject({ ConsumerName: 'app', ConsumerStatus: 'CREATING' });
    expect(Consumer?.ConsumerARN).toMatch(/^arn:aws:kinesis:us-east-1:123456789012:stream\/fanout\/consumer\/app:\d+$/);
    await expect(
      kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn('fanout'), ConsumerName: 'app' })),
    ).rejects.toMatchObject({ name: 'ResourceInUseException' });
    aws.clock.advance(10);
    const described = await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer?.ConsumerARN }));
    expect(described.ConsumerDescription).toMatchObject({ ConsumerStatus: 'ACTIVE', StreamARN: streamArn('fanout') });
    const listed = await kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArn('fanout') }));
    expect(listed.Consumers?.map((c) => c.ConsumerName)).toEqual(['app']);
    expect((await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: Consumer?.ConsumerARN }))).Tags).toEqual([]);
    await expect(kinesis.send(new DeleteStreamCommand({ StreamName: 'fanout' }))).rejects.toMatchObject({ name: 'ResourceInUseException' });
    await kinesis.send(new DeregisterStreamConsumerCommand({ StreamARN: streamArn('fanout'), ConsumerName: 'app' }));
    aws.clock.advance(10);
    await expect(kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer?.ConsumerARN }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('stores a resource policy on a stream', async () => {
    await activeStream(kinesis, aws, 'policy', 1);
    const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    await expect(kinesis.send(new PutResourcePolicyCommand({ ResourceARN: streamArn('policy'), Policy: 'not json' }))).rejects.toMatchObject({
      name: 'InvalidArgumentException',
    });
    await kinesis.send(new PutResourcePolicyCommand({ ResourceARN: streamArn('policy'), Policy }));
    expect((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: streamArn('policy') }))).Policy).toBe(Policy);
    await kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: streamArn('policy') }));
    expect((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: streamArn('policy') }))).Policy).toBe('{}');
  });

  it('SubscribeToShard refuses an unknown consumer through the SDK before any event (events: subscribe.test.ts)', async () => {
    const { SubscribeToShardCommand } = await import('@aws-sdk/client-kinesis');
    await activeStream(kinesis, aws, 'sub', 1);
    await expect(
      kinesis.send(
        new SubscribeToShardCommand({ ConsumerARN: `${streamArn('sub')}/consumer/c:1`, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
  });

});
