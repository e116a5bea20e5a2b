/** What the Kinesis handlers share: the context type and the wire shapes of shards and records. */
import type { RequestContext } from '../../../src/core/service';
import type { KinesisBackend } from '../models/backend';
import type { Shard, StoredRecord } from '../models/shard';

export type Ctx = RequestContext<KinesisBackend>;

export function shardOut(shard: Shard) {
  return {
    ShardId: shard.id,
    ParentShardId: shard.parentShardId,
    AdjacentParentShardId: shard.adjacentParentShardId,
    HashKeyRange: { StartingHashKey: shard.range.start.toString(), EndingHashKey: shard.range.end.toString() },
    SequenceNumberRange: {
      StartingSequenceNumber: shard.startingSequenceNumber,
      EndingSequenceNumber: shard.endingSequenceNumber,
    },
  };
}

/** Opaque page tokens: base64 JSON of what the next page resumes from. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

export function decodeToken<T>(token: string, check: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    return check(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A stored record as GetRecords and SubscribeToShard events carry it. */
export function recordOut(r: StoredRecord) {
  return {
    SequenceNumber: r.sequenceNumber,
    ApproximateArrivalTimestamp: new Date(r.arrival),
    Data: r.data,
    PartitionKey: r.partitionKey,
    EncryptionType: r.encryptionType,
  };
}

/** A child shard as listed at the end of a closed shard. */
export function childShardOut(s: Shard) {
  return {
    ShardId: s.id,
    ParentShards: [s.parentShardId, s.adjacentParentShardId].filter((p): p is string => p !== undefined),
    HashKeyRange: { StartingHashKey: s.range.start.toString(), EndingHashKey: s.range.end.toString() },
  };
}
