/**
 * Writing only what changed: reads write nothing, a write rewrites only the
 * segment of the backend it changed, objects two backends share stay one
 * object across a restart, a read that issues a key or makes a backend is
 * still saved before it is answered, and what changes outside any call is
 * found by the periodic check.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { clock } from '../../src/core/clock';
import { mockAws } from '../../src/mock';
import { encode } from '../../src/persist/encode';
import { ClassRegistry } from '../../src/persist/classes';
import { Persistence } from '../../src/persist/persistence';
import { stateClassLoaders } from '../../services/state-classes.generated';
import { savedIndex, savedSegments, savedText } from './saved';

const ddb = (region = 'us-east-1') => new DynamoDBClient({ region });
const s3 = (accessKeyId = '111111111111') => new S3Client({ region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'x' } });
const ssm = new SSMClient({ region: 'us-east-1' });

const table = (TableName: string) =>
  new CreateTableCommand({
    TableName,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });

describe('a state directory writes only what changed', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-dirty-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers reads without encoding or writing anything', async () => {
    const aws = mockAws();
    const saver = await Persistence.attach(aws.dispatcher, { dir, classLoaders: stateClassLoaders, version: 'test', interval: 60_000 });
    try {
      await ddb().send(table('tab'));
      await ddb().send(new PutItemCommand({ TableName: 'tab', Item: { pk: { S: '1' }, v: { S: 'one' } } }));
      await s3().send(new CreateBucketCommand({ Bucket: 'reads' }));
      await s3().send(new PutObjectCommand({ Bucket: 'reads', Key: 'k', Body: 'body' }));
      const { encoded, written } = saver.stats;
      expect(written).toBe(4);
      for (let i = 0; i < 5; i++) {
        expect((await ddb().send(new GetItemCommand({ TableName: 'tab', Key: { pk: { S: '1' } } }))).Item?.v).toEqual({ S: 'one' });
        await ddb().send(new QueryCommand({ TableName: 'tab', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: '1' } } }));
        expect(await (await s3().send(new GetObjectCommand({ Bucket: 'reads', Key: 'k' }))).Body?.transformToString()).toBe('body');
        await s3().send(new HeadObjectCommand({ Bucket: 'reads', Key: 'k' }));
        await s3().send(new ListObjectsV2Command({ Bucket: 'reads' }));
      }
      expect(saver.stats).toMatchObject({ encoded, written });
    } finally {
      await saver.close();
      await aws.stop();
    }
  });

  it('rewrites only the segment of the backend a write changed', async () => {
    const aws = mockAws({ stateDir: dir });
    try {
      await ddb('us-east-1').send(table('east'));
      await ddb('eu-west-1').send(table('west'));
      await ssm.send(new PutParameterCommand({ Name: 'p', Value: 'v', Type: 'String' }));
      const before = savedIndex(dir);
      expect(before.format).toBe(4);
      const segmentOf = (index: typeof before, unit: string) => index.segments.find((s) => s.units.includes(unit))?.h;
      const east = 'b:dynamodb\u0000123456789012\u0000us-east-1';
      const west = 'b:dynamodb\u0000123456789012\u0000eu-west-1';
      const params = 'b:ssm\u0000123456789012\u0000us-east-1';
      expect(new Set([segmentOf(before, east), segmentOf(before, west), segmentOf(before, params)]).size).toBe(3);

      await ddb('eu-west-1').send(new PutItemCommand({ TableName: 'west', Item: { pk: { S: 'w' } } }));
      const after = savedIndex(dir);
      expect(segmentOf(after, west)).not.toBe(segmentOf(before, west));
      expect(segmentOf(after, east)).toBe(segmentOf(before, east));
      expect(segmentOf(after, params)).toBe(segmentOf(before, params));
      // The replaced segment file is gone: the directory holds what the index names, nothing else.
      expect(readdirSync(join(dir, 'segments')).sort()).toEqual(after.segments.map((s) => `${s.h}.json`).sort());
    } finally {
      await aws.stop();
    }
  });

  it('keeps an object two backends share as one object across a restart (the S3 bucket namespace)', async () => {
    const first = mockAws({ stateDir: dir });
    try {
      await s3('111111111111').send(new CreateBucketCommand({ Bucket: 'of-a' }));
      await s3('222222222222').send(new CreateBucketCommand({ Bucket: 'of-b' }));
      // Both accounts' S3 backends and the shared namespace are one segment.
      const units = savedIndex(dir).segments.find((s) => s.units.includes('s:s3:buckets'))?.units;
      expect(units).toEqual(expect.arrayContaining(['b:s3\u0000111111111111\u0000global', 'b:s3\u0000222222222222\u0000global']));
    } finally {
      await first.stop();
    }
    const second = mockAws({ stateDir: dir });
    try {
      // A bucket made after the restart by one account is taken for the other: one namespace, not a copy per backend.
      await s3('111111111111').send(new CreateBucketCommand({ Bucket: 'made-after' }));
      const err = await s3('222222222222').send(new CreateBucketCommand({ Bucket: 'made-after' })).catch((e) => e);
      expect(err.name).toBe('BucketAlreadyExists');
      expect(err.$metadata.httpStatusCode).toBe(409);
      const err2 = await s3('222222222222').send(new CreateBucketCommand({ Bucket: 'of-a' })).catch((e) => e);
      expect(err2.name).toBe('BucketAlreadyExists');
    } finally {
      await second.stop();
    }
  });

  it('saves a key a read issued before answering it (STS GetSessionToken)', async () => {
    const aws = mockAws({ stateDir: dir });
    try {
      const { Credentials } = await new STSClient({ region: 'us-east-1' }).send(new GetSessionTokenCommand({}));
      expect(savedText(dir)).toContain(Credentials?.AccessKeyId as string);
    } finally {
      await aws.stop();
    }
  });

  it('finds a change no call reported at the periodic check', async () => {
    const aws = mockAws();
    const saver = await Persistence.attach(aws.dispatcher, { dir, classLoaders: stateClassLoaders, version: 'test', interval: 20 });
    try {
      await ssm.send(new PutParameterCommand({ Name: 'quiet', Value: 'before', Type: 'String' }));
      const { states } = aws.dispatcher.backends.live();
      const backend = states.get('ssm\u0000123456789012\u0000us-east-1') as object;
      // Background work holding its backend (a timer) changes it with no call and no registry access.
      await new Promise<void>((resolve) =>
        clock.at(clock.now() + 50, () => {
          expect(rename(backend, 'before', 'changed-quietly', [aws.dispatcher.backends, aws.dispatcher])).toBe(1);
          resolve();
        }),
      );
      const deadline = Date.now() + 5_000;
      while (!savedText(dir).includes('changed-quietly') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(savedText(dir)).toContain('changed-quietly');
    } finally {
      await saver.close();
      await aws.stop();
    }
  });

  it('checks nothing while nothing runs (but every 30 intervals)', async () => {
    const aws = mockAws();
    const saver = await Persistence.attach(aws.dispatcher, { dir, classLoaders: stateClassLoaders, version: 'test', interval: 50 });
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      await ssm.send(new PutParameterCommand({ Name: 'idle', Value: 'v', Type: 'String' }));
      // The check after that call: on a loaded machine it may come late, so wait until the count stays put.
      for (let last = -1; saver.stats.encoded !== last; ) {
        last = saver.stats.encoded;
        await wait(200);
      }
      const { encoded } = saver.stats;
      await wait(300);
      expect(saver.stats.encoded).toBe(encoded);
      // Reads are no reason for a check either.
      await ssm.send(new GetParameterCommand({ Name: 'idle' }));
      await wait(300);
      expect(saver.stats.encoded).toBe(encoded);
      // Nothing more runs: the idle check comes 30 intervals (1.5 s) after the last.
      const deadline = Date.now() + 5_000;
      while (saver.stats.encoded === encoded && Date.now() < deadline) await wait(50);
      expect(saver.stats.encoded).toBe(encoded + 1);
      // A write is: it is saved, and a check follows.
      await ssm.send(new PutParameterCommand({ Name: 'idle', Value: 'v2', Type: 'String', Overwrite: true }));
      const written = saver.stats.encoded;
      // The check follows within an interval; a loaded machine may delay it, so wait up to 5 s for it.
      const after = Date.now() + 5_000;
      while (saver.stats.encoded === written && Date.now() < after) await wait(50);
      expect(saver.stats.encoded).toBeGreaterThan(written);
    } finally {
      await saver.close();
      await aws.stop();
    }
  });

  it('reads a format-1 directory (one whole document) and rewrites it as segments', async () => {
    const old = mockAws();
    try {
      await ssm.send(new PutParameterCommand({ Name: '/from/format-1', Value: 'kept', Type: 'String' }));
      const snapshot = old.dispatcher.snapshot();
      const classes = new ClassRegistry(stateClassLoaders);
      await classes.loadAll();
      const root = { states: snapshot.backends.states, shared: snapshot.backends.shared, credentials: snapshot.credentials };
      const encoded = encode(root, classes, snapshot.backends.infrastructure);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 1, mockaws: 'old' }));
      writeFileSync(join(dir, 'state.json'), JSON.stringify({ format: 1, mockaws: 'old', state: encoded.root }));
    } finally {
      await old.stop();
    }
    const aws = mockAws({ stateDir: dir });
    try {
      expect((await ssm.send(new GetParameterCommand({ Name: '/from/format-1' }))).Parameter?.Value).toBe('kept');
      await ssm.send(new PutParameterCommand({ Name: '/after', Value: 'v', Type: 'String' }));
      expect(savedIndex(dir).format).toBe(4);
      expect([...savedSegments(dir).values()].join()).toContain('/from/format-1');
    } finally {
      await aws.stop();
    }
  });
});

/** Replaces a string value anywhere in an object graph (a stand-in for background work changing state in place). */
function rename(root: object, from: string, to: string, skip: object[]): number {
  const seen = new Set<object>(skip);
  let count = 0;
  const visit = (value: unknown): unknown => {
    if (value === from) {
      count++;
      return to;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) return value;
    seen.add(value);
    if (value instanceof Map) for (const [k, v] of value) value.set(k, visit(v));
    else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] = visit(value[i]);
    else for (const key of Object.keys(value)) (value as Record<string, unknown>)[key] = visit((value as Record<string, unknown>)[key]);
    return value;
  };
  visit(root);
  return count;
}
