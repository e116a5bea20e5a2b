/**
 * ImportTable from S3: every object under the source prefix is
 * decompressed (GZIP, ZSTD where this Node has it, or NONE) and read as
 * DYNAMODB_JSON, ION or CSV; lines or rows that are not valid items, or
 * lack the table's key, are counted in ErrorCount and skipped, as DynamoDB
 * skips them (it logs them to CloudWatch). The import runs to the end inside
 * the call; the answer says IN_PROGRESS and DescribeImport COMPLETED.
 */
import * as zlib from 'node:zlib';
import { clock } from '../../../src/core/clock';
import type { BackendAccess } from '../../../src/core/service';
import type { Item } from '../values/attribute-value';
import type { ImportSummary, ImportTableDescription, ImportTableInput } from '../types';
import { csvItems } from '../formats/csv';
import { decodeItemLine } from '../formats/dynamodb-json';
import { ionItems } from '../formats/ion';
import { s3Failure, s3Of } from './s3-objects';

export interface ImportRecord {
  arn: string;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  tableArn: string;
  tableId?: string;
  input: ImportTableInput;
  fingerprint: string;
  startTime: Date;
  endTime?: Date;
  logGroupArn: string;
  processedBytes: number;
  processedItems: number;
  importedItems: number;
  errorCount: number;
  failureCode?: string;
  failureMessage?: string;
}

export interface SourceData {
  items: Item[];
  errors: number;
  bytes: number;
}

class ImportFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function decompress(body: Buffer, type: string | undefined): Buffer {
  if (body.length === 0) return body;
  try {
    if (type === 'GZIP') return zlib.gunzipSync(body);
    if (type === 'ZSTD') {
      const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Buffer) => Buffer }).zstdDecompressSync;
      if (!zstd) throw new ImportFailure('ItemValidationError', 'ZSTD decompression is not available in this Node.js runtime');
      return zstd(body);
    }
  } catch (err) {
    if (err instanceof ImportFailure) throw err;
    throw new ImportFailure('ItemValidationError', `Unable to decompress the input data as ${type}`);
  }
  return body;
}

function jsonLines(text: string): { items: Item[]; errors: number } {
  const items: Item[] = [];
  let errors = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      items.push(decodeItemLine(line));
    } catch {
      errors += 1;
    }
  }
  return { items, errors };
}

/** Reads and parses every source object; throws ImportFailure when S3 refuses them (no such bucket). */
async function readSource(backends: BackendAccess, account: string, input: ImportTableInput, types: Map<string, string>): Promise<SourceData> {
  const src = input.S3BucketSource;
  const s3 = await s3Of(backends, src.S3BucketOwner ?? account);
  let keys: Iterable<string>;
  try {
    keys = s3.listKeys(src.S3Bucket, src.S3KeyPrefix ?? '');
  } catch (err) {
    const failure = s3Failure(err);
    throw new ImportFailure(failure.code, failure.message);
  }
  const out: SourceData = { items: [], errors: 0, bytes: 0 };
  for (const key of keys) {
    if (key.endsWith('/')) continue;
    const raw = s3.getObject(src.S3Bucket, key)?.body;
    if (!raw) continue;
    out.bytes += raw.length;
    const text = decompress(raw, input.InputCompressionType).toString('utf8');
    const csv = input.InputFormatOptions?.Csv;
    const parsed =
      input.InputFormat === 'CSV'
        ? csvItems(text, types, { delimiter: csv?.Delimiter, headerList: csv?.HeaderList })
        : input.InputFormat === 'ION'
          ? ionItems(text)
          : jsonLines(text);
    // A loop, not push(...items): a large object would overflow the argument limit.
    for (const item of parsed.items) out.items.push(item);
    out.errors += parsed.errors;
  }
  return out;
}

/**
 * Runs an import whose table `create` makes (and `drop` removes again if the
 * source cannot be read); `load` stores the items and returns how many it refused.
 */
export async function runImport(
  backends: BackendAccess,
  account: string,
  record: ImportRecord,
  types: Map<string, string>,
  load: (items: Item[]) => number,
  drop: () => void,
): Promise<void> {
  try {
    const data = await readSource(backends, account, record.input, types);
    const refused = load(data.items);
    record.processedBytes = data.bytes;
    record.processedItems = data.items.length + data.errors;
    record.importedItems = data.items.length - refused;
    record.errorCount = data.errors + refused;
    record.status = 'COMPLETED';
  } catch (err) {
    if (!(err instanceof ImportFailure)) throw err;
    drop();
    record.status = 'FAILED';
    record.failureCode = err.code;
    record.failureMessage = err.message;
  }
  record.endTime = clock.date();
}

export function importDescription(r: ImportRecord, status: ImportRecord['status'] = r.status): ImportTableDescription {
  const done = status !== 'IN_PROGRESS';
  return {
    ImportArn: r.arn,
    ImportStatus: status,
    TableArn: r.tableArn,
    TableId: r.tableId,
    ClientToken: r.input.ClientToken,
    S3BucketSource: r.input.S3BucketSource,
    ErrorCount: done ? r.errorCount : 0,
    CloudWatchLogGroupArn: r.logGroupArn,
    InputFormat: r.input.InputFormat,
    InputFormatOptions: r.input.InputFormatOptions,
    InputCompressionType: r.input.InputCompressionType ?? 'NONE',
    TableCreationParameters: r.input.TableCreationParameters,
    StartTime: r.startTime,
    EndTime: done ? r.endTime : undefined,
    ProcessedSizeBytes: done ? r.processedBytes : undefined,
    ProcessedItemCount: done ? r.processedItems : 0,
    ImportedItemCount: done ? r.importedItems : 0,
    FailureCode: done ? r.failureCode : undefined,
    FailureMessage: done ? r.failureMessage : undefined,
  };
}

export function importSummary(r: ImportRecord): ImportSummary {
  return {
    ImportArn: r.arn,
    ImportStatus: r.status,
    TableArn: r.tableArn,
    S3BucketSource: r.input.S3BucketSource,
    CloudWatchLogGroupArn: r.logGroupArn,
    InputFormat: r.input.InputFormat,
    StartTime: r.startTime,
    EndTime: r.endTime,
  };
}
