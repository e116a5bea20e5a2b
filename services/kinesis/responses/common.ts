/** What the Kinesis handlers share: the context type and the wire shapes of shards and records. */
import type { RequestContext } from '../../../src/core/service';
import type { KinesisBackend } from '../models/backend';
import type { Shard } from '../models/shard';

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
