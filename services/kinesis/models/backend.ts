/**
 * KinesisBackend: the streams of one account and region. Besides the
 * handlers it serves other services (Lambda event-source mappings, DynamoDB
 * Kinesis destinations) through three public methods:
 *
 *   putRecord(streamNameOrArn, data, partitionKey)  → { shardId, sequenceNumber }
 *   shards(streamNameOrArn)                         → every shard, open and closed, with lineage
 *   readFrom(streamNameOrArn, shardId, afterSequence | undefined, limit)
 *                                                   → records after that sequence (from the trim horizon without one)
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { arn, parseArn } from '../../../src/core/ids';
import type { BackendContext, BackendAccess } from '../../../src/core/service';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import {
  expiredIterator,
  invalidArgument,
  limitExceeded,
  resourceInUse,
  shardNotFound,
  streamExists,
  streamNotActive,
  streamNotFound,
} from '../exceptions';
import { ThroughputCommitment } from './account-settings';
import type { Channel } from './channel';
import { HASH_MAX, hashOfPartitionKey } from './hash';
import { ITERATOR_TTL_MS, type IteratorState, decodeIterator, encodeIterator } from './iterator';
import { type Shard, type StoredRecord, compareSeq } from './shard';
import { Stream, type StreamConsumer } from './stream';
import { type ShardEvent, Subscriptions, shardEvents } from './subscription';

/** Names a stream: by name, or by ARN (every operation takes either). */
export interface StreamRef {
  StreamName?: string;
  StreamARN?: string;
}

export interface PutEntry {
  data: Uint8Array;
  partitionKey: string;
  explicitHashKey?: string;
}

export type PutResult =
  | { shardId: string; sequenceNumber: string; encryptionType?: string }
  | { errorCode: string; errorMessage: string };

export interface ShardInfo {
  shardId: string;
  parentShardId?: string;
  adjacentParentShardId?: string;
  open: boolean;
  startingHashKey: string;
  endingHashKey: string;
  startingSequenceNumber: string;
  endingSequenceNumber?: string;
}

/** The CloudWatch backend's entry point for service metrics (services/cloudwatch/models/backend.ts). */
interface MetricSink {
  putMetric(
    namespace: string,
    name: string,
    dimensions: Array<{ Name: string; Value: string }>,
    sample: { t: number; count: number; sum: number; min: number; max: number; unit: string; values?: Array<[number, number]> },
  ): void;
}

export const ON_DEMAND_SHARDS = 4;
export const ON_DEMAND_STREAM_LIMIT = 50;
/** GetRecords returns at most 10 MiB. */
const GET_RECORDS_BYTES = 10 * 1024 * 1024;
/** Regions with the 500-shard default quota; the others have 200. */
const BIG_REGIONS = new Set(['us-east-1', 'us-west-2', 'eu-west-1']);

export class KinesisBackend {
  readonly account: string;
  readonly region: string;
  readonly backends: BackendAccess;
  private readonly streams = new Map<string, Stream>();
  private readonly names = new SortedKeySet();
  readonly subscriptions = new Subscriptions();
  /** Channels by name, and their names in order for ListChannels. */
  private readonly channelMap = new Map<string, Channel>();
  private readonly channelNames = new SortedKeySet();
  /** UpdateAccountSettings' minimum throughput billing commitment. */
  readonly commitment = new ThroughputCommitment();

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
  }

  get shardLimit(): number {
    return BIG_REGIONS.has(this.region) ? 500 : 200;
  }

  streamArn(name: string): string {
    return arn({ service: 'kinesis', region: this.region, account: this.account, resource: `stream/${name}` });
  }

  channelArn(name: string): string {
    return arn({ service: 'kinesis', region: this.region, account: this.account, resource: `channel/${name}` });
  }

  /** The channels, with those whose deletion has completed dropped (lazily, on the clock). */
  channels(): Map<string, Channel> {
    const now = clock.now();
    for (const [name, channel] of this.channelMap) {
      if (channel.deletedBy(now)) {
        this.channelMap.delete(name);
        this.channelNames.delete(name);
      }
    }
    return this.channelMap;
  }

  addChannel(channel: Channel): void {
    this.channels().set(channel.name, channel);
    this.channelNames.add(channel.name);
  }

  /** Channel names in order, after `after`. */
  channelPage(after: string | undefined, limit: number): { names: string[]; next?: string } {
    this.channels();
    const page = this.channelNames.page(after, limit);
    return { names: page.keys, next: page.next };
  }

  /** How many channels read from the stream (DescribeStreamSummary's ChannelCount). */
  channelCount(stream: Stream): number {
    let n = 0;
    for (const channel of this.channels().values()) if (channel.sources.some((s) => s.streamArn === stream.arn)) n++;
    return n;
  }

  /** Streams whose deletion has completed are dropped here, lazily, on the clock. */
  private sweep(now: number): void {
    for (const [name, stream] of this.streams) {
      if (stream.deletedBy(now)) {
        this.streams.delete(name);
        this.names.delete(name);
      }
    }
  }

  openShardCount(): number {
    this.sweep(clock.now());
    let n = 0;
    for (const stream of this.streams.values()) n += stream.shards.filter((s) => s.open).length;
    return n;
  }

  onDemandStreamCount(): number {
    let n = 0;
    for (const stream of this.streams.values()) if (stream.mode === 'ON_DEMAND') n++;
    return n;
  }

  /** Refuses more open shards than the account's quota allows. */
  checkShardQuota(additional: number): void {
    const current = this.openShardCount();
    if (current + additional <= this.shardLimit) return;
    throw limitExceeded(
      `This request would exceed the shard limit for the account ${this.account} in ${this.region}. ` +
        `Current shard count for the account: ${current}. Limit: ${this.shardLimit}. ` +
        `Number of additional shards that would have resulted from this request: ${additional}. ` +
        'Refer to the AWS Service Limits page (https://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) ' +
        'for current limits and how to request higher limits.',
    );
  }

  createStream(name: string, mode: 'PROVISIONED' | 'ON_DEMAND', shardCount: number, tags: Record<string, string> = {}): Stream {
    const now = clock.now();
    this.sweep(now);
    if (this.streams.has(name)) throw streamExists(name, this.account);
    if (mode === 'ON_DEMAND' && this.onDemandStreamCount() >= ON_DEMAND_STREAM_LIMIT) {
      throw limitExceeded(
        `This request would exceed the on-demand stream limit for the account ${this.account} in ${this.region}. ` +
          `Current on-demand stream count for the account: ${this.onDemandStreamCount()}. Limit: ${ON_DEMAND_STREAM_LIMIT}.`,
      );
    }
    this.checkShardQuota(shardCount);
    const stream = new Stream(name, this.streamArn(name), now, mode, shardCount);
    for (const [k, v] of Object.entries(tags)) stream.tags.set(k, v);
    this.streams.set(name, stream);
    this.names.add(name);
    return stream;
  }

  /** The stream a name or ARN names (ARNs of another account or region name no stream here). */
  stream(ref: StreamRef): Stream {
    const now = clock.now();
    this.sweep(now);
    let name = ref.StreamName;
    if (ref.StreamARN !== undefined) {
      const parsed = parseArn(ref.StreamARN);
      const arnName = parsed?.resource.startsWith('stream/') ? parsed.resource.slice(7).split('/')[0] : undefined;
      if (!parsed || arnName === undefined) throw invalidArgument(`Invalid StreamARN ${ref.StreamARN}`);
      if (name !== undefined && name !== arnName) {
        throw invalidArgument(`StreamName ${name} does not match the stream name in StreamARN ${ref.StreamARN}`);
      }
      if (parsed.account !== this.account || parsed.region !== this.region) throw streamNotFound(arnName, parsed.account);
      name = arnName;
    }
    if (name === undefined) throw invalidArgument('Either StreamName or StreamARN should be provided.');
    const stream = this.streams.get(name);
    if (!stream) throw streamNotFound(name, this.account);
    stream.trim(now);
    return stream;
  }

  /** A stream that must be ACTIVE for the operation (resharding, retention, encryption, mode). */
  activeStream(ref: StreamRef): Stream {
    const stream = this.stream(ref);
    const status = stream.status(clock.now());
    if (status !== 'ACTIVE') throw streamNotActive(stream.name, this.account, status);
    return stream;
  }

  /** A stream that accepts reads and writes: ACTIVE or UPDATING (resharding keeps it writable). */
  writableStream(ref: StreamRef): Stream {
    const stream = this.stream(ref);
    const status = stream.status(clock.now());
    if (status === 'CREATING' || status === 'DELETING') throw streamNotFound(stream.name, this.account);
    return stream;
  }

  deleteStream(ref: StreamRef, enforceConsumerDeletion: boolean): void {
    const stream = this.stream(ref);
    const now = clock.now();
    if (stream.status(now) === 'DELETING') throw streamNotFound(stream.name, this.account);
    if (stream.consumers.size > 0 && !enforceConsumerDeletion) {
      throw resourceInUse(
        `Stream ${stream.arn} has registered consumers. Use EnforceConsumerDeletion to delete the stream with its consumers.`,
      );
    }
    stream.transition('DELETING', now);
  }

  /** Stream names in order, after `after`. */
  listNames(after: string | undefined, limit: number): { names: string[]; more: boolean } {
    this.sweep(clock.now());
    const page = this.names.page(after, limit);
    return { names: page.keys, more: page.next !== undefined };
  }

  /** A listed stream by name, without the sweep and trim of a lookup (ListStreams pages through these). */
  listed(name: string): Stream {
    return this.streams.get(name) as Stream;
  }

  /** Writes entries in order; an entry that does not fit its shard's second gets a per-record failure. */
  write(stream: Stream, entries: PutEntry[]): PutResult[] {
    const now = clock.now();
    return entries.map((entry) => {
      let shard: Shard;
      if (stream.distribution === 'AUTO') shard = stream.nextAutoShard();
      else {
        const hash = entry.explicitHashKey !== undefined ? BigInt(entry.explicitHashKey) : hashOfPartitionKey(entry.partitionKey);
        shard = stream.shardFor(hash);
      }
      const bytes = entry.data.byteLength + Buffer.byteLength(entry.partitionKey, 'utf8');
      if (!shard.admit(bytes, now)) {
        return {
          errorCode: 'ProvisionedThroughputExceededException',
          errorMessage: `Rate exceeded for shard ${shard.id} in stream ${stream.name} under account ${this.account}.`,
        };
      }
      const sequenceNumber = stream.nextSequence(shard.index);
      const record: StoredRecord = {
        sequenceNumber,
        data: entry.data,
        partitionKey: entry.partitionKey,
        arrival: now,
        encryptionType: stream.encryption ? 'KMS' : undefined,
      };
      shard.push(record);
      return { shardId: shard.id, sequenceNumber, encryptionType: record.encryptionType };
    });
  }

  /**
   * Publishes one stream-level datapoint to CloudWatch (namespace AWS/Kinesis,
   * dimension StreamName), as Kinesis does for IncomingRecords, IncomingBytes,
   * GetRecords.Records, ... (one sample per call, at the time of the call).
   */
  async metric(stream: Stream, name: string, value: number, unit: 'Count' | 'Bytes' | 'Milliseconds'): Promise<void> {
    const cloudwatch = await this.backends.get<MetricSink>('cloudwatch', this.account, this.region);
    cloudwatch.putMetric('AWS/Kinesis', name, [{ Name: 'StreamName', Value: stream.name }], {
      t: clock.now(),
      count: 1,
      sum: value,
      min: value,
      max: value,
      unit,
      values: [[value, 1]],
    });
  }

  /** An explicit hash key must be a 128-bit unsigned integer. */
  static checkHashKey(value: string | undefined): void {
    if (value === undefined) return;
    if (BigInt(value) > HASH_MAX) {
      throw invalidArgument(`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${value}`);
    }
  }

  /** For other services: put one record as PutRecord does (the stream must be ACTIVE or UPDATING). */
  putRecord(streamNameOrArn: string, data: Uint8Array, partitionKey: string): { shardId: string; sequenceNumber: string } {
    const stream = this.writableStream(refOf(streamNameOrArn));
    const [result] = this.write(stream, [{ data, partitionKey }]);
    if ('errorCode' in result) {
      throw new AwsError(result.errorCode, result.errorMessage);
    }
    return { shardId: result.shardId, sequenceNumber: result.sequenceNumber };
  }

  shardOf(stream: Stream, shardId: string): Shard {
    const shard = stream.shard(shardId);
    if (!shard) throw shardNotFound(shardId, stream.name, this.account);
    return shard;
  }

  /** GetShardIterator: an iterator at the position its type names. */
  iterator(
    stream: Stream,
    shardId: string,
    type: string,
    options: { sequenceNumber?: string; timestamp?: Date },
  ): string {
    const position = this.startPosition(stream, this.shardOf(stream, shardId), type, options);
    return encodeIterator({ stream: stream.name, streamCreatedAt: stream.createdAt, shardId, position, issuedAt: clock.now() });
  }

  /** The position each iterator type (and SubscribeToShard starting position) starts at. */
  startPosition(stream: Stream, shard: Shard, type: string, options: { sequenceNumber?: string; timestamp?: Date }): number {
    const now = clock.now();
    let position: number;
    switch (type) {
      case 'TRIM_HORIZON':
        position = shard.base;
        break;
      case 'LATEST':
        position = shard.end;
        break;
      case 'AT_SEQUENCE_NUMBER':
      case 'AFTER_SEQUENCE_NUMBER': {
        const seq = options.sequenceNumber;
        if (seq === undefined) throw invalidArgument(`The StartingSequenceNumber must be provided for ShardIteratorType ${type}.`);
        this.checkSequenceOfShard(stream, shard, seq);
        position = shard.positionOfSequence(seq);
        const found = shard.at(position);
        if (type === 'AFTER_SEQUENCE_NUMBER' && found && found.sequenceNumber === seq) position++;
        break;
      }
      case 'AT_TIMESTAMP': {
        if (options.timestamp === undefined) throw invalidArgument('Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.');
        const at = options.timestamp.getTime();
        if (at > now) {
          throw invalidArgument(
            `The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${at}, currentTimestampInMillis: ${now}`,
          );
        }
        position = shard.positionOfTime(at);
        break;
      }
      default:
        throw invalidArgument(`Invalid ShardIteratorType ${type}`);
    }
    if (type !== 'AT_SEQUENCE_NUMBER' && type !== 'AFTER_SEQUENCE_NUMBER' && options.sequenceNumber !== undefined) {
      throw invalidArgument(`Request specified StartingSequenceNumber for ShardIteratorType ${type}, but it must not be specified for that type.`);
    }
    return position;
  }

  /** A sequence number must be one this shard could have issued. */
  private checkSequenceOfShard(stream: Stream, shard: Shard, seq: string): void {
    const index = Stream.shardIndexOf(seq);
    const inRange =
      index === shard.index &&
      compareSeq(seq, shard.startingSequenceNumber) >= 0 &&
      (shard.endingSequenceNumber === undefined || compareSeq(seq, shard.endingSequenceNumber) <= 0);
    if (!inRange) {
      throw invalidArgument(
        `StartingSequenceNumber ${seq} used in GetShardIterator on shard ${shard.id} in stream ${stream.name} under account ${this.account} is invalid because it did not come from this stream.`,
      );
    }
  }

  /** GetRecords: up to `limit` records (and 10 MiB) from an iterator. */
  getRecords(token: string, limit: number) {
    const state = decodeIterator(token);
    const now = clock.now();
    if (now - state.issuedAt > ITERATOR_TTL_MS) throw expiredIterator(state.issuedAt, now);
    const stream = this.streams.get(state.stream);
    if (!stream || stream.createdAt !== state.streamCreatedAt || stream.deletedBy(now)) {
      throw streamNotFound(state.stream, this.account);
    }
    stream.trim(now);
    const shard = this.shardOf(stream, state.shardId);
    const { records, next } = this.collect(shard, state.position, limit);
    const drained = next >= shard.end;
    const behind = drained ? 0 : Math.max(0, now - (shard.at(next)?.arrival ?? now));
    const result: {
      stream: Stream;
      records: StoredRecord[];
      nextIterator?: string;
      millisBehindLatest: number;
      childShards?: Shard[];
    } = { stream, records, millisBehindLatest: behind };
    if (!shard.open && drained) {
      result.childShards = stream.shards.filter((s) => s.parentShardId === shard.id || s.adjacentParentShardId === shard.id);
    } else {
      const nextState: IteratorState = { ...state, position: next, issuedAt: now };
      result.nextIterator = encodeIterator(nextState);
    }
    return result;
  }

  collect(shard: Shard, from: number, limit: number): { records: StoredRecord[]; next: number } {
    const records: StoredRecord[] = [];
    let position = Math.max(from, shard.base);
    let bytes = 0;
    while (position < shard.end && records.length < limit) {
      const record = shard.at(position) as StoredRecord;
      bytes += record.data.byteLength + Buffer.byteLength(record.partitionKey, 'utf8');
      if (records.length > 0 && bytes > GET_RECORDS_BYTES) break;
      records.push(record);
      position++;
    }
    return { records, next: position };
  }

  /**
   * SubscribeToShard: checks everything (the consumer ACTIVE, the shard, the
   * starting position, no subscription of the same consumer and shard in the
   * last 5 s) before registering the subscription; its events then follow.
   */
  subscribe(
    stream: Stream,
    consumer: StreamConsumer,
    shardId: string,
    start: { type: string; sequenceNumber?: string; timestamp?: Date },
  ): AsyncGenerator<ShardEvent, void, undefined> {
    if (consumer.status !== 'ACTIVE') {
      throw resourceInUse(`Consumer ${consumer.arn} under account ${this.account} is not ACTIVE, instead in state ${consumer.status}.`);
    }
    const shard = this.shardOf(stream, shardId);
    const position = this.startPosition(stream, shard, start.type, start);
    const now = clock.now();
    const id = this.subscriptions.open(consumer, shard.id, now);
    return shardEvents(this, stream, consumer, shard, position, id, now);
  }

  /** For other services: every shard of the stream (open and closed), oldest first. */
  shards(streamNameOrArn: string): ShardInfo[] {
    return this.stream(refOf(streamNameOrArn)).shards.map((s) => ({
      shardId: s.id,
      parentShardId: s.parentShardId,
      adjacentParentShardId: s.adjacentParentShardId,
      open: s.open,
      startingHashKey: s.range.start.toString(),
      endingHashKey: s.range.end.toString(),
      startingSequenceNumber: s.startingSequenceNumber,
      endingSequenceNumber: s.endingSequenceNumber,
    }));
  }

  /** For other services: up to `limit` records after `afterSequence` (from the trim horizon without one). */
  readFrom(streamNameOrArn: string, shardId: string, afterSequence: string | undefined, limit: number): StoredRecord[] {
    const stream = this.stream(refOf(streamNameOrArn));
    const shard = this.shardOf(stream, shardId);
    let from = shard.base;
    if (afterSequence !== undefined) {
      from = shard.positionOfSequence(afterSequence);
      if (shard.at(from)?.sequenceNumber === afterSequence) from++;
    }
    return this.collect(shard, from, limit).records;
  }
}

function refOf(nameOrArn: string): StreamRef {
  return nameOrArn.startsWith('arn:') ? { StreamARN: nameOrArn } : { StreamName: nameOrArn };
}
