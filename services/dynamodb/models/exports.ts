/**
 * Table exports to S3 (ExportTableToPointInTime). The export runs to the
 * end inside the call: it writes, under `<prefix>/AWSDynamoDB/<ExportId>/`,
 * the `_started` marker, one gzipped data file, manifest-files.json and
 * manifest-summary.json (each with a .checksum file holding its MD5), laid out as DynamoDB
 * lays them out, through the S3 backend's object API. A missing bucket fails
 * the export (FAILED, S3NoSuchBucket) instead of the call, as in AWS.
 */
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { clock } from '../../../src/core/clock';
import type { BackendAccess } from '../../../src/core/service';
import type { Item } from '../values/attribute-value';
import type { ExportDescription, ExportSummary } from '../types';
import { encodeItemLine, itemToJson } from '../formats/dynamodb-json';
import { encodeIonLine } from '../formats/ion';
import type { S3Backend } from '../../s3/models';
import { s3Failure, s3Of } from './s3-objects';

export interface ExportRecord {
  arn: string;
  id: string;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  tableArn: string;
  tableId: string;
  startTime: Date;
  endTime?: Date;
  exportTime: Date;
  clientToken?: string;
  /** What the request asked for, to tell a retry from a conflicting reuse of its ClientToken. */
  fingerprint: string;
  s3Bucket: string;
  s3BucketOwner?: string;
  s3Prefix?: string;
  sseAlgorithm?: string;
  kmsKeyId?: string;
  format: 'DYNAMODB_JSON' | 'ION';
  type: 'FULL_EXPORT' | 'INCREMENTAL_EXPORT';
  incremental?: { from: Date; to: Date; viewType: string };
  itemCount: number;
  billedBytes: number;
  manifest?: string;
  failureCode?: string;
  failureMessage?: string;
}

/** A full export's rows are items; an incremental export's rows are changes. */
export type ExportRow = { item: Item } | { key: Item; old?: Item; next?: Item; at: number };

function line(record: ExportRecord, row: ExportRow): string {
  if ('item' in row) return record.format === 'ION' ? encodeIonLine(row.item) : encodeItemLine(row.item);
  const withOld = record.incremental?.viewType !== 'NEW_IMAGE';
  const change: Record<string, unknown> = {
    Metadata: { WriteTimestampMicros: { N: String(row.at * 1000) } },
    Keys: itemToJson(row.key),
  };
  if (row.next) change.NewImage = itemToJson(row.next);
  if (withOld && row.old) change.OldImage = itemToJson(row.old);
  return JSON.stringify(change);
}

const md5 = (b: Buffer | string) => createHash('md5').update(b);

/** Writes the export's objects; marks the record COMPLETED, or FAILED when S3 refuses them (no such bucket). */
export async function runExport(backends: BackendAccess, account: string, record: ExportRecord, rows: ExportRow[]): Promise<void> {
  const s3 = await s3Of(backends, record.s3BucketOwner ?? account);
  const endTime = clock.date();
  record.endTime = endTime;
  try {
    await writeExport(s3, record, rows, endTime);
  } catch (err) {
    const failure = s3Failure(err);
    record.status = 'FAILED';
    record.failureCode = failure.code;
    record.failureMessage = failure.message;
  }
}

/** The export's objects, `_started` first (a missing bucket fails there, before anything is written). */
async function writeExport(s3: S3Backend, record: ExportRecord, rows: ExportRow[], endTime: Date): Promise<void> {
  const base = `${record.s3Prefix ? `${record.s3Prefix.replace(/\/$/, '')}/` : ''}AWSDynamoDB/${record.id}/`;
  // SSE_S3 (or none) leaves the objects to the bucket's default encryption.
  const sse = record.sseAlgorithm === 'KMS' ? { serverSideEncryption: 'aws:kms', kmsKeyId: record.kmsKeyId } : {};
  const put = async (key: string, body: Buffer, contentType: string) =>
    (await s3.putObject(record.s3Bucket, key, body, { contentType, ...sse })).etag;
  await put(`${base}_started`, Buffer.alloc(0), 'binary/octet-stream');

  const text = rows.map((r) => line(record, r)).join('\n') + (rows.length ? '\n' : '');
  const data = gzipSync(Buffer.from(text));
  const ext = record.format === 'ION' ? 'ion.gz' : 'json.gz';
  const dataKey = `${base}data/${randomBytes(13).toString('hex').slice(0, 26)}.${ext}`;
  const etag = await put(dataKey, data, 'application/x-gzip');
  record.itemCount = rows.length;
  record.billedBytes = Buffer.byteLength(text);

  const files = `${JSON.stringify({
    itemCount: rows.length,
    md5Checksum: md5(data).digest('base64'),
    etag: etag.replace(/"/g, ''),
    dataFileS3Key: dataKey,
  })}\n`;
  await put(`${base}manifest-files.json`, Buffer.from(files), 'application/json');
  await put(`${base}manifest-files.checksum`, Buffer.from(md5(files).digest('hex')), 'text/plain');

  const manifest = `${base}manifest-summary.json`;
  const summary = JSON.stringify({
    version: '2020-06-30',
    exportArn: record.arn,
    startTime: record.startTime.toISOString(),
    endTime: endTime.toISOString(),
    tableArn: record.tableArn,
    tableId: record.tableId,
    exportTime: record.exportTime.toISOString(),
    s3Bucket: record.s3Bucket,
    s3Prefix: record.s3Prefix ?? null,
    s3SseAlgorithm: record.sseAlgorithm ?? 'AES256',
    s3SseKmsKeyId: record.kmsKeyId ?? null,
    manifestFilesS3Key: `${base}manifest-files.json`,
    billedSizeBytes: record.billedBytes,
    itemCount: rows.length,
    outputFormat: record.format,
    exportType: record.type,
  });
  await put(manifest, Buffer.from(summary), 'application/json');
  await put(`${base}manifest-summary.checksum`, Buffer.from(md5(summary).digest('hex')), 'text/plain');
  record.status = 'COMPLETED';
  record.manifest = manifest;
}

export function exportDescription(r: ExportRecord, status: ExportRecord['status'] = r.status): ExportDescription {
  const done = status !== 'IN_PROGRESS';
  return {
    ExportArn: r.arn,
    ExportStatus: status,
    StartTime: r.startTime,
    EndTime: done ? r.endTime : undefined,
    ExportManifest: done ? r.manifest : undefined,
    TableArn: r.tableArn,
    TableId: r.tableId,
    ExportTime: r.exportTime,
    ClientToken: r.clientToken,
    S3Bucket: r.s3Bucket,
    S3BucketOwner: r.s3BucketOwner,
    S3Prefix: r.s3Prefix,
    S3SseAlgorithm: r.sseAlgorithm,
    S3SseKmsKeyId: r.kmsKeyId,
    FailureCode: done ? r.failureCode : undefined,
    FailureMessage: done ? r.failureMessage : undefined,
    ExportFormat: r.format,
    BilledSizeBytes: done && r.status === 'COMPLETED' ? r.billedBytes : undefined,
    ItemCount: done && r.status === 'COMPLETED' ? r.itemCount : undefined,
    ExportType: r.type,
    IncrementalExportSpecification: r.incremental
      ? { ExportFromTime: r.incremental.from, ExportToTime: r.incremental.to, ExportViewType: r.incremental.viewType }
      : undefined,
  };
}

export function exportSummary(r: ExportRecord): ExportSummary {
  return { ExportArn: r.arn, ExportStatus: r.status, ExportType: r.type };
}
