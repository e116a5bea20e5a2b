/**
 * Reading a DynamoDB stream for a mapping, from the records the dynamodb
 * backend keeps: batches of up to BatchSize records in order from the
 * mapping's position (TRIM_HORIZON or LATEST at creation). A batch that
 * fails is retried (halved first when BisectBatchOnFunctionError is set) until
 * MaximumRetryAttempts or MaximumRecordAgeInSeconds runs out, then its
 * description goes to the OnFailure destination and the stream moves on.
 * ReportBatchItemFailures checkpoints at the first failed sequence number.
 * Records no filter matches are skipped.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { parseArn } from '../../../src/core/ids';
import type { DynamoDbBackend } from '../../dynamodb/models/backend';
import type { StreamRecordEntry, TableStream } from '../../dynamodb/models/stream';
import { sendTo } from '../models/destinations';
import { passes } from './filter';
import type { EventSourceMappings, Mapping } from './mappings';
import { batchItemFailures } from './sqs-source';

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
    await deliver(owner, m, stream, batch, records, after);
  } finally {
    m.inFlight = 0;
  }
}

async function deliver(
  owner: EventSourceMappings,
  m: Mapping,
  stream: TableStream,
  batch: StreamRecordEntry[],
  records: Array<ReturnType<typeof toRecord>>,
  after: string,
): Promise<void> {
  const backend = owner.backend;
  let failedAt: string | undefined;
  let result: Awaited<ReturnType<typeof backend.run>> | undefined;
  try {
    const target = backend.resolve(m.functionArn, undefined, true);
    backend.checkRunnable(target);
    result = await backend.run(target, Buffer.from(JSON.stringify({ Records: records })));
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    m.lastProcessingResult = `PROBLEM: ${err.message}`;
    return;
  }
  m.lastProcessingResult = 'OK';
  if (result.functionError) {
    failedAt = batch[0].dynamodb.SequenceNumber;
  } else if (m.functionResponseTypes.includes('ReportBatchItemFailures')) {
    const seqs = records.map((r) => r.dynamodb.SequenceNumber as string);
    const failed = batchItemFailures(result.payload, seqs);
    if (failed === 'all') failedAt = batch[0].dynamodb.SequenceNumber;
    else if (failed.size) failedAt = seqs.filter((s) => failed.has(s)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0];
  }
  if (failedAt === undefined) {
    m.position = after;
    m.retries = 0;
    m.bisectSize = undefined;
    return;
  }
  m.position = failedAt;
  const failedBatch = batch.filter((r) => BigInt(r.dynamodb.SequenceNumber) >= BigInt(failedAt as string));
  if (m.bisect && failedBatch.length > 1) {
    // Lambda splits the failing batch and retries each half; the split does not count as a retry.
    m.bisectSize = Math.ceil(failedBatch.length / 2);
    return;
  }
  m.retries += 1;
  if (m.maxRetryAttempts < 0 || m.retries <= m.maxRetryAttempts) return;
  // Retries exhausted: describe the batch to the on-failure destination and move past it.
  if (m.onFailure) {
    await sendTo(backend.backends, m.onFailure, JSON.stringify(failureRecord(m, stream, failedBatch, result, m.retries)), backend.account);
  }
  const lastSeq = failedBatch[failedBatch.length - 1].dynamodb.SequenceNumber;
  m.position = (BigInt(lastSeq) + 1n).toString();
  m.retries = 0;
  m.bisectSize = undefined;
}

function failureRecord(m: Mapping, stream: TableStream, batch: StreamRecordEntry[], result: { statusCode: number; executedVersion: string; functionError?: string }, attempts: number) {
  return {
    requestContext: { requestId: randomUUID(), functionArn: m.functionArn, condition: 'RetryAttemptsExhausted', approximateInvokeCount: attempts },
    responseContext: { statusCode: result.statusCode, executedVersion: result.executedVersion, functionError: result.functionError },
    version: '1.0',
    timestamp: clock.date().toISOString(),
    DDBStreamBatchInfo: {
      shardId: stream.shardId,
      startSequenceNumber: batch[0].dynamodb.SequenceNumber,
      endSequenceNumber: batch[batch.length - 1].dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: new Date(batch[0].at).toISOString(),
      approximateArrivalOfLastRecord: new Date(batch[batch.length - 1].at).toISOString(),
      batchSize: batch.length,
      streamArn: stream.arn,
    },
  };
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
