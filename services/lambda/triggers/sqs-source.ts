/**
 * Polling an SQS queue for a mapping, through the SQS backend's queues: up to
 * BatchSize messages per batch (waiting up to the batching window for a full
 * one), at most MaximumConcurrency batches in flight. A batch the function
 * handles is deleted; on a function error the messages stay in flight until
 * their visibility timeout ends and come back, so the queue's redrive policy
 * moves them to its dead-letter queue. With ReportBatchItemFailures only the
 * messages the function names stay. Messages no filter matches are deleted.
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { parseArn } from '../../../src/core/ids';
import type { SqsBackend } from '../../sqs/models/backend';
import type { Received } from '../../sqs/models/queue';
import type { Mapping, EventSourceMappings } from './mappings';
import { passes } from './filter';

const DEFAULT_CONCURRENCY = 5;

export async function pollSqs(owner: EventSourceMappings, m: Mapping): Promise<void> {
  const arn = parseArn(m.eventSourceArn ?? '');
  if (!arn) return;
  const sqs = await owner.backend.backends.get<SqsBackend>('sqs', arn.account, arn.region);
  const queue = sqs.byArn(m.eventSourceArn as string);
  if (!queue) {
    m.lastProcessingResult = 'PROBLEM: Lambda cannot access the event source queue.';
    return;
  }
  const limit = m.maxConcurrency ?? DEFAULT_CONCURRENCY;
  while (m.inFlight < limit) {
    const now = clock.now();
    const visible = Number(queue.allAttributes(now).ApproximateNumberOfMessages);
    if (visible === 0) {
      m.windowStart = undefined;
      return;
    }
    // Wait for a full batch until the batching window runs out.
    m.windowStart ??= now;
    if (visible < m.batchSize && now - m.windowStart < m.batchingWindowS * 1000) return;
    m.windowStart = undefined;
    const got = queue.receive({ max: m.batchSize }, now);
    if (got.length === 0) return;
    m.inFlight += 1;
    void deliver(owner, m, queue, got).finally(() => {
      m.inFlight -= 1;
    });
  }
}

type Queue = NonNullable<ReturnType<SqsBackend['byArn']>>;

async function deliver(owner: EventSourceMappings, m: Mapping, queue: Queue, got: Received[]): Promise<void> {
  const backend = owner.backend;
  const now = clock.now();
  let records: ReturnType<typeof toRecord>[];
  try {
    records = await Promise.all(got.map(async (r) => toRecord(r, await queue.bodyOf(r.msg, backend.backends, now), queue.arn, queue.region)));
  } catch (err) {
    // An SSE-KMS body whose key cannot be used now (disabled, deleted): the batch comes back after its visibility timeout.
    if (!(err instanceof AwsError)) throw err;
    m.lastProcessingResult = `PROBLEM: ${err.message}`;
    return;
  }
  const kept = records.filter((rec) => passes(m.filters, { ...rec, body: jsonOr(rec.body) }));
  const del = (rs: typeof records) => {
    for (const r of rs) {
      try {
        queue.deleteMessage(r.receiptHandle, clock.now());
      } catch {
        // Already gone or re-received: nothing to delete.
      }
    }
  };
  del(records.filter((r) => !kept.includes(r)));
  if (kept.length === 0) return;
  let result: Awaited<ReturnType<typeof backend.run>>;
  try {
    const target = backend.resolve(m.functionArn, undefined, true);
    backend.checkRunnable(target);
    result = await backend.run(target, Buffer.from(JSON.stringify({ Records: kept })));
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    m.lastProcessingResult = `PROBLEM: ${err.message}`;
    return;
  }
  m.lastProcessingResult = 'OK';
  if (result.functionError) return; // the batch comes back after its visibility timeout
  if (!m.functionResponseTypes.includes('ReportBatchItemFailures')) {
    del(kept);
    return;
  }
  const failed = batchItemFailures(result.payload, kept.map((r) => r.messageId));
  if (failed === 'all') return;
  del(kept.filter((r) => !failed.has(r.messageId)));
}

/** The ids a ReportBatchItemFailures response names; 'all' when it is malformed (Lambda then fails the batch). */
export function batchItemFailures(payload: Uint8Array, ids: string[]): Set<string> | 'all' {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    return new Set();
  }
  const list = (body as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return 'all';
  const out = new Set<string>();
  for (const item of list) {
    const id = (item as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !id || !ids.includes(id)) return 'all';
    out.add(id);
  }
  return out;
}

function jsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One record of the SQS event Lambda passes to the function. */
function toRecord(r: Received, body: string, queueArn: string, region: string) {
  const msg = r.msg;
  const attributes: Record<string, string> = {
    ApproximateReceiveCount: String(r.receiveCount),
    SentTimestamp: String(msg.sentAt),
    SenderId: msg.senderId,
    ApproximateFirstReceiveTimestamp: String(r.firstReceiveAt),
  };
  if (msg.groupId !== undefined) attributes.MessageGroupId = msg.groupId;
  if (msg.dedupId !== undefined) attributes.MessageDeduplicationId = msg.dedupId;
  if (msg.sequenceNumber !== undefined) attributes.SequenceNumber = msg.sequenceNumber;
  const messageAttributes: Record<string, unknown> = Object.create(null);
  for (const [name, a] of Object.entries(msg.attributes ?? {})) {
    messageAttributes[name] = {
      stringValue: a.StringValue,
      binaryValue: a.BinaryValue ? Buffer.from(a.BinaryValue).toString('base64') : undefined,
      stringListValues: a.StringListValues ?? [],
      binaryListValues: (a.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      dataType: a.DataType,
    };
  }
  return {
    messageId: msg.id,
    receiptHandle: r.receipt,
    body,
    attributes,
    messageAttributes,
    md5OfBody: msg.md5OfBody,
    md5OfMessageAttributes: msg.md5OfAttributes,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
