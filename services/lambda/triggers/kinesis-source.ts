/**
 * Reading a Kinesis stream for a mapping, through the kinesis backend's public
 * API (`shards`, `readFrom`): per shard the last sequence number processed,
 * shards in order, a child only once its parents are drained. One batch of up
 * to BatchSize records is in flight per mapping; it waits up to the batching
 * window for a full batch. Failures, retries and the on-failure destination
 * (`KinesisBatchInfo`) are stream-batch.ts's. Records older than
 * MaximumRecordAgeInSeconds or than an AT_TIMESTAMP start, and records no
 * filter matches, are skipped.
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { parseArn } from '../../../src/core/ids';
import type { KinesisBackend } from '../../kinesis/models/backend';
import type { StoredRecord } from '../../kinesis/models/shard';
import { passes } from './filter';
import type { EventSourceMappings, Mapping } from './mappings';
import { invokeBatch } from './stream-batch';

/** Where a mapping is in each shard: the last sequence number processed, and the shards it finished. */
export interface KinesisCursor {
  after: Map<string, string>;
  done: Set<string>;
}

/** The largest read the backend allows at once. */
const READ_LIMIT = 10000;

async function kinesisOf(owner: EventSourceMappings, arn: string): Promise<KinesisBackend | undefined> {
  const parsed = parseArn(arn);
  if (parsed?.service !== 'kinesis') return undefined;
  return owner.backend.backends.get<KinesisBackend>('kinesis', parsed.account, parsed.region);
}

/**
 * The cursor a new mapping starts with, or undefined when the stream does not
 * exist. LATEST starts after each shard's last record (closed shards count as
 * read); TRIM_HORIZON and AT_TIMESTAMP start at the trim horizon (the
 * timestamp is applied as the records are read).
 */
export async function startCursor(owner: EventSourceMappings, arn: string, startingPosition: string | undefined): Promise<KinesisCursor | undefined> {
  const kinesis = await kinesisOf(owner, arn);
  let shards: ReturnType<KinesisBackend['shards']>;
  try {
    if (!kinesis) return undefined;
    shards = kinesis.shards(arn);
  } catch (err) {
    if (err instanceof AwsError) return undefined;
    throw err;
  }
  const cursor: KinesisCursor = { after: new Map(), done: new Set() };
  if (startingPosition !== 'LATEST') return cursor;
  for (const shard of shards) {
    if (!shard.open) {
      cursor.done.add(shard.shardId);
      continue;
    }
    let last: string | undefined;
    for (let got = kinesis.readFrom(arn, shard.shardId, undefined, READ_LIMIT); got.length; got = kinesis.readFrom(arn, shard.shardId, last, READ_LIMIT)) {
      last = got[got.length - 1].sequenceNumber;
    }
    if (last !== undefined) cursor.after.set(shard.shardId, last);
  }
  return cursor;
}

export async function pollKinesis(owner: EventSourceMappings, m: Mapping): Promise<void> {
  if (m.inFlight > 0) return;
  const arn = m.eventSourceArn ?? '';
  const kinesis = await kinesisOf(owner, arn);
  if (!kinesis) return;
  let shards: ReturnType<KinesisBackend['shards']>;
  try {
    shards = kinesis.shards(arn);
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    m.lastProcessingResult = `PROBLEM: ${err.message}`;
    return;
  }
  const cursor = (m.kinesis ??= { after: new Map(), done: new Set() });
  const present = new Set(shards.map((s) => s.shardId));
  const drained = (id: string | undefined) => id === undefined || !present.has(id) || cursor.done.has(id);
  for (const shard of shards) {
    if (cursor.done.has(shard.shardId) || !drained(shard.parentShardId) || !drained(shard.adjacentParentShardId)) continue;
    const pending = kinesis.readFrom(arn, shard.shardId, cursor.after.get(shard.shardId), m.batchSize);
    if (pending.length === 0) {
      if (!shard.open) cursor.done.add(shard.shardId);
      continue;
    }
    // Records too old for the mapping (or before its AT_TIMESTAMP start) are passed over unseen.
    const cutoff = Math.max(m.maxRecordAgeS >= 0 ? clock.now() - m.maxRecordAgeS * 1000 : -Infinity, m.startingPosition === 'AT_TIMESTAMP' && m.startingPositionTimestamp ? m.startingPositionTimestamp.getTime() : -Infinity);
    const stale = pending.filter((r) => r.arrival < cutoff);
    if (stale.length) {
      cursor.after.set(shard.shardId, stale[stale.length - 1].sequenceNumber);
      return;
    }
    // Wait for a full batch until the batching window runs out.
    const now = clock.now();
    m.windowStart ??= now;
    if (pending.length < m.batchSize && now - m.windowStart < m.batchingWindowS * 1000) return;
    m.windowStart = undefined;
    await deliver(owner, m, cursor, shard.shardId, pending.slice(0, m.bisectSize ?? m.batchSize));
    return;
  }
}

async function deliver(owner: EventSourceMappings, m: Mapping, cursor: KinesisCursor, shardId: string, batch: StoredRecord[]): Promise<void> {
  const arn = m.eventSourceArn as string;
  const region = parseArn(arn)?.region ?? owner.backend.region;
  const role = roleOf(owner, m);
  const records = batch.map((r) => toRecord(r, shardId, arn, region, role)).filter((r) => passes(m.filters, forFilter(r)));
  const last = batch[batch.length - 1].sequenceNumber;
  if (records.length === 0) {
    cursor.after.set(shardId, last);
    return;
  }
  m.inFlight = 1;
  try {
    const entries = batch.map((r) => ({ seq: r.sequenceNumber, at: r.arrival }));
    const seqs = records.map((r) => r.kinesis.sequenceNumber);
    const outcome = await invokeBatch(owner, m, entries, { Records: records }, seqs, { key: 'KinesisBatchInfo', shardId, streamArn: arn });
    if ('through' in outcome) cursor.after.set(shardId, outcome.through);
    else if ('retryFrom' in outcome) {
      // Back to just before the failed record: the record ahead of it in the batch, or where the batch began.
      const i = entries.findIndex((e) => e.seq === outcome.retryFrom);
      if (i > 0) cursor.after.set(shardId, entries[i - 1].seq);
    }
  } finally {
    m.inFlight = 0;
  }
}

/** The execution role of the function the mapping invokes (Kinesis events name it). */
function roleOf(owner: EventSourceMappings, m: Mapping): string | undefined {
  try {
    return owner.backend.resolve(m.functionArn).version.role;
  } catch {
    return undefined;
  }
}

/** A Kinesis record as the Lambda event carries it: data in base64, arrival in seconds. */
function toRecord(r: StoredRecord, shardId: string, streamArn: string, region: string, role: string | undefined) {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: r.partitionKey,
      sequenceNumber: r.sequenceNumber,
      data: Buffer.from(r.data).toString('base64'),
      approximateArrivalTimestamp: r.arrival / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${r.sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: role,
    awsRegion: region,
    eventSourceARN: streamArn,
  };
}

/** What filter patterns see: `data` is the record's data decoded as JSON (absent when it is not JSON). */
function forFilter(rec: ReturnType<typeof toRecord>) {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(rec.kinesis.data, 'base64').toString('utf8'));
  } catch {
    data = undefined;
  }
  return { ...rec, data, kinesis: { ...rec.kinesis, data } };
}
