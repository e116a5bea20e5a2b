/**
 * What the stream sources (DynamoDB Streams, Kinesis) share: invoking the
 * function with one batch and deciding where the shard goes next. A batch
 * that fails is retried (halved first when BisectBatchOnFunctionError is set)
 * until MaximumRetryAttempts runs out, then its description goes to the
 * OnFailure destination and the shard moves past it. ReportBatchItemFailures
 * checkpoints at the lowest failed sequence number.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { sendTo } from '../models/destinations';
import type { EventSourceMappings, Mapping } from './mappings';
import { batchItemFailures } from './sqs-source';

/** One record of the batch read from the shard: its sequence number and arrival time (ms). */
export interface BatchEntry {
  seq: string;
  at: number;
}

/** How the on-failure record names the batch: `DDBStreamBatchInfo` or `KinesisBatchInfo`. */
export interface BatchInfo {
  key: 'DDBStreamBatchInfo' | 'KinesisBatchInfo';
  shardId: string;
  streamArn: string;
}

/** Past `through` (inclusive), back to `retryFrom` (inclusive), or nowhere when the function could not be invoked. */
export type Outcome = { through: string } | { retryFrom: string } | { stuck: true };

const bySeq = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/** Invokes the function with `event` (the records that passed the filters; `seqs` are theirs) for `batch`. */
export async function invokeBatch(owner: EventSourceMappings, m: Mapping, batch: BatchEntry[], event: unknown, seqs: string[], info: BatchInfo): Promise<Outcome> {
  const backend = owner.backend;
  let result: Awaited<ReturnType<typeof backend.run>>;
  try {
    const target = backend.resolve(m.functionArn, undefined, true);
    backend.checkRunnable(target);
    result = await backend.run(target, Buffer.from(JSON.stringify(event)));
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    m.lastProcessingResult = `PROBLEM: ${err.message}`;
    return { stuck: true };
  }
  m.lastProcessingResult = 'OK';
  let failedAt: string | undefined;
  if (result.functionError) {
    failedAt = batch[0].seq;
  } else if (m.functionResponseTypes.includes('ReportBatchItemFailures')) {
    const failed = batchItemFailures(result.payload, seqs);
    if (failed === 'all') failedAt = batch[0].seq;
    else if (failed.size) failedAt = seqs.filter((s) => failed.has(s)).sort(bySeq)[0];
  }
  if (failedAt === undefined) {
    m.retries = 0;
    m.bisectSize = undefined;
    return { through: batch[batch.length - 1].seq };
  }
  const from = failedAt;
  const failedBatch = batch.filter((r) => bySeq(r.seq, from) >= 0);
  if (m.bisect && failedBatch.length > 1) {
    // Lambda splits the failing batch and retries each half; the split does not count as a retry.
    m.bisectSize = Math.ceil(failedBatch.length / 2);
    return { retryFrom: from };
  }
  m.retries += 1;
  if (m.maxRetryAttempts < 0 || m.retries <= m.maxRetryAttempts) return { retryFrom: from };
  // Retries exhausted: describe the batch to the on-failure destination and move past it.
  if (m.onFailure) {
    await sendTo(backend.backends, m.onFailure, JSON.stringify(failureRecord(m, info, failedBatch, result, m.retries)), backend.account);
  }
  m.retries = 0;
  m.bisectSize = undefined;
  return { through: failedBatch[failedBatch.length - 1].seq };
}

function failureRecord(m: Mapping, info: BatchInfo, batch: BatchEntry[], result: { statusCode: number; executedVersion: string; functionError?: string }, attempts: number) {
  return {
    requestContext: { requestId: randomUUID(), functionArn: m.functionArn, condition: 'RetryAttemptsExhausted', approximateInvokeCount: attempts },
    responseContext: { statusCode: result.statusCode, executedVersion: result.executedVersion, functionError: result.functionError },
    version: '1.0',
    timestamp: clock.date().toISOString(),
    [info.key]: {
      shardId: info.shardId,
      startSequenceNumber: batch[0].seq,
      endSequenceNumber: batch[batch.length - 1].seq,
      approximateArrivalOfFirstRecord: new Date(batch[0].at).toISOString(),
      approximateArrivalOfLastRecord: new Date(batch[batch.length - 1].at).toISOString(),
      batchSize: batch.length,
      streamArn: info.streamArn,
    },
  };
}
