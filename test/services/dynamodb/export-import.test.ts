import { gunzipSync, gzipSync } from 'node:zlib';
import {
  DeleteItemCommand,
  DescribeExportCommand,
  DescribeImportCommand,
  DescribeTableCommand,
  ExportTableToPointInTimeCommand,
  GetItemCommand,
  ImportTableCommand,
  type ImportTableCommandInput,
  ListExportsCommand,
  ListImportsCommand,
  PutItemCommand,
  ScanCommand,
  type TableCreationParameters,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

const TABLE_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders';
const PARAMS: TableCreationParameters = {
  TableName: 'imported',
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  BillingMode: 'PAY_PER_REQUEST',
};

describe('DynamoDB exports to and imports from S3', () => {
  useMockAws();
  const ddb = client();
  const s3 = new S3Client({ region: 'us-east-1' });

  const body = async (Bucket: string, Key: string) =>
    Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToByteArray());

  async function ordersWithPitr() {
    await createTable(ddb, 'orders', 'N');
    await ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'orders', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    for (let i = 1; i <= 3; i++) {
      await ddb.send(
        new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'cust' }, sk: { N: String(i) }, tags: { SS: ['x', `t${i}`] }, raw: { B: Buffer.from([i]) } } }),
      );
    }
  }

  const importInput = (over: Partial<ImportTableCommandInput>): ImportTableCommandInput => ({
    S3BucketSource: { S3Bucket: 'imports', S3KeyPrefix: 'in/' },
    InputFormat: 'DYNAMODB_JSON',
    TableCreationParameters: PARAMS,
    ...over,
  });

  it('exports a table to S3 in the DynamoDB layout and describes the finished export', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    await ordersWithPitr();
    const started = await ddb.send(new ExportTableToPointInTimeCommand({ TableArn: TABLE_ARN, S3Bucket: 'exports', S3Prefix: 'daily' }));
    const exp = started.ExportDescription!;
    expect(exp.ExportStatus).toBe('IN_PROGRESS');
    expect(exp.ExportArn).toMatch(/^arn:aws:dynamodb:us-east-1:123456789012:table\/orders\/export\/\d{14}-[0-9a-f]{8}$/);
    const id = exp.ExportArn!.split('/export/')[1];

    const done = (await ddb.send(new DescribeExportCommand({ ExportArn: exp.ExportArn }))).ExportDescription!;
    expect(done).toMatchObject({ ExportStatus: 'COMPLETED', ItemCount: 3, ExportFormat: 'DYNAMODB_JSON', ExportType: 'FULL_EXPORT' });
    expect(done.ExportManifest).toBe(`daily/AWSDynamoDB/${id}/manifest-summary.json`);

    const keys = (await s3.send(new ListObjectsV2Command({ Bucket: 'exports', Prefix: `daily/AWSDynamoDB/${id}/` }))).Contents!.map((c) => c.Key);
    expect(keys).toEqual(
      expect.arrayContaining([
        `daily/AWSDynamoDB/${id}/_started`,
        `daily/AWSDynamoDB/${id}/manifest-files.json`,
        `daily/AWSDynamoDB/${id}/manifest-summary.json`,
        `daily/AWSDynamoDB/${id}/manifest-summary.checksum`,
      ]),
    );
    const summary = JSON.parse((await body('exports', done.ExportManifest!)).toString());
    expect(summary).toMatchObject({ exportArn: exp.ExportArn, tableArn: TABLE_ARN, itemCount: 3, outputFormat: 'DYNAMODB_JSON' });
    const files = JSON.parse((await body('exports', summary.manifestFilesS3Key)).toString());
    expect(files.dataFileS3Key).toMatch(new RegExp(`^daily/AWSDynamoDB/${id}/data/[0-9a-f]{26}\\.json\\.gz$`));
    const lines = gunzipSync(await body('exports', files.dataFileS3Key)).toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].Item).toEqual({ pk: { S: 'cust' }, sk: { N: '1' }, tags: { SS: ['x', 't1'] }, raw: { B: 'AQ==' } });

    const listed = await ddb.send(new ListExportsCommand({ TableArn: TABLE_ARN }));
    expect(listed.ExportSummaries).toEqual([{ ExportArn: exp.ExportArn, ExportStatus: 'COMPLETED', ExportType: 'FULL_EXPORT' }]);
  });

  it('needs PITR, checks the export time, and fails the export (not the call) when the bucket is missing', async () => {
    await createTable(ddb, 'orders', 'N');
    const off = await errorOf(ddb.send(new ExportTableToPointInTimeCommand({ TableArn: TABLE_ARN, S3Bucket: 'exports' })));
    expect(off.name).toBe('PointInTimeRecoveryUnavailableException');
    const noTable = await errorOf(ddb.send(new ExportTableToPointInTimeCommand({ TableArn: `${TABLE_ARN}x`, S3Bucket: 'exports' })));
    expect(noTable.name).toBe('TableNotFoundException');
    await ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'orders', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    const early = await errorOf(
      ddb.send(new ExportTableToPointInTimeCommand({ TableArn: TABLE_ARN, S3Bucket: 'exports', ExportTime: new Date(Date.now() - 3600_000) })),
    );
    expect(early.name).toBe('InvalidExportTimeException');
    const started = await ddb.send(new ExportTableToPointInTimeCommand({ TableArn: TABLE_ARN, S3Bucket: 'no-such-bucket' }));
    const failed = (await ddb.send(new DescribeExportCommand({ ExportArn: started.ExportDescription!.ExportArn }))).ExportDescription;
    expect(failed).toMatchObject({ ExportStatus: 'FAILED', FailureCode: 'S3NoSuchBucket' });
    const unknown = await errorOf(ddb.send(new DescribeExportCommand({ ExportArn: `${TABLE_ARN}/export/00000000000000-00000000` })));
    expect(unknown.name).toBe('ExportNotFoundException');
  });

  it('returns the same export for a retried ClientToken and refuses a reuse with other parameters', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    await ordersWithPitr();
    const a = await ddb.send(new ExportTableToPointInTimeCommand({ TableArn: TABLE_ARN, S3Bucket: 'exports', ClientToken: 'tok' }));
    const b = await ddb.send(new ExportTableToPointInTimeCommand({ TableArn: TABLE_ARN, S3Bucket: 'exports', ClientToken: 'tok' }));
    expect(b.ExportDescription?.ExportArn).toBe(a.ExportDescription?.ExportArn);
    const clash = await errorOf(ddb.send(new ExportTableToPointInTimeCommand({ TableArn: TABLE_ARN, S3Bucket: 'exports', S3Prefix: 'p', ClientToken: 'tok' })));
    expect(clash.name).toBe('ExportConflictException');
    expect((await ddb.send(new ListExportsCommand({}))).ExportSummaries).toHaveLength(1);
  });

  it('writes an incremental export of the net change per item in its window', async () => {
    const t0 = Date.parse('2031-06-01T00:00:00Z');
    jest.useFakeTimers({ now: t0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    await ordersWithPitr();
    jest.setSystemTime(t0 + 60_000);
    const key = (n: string) => ({ pk: { S: 'cust' }, sk: { N: n } });
    await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { ...key('1'), v: { S: 'first' } } }));
    await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { ...key('1'), v: { S: 'second' } } }));
    await ddb.send(new DeleteItemCommand({ TableName: 'orders', Key: key('2') }));
    jest.setSystemTime(t0 + 20 * 60_000);
    const spec = { ExportFromTime: new Date(t0 + 1000), ExportToTime: new Date(t0 + 20 * 60_000) };
    const short = await errorOf(
      ddb.send(
        new ExportTableToPointInTimeCommand({
          TableArn: TABLE_ARN,
          S3Bucket: 'exports',
          ExportType: 'INCREMENTAL_EXPORT',
          IncrementalExportSpecification: { ...spec, ExportToTime: new Date(t0 + 5 * 60_000) },
        }),
      ),
    );
    expect(short.name).toBe('ValidationException');
    const started = await ddb.send(
      new ExportTableToPointInTimeCommand({ TableArn: TABLE_ARN, S3Bucket: 'exports', ExportType: 'INCREMENTAL_EXPORT', IncrementalExportSpecification: spec }),
    );
    const done = (await ddb.send(new DescribeExportCommand({ ExportArn: started.ExportDescription!.ExportArn }))).ExportDescription!;
    expect(done).toMatchObject({ ExportType: 'INCREMENTAL_EXPORT', ItemCount: 2, IncrementalExportSpecification: { ExportViewType: 'NEW_AND_OLD_IMAGES' } });
    const summary = JSON.parse((await body('exports', done.ExportManifest!)).toString());
    const files = JSON.parse((await body('exports', summary.manifestFilesS3Key)).toString());
    const rows = gunzipSync(await body('exports', files.dataFileS3Key)).toString().trim().split('\n').map((l) => JSON.parse(l));
    const changed = rows.find((r) => r.Keys.sk.N === '1');
    expect(changed.NewImage.v).toEqual({ S: 'second' });
    expect(changed.OldImage.v).toBeUndefined();
    expect(changed.Metadata.WriteTimestampMicros.N).toBe(String((t0 + 60_000) * 1000));
    const removed = rows.find((r) => r.Keys.sk.N === '2');
    expect(removed.NewImage).toBeUndefined();
    expect(removed.OldImage.tags).toEqual({ SS: ['x', 't2'] });
  });

  it('round-trips an export through ImportTable, in DynamoDB JSON and in ION', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    await ordersWithPitr();
    for (const format of ['DYNAMODB_JSON', 'ION'] as const) {
      const { ExportDescription } = await ddb.send(
        new ExportTableToPointInTimeCommand({ TableArn: TABLE_ARN, S3Bucket: 'exports', S3Prefix: format, ExportFormat: format }),
      );
      const id = ExportDescription!.ExportArn!.split('/export/')[1];
      const table = `copy-${format.toLowerCase().replace('_', '-')}`;
      const started = await ddb.send(
        new ImportTableCommand(
          importInput({
            S3BucketSource: { S3Bucket: 'exports', S3KeyPrefix: `${format}/AWSDynamoDB/${id}/data/` },
            InputFormat: format,
            InputCompressionType: 'GZIP',
            TableCreationParameters: { ...PARAMS, TableName: table },
          }),
        ),
      );
      expect(started.ImportTableDescription?.ImportStatus).toBe('IN_PROGRESS');
      const done = await ddb.send(new DescribeImportCommand({ ImportArn: started.ImportTableDescription!.ImportArn }));
      expect(done.ImportTableDescription).toMatchObject({ ImportStatus: 'COMPLETED', ImportedItemCount: 3, ErrorCount: 0 });
      const item = await ddb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'cust' }, sk: { N: '2' } } }));
      expect(item.Item).toEqual({ pk: { S: 'cust' }, sk: { N: '2' }, tags: { SS: ['x', 't2'] }, raw: { B: new Uint8Array([2]) } });
    }
  });

  it('imports CSV with typed keys, string attributes, and counts bad rows as errors', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'imports' }));
    const csv = 'pk,sk,name,note\nalice,1,Alice,"says ""hi"", twice"\nbob,2,Bob,\ncarol,not-a-number,Carol,x\n,3,NoKey,x\n';
    await s3.send(new PutObjectCommand({ Bucket: 'imports', Key: 'in/people.csv.gz', Body: gzipSync(csv) }));
    const started = await ddb.send(new ImportTableCommand(importInput({ InputFormat: 'CSV', InputCompressionType: 'GZIP' })));
    const done = (await ddb.send(new DescribeImportCommand({ ImportArn: started.ImportTableDescription!.ImportArn }))).ImportTableDescription!;
    expect(done).toMatchObject({ ImportStatus: 'COMPLETED', ImportedItemCount: 2, ErrorCount: 2, ProcessedItemCount: 4 });
    const scan = await ddb.send(new ScanCommand({ TableName: 'imported' }));
    const alice = scan.Items?.find((i) => i.pk.S === 'alice');
    expect(alice).toEqual({ pk: { S: 'alice' }, sk: { N: '1' }, name: { S: 'Alice' }, note: { S: 'says "hi", twice' } });
    expect(scan.Items?.find((i) => i.pk.S === 'bob')?.note).toBeUndefined();

    await s3.send(new PutObjectCommand({ Bucket: 'imports', Key: 'tsv/a.tsv', Body: 'dan\t4\tDan\n' }));
    await ddb.send(
      new ImportTableCommand(
        importInput({
          S3BucketSource: { S3Bucket: 'imports', S3KeyPrefix: 'tsv/' },
          InputFormat: 'CSV',
          InputFormatOptions: { Csv: { Delimiter: '\t', HeaderList: ['pk', 'sk', 'name'] } },
          TableCreationParameters: { ...PARAMS, TableName: 'tsv' },
        }),
      ),
    );
    const dan = await ddb.send(new GetItemCommand({ TableName: 'tsv', Key: { pk: { S: 'dan' }, sk: { N: '4' } } }));
    expect(dan.Item?.name).toEqual({ S: 'Dan' });
  });

  it('validates imports and fails one whose bucket is missing without leaving its table', async () => {
    await createTable(ddb, 'taken');
    const exists = await errorOf(
      ddb.send(new ImportTableCommand(importInput({ TableCreationParameters: { ...PARAMS, TableName: 'taken' } }))),
    );
    expect(exists.name).toBe('ResourceInUseException');
    const delim = await errorOf(ddb.send(new ImportTableCommand(importInput({ InputFormat: 'CSV', InputFormatOptions: { Csv: { Delimiter: '#' } } }))));
    expect(delim.name).toBe('ValidationException');
    const started = await ddb.send(new ImportTableCommand(importInput({ ClientToken: 'imp-1' })));
    const arn = started.ImportTableDescription!.ImportArn!;
    expect(arn).toMatch(/^arn:aws:dynamodb:us-east-1:123456789012:table\/imported\/import\/\d{14}-[0-9a-f]{8}$/);
    const failed = (await ddb.send(new DescribeImportCommand({ ImportArn: arn }))).ImportTableDescription;
    expect(failed).toMatchObject({ ImportStatus: 'FAILED', FailureCode: 'S3NoSuchBucket' });
    const gone = await errorOf(ddb.send(new DescribeTableCommand({ TableName: 'imported' })));
    expect(gone.name).toBe('ResourceNotFoundException');
    const retry = await ddb.send(new ImportTableCommand(importInput({ ClientToken: 'imp-1' })));
    expect(retry.ImportTableDescription?.ImportArn).toBe(arn);
    const mismatch = await errorOf(ddb.send(new ImportTableCommand(importInput({ ClientToken: 'imp-1', InputFormat: 'ION' }))));
    expect(mismatch.name).toBe('IdempotentParameterMismatchException');
    const listed = await ddb.send(new ListImportsCommand({ PageSize: 25 }));
    expect(listed.ImportSummaryList?.map((i) => i.ImportArn)).toEqual([arn]);
    const size = await errorOf(ddb.send(new ListImportsCommand({ PageSize: 26 })));
    expect(size.message).toBe("1 validation error detected: Value '26' at 'pageSize' failed to satisfy constraint: Member must have value less than or equal to 25");
    const unknown = await errorOf(ddb.send(new DescribeImportCommand({ ImportArn: `${arn.slice(0, -8)}ffffffff` })));
    expect(unknown.name).toBe('ImportNotFoundException');
  });
});
