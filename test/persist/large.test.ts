/**
 * Large tables and buckets in a state directory (format 3): their items and
 * objects are saved in chunk files, a write rewrites the chunk of its key and
 * the segment naming the chunks, and a restart restores every item, delete
 * and in-place change (tags) exactly. A write cut short between the chunk
 * files and the index (a crash) leaves the directory readable as it was.
 */
import fs, { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { fillTable } from '../../bench/support/fill-table';
import { mockAws } from '../../src/mock';
import { chunksOf, savedIndex, savedSegments } from './saved';

const region = 'us-east-1';
const s3 = new S3Client({ region });
const ddb = new DynamoDBClient({ region });
const ITEMS = 600;
const OBJECTS = 300;

async function makeTable(name: string, gsi = false): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        ...(gsi ? [{ AttributeName: 'g', AttributeType: 'S' as const }] : []),
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: gsi
        ? [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }]
        : undefined,
    }),
  );
}

function fill(table: string, from: number, to: number): Promise<void> {
  return fillTable(ddb, table, from, to, (j) => ({ pk: { S: `k${j}` }, g: { S: `g${j % 7}` }, n: { N: String(j) } }));
}

async function scanAll(table: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let start: Record<string, never> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) out.set(item.pk.S as string, JSON.stringify(item));
    start = page.LastEvaluatedKey as never;
  } while (start);
  return out;
}

async function listAll(bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token, MaxKeys: 100 }));
    for (const o of page.Contents ?? []) keys.push(o.Key as string);
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

const segmentFiles = (dir: string) => new Set(readdirSync(join(dir, 'segments')));

describe('a state directory with large tables and buckets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-large-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves them in chunks, a write rewrites one chunk, and a restart restores every item, delete and tag', async () => {
    const killed = join(dir, 'killed');
    const live = join(dir, 'live');
    const first = mockAws({ stateDir: live });
    let items: Map<string, string>;
    let keys: string[];
    try {
      await makeTable('big');
      await fill('big', 0, ITEMS);
      await s3.send(new CreateBucketCommand({ Bucket: 'big' }));
      for (let i = 0; i < OBJECTS; i += 50) {
        await Promise.all(Array.from({ length: 50 }, (_, j) => s3.send(new PutObjectCommand({ Bucket: 'big', Key: `o${i + j}`, Body: `body ${i + j}` }))));
      }
      const table = [...savedSegments(live).entries()].find(([unit]) => unit.startsWith('b:dynamodb\u0000123456789012\u0000us-east-1'))?.[1] as string;
      expect(chunksOf(live, table).length).toBeGreaterThan(1);
      expect(chunksOf(live, table).join()).toContain('"k599"');

      // One PutItem into the large table: a new segment and chunk files, each a small part of the whole.
      const before = segmentFiles(live);
      await ddb.send(new PutItemCommand({ TableName: 'big', Item: { pk: { S: 'k5' }, g: { S: 'changed' }, n: { N: '-5' } } }));
      const added = [...segmentFiles(live)].filter((f) => !before.has(f));
      const segments = new Set(savedIndex(live).segments.map((s) => `${s.h}.json`));
      // The table's segment and at most two chunks: the item's own, and the last one, as its partition
      // was removed and made again (the Map's order, which the chunks keep, puts it last).
      expect(added.filter((f) => segments.has(f))).toHaveLength(1);
      expect(added.filter((f) => !segments.has(f)).length).toBeLessThanOrEqual(2);
      const total = [...segmentFiles(live)].reduce((sum, f) => sum + statSync(join(live, 'segments', f)).size, 0);
      for (const f of added) expect(statSync(join(live, 'segments', f)).size).toBeLessThan(total / 4);

      await ddb.send(new UpdateItemCommand({ TableName: 'big', Key: { pk: { S: 'k6' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '66' } } }));
      await ddb.send(new DeleteItemCommand({ TableName: 'big', Key: { pk: { S: 'k7' } } }));
      await ddb.send(new PutItemCommand({ TableName: 'big', Item: { pk: { S: 'new' }, n: { N: '1' } } }));
      await s3.send(new PutObjectCommand({ Bucket: 'big', Key: 'o5', Body: 'changed' }));
      await s3.send(new DeleteObjectCommand({ Bucket: 'big', Key: 'o7' }));
      // Written inside a stored version, not by replacing it.
      await s3.send(new PutObjectTaggingCommand({ Bucket: 'big', Key: 'o8', Tagging: { TagSet: [{ Key: 'kept', Value: 'yes' }] } }));
      await s3.send(new PutObjectCommand({ Bucket: 'big', Key: 'zz-new', Body: 'new' }));
      items = await scanAll('big');
      keys = await listAll('big');
      expect(items.size).toBe(ITEMS);
      expect(keys).toHaveLength(OBJECTS);
      // What a kill leaves now: stop() would save everything once more, hiding a write not saved when answered.
      cpSync(live, killed, { recursive: true });
    } finally {
      await first.stop();
    }

    const second = mockAws({ stateDir: killed });
    try {
      expect(await scanAll('big')).toEqual(items);
      expect(await listAll('big')).toEqual(keys);
      expect((await ddb.send(new GetItemCommand({ TableName: 'big', Key: { pk: { S: 'k6' } } }))).Item?.n).toEqual({ N: '66' });
      expect((await ddb.send(new GetItemCommand({ TableName: 'big', Key: { pk: { S: 'k7' } } }))).Item).toBeUndefined();
      const k5 = await ddb.send(new QueryCommand({ TableName: 'big', KeyConditionExpression: 'pk = :k', ExpressionAttributeValues: { ':k': { S: 'k5' } } }));
      expect(k5.Items?.[0]?.g).toEqual({ S: 'changed' });
      expect(await (await s3.send(new GetObjectCommand({ Bucket: 'big', Key: 'o5' }))).Body?.transformToString()).toBe('changed');
      expect(await (await s3.send(new GetObjectCommand({ Bucket: 'big', Key: 'o299' }))).Body?.transformToString()).toBe('body 299');
      const gone = await s3.send(new GetObjectCommand({ Bucket: 'big', Key: 'o7' })).catch((e) => e);
      expect([gone.name, gone.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404]);
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'big', Key: 'o8' }))).TagSet).toEqual([{ Key: 'kept', Value: 'yes' }]);
      // The restored table and bucket take writes and are saved again.
      await ddb.send(new PutItemCommand({ TableName: 'big', Item: { pk: { S: 'after' }, n: { N: '2' } } }));
      await s3.send(new PutObjectCommand({ Bucket: 'big', Key: 'after', Body: 'after' }));
    } finally {
      await second.stop();
    }

    const third = mockAws({ stateDir: killed });
    try {
      expect((await ddb.send(new GetItemCommand({ TableName: 'big', Key: { pk: { S: 'after' } } }))).Item?.n).toEqual({ N: '2' });
      expect(await (await s3.send(new GetObjectCommand({ Bucket: 'big', Key: 'after' }))).Body?.transformToString()).toBe('after');
      expect((await scanAll('big')).size).toBe(ITEMS + 1);
    } finally {
      await third.stop();
    }
  });

  it('keeps a table whole again when it shrinks, and restores one with a GSI, with content exact', async () => {
    const first = mockAws({ stateDir: dir });
    let shrunk: Map<string, string>;
    let indexed: Map<string, string>;
    try {
      await makeTable('shrinks');
      await fill('shrinks', 0, ITEMS);
      await makeTable('indexed', true);
      await fill('indexed', 0, 300);
      for (let i = 0; i < ITEMS - 100; i += 25) {
        const batch = [];
        for (let j = i; j < i + 25; j++) batch.push({ DeleteRequest: { Key: { pk: { S: `k${j}` } } } });
        await ddb.send(new BatchWriteItemCommand({ RequestItems: { shrinks: batch } }));
      }
      shrunk = await scanAll('shrinks');
      indexed = await scanAll('indexed');
      expect(shrunk.size).toBe(100);
    } finally {
      await first.stop();
    }
    const second = mockAws({ stateDir: dir });
    try {
      expect(await scanAll('shrinks')).toEqual(shrunk);
      expect(await scanAll('indexed')).toEqual(indexed);
      const g3 = await ddb.send(new QueryCommand({ TableName: 'indexed', IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'g3' } } }));
      expect(g3.Count).toBe([...indexed.values()].filter((v) => v.includes('"g3"')).length);
    } finally {
      await second.stop();
    }
  });

  it('reads the directory as it was when a write stops between its chunk files and the index (a crash)', async () => {
    const crashed = join(dir, 'crashed');
    const live = join(dir, 'live');
    const first = mockAws({ stateDir: live });
    const noRetry = new DynamoDBClient({ region, maxAttempts: 1 });
    let items: Map<string, string>;
    try {
      await makeTable('big');
      await fill('big', 0, ITEMS);
      items = await scanAll('big');
      const rename = fs.renameSync;
      let killed = false;
      jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
        // The chunk and segment files are durable; the index is not renamed over the old one: what a kill leaves.
        if (String(to).endsWith('state.json')) {
          if (!killed) cpSync(live, crashed, { recursive: true });
          killed = true;
          throw new Error('killed');
        }
        rename(from, to);
      });
      const err = await noRetry.send(new PutItemCommand({ TableName: 'big', Item: { pk: { S: 'k1' }, n: { N: '-1' } } })).catch((e) => e);
      expect([err.name, err.$metadata.httpStatusCode]).toEqual(['InternalFailure', 500]);
      jest.restoreAllMocks();
      // The crashed copy holds files no index names: the new chunk and segment.
      const named = new Set(savedIndex(crashed).segments.map((s) => `${s.h}.json`));
      expect([...segmentFiles(crashed)].filter((f) => !named.has(f) && f.endsWith('.json')).length).toBeGreaterThan(0);
    } finally {
      await first.stop();
    }
    const second = mockAws({ stateDir: crashed });
    try {
      expect(await scanAll('big')).toEqual(items);
      await ddb.send(new PutItemCommand({ TableName: 'big', Item: { pk: { S: 'k1' }, n: { N: '-1' } } }));
      expect((await ddb.send(new GetItemCommand({ TableName: 'big', Key: { pk: { S: 'k1' } } }))).Item?.n).toEqual({ N: '-1' });
    } finally {
      await second.stop();
    }
    // What no index names was deleted when the directory was opened again.
    const index = savedIndex(crashed);
    const named = new Set(index.segments.map((s) => `${s.h}.json`));
    for (const text of savedSegments(crashed).values()) for (const chunk of chunkShas(text)) named.add(`${chunk}.json`);
    expect([...segmentFiles(crashed)].filter((f) => f.endsWith('.json') && !named.has(f))).toEqual([]);
  });
});

function chunkShas(segment: string): string[] {
  return [...segment.matchAll(/\{"\$":"R","c":\[([^\]]*)\]\}/g)].flatMap((m) => JSON.parse(`[${m[1]}]`) as string[]);
}
