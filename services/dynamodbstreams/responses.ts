/**
 * DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator and
 * GetRecords over the stream records the dynamodb backend of the same
 * account and region keeps. Each stream has one shard; a shard iterator is an
 * opaque token naming the stream, shard and next sequence number.
 */
import type { HandlerTable, RequestContext } from '../../src/core/service';
import { clock } from '../../src/core/clock';
import type { DynamoDbBackend } from '../dynamodb/models/backend';
import type { TableStream } from '../dynamodb/models/stream';
import { expiredIterator, streamNotFound, trimmed, validation } from './exceptions';
import type { DynamodbstreamsOperations } from './types';

const ITERATOR_TTL_MS = 15 * 60 * 1000;
const ITERATOR_TYPES = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'];

interface Iterator {
  arn: string;
  shard: string;
  /** Next sequence number to return (records with seq >= from). */
  from: string;
  at: number;
}

type Ctx = RequestContext<unknown>;

function dynamo(ctx: Ctx): Promise<DynamoDbBackend> {
  return ctx.backends.get<DynamoDbBackend>('dynamodb', ctx.account, ctx.region);
}

async function findStream(ctx: Ctx, arn: string): Promise<TableStream> {
  const stream = (await dynamo(ctx)).streams().find((s) => s.arn === arn);
  if (!stream) throw streamNotFound(arn);
  stream.trim();
  return stream;
}

function encode(it: Iterator): string {
  return Buffer.from(JSON.stringify(it)).toString('base64');
}

function decode(token: string): Iterator {
  try {
    const it = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Iterator;
    if (typeof it.arn === 'string' && typeof it.from === 'string') return it;
  } catch {
    // fall through
  }
  throw validation('Invalid ShardIterator');
}

const plusOne = (seq: string) => (BigInt(seq) + 1n).toString();

export const handlers: HandlerTable<DynamodbstreamsOperations, unknown> = {
  async ListStreams(input, ctx) {
    const limit = input.Limit ?? 100;
    if (limit < 1 || limit > 100) throw validation(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100`);
    let streams = (await dynamo(ctx)).streams().filter((s) => !input.TableName || s.tableName === input.TableName);
    if (input.ExclusiveStartStreamArn) {
      const i = streams.findIndex((s) => s.arn === input.ExclusiveStartStreamArn);
      streams = streams.slice(i + 1);
    }
    const page = streams.slice(0, limit);
    return {
      Streams: page.map((s) => ({ StreamArn: s.arn, TableName: s.tableName, StreamLabel: s.label })),
      LastEvaluatedStreamArn: streams.length > limit ? page[page.length - 1].arn : undefined,
    };
  },

  async DescribeStream(input, ctx) {
    const s = await findStream(ctx, input.StreamArn);
    const shards =
      input.ExclusiveStartShardId === s.shardId
        ? []
        : [
            {
              ShardId: s.shardId,
              SequenceNumberRange: {
                StartingSequenceNumber: s.records[0]?.dynamodb.SequenceNumber ?? s.firstSequence ?? plusOne(s.lastSequence ?? '100000000000000000000'),
                EndingSequenceNumber: s.status === 'DISABLED' ? s.lastSequence : undefined,
              },
            },
          ];
    return {
      StreamDescription: {
        StreamArn: s.arn,
        StreamLabel: s.label,
        StreamStatus: s.status,
        StreamViewType: s.viewType,
        CreationRequestDateTime: s.createdAt,
        TableName: s.tableName,
        KeySchema: s.keySchema,
        Shards: shards,
      },
    };
  },

  async GetShardIterator(input, ctx) {
    if (!ITERATOR_TYPES.includes(input.ShardIteratorType)) {
      throw validation(
        `1 validation error detected: Value '${input.ShardIteratorType}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [${ITERATOR_TYPES.join(', ')}]`,
      );
    }
    const s = await findStream(ctx, input.StreamArn);
    if (input.ShardId !== s.shardId) {
      throw streamNotFound(`${input.StreamArn} shard ${input.ShardId}`);
    }
    const oldest = s.records[0]?.dynamodb.SequenceNumber;
    let from: string;
    switch (input.ShardIteratorType) {
      case 'TRIM_HORIZON':
        from = oldest ?? plusOne(s.lastSequence ?? '0');
        break;
      case 'LATEST':
        from = plusOne(s.lastSequence ?? '0');
        break;
      default: {
        const seq = input.SequenceNumber;
        if (!seq || !/^\d+$/.test(seq)) {
          throw validation(`Invalid SequenceNumber for ShardIteratorType ${input.ShardIteratorType}: ${seq ?? 'null'}`);
        }
        if (oldest && BigInt(seq) < BigInt(oldest)) throw trimmed();
        from = input.ShardIteratorType === 'AT_SEQUENCE_NUMBER' ? seq : plusOne(seq);
      }
    }
    return { ShardIterator: encode({ arn: s.arn, shard: s.shardId, from, at: clock.now() }) };
  },

  async GetRecords(input, ctx) {
    const limit = input.Limit ?? 1000;
    if (limit < 1 || limit > 1000) {
      throw validation(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000`);
    }
    const it = decode(input.ShardIterator);
    if (clock.now() - it.at > ITERATOR_TTL_MS) throw expiredIterator();
    const s = await findStream(ctx, it.arn);
    const from = BigInt(it.from);
    const oldest = s.records[0]?.dynamodb.SequenceNumber;
    if (oldest && from < BigInt(oldest) && s.firstSequence !== oldest) throw trimmed();
    let lo = 0;
    let hi = s.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (BigInt(s.records[mid].dynamodb.SequenceNumber) < from) lo = mid + 1;
      else hi = mid;
    }
    const page = s.records.slice(lo, lo + limit);
    const next = page.length ? plusOne(page[page.length - 1].dynamodb.SequenceNumber) : it.from;
    const closed = s.status === 'DISABLED' && lo + page.length >= s.records.length;
    return {
      Records: page.map(({ at: _at, ...r }) => r),
      NextShardIterator: closed ? undefined : encode({ ...it, from: next, at: clock.now() }),
    };
  },
};
