/**
 * Large tables with secondary indexes in a state directory: an index's store
 * is not saved but made again from the table's items on restore, so the
 * table's items are still saved in chunks (a write rewrites its own chunk),
 * and after a kill and a restart every item, index Query, count and size is
 * what it was — for a GSI projecting ALL, one projecting KEYS_ONLY, an LSI,
 * and a GSI added later by UpdateTable. A table with point-in-time recovery
 * on is saved in chunks too (its change log holds copies, not the items) and
 * restores to a time before a restart; so is one with TTL on, whose expiry
 * queue is made again from the items and still deletes them after a restart.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  UpdateContinuousBackupsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { mockAws } from '../../src/mock';
import { chunksOf, savedIndex, savedSegments } from './saved';

const region = 'us-east-1';
const ddb = new DynamoDBClient({ region });
/** Two items per partition key: 300 partitions, above the 256 entries from which a Map is saved in chunks. */
const ITEMS = 600;
const TABLE = 'indexed';

async function makeTable(): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'g', AttributeType: 'S' },
        { AttributeName: 'l', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'gKeys', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
      ],
      LocalSecondaryIndexes: [
        { IndexName: 'byL', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      ],
    }),
  );
}

/** Items 0..n-1, two per partition key; `g` sparse (every 5th item has none), `l` on every other item. */
async function fill(from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += 25) {
    const batch = [];
    for (let j = i; j < Math.min(to, i + 25); j++) {
      const item: Record<string, { S: string } | { N: string }> = { pk: { S: `p${j >> 1}` }, sk: { N: String(j) }, h: { N: String(j % 11) }, body: { S: `item ${j}` } };
      if (j % 5 !== 0) item.g = { S: `g${j % 7}` };
      if (j % 2 === 0) item.l = { S: `l${j % 13}` };
      batch.push({ PutRequest: { Item: item } });
    }
    await ddb.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: batch } }));
  }
}

async function scanAll(indexName?: string): Promise<string[]> {
  const out: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: TABLE, IndexName: indexName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) out.push(JSON.stringify(item));
    start = page.LastEvaluatedKey as never;
  } while (start);
  return out;
}

async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<string[]> {
  const out: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({ TableName: TABLE, ...input, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) out.push(JSON.stringify(item));
    start = page.LastEvaluatedKey as never;
  } while (start);
  return out;
}

/** Everything a caller can see of the table and its indexes. */
async function observe(): Promise<Record<string, unknown>> {
  const d = (await ddb.send(new DescribeTableCommand({ TableName: TABLE }))).Table;
  const indexes = [...(d?.GlobalSecondaryIndexes ?? []), ...(d?.LocalSecondaryIndexes ?? [])].map((i) => ({
    name: i.IndexName,
    count: i.ItemCount,
    bytes: i.IndexSizeBytes,
    status: 'IndexStatus' in i ? i.IndexStatus : undefined,
  }));
  const byG: string[][] = [];
  for (let g = 0; g < 7; g++) {
    byG.push(await queryAll({ IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: `g${g}` } } }));
  }
  const byL: string[][] = [];
  for (const p of [0, 1, 2, 50, 99]) {
    byL.push(
      await queryAll({
        IndexName: 'byL',
        KeyConditionExpression: 'pk = :p AND l > :l',
        ExpressionAttributeValues: { ':p': { S: `p${p}` }, ':l': { S: 'l1' } },
        ScanIndexForward: false,
      }),
    );
  }
  return {
    count: d?.ItemCount,
    bytes: d?.TableSizeBytes,
    indexes: indexes.sort((a, b) => String(a.name).localeCompare(String(b.name))),
    items: await scanAll(),
    gsiScan: await scanAll('byG'),
    keysScan: await scanAll('gKeys'),
    lsiScan: await scanAll('byL'),
    byG,
    byL,
  };
}

function tableSegment(dir: string): string {
  return [...savedSegments(dir).entries()].find(([unit]) => unit.startsWith('b:dynamodb\u0000123456789012\u0000us-east-1'))?.[1] as string;
}

const segmentFiles = (dir: string) => new Set(readdirSync(join(dir, 'segments')));

describe('a state directory with a large table that has secondary indexes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-indexes-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A mock on a state directory (`live`) that a test kills and restarts: `restart()` copies the directory
   * as a kill would leave it (stop() would save everything once more), stops the mock and starts one on
   * the copy; `stop()` stops whichever runs.
   */
  function killable(): { live: string; restart: () => Promise<void>; stop: () => Promise<void> } {
    const live = join(dir, 'live');
    const killed = join(dir, 'killed');
    let mock = mockAws({ stateDir: live });
    return {
      live,
      // The copy is taken before stop(): what a kill leaves, not what the last flush adds.
      restart: async () => {
        cpSync(live, killed, { recursive: true });
        await mock.stop();
        mock = mockAws({ stateDir: killed });
      },
      stop: () => mock.stop(),
    };
  }

  it('saves the items in chunks, not the indexes, and a restart restores items, index queries, counts and sizes', async () => {
    const { live, restart, stop } = killable();
    try {
      await makeTable();
      await fill(0, ITEMS);
      const chunks = chunksOf(live, tableSegment(live));
      expect(chunks.length).toBeGreaterThan(1);
      // Each item is saved once: its body text is in exactly one chunk and nowhere in the segment.
      expect(chunks.filter((c) => c.includes('"item 599"'))).toHaveLength(1);
      expect(tableSegment(live)).not.toContain('"item 599"');

      // One PutItem (an overwrite that moves the item in both GSIs and the LSI): the table's segment and one chunk.
      const files = segmentFiles(live);
      await ddb.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'p2' }, sk: { N: '5' }, g: { S: 'g-moved' }, l: { S: 'l9' }, body: { S: 'changed' } } }));
      const added = [...segmentFiles(live)].filter((f) => !files.has(f));
      const segments = new Set(savedIndex(live).segments.map((s) => `${s.h}.json`));
      expect(added.filter((f) => segments.has(f))).toHaveLength(1);
      expect(added.filter((f) => !segments.has(f))).toHaveLength(1);

      await ddb.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { pk: { S: 'p4' }, sk: { N: '9' } },
          UpdateExpression: 'SET g = :g, l = :l REMOVE body',
          ExpressionAttributeValues: { ':g': { S: 'g3' }, ':l': { S: 'l12' } },
        }),
      );
      // Out of the sparse GSI, kept in the table.
      await ddb.send(new UpdateItemCommand({ TableName: TABLE, Key: { pk: { S: 'p6' }, sk: { N: '13' } }, UpdateExpression: 'REMOVE g' }));
      await ddb.send(new DeleteItemCommand({ TableName: TABLE, Key: { pk: { S: 'p1' }, sk: { N: '2' } } }));
      await ddb.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'p50' }, sk: { N: '-1' }, g: { S: 'g0' }, l: { S: 'l5' } } }));
      const before = await observe();
      expect(before.count).toBe(ITEMS);
      expect((before.byG as string[][]).flat().length).toBeGreaterThan(400);
      await restart();
      expect(await observe()).toEqual(before);
      // The restored indexes follow writes made after the restart.
      await ddb.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'after' }, sk: { N: '1' }, g: { S: 'g-after' } } }));
      const after = await queryAll({ IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'g-after' } } });
      expect(after).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  it('restores a GSI added later by UpdateTable, backfilled with the items already there', async () => {
    let before: { items: string[]; index: unknown };
    const query = () =>
      queryAll({ IndexName: 'byH', KeyConditionExpression: 'h = :h', ExpressionAttributeValues: { ':h': { N: '3' } } });
    const describeByH = async () => {
      const d = (await ddb.send(new DescribeTableCommand({ TableName: TABLE }))).Table;
      const i = d?.GlobalSecondaryIndexes?.find((x) => x.IndexName === 'byH');
      return { count: i?.ItemCount, bytes: i?.IndexSizeBytes, projection: i?.Projection };
    };
    const first = mockAws({ stateDir: dir });
    try {
      await makeTable();
      await fill(0, ITEMS);
      await ddb.send(
        new UpdateTableCommand({
          TableName: TABLE,
          AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'N' }],
          GlobalSecondaryIndexUpdates: [
            { Create: { IndexName: 'byH', KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['body'] } } },
          ],
        }),
      );
      await ddb.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'late' }, sk: { N: '1' }, h: { N: '3' }, body: { S: 'late' } } }));
      before = { items: await query(), index: await describeByH() };
      // Every 11th item, and the one written after the index was added.
      expect(before.items).toHaveLength(Math.ceil((ITEMS - 3) / 11) + 1);
      expect(before.items.every((i) => i.includes('"body"') && !i.includes('"g"'))).toBe(true);
      expect(chunksOf(dir, tableSegment(dir)).length).toBeGreaterThan(1);
    } finally {
      await first.stop();
    }
    const second = mockAws({ stateDir: dir });
    try {
      expect({ items: await query(), index: await describeByH() }).toEqual(before);
    } finally {
      await second.stop();
    }
  });

  it('saves a table with point-in-time recovery in chunks, and restores it to a time before a restart', async () => {
    const key = { pk: { S: 'p4' }, sk: { N: '9' } };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const { live, restart, stop } = killable();
    try {
      await makeTable();
      await fill(0, ITEMS);
      await ddb.send(new UpdateContinuousBackupsCommand({ TableName: TABLE, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
      await ddb.send(new UpdateItemCommand({ TableName: TABLE, Key: key, UpdateExpression: 'SET body = :b', ExpressionAttributeValues: { ':b': { S: 'v1' } } }));
      await sleep(20);
      const checkpoint = new Date();
      await sleep(20);
      await ddb.send(new UpdateItemCommand({ TableName: TABLE, Key: key, UpdateExpression: 'SET body = :b', ExpressionAttributeValues: { ':b': { S: 'v2' } } }));
      await ddb.send(new DeleteItemCommand({ TableName: TABLE, Key: { pk: { S: 'p6' }, sk: { N: '13' } } }));
      expect(chunksOf(live, tableSegment(live)).length).toBeGreaterThan(1);
      await restart();
      await ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: TABLE, TargetTableName: 'then', RestoreDateTime: checkpoint }));
      expect((await ddb.send(new GetItemCommand({ TableName: 'then', Key: key }))).Item?.body).toEqual({ S: 'v1' });
      expect((await ddb.send(new GetItemCommand({ TableName: 'then', Key: { pk: { S: 'p6' }, sk: { N: '13' } } }))).Item?.body).toEqual({ S: 'item 13' });
      await ddb.send(new RestoreTableToPointInTimeCommand({ SourceTableName: TABLE, TargetTableName: 'now', UseLatestRestorableTime: true }));
      expect((await ddb.send(new GetItemCommand({ TableName: 'now', Key: key }))).Item?.body).toEqual({ S: 'v2' });
      expect((await ddb.send(new GetItemCommand({ TableName: 'now', Key: { pk: { S: 'p6' }, sk: { N: '13' } } }))).Item).toBeUndefined();
    } finally {
      await stop();
    }
  });

  it('saves a table with TTL in chunks, and its items still expire after a restart', async () => {
    const soon = { pk: { S: 'p8' }, sk: { N: '17' } };
    const later = { pk: { S: 'p9' }, sk: { N: '19' } };
    const { live, restart, stop } = killable();
    try {
      await makeTable();
      await ddb.send(new UpdateTimeToLiveCommand({ TableName: TABLE, TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } }));
      await fill(0, ITEMS);
      const far = String(Math.floor(Date.now() / 1000) + 3600);
      // Written whole (PutItem): the TTL queue's key then holds the item's own key values.
      for (const k of [0, 1, 2, 3, 4, 5]) {
        await ddb.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: `p${k}` }, sk: { N: String(2 * k) }, body: { S: `item ${2 * k}` }, exp: { N: far } } }));
      }
      const inTwo = String(Math.floor(Date.now() / 1000) + 2);
      await ddb.send(new UpdateItemCommand({ TableName: TABLE, Key: soon, UpdateExpression: 'SET exp = :e', ExpressionAttributeValues: { ':e': { N: inTwo } } }));
      await ddb.send(new UpdateItemCommand({ TableName: TABLE, Key: later, UpdateExpression: 'SET exp = :e', ExpressionAttributeValues: { ':e': { N: far } } }));
      expect(chunksOf(live, tableSegment(live)).length).toBeGreaterThan(1);
      await restart();
      // A TTL set after the restart is followed too (a minute ago: within the five years TTL deletes).
      const past = String(Math.floor(Date.now() / 1000) - 60);
      await ddb.send(new UpdateItemCommand({ TableName: TABLE, Key: later, UpdateExpression: 'SET exp = :e', ExpressionAttributeValues: { ':e': { N: past } } }));
      expect((await ddb.send(new GetItemCommand({ TableName: TABLE, Key: soon }))).Item?.body).toEqual({ S: 'item 17' });
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect((await ddb.send(new GetItemCommand({ TableName: TABLE, Key: soon }))).Item).toBeUndefined();
      expect((await ddb.send(new GetItemCommand({ TableName: TABLE, Key: later }))).Item).toBeUndefined();
      expect((await ddb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'p0' }, sk: { N: '0' } } }))).Item?.body).toEqual({ S: 'item 0' });
      const d = (await ddb.send(new DescribeTableCommand({ TableName: TABLE }))).Table;
      expect(d?.ItemCount).toBe(ITEMS - 2);
    } finally {
      await stop();
    }
  }, 15_000);
});
