/**
 * ImportTable, DescribeImport, ListImports. ImportTable creates the table
 * from TableCreationParameters (CreateTable's validation) and fills it from
 * the S3 source; ClientToken makes a retry within 8 hours return the same
 * import, and a reuse with other parameters is IdempotentParameterMismatch.
 */
import { resolveSse } from '../models/sse';
import { partitionOf } from '../../../src/core/ids';
import { clock } from '../../../src/core/clock';
import type { Item } from '../values/attribute-value';
import type {
  DescribeImportInput,
  DescribeImportOutput,
  ImportTableInput,
  ImportTableOutput,
  ListImportsInput,
  ListImportsOutput,
} from '../types';
import { awsError, resourceInUse, validation } from '../exceptions';
import { timedId } from '../models/backups';
import { type ImportRecord, importDescription, importSummary, runImport } from '../models/imports';
import { attributeTypes, checkTableName } from '../models/table-schema';
import { checkLength } from './backups';
import type { Ctx } from './common';
import { checkPageSize, recordPage } from './paging';

const TOKEN_WINDOW_MS = 8 * 3600 * 1000;
const DELIMITERS = [',', '\t', ':', ';', '|', ' '];

function checkFormatOptions(input: ImportTableInput): void {
  const csv = input.InputFormatOptions?.Csv;
  if (!csv) return;
  if (input.InputFormat !== 'CSV') throw validation('InputFormatOptions can only be specified when InputFormat is CSV');
  if (csv.Delimiter !== undefined && !DELIMITERS.includes(csv.Delimiter)) {
    throw validation(
      `1 validation error detected: Value '${csv.Delimiter}' at 'inputFormatOptions.csv.delimiter' failed to satisfy constraint: Member must satisfy regular expression pattern: [,;:|\\t ]`,
    );
  }
  if (csv.HeaderList && (csv.HeaderList.length < 1 || csv.HeaderList.length > 255)) {
    throw validation(
      "1 validation error detected: Value at 'inputFormatOptions.csv.headerList' failed to satisfy constraint: Member must have length between 1 and 255",
    );
  }
}

export async function importTable(input: ImportTableInput, ctx: Ctx): Promise<ImportTableOutput> {
  const params = input.TableCreationParameters;
  checkTableName(params.TableName, 'tableCreationParameters.tableName');
  checkLength(input.S3BucketSource.S3Bucket, 's3BucketSource.s3Bucket', 0, 255);
  checkFormatOptions(input);
  const { ClientToken: token, ...rest } = input;
  const fingerprint = JSON.stringify(rest);
  if (token) {
    const prior = [...ctx.backend.imports.values()].find(
      (i) => i.input.ClientToken === token && clock.now() - i.startTime.getTime() < TOKEN_WINDOW_MS,
    );
    if (prior) {
      if (prior.fingerprint !== fingerprint) {
        throw awsError('IdempotentParameterMismatchException', 'Request parameters do not match the parameters of the earlier request with this client token');
      }
      return { ImportTableDescription: importDescription(prior) };
    }
  }
  if (ctx.backend.tables.has(params.TableName)) throw resourceInUse(`Table already exists: ${params.TableName}`);
  const table = ctx.backend.createTable(params, await resolveSse(params.SSESpecification, ctx.backends, ctx.account, ctx.region));
  const record: ImportRecord = {
    arn: `${table.arn}/import/${timedId()}`,
    status: 'IN_PROGRESS',
    tableArn: table.arn,
    tableId: table.id,
    input,
    fingerprint,
    startTime: clock.date(),
    logGroupArn: `arn:${partitionOf(ctx.region)}:logs:${ctx.region}:${ctx.account}:log-group:/aws-dynamodb/imports:*`,
    processedBytes: 0,
    processedItems: 0,
    importedItems: 0,
    errorCount: 0,
  };
  ctx.backend.imports.add(record);
  const load = (items: Item[]): number => {
    let refused = 0;
    for (const item of items) {
      let size: number;
      try {
        size = table.checkItem(item);
      } catch {
        refused += 1;
        continue;
      }
      table.write(table.keyOf(item), item, false, false, size);
    }
    return refused;
  };
  // A source that cannot be read fails the import and takes its table away again.
  const drop = () => {
    ctx.backend.tables.delete(table.name);
    record.tableId = undefined;
  };
  await runImport(ctx.backends, ctx.account, record, attributeTypes(params.AttributeDefinitions), load, drop);
  return { ImportTableDescription: importDescription(record, 'IN_PROGRESS') };
}

export function describeImport(input: DescribeImportInput, ctx: Ctx): DescribeImportOutput {
  checkLength(input.ImportArn, 'importArn', 37, 1024);
  const record = ctx.backend.imports.get(input.ImportArn);
  if (!record) throw awsError('ImportNotFoundException', `Import not found: ${input.ImportArn}`);
  return { ImportTableDescription: importDescription(record) };
}

export function listImports(input: ListImportsInput, ctx: Ctx): ListImportsOutput {
  const size = checkPageSize(input.PageSize, 'pageSize', 25);
  const { items, next } = recordPage(ctx.backend.imports, input.TableArn, input.NextToken, size);
  return { ImportSummaryList: items.map(importSummary), NextToken: next };
}
