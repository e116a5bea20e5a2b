/**
 * Subscription filter delivery: matching events leave through the core event
 * loop (asynchronously, in order; `await aws.settle()` waits for them) in
 * AWS's payload — gzipped JSON, base64-wrapped as `{awslogs: {data}}` for
 * Lambda, the gzipped bytes themselves as a Kinesis record's data. Lambda
 * targets are invoked through the Lambda backend's `invoke(name, payload,
 * { invocationType: 'Event' })` when it has one; Kinesis streams get the
 * record through the kinesis backend's `putRecord`; other destinations
 * (Firehose, a Logs destination) are recorded.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { isAwsError } from '../../../src/core/errors';
import { eventLoop } from '../../../src/core/events';
import { parseArn } from '../../../src/core/ids';
import type { LogsBackend } from './backend';
import { compilePattern } from './filter-pattern';
import type { LogEvent, LogGroup, LogStream } from './resources';

export interface Delivery {
  filterName: string;
  destinationArn: string;
  logGroup: string;
  logStream: string;
  /** The decoded payload (before gzip). */
  payload: SubscriptionPayload;
  error?: string;
}

export interface SubscriptionPayload {
  messageType: 'DATA_MESSAGE';
  owner: string;
  logGroup: string;
  logStream: string;
  subscriptionFilters: string[];
  logEvents: Array<{ id: string; timestamp: number; message: string }>;
}

/** AWS's 56-digit event ids. */
export function eventId(e: LogEvent): string {
  return `${String(e.timestamp).padStart(20, '0')}${String(e.seq).padStart(36, '0')}`;
}

interface LambdaInvoker {
  invoke(functionNameOrArn: string, payload: string, options: { invocationType: 'Event' }): unknown;
}

interface KinesisWriter {
  putRecord(streamNameOrArn: string, data: Uint8Array, partitionKey: string): unknown;
}

function gzipped(payload: SubscriptionPayload): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(payload)));
}

export function encodePayload(payload: SubscriptionPayload): string {
  return gzipped(payload).toString('base64');
}

export function deliverToSubscriptions(backend: LogsBackend, group: LogGroup, stream: LogStream, events: LogEvent[]): void {
  for (const filter of group.subscriptionFilters.values()) {
    const pattern = compilePattern(filter.filterPattern);
    const matched = events.filter((e) => pattern.matches(e.message));
    if (matched.length === 0) continue;
    const payload: SubscriptionPayload = {
      messageType: 'DATA_MESSAGE',
      owner: backend.account,
      logGroup: group.name,
      logStream: stream.name,
      subscriptionFilters: [filter.filterName],
      logEvents: matched.map((e) => ({ id: eventId(e), timestamp: e.timestamp, message: e.message })),
    };
    const record: Delivery = { filterName: filter.filterName, destinationArn: filter.destinationArn, logGroup: group.name, logStream: stream.name, payload };
    eventLoop(backend.backends).schedule(() => deliver(backend, record), { label: `logs subscription ${filter.filterName}` });
  }
}

async function deliver(backend: LogsBackend, record: Delivery): Promise<void> {
  backend.deliveries.push(record);
  const target = parseArn(record.destinationArn);
  try {
    if (target?.service === 'lambda') {
      const lambda = await backend.backends.get<Partial<LambdaInvoker>>('lambda', target.account, target.region);
      if (typeof lambda.invoke !== 'function') {
        record.error = 'Lambda backend cannot invoke functions';
        return;
      }
      await lambda.invoke(record.destinationArn, JSON.stringify({ awslogs: { data: encodePayload(record.payload) } }), { invocationType: 'Event' });
    } else if (target?.service === 'kinesis') {
      const kinesis = await backend.backends.get<Partial<KinesisWriter>>('kinesis', target.account, target.region);
      if (typeof kinesis.putRecord !== 'function') {
        record.error = 'Kinesis backend cannot take records';
        return;
      }
      // AWS's partition key is an opaque hex value; one per log stream keeps a stream's batches in order.
      const key = createHash('md5').update(`${record.logGroup}\n${record.logStream}`).digest('hex');
      kinesis.putRecord(record.destinationArn, gzipped(record.payload), key);
    }
  } catch (err) {
    record.error = isAwsError(err) ? err.code : String(err);
  }
}
