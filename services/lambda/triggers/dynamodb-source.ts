/**
 * Reading a DynamoDB stream for a mapping, from the records the dynamodb
 * backend keeps: batches of up to BatchSize records in order from the
 * mapping's position (TRIM_HORIZON or LATEST at creation); failures,
 * retries and the on-failure destination are stream-batch.ts's. Records
 * older than MaximumRecordAgeInSeconds and records no filter matches are
 * skipped.
 */
import { clock } from '../../../src/core/clock';
import { parseArn } from '../../../src/core/ids';
import type { DynamoDbBackend } from '../../dynamodb/models/backend';
import type { StreamRecordEntry, TableStream } from '../../dynamodb/models/stream';
import { passes } from './filter';
import type { EventSourceMappings, Mapping } from './mappings';
import { invokeBatch } from './stream-batch';

export async function findStream(owner: EventSourceMappings, arn: string): Promise<TableStream | undefined> {
  const parsed = parseArn(arn);
  if (!parsed) return undefined;
  const ddb = await owner.backend.backends.get<DynamoDbBackend>('dynamodb', parsed.account, parsed.region);
  return ddb.streams().find((s) => s.arn === arn);
}

/** The position a new mapping starts from. */
export function startPosition(stream: TableStream, startingPosition: string | undefined): string {
  if (startingPosition === 'LATEST') return (BigInt(stream.lastSequence ?? '0') + 1n).toString();
  return stream.records[0]?.dynamodb.SequenceNumber ?? '0';
}

export async function pollDynamoDb(owner: EventSourceMappings, m: Mapping): Promise<void> {
  if (m.inFlight > 0) return;
  const stream = await findStream(owner, m.eventSourceArn ?? '');
  if (!stream) return;
  stream.trim();
  const from = BigInt(m.position ?? '0');
  let pending = stream.records.filter((r) => BigInt(r.dynamodb.SequenceNumber) >= from);
  if (m.maxRecordAgeS >= 0) {
    const cutoff = clock.now() - m.maxRecordAgeS * 1000;
    const fresh = pending.filter((r) => r.at >= cutoff);
    if (fresh.length !== pending.length && fresh.length) m.position = fresh[0].dynamodb.SequenceNumber;
    pending = fresh;
  }
  if (pending.length === 0) return;
  const batch = pending.slice(0, Math.min(m.batchSize, m.bisectSize ?? m.batchSize));
  const last = batch[batch.length - 1].dynamodb.SequenceNumber;
  const after = (BigInt(last) + 1n).toString();
  const records = batch.map((r) => toRecord(r, stream.arn)).filter((r) => passes(m.filters, r));
  if (records.length === 0) {
    m.position = after;
    return;
  }
  m.inFlight = 1;
  try {
    const entries = batch.map((r) => ({ seq: r.dynamodb.SequenceNumber, at: r.at }));
    const seqs = records.map((r) => r.dynamodb.SequenceNumber as string);
    const outcome = await invokeBatch(owner, m, entries, { Records: records }, seqs, { key: 'DDBStreamBatchInfo', shardId: stream.shardId, streamArn: stream.arn });
    if ('through' in outcome) m.position = (BigInt(outcome.through) + 1n).toString();
    else if ('retryFrom' in outcome) m.position = outcome.retryFrom;
  } finally {
    m.inFlight = 0;
  }
}

/** A stream record as the Lambda event carries it: JSON attribute values, binaries in base64, seconds. */
function toRecord(r: StreamRecordEntry, streamArn: string) {
  const d = r.dynamodb;
  const dynamodb: Record<string, unknown> = {
    ApproximateCreationDateTime: Math.floor(d.ApproximateCreationDateTime.getTime() / 1000),
    Keys: plain(d.Keys),
    SequenceNumber: d.SequenceNumber,
    SizeBytes: d.SizeBytes,
    StreamViewType: d.StreamViewType,
  };
  if (d.NewImage) dynamodb.NewImage = plain(d.NewImage);
  if (d.OldImage) dynamodb.OldImage = plain(d.OldImage);
  const out: Record<string, unknown> & { dynamodb: Record<string, unknown> } = {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion,
    eventSource: r.eventSource,
    awsRegion: r.awsRegion,
    dynamodb,
    eventSourceARN: streamArn,
  };
  if (r.userIdentity) out.userIdentity = { ...r.userIdentity };
  return out;
}

function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}
