import {
  CreateBackupCommand,
  DeleteBackupCommand,
  DeleteTableCommand,
  DescribeBackupCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListBackupsCommand,
  PutItemCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

const T0 = new Date('2031-03-01T00:00:00Z');

describe('DynamoDB backups and restores', () => {
  useMockAws();
  const ddb = client();

  const put = (table: string, pk: string, extra: Record<string, { S: string }> = {}) =>
    ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, ...extra } }));

  it('backs up a table and restores it, items and indexes included, with a restore summary', async () => {
    await createTable(ddb, 'music', undefined, {
      AttributeDefinitions: [{ AttributeName: 'genre', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-genre', KeySchema: [{ AttributeName: 'genre', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    await put('music', 'a', { genre: { S: 'rock' } });
    await put('music', 'b', { genre: { S: 'jazz' } });
    const created = await ddb.send(new CreateBackupCommand({ TableName: 'music', BackupName: 'nightly' }));
    const details = created.BackupDetails!;
    expect(details.BackupArn).toMatch(/^arn:aws:dynamodb:us-east-1:123456789012:table\/music\/backup\/\d{14}-[0-9a-f]{8}$/);
    expect(details).toMatchObject({ BackupName: 'nightly', BackupStatus: 'CREATING', BackupType: 'USER' });
    // Writes after the backup are not in it.
    await put('music', 'c');

    const described = await ddb.send(new DescribeBackupCommand({ BackupArn: details.BackupArn }));
    expect(described.BackupDescription?.BackupDetails?.BackupStatus).toBe('AVAILABLE');
    expect(described.BackupDescription?.SourceTableDetails).toMatchObject({ TableName: 'music', ItemCount: 2, BillingMode: 'PAY_PER_REQUEST' });
    expect(described.BackupDescription?.SourceTableFeatureDetails?.GlobalSecondaryIndexes?.[0].IndexName).toBe('by-genre');

    const restored = await ddb.send(new RestoreTableFromBackupCommand({ TargetTableName: 'music-copy', BackupArn: details.BackupArn }));
    expect(restored.TableDescription?.TableStatus).toBe('CREATING');
    expect(restored.TableDescription?.RestoreSummary).toMatchObject({ SourceBackupArn: details.BackupArn, RestoreInProgress: true });
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'music-copy' }));
    expect(Table).toMatchObject({ TableStatus: 'ACTIVE', ItemCount: 2 });
    expect(Table?.RestoreSummary?.RestoreInProgress).toBe(false);
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'by-genre', ItemCount: 2 });
    const scan = await ddb.send(new ScanCommand({ TableName: 'music-copy' }));
    expect(scan.Items?.map((i) => i.pk.S).sort()).toEqual(['a', 'b']);
  });

  it('applies restore overrides: billing mode, throughput and dropped indexes', async () => {
    await createTable(ddb, 'src', undefined, {
      AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    const { BackupDetails } = await ddb.send(new CreateBackupCommand({ TableName: 'src', BackupName: 'bk1' }));
    const missing = await errorOf(
      ddb.send(new RestoreTableFromBackupCommand({ TargetTableName: 'dst', BackupArn: BackupDetails!.BackupArn, BillingModeOverride: 'PROVISIONED' })),
    );
    expect(missing.name).toBe('ValidationException');
    expect(missing.message).toContain('ReadCapacityUnits and WriteCapacityUnits must both be specified');
    await ddb.send(
      new RestoreTableFromBackupCommand({
        TargetTableName: 'dst',
        BackupArn: BackupDetails!.BackupArn,
        BillingModeOverride: 'PROVISIONED',
        ProvisionedThroughputOverride: { ReadCapacityUnits: 5, WriteCapacityUnits: 7 },
        GlobalSecondaryIndexOverride: [],
      }),
    );
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'dst' }));
    expect(Table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 5, WriteCapacityUnits: 7 });
    expect(Table?.GlobalSecondaryIndexes).toBeUndefined();
    expect(Table?.AttributeDefinitions).toEqual([{ AttributeName: 'pk', AttributeType: 'S' }]);
  });

  it('refuses to restore over an existing table, and names unknown backups and tables', async () => {
    await createTable(ddb, 'one');
    const { BackupDetails } = await ddb.send(new CreateBackupCommand({ TableName: 'one', BackupName: 'bk0' }));
    const exists = await errorOf(ddb.send(new RestoreTableFromBackupCommand({ TargetTableName: 'one', BackupArn: BackupDetails!.BackupArn })));
    expect(exists.name).toBe('TableAlreadyExistsException');
    expect(exists.message).toBe('Table already exists: one');
    const arn = `${BackupDetails!.BackupArn!.slice(0, -8)}00000000`;
    const gone = await errorOf(ddb.send(new DescribeBackupCommand({ BackupArn: arn })));
    expect(gone.name).toBe('BackupNotFoundException');
    expect(gone.$metadata.httpStatusCode).toBe(400);
    const noTable = await errorOf(ddb.send(new CreateBackupCommand({ TableName: 'nope', BackupName: 'bkx' })));
    expect(noTable.name).toBe('TableNotFoundException');
    expect(noTable.message).toBe('Table not found: nope');
    const badName = await errorOf(ddb.send(new CreateBackupCommand({ TableName: 'one', BackupName: 'a b' })));
    expect(badName.message).toBe(
      "1 validation error detected: Value 'a b' at 'backupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
  });

  it('lists backups by table, type and time range, in pages', async () => {
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await createTable(ddb, 'alpha');
    await createTable(ddb, 'beta');
    const arns: string[] = [];
    for (const [table, name] of [['alpha', 'al1'], ['beta', 'be1'], ['alpha', 'al2']]) {
      arns.push((await ddb.send(new CreateBackupCommand({ TableName: table, BackupName: name }))).BackupDetails!.BackupArn!);
      jest.setSystemTime(Date.now() + 60_000);
    }
    const first = await ddb.send(new ListBackupsCommand({ Limit: 2 }));
    expect(first.BackupSummaries?.map((b) => b.BackupName)).toEqual(['al1', 'be1']);
    expect(first.LastEvaluatedBackupArn).toBe(arns[1]);
    const names: string[] = [];
    let start: string | undefined;
    do {
      const p = await ddb.send(new ListBackupsCommand({ Limit: 1, ExclusiveStartBackupArn: start }));
      names.push(...(p.BackupSummaries ?? []).map((b) => b.BackupName!));
      start = p.LastEvaluatedBackupArn;
    } while (start);
    expect(names).toEqual(['al1', 'be1', 'al2']);
    const alpha = await ddb.send(new ListBackupsCommand({ TableName: 'alpha' }));
    expect(alpha.BackupSummaries?.map((b) => b.BackupName)).toEqual(['al1', 'al2']);
    // Lower bound inclusive, upper exclusive.
    const window = await ddb.send(
      new ListBackupsCommand({ TimeRangeLowerBound: new Date(T0.getTime() + 60_000), TimeRangeUpperBound: new Date(T0.getTime() + 120_000) }),
    );
    expect(window.BackupSummaries?.map((b) => b.BackupName)).toEqual(['be1']);
    expect((await ddb.send(new ListBackupsCommand({ BackupType: 'SYSTEM' }))).BackupSummaries).toEqual([]);
    const deleted = await ddb.send(new DeleteBackupCommand({ BackupArn: arns[0] }));
    expect(deleted.BackupDescription?.BackupDetails?.BackupStatus).toBe('DELETED');
    expect((await ddb.send(new ListBackupsCommand({}))).BackupSummaries).toHaveLength(2);
    const again = await errorOf(ddb.send(new DeleteBackupCommand({ BackupArn: arns[0] })));
    expect(again.name).toBe('BackupNotFoundException');
  });

  it('restores a table to a point in time, undoing later writes', async () => {
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await createTable(ddb, 'ledger');
    await put('ledger', 'before-pitr');
    const off = await errorOf(
      ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: 'ledger', TargetTableName: 'xyz', UseLatestRestorableTime: true })),
    );
    expect(off.name).toBe('PointInTimeRecoveryUnavailableException');
    const on = await ddb.send(
      new UpdateContinuousBackupsCommand({ TableName: 'ledger', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
    );
    expect(on.ContinuousBackupsDescription?.PointInTimeRecoveryDescription).toMatchObject({
      PointInTimeRecoveryStatus: 'ENABLED',
      RecoveryPeriodInDays: 35,
      EarliestRestorableDateTime: T0,
    });
    jest.setSystemTime(T0.getTime() + 60_000);
    await put('ledger', 'a', { v: { S: '1' } });
    const checkpoint = new Date(Date.now());
    jest.setSystemTime(T0.getTime() + 120_000);
    await put('ledger', 'a', { v: { S: '2' } });
    await put('ledger', 'late');

    await ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: 'ledger', TargetTableName: 'ledger-then', RestoreDateTime: checkpoint }));
    const then = await ddb.send(new ScanCommand({ TableName: 'ledger-then' }));
    expect(then.Items?.map((i) => `${i.pk.S}:${i.v?.S ?? ''}`).sort()).toEqual(['a:1', 'before-pitr:']);
    const summary = (await ddb.send(new DescribeTableCommand({ TableName: 'ledger-then' }))).Table?.RestoreSummary;
    expect(summary).toMatchObject({ SourceTableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/ledger', RestoreDateTime: checkpoint });

    await ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: 'ledger', TargetTableName: 'ledger-now', UseLatestRestorableTime: true }));
    const now = await ddb.send(new GetItemCommand({ TableName: 'ledger-now', Key: { pk: { S: 'a' } } }));
    expect(now.Item?.v).toEqual({ S: '2' });

    const early = await errorOf(
      ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: 'ledger', TargetTableName: 'xyz', RestoreDateTime: new Date(T0.getTime() - 1000) })),
    );
    expect(early.name).toBe('InvalidRestoreTimeException');
    const both = await errorOf(
      ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: 'ledger', TargetTableName: 'xyz', RestoreDateTime: checkpoint, UseLatestRestorableTime: true })),
    );
    expect(both.name).toBe('ValidationException');
    const noSource = await errorOf(
      ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: 'ghost', TargetTableName: 'xyz', UseLatestRestorableTime: true })),
    );
    expect(noSource.name).toBe('TableNotFoundException');
  });

  it('keeps a SYSTEM backup when a table with PITR on is deleted', async () => {
    await createTable(ddb, 'doomed');
    await put('doomed', 'keep-me');
    await ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'doomed', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 } }));
    const desc = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'doomed' }));
    expect(desc.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.RecoveryPeriodInDays).toBe(7);
    await ddb.send(new DeleteTableCommand({ TableName: 'doomed' }));
    const { BackupSummaries } = await ddb.send(new ListBackupsCommand({ BackupType: 'SYSTEM' }));
    expect(BackupSummaries).toHaveLength(1);
    expect(BackupSummaries?.[0]).toMatchObject({ BackupName: 'doomed$DeletedTableBackup', BackupType: 'SYSTEM', TableName: 'doomed' });
    expect(BackupSummaries?.[0].BackupExpiryDateTime).toBeInstanceOf(Date);
    await ddb.send(new RestoreTableFromBackupCommand({ TargetTableName: 'revived', BackupArn: BackupSummaries![0].BackupArn }));
    const item = await ddb.send(new GetItemCommand({ TableName: 'revived', Key: { pk: { S: 'keep-me' } } }));
    expect(item.Item).toBeDefined();
    const period = await errorOf(
      ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'revived', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 36 } })),
    );
    expect(period.message).toBe(
      "1 validation error detected: Value '36' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35",
    );
  });
});
