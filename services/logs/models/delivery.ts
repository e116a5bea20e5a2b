/**
 * Subscription filter delivery: matching events leave through the core event
 * loop (asynchronously, in order; `await aws.settle()` waits for them) in
 * AWS's payload — gzipped JSON, base64-wrapped as `{awslogs: {data}}` for
 * Lambda, the gzipped bytes themselves as a Kinesis or Firehose record's
 * data. Lambda targets are invoked through the Lambda backend's
 * `invoke(name, payload, { invocationType: 'Event' })`; Kinesis streams get
 * the record through the kinesis backend's `putRecord`, Firehose streams
 * through the firehose backend's `putRecords`; a Logs destination
 * (PutDestination) forwards to its target stream.
 *
 * PutSubscriptionFilter checks the destination first, as AWS does: a Kinesis
 * or Firehose stream is sent a CONTROL_MESSAGE ("checking health of
 * destination"), which must be accepted, and a Lambda function must exist.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { clock } from '../../../src/core/clock';
import { isAwsError } from '../../../src/core/errors';
import { eventLoop } from '../../../src/core/events';
import { parseArn } from '../../../src/core/ids';
import { invalidParameter, notFound } from '../exceptions';
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
  fn(functionNameOrArn: string): unknown;
}

interface KinesisWriter {
  putRecord(streamNameOrArn: string, data: Uint8Array, partitionKey: string): unknown;
}

interface FirehoseWriter {
  putRecords(streamNameOrArn: string, records: Uint8Array[]): unknown;
}

type ControlPayload = Omit<SubscriptionPayload, 'messageType'> & { messageType: 'CONTROL_MESSAGE' };

function gzipped(payload: SubscriptionPayload | ControlPayload): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(payload)));
}

export function encodePayload(payload: SubscriptionPayload): string {
  return gzipped(payload).toString('base64');
}

/** The message AWS puts on a stream to check it can deliver there (owner "CloudwatchLogs", no group). */
function controlMessage(kind: 'Kinesis stream' | 'Firehose'): ControlPayload {
  return {
    messageType: 'CONTROL_MESSAGE',
    owner: 'CloudwatchLogs',
    logGroup: '',
    logStream: '',
    subscriptionFilters: [],
    logEvents: [{ id: '', timestamp: clock.now(), message: `CWL CONTROL MESSAGE: Checking health of destination ${kind}.` }],
  };
}

/** A Logs destination's ARN resolved to the stream it forwards to (other destinations as they are). */
async function physicalTarget(backend: LogsBackend, destinationArn: string): Promise<string> {
  const target = parseArn(destinationArn);
  if (target?.service !== 'logs') return destinationArn;
  const name = target.resource.replace(/^destination:/, '');
  const owner = target.account === backend.account && target.region === backend.region ? backend : await backend.backends.get<LogsBackend>('logs', target.account, target.region);
  const destination = owner.destinations.get(name);
  if (!destination) throw notFound('The specified destination does not exist.');
  return destination.targetArn;
}

/** Sends gzipped bytes to a Kinesis or Firehose stream (the destination of `arn`). */
async function putOnStream(backend: LogsBackend, arn: string, data: Buffer, partitionKey: string): Promise<void> {
  const target = parseArn(arn);
  if (target?.service === 'kinesis') {
    const kinesis = await backend.backends.get<KinesisWriter>('kinesis', target.account, target.region);
    kinesis.putRecord(arn, data, partitionKey);
  } else if (target?.service === 'firehose') {
    const firehose = await backend.backends.get<FirehoseWriter>('firehose', target.account, target.region);
    firehose.putRecords(arn, [data]);
  } else {
    throw invalidParameter(`Invalid destination arn: ${arn}`);
  }
}

/**
 * PutSubscriptionFilter's destination check, before the filter is stored:
 * Lambda functions must exist; streams (directly or behind a Logs
 * destination) must take a CONTROL_MESSAGE.
 */
export async function checkDestination(backend: LogsBackend, destinationArn: string): Promise<void> {
  const arn = await physicalTarget(backend, destinationArn);
  const target = parseArn(arn);
  if (target?.service === 'lambda') {
    const lambda = await backend.backends.get<LambdaInvoker>('lambda', target.account, target.region);
    try {
      lambda.fn(arn);
    } catch {
      throw invalidParameter('Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.');
    }
    return;
  }
  const kind = target?.service === 'kinesis' ? 'Kinesis stream' : 'Firehose';
  try {
    await putOnStream(backend, arn, gzipped(controlMessage(kind)), 'control');
  } catch {
    throw invalidParameter(
      target?.service === 'kinesis'
        ? 'Could not deliver test message to specified Kinesis stream. Check if the given kinesis stream is in ACTIVE state.'
        : 'Could not deliver test message to specified Firehose stream. Check if the given Firehose stream is in ACTIVE state.',
    );
  }
}

export function deliverToSubscriptions(backend: LogsBackend, group: LogGroup, stream: LogStream, events: LogEvent[]): void {
  const account = backend.accountSubscription(group.name);
  for (const filter of account ? [...group.subscriptionFilters.values(), account] : group.subscriptionFilters.values()) {
    const pattern = compilePattern(filter.filterPattern);
    const text = (e: LogEvent) => (filter.applyOnTransformedLogs && e.transformed !== undefined ? e.transformed : e.message);
    const matched = events.filter((e) => pattern.matches(text(e)));
    if (matched.length === 0) continue;
    const payload: SubscriptionPayload = {
      messageType: 'DATA_MESSAGE',
      owner: backend.account,
      logGroup: group.name,
      logStream: stream.name,
      subscriptionFilters: [filter.filterName],
      logEvents: matched.map((e) => ({ id: eventId(e), timestamp: e.timestamp, message: text(e) })),
    };
    const record: Delivery = { filterName: filter.filterName, destinationArn: filter.destinationArn, logGroup: group.name, logStream: stream.name, payload };
    eventLoop(backend.backends).schedule(() => deliver(backend, record), { label: `logs subscription ${filter.filterName}` });
  }
}

async function deliver(backend: LogsBackend, record: Delivery): Promise<void> {
  backend.deliveries.push(record);
  try {
    const arn = await physicalTarget(backend, record.destinationArn);
    const target = parseArn(arn);
    if (target?.service === 'lambda') {
      const lambda = await backend.backends.get<LambdaInvoker>('lambda', target.account, target.region);
      await lambda.invoke(arn, JSON.stringify({ awslogs: { data: encodePayload(record.payload) } }), { invocationType: 'Event' });
    } else {
      // AWS's partition key is an opaque hex value; one per log stream keeps a stream's batches in order.
      const key = createHash('md5').update(`${record.logGroup}\n${record.logStream}`).digest('hex');
      await putOnStream(backend, arn, gzipped(record.payload), key);
    }
  } catch (err) {
    record.error = isAwsError(err) ? err.code : String(err);
  }
}
