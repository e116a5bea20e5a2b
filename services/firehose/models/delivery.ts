/**
 * Buffering and delivery. A stream's records wait in its buffer until they
 * reach the size hint (MiB) or the oldest has waited the interval hint
 * (seconds, on the core clock); the flush runs as a task on the core event
 * loop, so `aws.settle()` and `aws.clock.advance()` deliver deterministically.
 * S3 gets one object per flush: the records as sent, concatenated, GZIP'd
 * when asked; records a Lambda transformation failed go, as JSON lines, under
 * the error prefix with error-output-type `processing-failed`.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { clock } from '../../../src/core/clock';
import { eventLoop } from '../../../src/core/events';
import type { FirehoseBackend } from './backend';
import { evaluatePrefix, objectName } from './keys';
import type { DeliveryStream } from './stream';
import { hasProcessor, partitionKeys, partitionQuery } from './partitioning';
import { type FailedRecord, lambdaProcessor, transform } from './transform';
import type { ProcessingConfiguration } from '../types';

const MiB = 1024 * 1024;

/** The S3 backend's object API, duck-typed. */
interface S3Objects {
  putObject(bucket: string, key: string, body: Buffer, opts?: { contentType?: string; serverSideEncryption?: string; kmsKeyId?: string }): Promise<unknown>;
}

/** Size (bytes) and interval (ms) hints of the stream's destination. */
function hints(stream: DeliveryStream): { bytes: number; ms: number } {
  const h = stream.destination.kind === 's3' ? stream.destination.s3.BufferingHints : stream.destination.http.BufferingHints;
  return { bytes: (h?.SizeInMBs ?? 5) * MiB, ms: (h?.IntervalInSeconds ?? 300) * 1000 };
}

/** Adds records to the stream's buffer and queues its flush (`now`: when they arrived, if not now). */
export function enqueue(backend: FirehoseBackend, stream: DeliveryStream, data: Buffer[], now = clock.now()): string[] {
  const ids: string[] = [];
  for (const d of data) {
    const recordId = randomUUID().replace(/-/g, '');
    stream.buffer.records.push({ recordId, data: d, arrival: now });
    stream.buffer.bytes += d.length;
    ids.push(recordId);
  }
  const { bytes, ms } = hints(stream);
  const loop = eventLoop(backend.backends);
  if (stream.buffer.bytes >= bytes) {
    stream.buffer.timer?.cancel();
    stream.buffer.timer = loop.schedule(() => flush(backend, stream), { label: `firehose ${stream.name} size flush` });
  } else if (!stream.buffer.timer) {
    stream.buffer.timer = loop.schedule(() => flush(backend, stream), { at: stream.buffer.records[0].arrival + ms, label: `firehose ${stream.name} interval flush` });
  }
  return ids;
}

/** Delivers what the buffer holds now. */
export async function flush(backend: FirehoseBackend, stream: DeliveryStream): Promise<void> {
  const records = stream.buffer.records;
  stream.buffer.timer?.cancel();
  stream.buffer = { records: [], bytes: 0 };
  if (records.length === 0) return;
  const dest = stream.destination;
  const processing = dest.kind === 's3' ? dest.s3.ProcessingConfiguration : dest.http.ProcessingConfiguration;
  const processor = lambdaProcessor(processing);
  const result = processor ? await transform(backend, stream, processor, records) : { ok: records.map((r) => r.data), failed: [] };
  const oldest = new Date(records[0].arrival);
  if (dest.kind === 'http') {
    const bytes = result.ok.reduce((n, b) => n + b.length, 0);
    backend.deliveries.push({ stream: stream.name, destination: 'http', url: dest.http.EndpointConfiguration?.Url, records: result.ok.length, bytes });
    const s3 = dest.http.S3DestinationDescription;
    if (s3 && result.failed.length > 0) await writeErrors(backend, stream, s3, result.failed, oldest);
    return;
  }
  if (dest.s3.DynamicPartitioningConfiguration?.Enabled) {
    await writePartitions(backend, stream, dest.s3, result.ok, oldest);
  } else if (result.ok.length > 0) {
    await write(backend, stream, dest.s3, Buffer.concat(result.ok), result.ok.length, oldest, undefined);
  }
  if (result.failed.length > 0) await writeErrors(backend, stream, dest.s3, result.failed, oldest);
}

/** Dynamic partitioning: one object per partition; records without their keys under the error prefix. */
async function writePartitions(backend: FirehoseBackend, stream: DeliveryStream, s3: S3Conf & { ProcessingConfiguration?: ProcessingConfiguration }, records: Buffer[], oldest: Date): Promise<void> {
  const query = partitionQuery(s3.ProcessingConfiguration) ?? [];
  const delimit = hasProcessor(s3.ProcessingConfiguration, 'AppendDelimiterToRecord');
  const partitions = new Map<string, { keys: Map<string, string>; records: Buffer[] }>();
  const unpartitioned: Buffer[] = [];
  for (const r of records) {
    const keys = partitionKeys(r, query);
    const data = delimit ? Buffer.concat([r, Buffer.from('\n')]) : r;
    if (!keys) {
      unpartitioned.push(data);
      continue;
    }
    const id = JSON.stringify([...keys]);
    let p = partitions.get(id);
    if (!p) partitions.set(id, (p = { keys, records: [] }));
    p.records.push(data);
  }
  for (const p of partitions.values()) await write(backend, stream, s3, Buffer.concat(p.records), p.records.length, oldest, undefined, p.keys);
  if (unpartitioned.length > 0) await write(backend, stream, s3, Buffer.concat(unpartitioned), unpartitioned.length, oldest, 'partitioning-failed');
}

type S3Conf = {
  BucketARN?: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  CompressionFormat?: string;
  EncryptionConfiguration?: { KMSEncryptionConfig?: { AWSKMSKeyARN?: string } };
  FileExtension?: string;
};

async function writeErrors(backend: FirehoseBackend, stream: DeliveryStream, s3: S3Conf, failed: FailedRecord[], oldest: Date): Promise<void> {
  const now = clock.now();
  const lines = failed.map((f) =>
    JSON.stringify({
      attemptsMade: f.attemptsMade,
      arrivalTimestamp: f.record.arrival,
      errorCode: f.errorCode,
      errorMessage: f.errorMessage,
      attemptEndingTimestamp: now,
      rawData: f.record.data.toString('base64'),
      lambdaArn: f.lambdaArn,
    }),
  );
  await write(backend, stream, s3, Buffer.from(`${lines.join('\n')}\n`), failed.length, oldest, 'processing-failed');
}

async function write(
  backend: FirehoseBackend,
  stream: DeliveryStream,
  s3: S3Conf,
  body: Buffer,
  count: number,
  oldest: Date,
  errorType: string | undefined,
  partition?: Map<string, string>,
): Promise<void> {
  const bucket = (s3.BucketARN ?? '').replace(/^arn:[^:]+:s3:::/, '');
  const gzip = s3.CompressionFormat === 'GZIP';
  const extension = s3.FileExtension ?? (gzip ? '.gz' : '');
  const key = evaluatePrefix({ prefix: s3.Prefix, errorPrefix: s3.ErrorOutputPrefix }, oldest, errorType, partition) + objectName(stream.name, stream.version, oldest, extension);
  const delivery = { stream: stream.name, destination: 's3' as const, bucket, key, records: count, bytes: body.length };
  try {
    const objects = await backend.backends.get<Partial<S3Objects>>('s3', backend.account);
    if (typeof objects.putObject !== 'function') throw new Error('The S3 backend has no object API.');
    const kmsKeyId = s3.EncryptionConfiguration?.KMSEncryptionConfig?.AWSKMSKeyARN;
    await objects.putObject(bucket, key, gzip ? gzipSync(body) : body, {
      contentType: 'application/octet-stream',
      ...(kmsKeyId ? { serverSideEncryption: 'aws:kms', kmsKeyId } : {}),
    });
    backend.deliveries.push(delivery);
  } catch (err) {
    // AWS keeps retrying for up to 24 hours; the fake records the failure where tests can see it.
    backend.failures.push({ ...delivery, error: err instanceof Error ? err.message : String(err) });
  }
}

