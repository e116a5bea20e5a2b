/**
 * ListExports / ListImports paging (creation order, per table, tokens that
 * name the next page's first record) and the S3 objects an export writes
 * through S3's PutObject path.
 */
import {
  ExportTableToPointInTimeCommand,
  ImportTableCommand,
  ListExportsCommand,
  ListImportsCommand,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

const arnOf = (table: string) => `arn:aws:dynamodb:us-east-1:123456789012:table/${table}`;

describe('DynamoDB export and import listings', () => {
  useMockAws();
  const ddb = client();
  const s3 = new S3Client({ region: 'us-east-1' });

  async function withPitr(table: string) {
    await createTable(ddb, table);
    await ddb.send(new UpdateContinuousBackupsCommand({ TableName: table, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
  }

  const exportOf = async (table: string) =>
    (await ddb.send(new ExportTableToPointInTimeCommand({ TableArn: arnOf(table), S3Bucket: 'exports' }))).ExportDescription!.ExportArn!;

  it('pages exports in the order they were started, across tables or for one table', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    await withPitr('zeta');
    await withPitr('alpha');
    const started: string[] = [];
    for (const table of ['zeta', 'alpha', 'zeta', 'alpha', 'zeta']) started.push(await exportOf(table));

    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const out = await ddb.send(new ListExportsCommand({ MaxResults: 2, NextToken }));
      expect(out.ExportSummaries!.length).toBeLessThanOrEqual(2);
      seen.push(...out.ExportSummaries!.map((e) => e.ExportArn!));
      NextToken = out.NextToken;
    } while (NextToken);
    expect(seen).toEqual(started);

    const zeta1 = await ddb.send(new ListExportsCommand({ TableArn: arnOf('zeta'), MaxResults: 2 }));
    expect(zeta1.ExportSummaries!.map((e) => e.ExportArn)).toEqual([started[0], started[2]]);
    // The token names the next page's first export, base64url-encoded.
    expect(Buffer.from(zeta1.NextToken!, 'base64url').toString()).toBe(started[4]);
    const zeta2 = await ddb.send(new ListExportsCommand({ TableArn: arnOf('zeta'), MaxResults: 2, NextToken: zeta1.NextToken }));
    expect(zeta2.ExportSummaries!.map((e) => e.ExportArn)).toEqual([started[4]]);
    expect(zeta2.NextToken).toBeUndefined();

    // A token of another table's export, or of none, is not a token of this listing.
    const alphaToken = Buffer.from(started[1]).toString('base64url');
    const wrong = await errorOf(ddb.send(new ListExportsCommand({ TableArn: arnOf('zeta'), NextToken: alphaToken })));
    expect(wrong).toMatchObject({ name: 'ValidationException', message: 'Invalid NextToken' });
    const bogus = await errorOf(ddb.send(new ListExportsCommand({ NextToken: Buffer.from('nope').toString('base64url') })));
    expect(bogus.name).toBe('ValidationException');
    expect((await ddb.send(new ListExportsCommand({ TableArn: arnOf('none') }))).ExportSummaries).toEqual([]);
  });

  it('pages imports in the order they were started, per table', async () => {
    const started: string[] = [];
    for (const TableName of ['b-table', 'a-table', 'b-table']) {
      const out = await ddb.send(
        new ImportTableCommand({
          S3BucketSource: { S3Bucket: 'missing-source' },
          InputFormat: 'DYNAMODB_JSON',
          TableCreationParameters: {
            TableName,
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          },
        }),
      );
      started.push(out.ImportTableDescription!.ImportArn!);
    }
    const p1 = await ddb.send(new ListImportsCommand({ PageSize: 2 }));
    expect(p1.ImportSummaryList!.map((i) => i.ImportArn)).toEqual(started.slice(0, 2));
    const p2 = await ddb.send(new ListImportsCommand({ PageSize: 2, NextToken: p1.NextToken }));
    expect(p2.ImportSummaryList!.map((i) => i.ImportArn)).toEqual([started[2]]);
    expect(p2.NextToken).toBeUndefined();
    const b = await ddb.send(new ListImportsCommand({ TableArn: arnOf('b-table'), PageSize: 1 }));
    expect(b.ImportSummaryList!.map((i) => i.ImportArn)).toEqual([started[0]]);
    const b2 = await ddb.send(new ListImportsCommand({ TableArn: arnOf('b-table'), PageSize: 1, NextToken: b.NextToken }));
    expect(b2.ImportSummaryList!.map((i) => [i.ImportArn, i.ImportStatus])).toEqual([[started[2], 'FAILED']]);
  });

  it("writes the export's objects as PutObject stores them: KMS when asked, CRC64NVME checksums", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    await withPitr('orders');
    await ddb.send(new ExportTableToPointInTimeCommand({ TableArn: arnOf('orders'), S3Bucket: 'exports', S3SseAlgorithm: 'KMS' }));
    const keys = (await s3.send(new ListObjectsV2Command({ Bucket: 'exports' }))).Contents!.map((c) => c.Key!);
    expect(keys).toHaveLength(6);
    for (const Key of keys) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'exports', Key, ChecksumMode: 'ENABLED' }));
      expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'arn:aws:kms:us-east-1:123456789012:alias/aws/s3' });
      expect(head.ChecksumCRC64NVME).toBeDefined();
    }
  });
});
