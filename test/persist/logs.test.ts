/**
 * A table's logs and backups in a state directory (format 4): the stream's
 * records and the PITR change log are saved in chunks that only grow at the
 * end (a write encodes the last chunk, not the log; a trim rewrites no
 * chunk), an on-demand backup is saved once as files of its own (the
 * table's items stay in chunks, a write does not encode the backup again),
 * and after a kill and a restart GetRecords, RestoreTableToPointInTime and
 * RestoreTableFromBackup answer as before. A format-3 directory (written
 * before these were chunked) still loads and is carried on.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  CreateBackupCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListBackupsCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  UpdateContinuousBackupsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { mockAws } from '../../src/mock';
import { savedIndex, savedSegments } from './saved';

const region = 'us-east-1';
const ddb = new DynamoDBClient({ region });
const streams = new DynamoDBStreamsClient({ region });
/** Above the 256 entries from which a Map or a log is saved in chunks. */
const ITEMS = 600;
const HOUR = 3600 * 1000;

async function makeTable(name: string, options: { stream?: boolean; pitr?: boolean } = {}): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: options.stream ? { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } : undefined,
    }),
  );
  if (options.pitr) {
    await ddb.send(new UpdateContinuousBackupsCommand({ TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
  }
}

async function fill(table: string, from: number, to: number, tag = 'item'): Promise<void> {
  for (let i = from; i < to; i += 25) {
    const batch = [];
    for (let j = i; j < Math.min(to, i + 25); j++) batch.push({ PutRequest: { Item: { pk: { S: `k${j}` }, n: { N: String(j) }, body: { S: `${tag} ${j}` } } } });
    await ddb.send(new BatchWriteItemCommand({ RequestItems: { [table]: batch } }));
  }
}

const update = (table: string, k: number, body: string) =>
  ddb.send(new UpdateItemCommand({ TableName: table, Key: { pk: { S: `k${k}` } }, UpdateExpression: 'SET body = :b', ExpressionAttributeValues: { ':b': { S: body } } }));

async function scanAll(table: string): Promise<string[]> {
  const out: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) out.push(JSON.stringify(item));
    start = page.LastEvaluatedKey as never;
  } while (start);
  return out.sort();
}

async function shardOf(table: string): Promise<{ arn: string; shard: string }> {
  const arn = (await ddb.send(new DescribeTableCommand({ TableName: table }))).Table?.LatestStreamArn as string;
  const shard = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards?.[0]?.ShardId as string;
  return { arn, shard };
}

/** Every record GetRecords answers from TRIM_HORIZON, as text (sequence numbers, event ids, images). */
async function streamRecords(table: string): Promise<string[]> {
  const { arn, shard } = await shardOf(table);
  let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const out: string[] = [];
  while (iterator) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    if (!page.Records?.length) break;
    for (const r of page.Records) out.push(JSON.stringify(r));
    iterator = page.NextShardIterator;
  }
  return out;
}

const sequenceOf = (record: string) => (JSON.parse(record) as { dynamodb: { SequenceNumber: string } }).dynamodb.SequenceNumber;

function tableSegment(dir: string): string {
  return [...savedSegments(dir).entries()].find(([unit]) => unit.startsWith('b:dynamodb\u0000123456789012\u0000us-east-1'))?.[1] as string;
}

const segmentFiles = (dir: string) => new Set(readdirSync(join(dir, 'segments')));

/** The files a call added to the segments directory: the index's segments and the rest (chunks, frozen values). */
async function written(dir: string, call: () => Promise<unknown>): Promise<{ segments: string[]; files: string[] }> {
  const before = segmentFiles(dir);
  await call();
  const added = [...segmentFiles(dir)].filter((f) => !before.has(f));
  const indexed = new Set(savedIndex(dir).segments.map((s) => `${s.h}.json`));
  const read = (f: string) => readFileSync(join(dir, 'segments', f), 'utf8');
  return { segments: added.filter((f) => indexed.has(f)).map(read), files: added.filter((f) => !indexed.has(f)).map(read) };
}

const count = (text: string, what: string) => text.split(what).length - 1;

describe('a state directory with a table whose stream, PITR log or backup is large', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-logs-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves stream records and the PITR log in chunks: a write encodes the last chunk of each, and a restart answers the same', async () => {
    const live = join(dir, 'live');
    const killed = join(dir, 'killed');
    let records: string[];
    let checkpoint: Date;
    const first = mockAws({ stateDir: live });
    try {
      await makeTable('logged', { stream: true, pitr: true });
      await fill('logged', 0, ITEMS);
      checkpoint = new Date();
      await new Promise((resolve) => setTimeout(resolve, 20));

      // One UpdateItem: the table's segment, and three small chunk files (its item's, the stream's last, the log's last).
      const one = await written(live, () => update('logged', 7, 'changed'));
      expect(one.segments).toHaveLength(1);
      expect(one.files).toHaveLength(3);
      const text = [...one.segments, ...one.files].join('\n');
      // Re-encoding a log whole would write all 601 records and changes; its last chunk holds at most 64.
      expect(count(text, '"eventName"')).toBeGreaterThan(0);
      expect(count(text, '"eventName"')).toBeLessThanOrEqual(64);
      expect(count(text, '"next"')).toBeGreaterThan(0); // a PITR change's new image
      expect(count(text, '"next"')).toBeLessThanOrEqual(64);
      expect(one.segments[0]).not.toContain('"item 599"');
      expect(one.files.every((f) => count(f, '"pk"') <= 3 * 64)).toBe(true);

      await update('logged', 8, 'changed too');
      records = await streamRecords('logged');
      expect(records).toHaveLength(ITEMS + 2);
      cpSync(live, killed, { recursive: true });
    } finally {
      await first.stop();
    }

    const second = mockAws({ stateDir: killed });
    try {
      // The same records, sequence numbers and event ids.
      expect(await streamRecords('logged')).toEqual(records);
      // New records follow on from the saved sequence.
      await update('logged', 9, 'after the restart');
      const after = await streamRecords('logged');
      expect(after).toHaveLength(ITEMS + 3);
      expect(BigInt(sequenceOf(after[ITEMS + 2]))).toBeGreaterThan(BigInt(sequenceOf(records[ITEMS + 1])));
      // The change log restores the table as it was before the updates.
      await ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: 'logged', TargetTableName: 'then', RestoreDateTime: checkpoint }));
      expect((await ddb.send(new GetItemCommand({ TableName: 'then', Key: { pk: { S: 'k7' } } }))).Item?.body).toEqual({ S: 'item 7' });
      expect((await ddb.send(new GetItemCommand({ TableName: 'then', Key: { pk: { S: 'k9' } } }))).Item?.body).toEqual({ S: 'item 9' });
      expect(await scanAll('then')).toHaveLength(ITEMS);
      await ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: 'logged', TargetTableName: 'now', UseLatestRestorableTime: true }));
      expect((await ddb.send(new GetItemCommand({ TableName: 'now', Key: { pk: { S: 'k9' } } }))).Item?.body).toEqual({ S: 'after the restart' });
      expect(await scanAll('now')).toEqual(await scanAll('logged'));
    } finally {
      await second.stop();
    }
  }, 30_000);

  it('trims stream records past 24 hours without rewriting the chunks left, and they stay trimmed after a restart', async () => {
    const live = join(dir, 'live');
    const killed = join(dir, 'killed');
    let kept: string[];
    let oldest: string;
    const first = mockAws({ stateDir: live });
    try {
      await makeTable('aging', { stream: true });
      await fill('aging', 0, ITEMS);
      oldest = sequenceOf((await streamRecords('aging'))[0]);
      first.clock.advance(23 * HOUR);
      await fill('aging', ITEMS, ITEMS + 300, 'later');
      first.clock.advance(2 * HOUR);
      const before = new Set(segmentFiles(live));
      // A read trims (GetShardIterator); the next write saves it: the segment and the stream's new last chunk, no other chunk.
      kept = await streamRecords('aging');
      expect(kept).toHaveLength(300);
      const trim = await written(live, () => update('aging', ITEMS + 1, 'after the trim'));
      expect(trim.segments).toHaveLength(1);
      // The item's chunk and the stream's last chunk (sealed chunks of the kept records are not written again).
      expect(trim.files.length).toBeLessThanOrEqual(2);
      // The kept 301 records are not encoded again: only the last chunk's (at most 64).
      expect(count([...trim.segments, ...trim.files].join('\n'), '"eventName"')).toBeLessThanOrEqual(64);
      const chunksOfStream = [...segmentFiles(live)].filter((f) => !before.has(f));
      expect(chunksOfStream.length).toBeLessThanOrEqual(3);
      kept = await streamRecords('aging');
      expect(kept).toHaveLength(301);
      cpSync(live, killed, { recursive: true });
    } finally {
      await first.stop();
    }

    const second = mockAws({ stateDir: killed });
    try {
      expect(await streamRecords('aging')).toEqual(kept);
      const { arn, shard } = await shardOf('aging');
      await expect(
        streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: oldest })),
      ).rejects.toMatchObject({ name: 'TrimmedDataAccessException' });
    } finally {
      await second.stop();
    }
  }, 30_000);

  it('trims the PITR log past its recovery window without rewriting its chunks, and restores within it after a restart', async () => {
    const live = join(dir, 'live');
    const killed = join(dir, 'killed');
    const DAY = 24 * HOUR;
    let later = new Date();
    const first = mockAws({ stateDir: live });
    try {
      await makeTable('window', { pitr: true });
      await fill('window', 0, ITEMS);
      first.clock.advance(30 * DAY);
      await fill('window', ITEMS, ITEMS + 300, 'later');
      first.clock.advance(6 * DAY);
      // The first 600 changes fall out of the 35 days, 300 stay: the segment and two small chunks, none of the 300 again.
      const trim = await written(live, () => update('window', 1, 'a month later'));
      expect(trim.segments).toHaveLength(1);
      expect(trim.files.length).toBeLessThanOrEqual(2);
      expect(count([...trim.segments, ...trim.files].join('\n'), '"next"')).toBeLessThanOrEqual(64);
      later = new Date(first.clock.now());
      first.clock.advance(60 * 1000);
      await update('window', 2, 'a minute after');
      cpSync(live, killed, { recursive: true });
    } finally {
      await first.stop();
    }
    const second = mockAws({ stateDir: killed });
    try {
      second.clock.set(new Date(later.getTime() + 120 * 1000));
      await ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: 'window', TargetTableName: 'between', RestoreDateTime: new Date(later.getTime() + 1000) }));
      expect((await ddb.send(new GetItemCommand({ TableName: 'between', Key: { pk: { S: 'k1' } } }))).Item?.body).toEqual({ S: 'a month later' });
      expect((await ddb.send(new GetItemCommand({ TableName: 'between', Key: { pk: { S: 'k2' } } }))).Item?.body).toEqual({ S: 'item 2' });
      // Before the window: gone with the trimmed changes.
      await expect(
        ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: 'window', TargetTableName: 'before', RestoreDateTime: new Date(later.getTime() - 36 * DAY) })),
      ).rejects.toMatchObject({ name: 'InvalidRestoreTimeException' });
    } finally {
      await second.stop();
    }
  }, 30_000);

  it('saves a backup once, apart from the table, whose items stay in chunks; it restores after a restart', async () => {
    const live = join(dir, 'live');
    const killed = join(dir, 'killed');
    let backupArn: string;
    let atBackup: string[];
    const first = mockAws({ stateDir: live });
    try {
      await makeTable('backed');
      await fill('backed', 0, ITEMS);
      atBackup = await scanAll('backed');
      const made = await written(live, () => ddb.send(new CreateBackupCommand({ TableName: 'backed', BackupName: 'bk1' })));
      backupArn = (await ddb.send(new CreateBackupCommand({ TableName: 'backed', BackupName: 'bk2' }))).BackupDetails?.BackupArn as string;
      // The backup's items: one file of their own, not in the segment.
      expect(made.files.filter((f) => f.includes('"item 599"'))).toHaveLength(1);
      expect(tableSegment(live)).not.toContain('"item 599"');

      // An update writes the segment and the item's chunk: neither backup nor the whole table again.
      const one = await written(live, () => update('backed', 3, 'changed'));
      expect(one.segments).toHaveLength(1);
      expect(one.files).toHaveLength(1);
      expect(count(one.files[0], '"pk"')).toBeLessThanOrEqual(64);
      expect(one.segments[0]).not.toContain('"item 599"');
      cpSync(live, killed, { recursive: true });
    } finally {
      await first.stop();
    }

    const second = mockAws({ stateDir: killed });
    try {
      // After a restart too, a write encodes neither the backups nor the table whole.
      const one = await written(killed, () => update('backed', 4, 'changed after'));
      // (The first flush after a restart encodes every chunk again; each holds at most 64 items, a backup 600.)
      expect(one.files.every((f) => count(f, '"pk"') <= 64)).toBe(true);
      await ddb.send(new RestoreTableFromBackupCommand({ TargetTableName: 'restored', BackupArn: backupArn }));
      expect(await scanAll('restored')).toEqual(atBackup);
      expect((await ddb.send(new GetItemCommand({ TableName: 'backed', Key: { pk: { S: 'k3' } } }))).Item?.body).toEqual({ S: 'changed' });
      // The restored table is saved in chunks of its own: an update to it writes one item chunk.
      const restored = await written(killed, () => update('restored', 5, 'in the copy'));
      expect(restored.files).toHaveLength(1);
    } finally {
      await second.stop();
    }
  }, 30_000);

  it('loads a format-3 directory (stream, PITR log and backup saved whole) and carries on in chunks', async () => {
    cpSync(join(__dirname, 'fixtures', 'format-3-logs'), dir, { recursive: true });
    const copy = join(dir, '..', `${dir.split('/').pop()}-copy`);
    let records: string[];
    const first = mockAws({ stateDir: dir });
    try {
      // The fixture was written on 2026-12-07 at 04:51 UTC: within the stream's 24 hours and PITR's window.
      first.clock.set(new Date('2026-12-07T05:00:00Z'));
      const old = await streamRecords('logs');
      expect(old.map((r) => (JSON.parse(r) as { eventName: string }).eventName)).toEqual([...Array(12).fill('INSERT'), ...Array(3).fill('MODIFY')]);
      expect((await ddb.send(new DescribeTableCommand({ TableName: 'logs' }))).Table?.ItemCount).toBe(12);
      const arn = (await ddb.send(new ListBackupsCommand({ TableName: 'logs' }))).BackupSummaries?.[0]?.BackupArn as string;
      await ddb.send(new RestoreTableFromBackupCommand({ TargetTableName: 'from-backup', BackupArn: arn }));
      expect((await ddb.send(new GetItemCommand({ TableName: 'from-backup', Key: { pk: { S: 'k0' } } }))).Item?.v).toEqual({ N: '0' });
      expect(await scanAll('from-backup')).toHaveLength(12);

      // Grown past 256 records, in the new format: the log in chunks, the backup saved apart.
      await fill('logs', 100, 100 + ITEMS);
      records = await streamRecords('logs');
      expect(records.slice(0, 15)).toEqual(old);
      expect(savedIndex(dir).format).toBe(4);
      expect(tableSegment(dir)).toContain('{"$":"L"');
      expect(tableSegment(dir)).toContain('{"$":"V"');
      cpSync(dir, copy, { recursive: true });
    } finally {
      await first.stop();
    }
    const second = mockAws({ stateDir: copy });
    try {
      second.clock.set(new Date('2026-12-07T05:30:00Z'));
      expect(await streamRecords('logs')).toEqual(records);
      await ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: 'logs', TargetTableName: 'pitr', RestoreDateTime: new Date('2026-12-07T04:59:00Z') }));
      expect((await ddb.send(new GetItemCommand({ TableName: 'pitr', Key: { pk: { S: 'k1' } } }))).Item?.v).toEqual({ N: '101' });
      expect(await scanAll('pitr')).toHaveLength(12);
    } finally {
      await second.stop();
      rmSync(copy, { recursive: true, force: true });
    }
  }, 30_000);
});
