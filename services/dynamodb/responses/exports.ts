/**
 * ExportTableToPointInTime, DescribeExport, ListExports. An export needs
 * PITR on the table; a full export writes the items as of ExportTime, an
 * incremental one the net change of each item written in its window.
 * ClientToken makes a retry within 8 hours return the same export.
 */
import type {
  DescribeExportInput,
  DescribeExportOutput,
  ExportTableToPointInTimeInput,
  ExportTableToPointInTimeOutput,
  ListExportsInput,
  ListExportsOutput,
} from '../types';
import { clock } from '../../../src/core/clock';
import { awsError, validation } from '../exceptions';
import { timedId } from '../models/backups';
import { type ExportRecord, type ExportRow, exportDescription, exportSummary, runExport } from '../models/exports';
import type { Table } from '../models/table';
import { checkLength } from './backups';
import type { Ctx } from './common';
import { checkPageSize, recordPage } from './paging';

const TOKEN_WINDOW_MS = 8 * 3600 * 1000;
const MIN_INCREMENTAL_MS = 15 * 60 * 1000;
const MAX_INCREMENTAL_MS = 24 * 3600 * 1000;

function exportTimeError(message: string) {
  return awsError('InvalidExportTimeException', message);
}

function pitrUnavailable(table: Table) {
  return awsError('PointInTimeRecoveryUnavailableException', `Point in time recovery is not enabled for table '${table.name}'`);
}

function checkInWindow(table: Table, time: number, what: string): void {
  if (time > clock.now()) throw exportTimeError(`${what} cannot be in the future`);
  if (time < table.pitr.earliest()) {
    throw exportTimeError(`${what} is earlier than the earliest restorable time ${new Date(table.pitr.earliest()).toISOString()}`);
  }
}

/** The rows of the export and its incremental window, after checking the request's times. */
function plan(input: ExportTableToPointInTimeInput, table: Table): { rows: ExportRow[]; time: number; incremental?: ExportRecord['incremental'] } {
  if ((input.ExportType ?? 'FULL_EXPORT') === 'FULL_EXPORT') {
    if (input.IncrementalExportSpecification) {
      throw validation('IncrementalExportSpecification can only be specified when ExportType is INCREMENTAL_EXPORT');
    }
    const time = input.ExportTime ? input.ExportTime.getTime() : clock.now();
    checkInWindow(table, time, 'ExportTime');
    return { rows: table.pitr.itemsAt(table.store.scan(), time).map((item) => ({ item })), time };
  }
  if (input.ExportTime) throw validation('ExportTime cannot be specified when ExportType is INCREMENTAL_EXPORT');
  const spec = input.IncrementalExportSpecification;
  if (!spec?.ExportFromTime) throw validation('ExportFromTime must be specified for an incremental export');
  const from = spec.ExportFromTime.getTime();
  const to = spec.ExportToTime ? spec.ExportToTime.getTime() : clock.now();
  checkInWindow(table, from, 'ExportFromTime');
  checkInWindow(table, to, 'ExportToTime');
  if (to - from < MIN_INCREMENTAL_MS) throw validation('The incremental export period must be at least 15 minutes');
  if (to - from > MAX_INCREMENTAL_MS) throw validation('The incremental export period must not exceed 24 hours');
  const viewType = spec.ExportViewType ?? 'NEW_AND_OLD_IMAGES';
  return {
    rows: table.pitr.changesBetween(from, to),
    time: to,
    incremental: { from: new Date(from), to: new Date(to), viewType },
  };
}

export async function exportTableToPointInTime(input: ExportTableToPointInTimeInput, ctx: Ctx): Promise<ExportTableToPointInTimeOutput> {
  checkLength(input.TableArn, 'tableArn', 1, 1024);
  checkLength(input.S3Bucket, 's3Bucket', 0, 255);
  checkLength(input.S3Prefix, 's3Prefix', 0, 1024);
  if (!input.TableArn.startsWith('arn:')) throw validation(`Invalid TableArn: ${input.TableArn}`);
  if (input.S3SseKmsKeyId && input.S3SseAlgorithm !== 'KMS') {
    throw validation('S3SseKmsKeyId can only be specified when S3SseAlgorithm is KMS');
  }
  const { ClientToken: token, ...rest } = input;
  const fingerprint = JSON.stringify(rest);
  if (token) {
    const prior = [...ctx.backend.exports.values()].find(
      (e) => e.clientToken === token && clock.now() - e.startTime.getTime() < TOKEN_WINDOW_MS,
    );
    if (prior) {
      if (prior.fingerprint !== fingerprint) {
        throw awsError('ExportConflictException', `Export with client token ${token} already exists with different parameters`);
      }
      return { ExportDescription: exportDescription(prior) };
    }
  }
  const table = ctx.backend.backupTarget(input.TableArn);
  if (!table.pitr.enabled) throw pitrUnavailable(table);
  const { rows, time, incremental } = plan(input, table);
  const id = timedId();
  const record: ExportRecord = {
    arn: `${table.arn}/export/${id}`,
    id,
    status: 'IN_PROGRESS',
    tableArn: table.arn,
    tableId: table.id,
    startTime: clock.date(),
    exportTime: new Date(time),
    clientToken: token,
    fingerprint,
    s3Bucket: input.S3Bucket,
    s3BucketOwner: input.S3BucketOwner,
    s3Prefix: input.S3Prefix,
    sseAlgorithm: input.S3SseAlgorithm,
    kmsKeyId: input.S3SseKmsKeyId,
    format: (input.ExportFormat ?? 'DYNAMODB_JSON') as ExportRecord['format'],
    type: (input.ExportType ?? 'FULL_EXPORT') as ExportRecord['type'],
    incremental,
    itemCount: 0,
    billedBytes: 0,
  };
  ctx.backend.exports.add(record);
  await runExport(ctx.backends, ctx.account, record, rows);
  return { ExportDescription: exportDescription(record, 'IN_PROGRESS') };
}

export function describeExport(input: DescribeExportInput, ctx: Ctx): DescribeExportOutput {
  checkLength(input.ExportArn, 'exportArn', 37, 1024);
  const record = ctx.backend.exports.get(input.ExportArn);
  if (!record) throw awsError('ExportNotFoundException', `Export not found: ${input.ExportArn}`);
  return { ExportDescription: exportDescription(record) };
}

export function listExports(input: ListExportsInput, ctx: Ctx): ListExportsOutput {
  const size = checkPageSize(input.MaxResults, 'maxResults', 25);
  const { items, next } = recordPage(ctx.backend.exports, input.TableArn, input.NextToken, size);
  return { ExportSummaries: items.map(exportSummary), NextToken: next };
}
