/** Listing shards and resharding: ListShards, SplitShard, MergeShards, UpdateShardCount. */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { invalidArgument, limitExceeded } from '../exceptions';
import type { Shard } from '../models/shard';
import type { Stream } from '../models/stream';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken, shardOut } from './common';

/** ListShards tokens expire after 300 seconds, as AWS's do. */
const TOKEN_TTL_MS = 300_000;

interface ListToken {
  stream: string;
  after: string;
  filter?: { Type: string; ShardId?: string; Timestamp?: number };
  issuedAt: number;
}

function isListToken(v: unknown): v is ListToken {
  const t = v as ListToken;
  return typeof t === 'object' && t !== null && typeof t.stream === 'string' && typeof t.after === 'string' && typeof t.issuedAt === 'number';
}

/** Whether a shard passes ShardFilter (open at / after a moment, at / from the trim horizon, at the tip). */
function passes(shard: Shard, stream: Stream, filter: { Type: string; ShardId?: string; Timestamp?: Date }, now: number): boolean {
  const openAt = (t: number) => shard.createdAt <= t && (shard.closedAt === undefined || shard.closedAt > t);
  const openFrom = (t: number) => shard.closedAt === undefined || shard.closedAt > t;
  const horizon = now - stream.retentionMs;
  switch (filter.Type) {
    case 'AFTER_SHARD_ID':
      return filter.ShardId === undefined || shard.id > filter.ShardId;
    case 'AT_TRIM_HORIZON':
      return openAt(Math.max(horizon, stream.createdAt));
    case 'FROM_TRIM_HORIZON':
      return true;
    case 'AT_LATEST':
      return shard.open;
    case 'AT_TIMESTAMP':
      return openAt(Math.max(filter.Timestamp?.getTime() ?? now, stream.createdAt));
    case 'FROM_TIMESTAMP':
      return openFrom(filter.Timestamp?.getTime() ?? now);
    default:
      return true;
  }
}

function checkFilter(filter: T.ShardFilter | undefined): void {
  if (!filter) return;
  if (filter.Type === 'AFTER_SHARD_ID' && filter.ShardId === undefined) {
    throw invalidArgument('ShardId must be specified for ShardFilter type AFTER_SHARD_ID.');
  }
  if ((filter.Type === 'AT_TIMESTAMP' || filter.Type === 'FROM_TIMESTAMP') && filter.Timestamp === undefined) {
    throw invalidArgument(`Timestamp must be specified for ShardFilter type ${filter.Type}.`);
  }
}

export function listShards(input: T.ListShardsInput, ctx: Ctx) {
  const now = clock.now();
  let stream: Stream;
  let after = input.ExclusiveStartShardId;
  let filter = input.ShardFilter;
  if (input.NextToken !== undefined) {
    if (input.StreamName !== undefined) throw invalidArgument('NextToken and StreamName cannot be provided together.');
    if (input.ExclusiveStartShardId !== undefined || input.ShardFilter !== undefined) {
      throw invalidArgument('NextToken cannot be provided together with ExclusiveStartShardId or ShardFilter.');
    }
    const token = decodeToken(input.NextToken, isListToken);
    if (!token) throw invalidArgument(`Invalid ShardIterator/NextToken: ${input.NextToken}`);
    if (now - token.issuedAt > TOKEN_TTL_MS) {
      throw new AwsError('ExpiredNextTokenException', `The timestamp in the NextToken has expired: ${input.NextToken}`);
    }
    stream = ctx.backend.stream({ StreamName: token.stream });
    after = token.after;
    filter = token.filter && { ...token.filter, Timestamp: token.filter.Timestamp === undefined ? undefined : new Date(token.filter.Timestamp) };
  } else {
    stream = ctx.backend.stream(input);
  }
  checkFilter(filter);
  const limit = input.MaxResults ?? 1000;
  const matching = stream.shards.filter(
    (s) => (after === undefined || s.id > after) && (filter === undefined || passes(s, stream, filter, now)),
  );
  const page = matching.slice(0, limit);
  const more = matching.length > page.length;
  return {
    Shards: page.map(shardOut),
    NextToken: more
      ? encodeToken({
          stream: stream.name,
          after: page[page.length - 1].id,
          filter: filter && { ...filter, Timestamp: filter.Timestamp?.getTime() },
          issuedAt: now,
        } satisfies ListToken)
      : undefined,
  };
}

function notEligible(shard: Shard, stream: Stream, ctx: Ctx): AwsError {
  return invalidArgument(
    `Shard ${shard.id} in stream ${stream.name} under account ${ctx.account} has already been merged or split, and thus is not eligible for merging or splitting.`,
  );
}

export function splitShard(input: T.SplitShardInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream(input);
  const shard = ctx.backend.shardOf(stream, input.ShardToSplit);
  if (!shard.open) throw notEligible(shard, stream, ctx);
  const at = BigInt(input.NewStartingHashKey);
  if (!(at > shard.range.start + 1n && at < shard.range.end)) {
    throw invalidArgument(
      `NewStartingHashKey ${input.NewStartingHashKey} used in SplitShard() on shard ${shard.id} in stream ${stream.name} under account ${ctx.account} ` +
        `is not both greater than one plus the shard's StartingHashKey ${shard.range.start} and less than the shard's EndingHashKey ${shard.range.end}.`,
    );
  }
  ctx.backend.checkShardQuota(1);
  const now = clock.now();
  stream.split(shard, at, now);
  stream.transition('UPDATING', now);
}

export function mergeShards(input: T.MergeShardsInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream(input);
  const a = ctx.backend.shardOf(stream, input.ShardToMerge);
  const b = ctx.backend.shardOf(stream, input.AdjacentShardToMerge);
  if (!a.open) throw notEligible(a, stream, ctx);
  if (!b.open) throw notEligible(b, stream, ctx);
  const adjacent = a.range.end + 1n === b.range.start || b.range.end + 1n === a.range.start;
  if (!adjacent) {
    throw invalidArgument(
      `Shards ${a.id} and ${b.id} in stream ${stream.name} under account ${ctx.account} are not an adjacent pair of shards eligible for merging`,
    );
  }
  const now = clock.now();
  stream.merge(a, b, now);
  stream.transition('UPDATING', now);
}

export function updateShardCount(input: T.UpdateShardCountInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream(input);
  if (stream.mode === 'ON_DEMAND') {
    throw new AwsError('ValidationException', `UpdateShardCount is not supported for stream ${stream.name} under account ${ctx.account} in ON_DEMAND capacity mode.`);
  }
  const current = stream.shards.filter((s) => s.open).length;
  const target = input.TargetShardCount;
  // Beyond double or below half the open shards is a limit of UpdateShardCount (LimitExceededException).
  if (target > current * 2) {
    throw limitExceeded(
      `UpdateShardCount failed for stream ${stream.name} under account ${ctx.account}. TargetShardCount ${target} must not exceed double the current open shard count ${current}.`,
    );
  }
  if (target * 2 < current) {
    throw limitExceeded(
      `UpdateShardCount failed for stream ${stream.name} under account ${ctx.account}. TargetShardCount ${target} must be at least half the current open shard count ${current}.`,
    );
  }
  if (target > current) ctx.backend.checkShardQuota(target - current);
  const now = clock.now();
  if (target !== current) {
    stream.rescale(target, now);
    stream.transition('UPDATING', now);
  }
  return { StreamName: stream.name, StreamARN: stream.arn, CurrentShardCount: current, TargetShardCount: target };
}
