/**
 * What a state directory costs (src/persist/): S3 PutObject/GetObject of
 * 1 KiB and DynamoDB PutItem/GetItem, with and without `--state-dir`, at a
 * small and a large state (100 and 10,000 objects and items per service).
 *
 * Contenders, interleaved in rounds (bench/support/compare.ts): the same
 * emulated AWS without a state directory (the baseline), a second one (the
 * noise control) and one with a state directory. Two modes:
 *   - in-process: each an SDK client answered by its own dispatcher through
 *     the bridge mockAws() uses (src/intercept/sdk-handler.ts), one caller;
 *   - server: each a startServer() over loopback HTTP, 32 concurrent
 *     keep-alive callers (group commit shares flushes among them).
 * The state is seeded before the state directory is attached (its first
 * flush then writes it whole), so seeding 10,000 items does not take 10,000
 * flushes. Preconditions: each contender's dispatcher answered exactly the
 * calls made to it; during writes the state directory wrote flushes, during
 * reads it wrote none.
 *
 * Growth: writes with a state directory at 10,000 against the same at 100
 * (and a second 100 as the control), interleaved in one comparison: what a
 * write costs for the size of what it writes into (target ≤ 3×). The same
 * for PutItem, UpdateItem and DeleteItem into a second table with a global
 * secondary index projecting ALL (its index store holds the same items),
 * and for UpdateItem into a table whose stream (NEW_AND_OLD_IMAGES) or PITR
 * change log holds a record per item, or that has one on-demand backup.
 *
 *   npm run bench -- persist
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  CreateBackupCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateContinuousBackupsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { services } from '../services';
import { stateClassLoaders } from '../services/state-classes.generated';
import { Dispatcher } from '../src/core/dispatch';
import { createSdkHandler } from '../src/intercept/sdk-handler';
import { Persistence } from '../src/persist/persistence';
import { startServer } from '../src/server/server';
import { assertServed, type Contender, compare, spread } from './support/compare';
import { answered } from './support/counters';
import { fillTable } from './support/fill-table';
import { BENCH_CREDENTIALS } from './support/floor';
import { record } from './support/results';

const credentials = BENCH_CREDENTIALS;
const region = 'us-east-1';
const SIZES = [100, Number(process.env.MOCKAWS_BENCH_PERSIST_LARGE ?? 10_000)];
const CALLERS = 32;
const BODY = Buffer.alloc(1024, 'x');
const WITH = 'with a state directory';
const WITHOUT = 'without';
const CONTROL = 'without (control)';

interface Side {
  name: string;
  dispatcher: Dispatcher;
  s3: S3Client;
  ddb: DynamoDBClient;
  persistence?: Persistence;
  /** Clients that retry, for seeding only (over loopback a reused keep-alive socket may be reset). */
  seeders?: { s3: S3Client; ddb: DynamoDBClient };
  dir?: string;
  stop: () => Promise<void>;
}

// A write changes its item (v): an overwrite with identical content leaves nothing to write.
const item = (i: number) => ({ pk: { S: `k${i}` }, name: { S: 'Ada Lovelace' }, age: { N: '36' }, tags: { SS: ['a', 'b'] } });

async function seed(target: Side, n: number): Promise<void> {
  const side = target.seeders ?? target;
  await side.s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
  for (let i = 0; i < n; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => side.s3.send(new PutObjectCommand({ Bucket: 'bench', Key: `k${i + j}`, Body: BODY }))));
  }
  await side.ddb.send(
    new CreateTableCommand({
      TableName: 'bench',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await fillTable(side.ddb, 'bench', 0, n, item);
}

/** The items of the table with a GSI: 100 index partition values, as a real index spreads its items. */
const indexedItem = (i: number) => ({ ...item(i), g: { S: `g${i % 100}` } });
const INDEXED = 'bench-gsi';

/** A second table, with a GSI projecting ALL (growth rows only, so the other rows keep their state). */
async function seedIndexed(target: Side, n: number): Promise<void> {
  const side = target.seeders ?? target;
  await side.ddb.send(
    new CreateTableCommand({
      TableName: INDEXED,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await fillTable(side.ddb, INDEXED, 0, n, indexedItem);
}

/** Tables whose logs or backup grow with their items: the stream's records, the PITR change log, a backup. */
const LOGGED = { stream: 'bench-stream', pitr: 'bench-pitr', backup: 'bench-backup' } as const;
type Logged = keyof typeof LOGGED;

async function seedLogged(target: Side, n: number): Promise<void> {
  const side = target.seeders ?? target;
  for (const kind of Object.keys(LOGGED) as Logged[]) {
    const table = LOGGED[kind];
    await side.ddb.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: kind === 'stream' ? { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } : undefined,
      }),
    );
    if (kind === 'pitr') {
      await side.ddb.send(new UpdateContinuousBackupsCommand({ TableName: table, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    }
    // With the stream or PITR on, each item written leaves a record in the log.
    await fillTable(side.ddb, table, 0, n, item);
    if (kind === 'backup') await side.ddb.send(new CreateBackupCommand({ TableName: table, BackupName: 'bench-backup' }));
  }
}

type IndexedOp = 'PutItem' | 'UpdateItem' | 'DeleteItem';

/**
 * A write into the table with a GSI, each changing the item's index key (it moves in the index).
 * DeleteItem deletes an item and puts it back on alternate calls, so the table keeps its size;
 * only the deletes are counted as served.
 */
function indexedOperation(side: Side, op: IndexedOp, n: number): (i: number) => Promise<unknown> {
  switch (op) {
    case 'PutItem':
      return (i) => side.ddb.send(new PutItemCommand({ TableName: INDEXED, Item: { ...indexedItem(i % n), g: { S: `g${i % 97}` }, v: { N: String(i) } } }));
    case 'UpdateItem':
      return (i) =>
        side.ddb.send(
          new UpdateItemCommand({
            TableName: INDEXED,
            Key: { pk: { S: `k${i % n}` } },
            UpdateExpression: 'SET g = :g, v = :v',
            // v unlike the PutItem row's (same i), so no update leaves its item as it was.
            ExpressionAttributeValues: { ':g': { S: `g${i % 89}` }, ':v': { N: String(1_000_000 + i) } },
          }),
        );
    case 'DeleteItem':
      return async (i) => {
        const k = (i >> 1) % n;
        if (i % 2 === 0) await side.ddb.send(new DeleteItemCommand({ TableName: INDEXED, Key: { pk: { S: `k${k}` } } }));
        else await side.ddb.send(new PutItemCommand({ TableName: INDEXED, Item: indexedItem(k) }));
      };
  }
}

async function attach(side: Side): Promise<void> {
  side.dir = mkdtempSync(join(tmpdir(), 'mockaws-bench-persist-'));
  side.persistence = await Persistence.attach(side.dispatcher, { dir: side.dir, classLoaders: stateClassLoaders, version: 'bench' });
  await side.persistence.flush(); // the seeded state, written whole once
}

async function inProcess(name: string): Promise<Side> {
  const dispatcher = new Dispatcher({ services });
  const requestHandler = createSdkHandler(() => dispatcher) as never;
  return {
    name,
    dispatcher,
    s3: new S3Client({ region, credentials, requestHandler }),
    ddb: new DynamoDBClient({ region, credentials, requestHandler }),
    stop: async () => dispatcher.reset(),
  };
}

async function overHttp(name: string): Promise<Side> {
  const server = await startServer({ port: 0 });
  const requestHandler = new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: CALLERS }) });
  const config = { region, credentials, endpoint: server.url, requestHandler, maxAttempts: 1 };
  return {
    name,
    dispatcher: server.dispatcher,
    s3: new S3Client({ ...config, forcePathStyle: true }),
    ddb: new DynamoDBClient(config),
    seeders: { s3: new S3Client({ ...config, forcePathStyle: true, maxAttempts: 5 }), ddb: new DynamoDBClient({ ...config, maxAttempts: 5 }) },
    stop: () => server.stop(),
  };
}

type Op = 'GetObject' | 'PutObject' | 'GetItem' | 'PutItem';
const SERVICE: Record<Op, string> = { GetObject: 's3', PutObject: 's3', GetItem: 'dynamodb', PutItem: 'dynamodb' };

function operation(side: Side, op: Op, n: number): (i: number) => Promise<unknown> {
  switch (op) {
    case 'GetObject':
      return async (i) => {
        const out = await side.s3.send(new GetObjectCommand({ Bucket: 'bench', Key: `k${i % n}` }));
        if ((await out.Body?.transformToByteArray())?.byteLength !== BODY.length) throw new Error('GetObject answered another body');
      };
    case 'PutObject':
      // Overwrites: the state keeps its size.
      return (i) => side.s3.send(new PutObjectCommand({ Bucket: 'bench', Key: `k${i % n}`, Body: BODY }));
    case 'GetItem':
      return async (i) => {
        const out = await side.ddb.send(new GetItemCommand({ TableName: 'bench', Key: { pk: { S: `k${i % n}` } } }));
        if (!out.Item?.name) throw new Error('GetItem found no item');
      };
    case 'PutItem':
      return (i) => side.ddb.send(new PutItemCommand({ TableName: 'bench', Item: { ...item(i % n), v: { N: String(i) } } }));
  }
}

const isWrite = (op: Op) => op.startsWith('Put');

/** Rounds of calls per contender for an operation at a state size (writes with a large state are slow). */
function plan(op: Op, _n: number, concurrent: boolean): { rounds: number; callsPerRound: number; warmup: number } {
  if (!isWrite(op)) return concurrent ? { rounds: 5, callsPerRound: 320, warmup: 160 } : { rounds: 7, callsPerRound: 200, warmup: 200 };
  // A write costs about the same at any size since format 3 (chunk files): the same plan for both.
  return concurrent ? { rounds: 5, callsPerRound: 320, warmup: 64 } : { rounds: 5, callsPerRound: 40, warmup: 10 };
}

async function inProcessRuns(n: number): Promise<void> {
  const sides = [await inProcess(WITHOUT), await inProcess(CONTROL), await inProcess(WITH)];
  try {
    for (const side of sides) await seed(side, n);
    await attach(sides[2]);
    for (const op of ['GetObject', 'GetItem', 'PutObject', 'PutItem'] as const) {
      const persistence = sides[2].persistence as Persistence;
      const written = persistence.stats.written;
      const contenders: Record<string, Contender> = {};
      for (const side of sides) {
        const run = operation(side, op, n);
        let i = 0;
        contenders[side.name] = { run: () => run(i++), served: answered(side.dispatcher, SERVICE[op], op) };
      }
      const p = plan(op, n, false);
      await compare('persist', `In-process ${op}${op.endsWith('Object') ? ' 1 KiB' : ''}, ${n.toLocaleString('en')} per service in the state`, contenders, {
        ...p,
        baseline: WITHOUT,
        atMost: isWrite(op) ? undefined : { [WITH]: 1.1 },
        // Read when the table is recorded, after the runs.
        get note() {
          return note(op, persistence.stats.written - written, p);
        },
      });
      checkFlushes(op, persistence.stats.written - written, p);
    }
  } finally {
    for (const side of sides) await finish(side);
  }
}

function note(op: Op, written: number, p: { rounds: number; callsPerRound: number; warmup: number }): string {
  const calls = p.warmup + p.rounds * p.callsPerRound;
  return isWrite(op)
    ? `the state directory wrote ${written} flushes for its ${calls} writes (reads write none)`
    : `the state directory wrote ${written} flushes during its ${calls} reads`;
}

/** The state directory did its work: flushes written during writes, none during reads. */
function checkFlushes(op: Op, written: number, p: { rounds: number; callsPerRound: number; warmup: number }): void {
  if (isWrite(op) && written < p.rounds) throw new Error(`precondition failed: ${op} with a state directory wrote only ${written} flushes`);
  if (!isWrite(op) && written !== 0) throw new Error(`precondition failed: ${op} with a state directory wrote ${written} flushes`);
}

async function finish(side: Side): Promise<void> {
  await side.persistence?.close();
  await side.stop();
  if (side.dir) rmSync(side.dir, { recursive: true, force: true });
}

/** Calls per second of `CALLERS` concurrent callers, each contender in each round (order rotating). */
async function serverRuns(n: number): Promise<void> {
  const sides = [await overHttp(WITHOUT), await overHttp(CONTROL), await overHttp(WITH)];
  try {
    for (const side of sides) await seed(side, n);
    await attach(sides[2]);
    for (const op of ['GetObject', 'GetItem', 'PutObject', 'PutItem'] as const) {
      const persistence = sides[2].persistence as Persistence;
      const written = persistence.stats.written;
      const p = plan(op, n, true);
      const runs = sides.map((side) => ({ side, run: operation(side, op, n), served: answered(side.dispatcher, SERVICE[op], op) }));
      const burst = async (run: (i: number) => Promise<unknown>, calls: number) => {
        let next = 0;
        await Promise.all(
          Array.from({ length: CALLERS }, async () => {
            while (next < calls) await run(next++);
          }),
        );
      };
      for (const r of runs) await burst(r.run, p.warmup);
      const rates = new Map<string, number[]>(sides.map((s) => [s.name, []]));
      for (let round = 0; round < p.rounds; round++) {
        for (let k = 0; k < runs.length; k++) {
          const r = runs[(round + k) % runs.length];
          const start = process.hrtime.bigint();
          await burst(r.run, p.callsPerRound);
          rates.get(r.side.name)?.push(p.callsPerRound / (Number(process.hrtime.bigint() - start) / 1e9));
        }
      }
      const expected = p.warmup + p.rounds * p.callsPerRound;
      for (const r of runs) assertServed(r.side.name, { run: async () => undefined, served: r.served }, 0, expected);
      checkFlushes(op, persistence.stats.written - written, p);
      const base = rates.get(WITHOUT) as number[];
      record({
        bench: 'persist',
        title: `Server ${op}${op.endsWith('Object') ? ' 1 KiB' : ''}, ${n.toLocaleString('en')} per service in the state, ${CALLERS} callers`,
        unit: 'calls/s',
        vs: WITHOUT,
        rounds: p.rounds,
        callsPerRound: p.callsPerRound,
        preconditions: `each server answered exactly its ${expected} calls`,
        rows: sides.map((side) => {
          const own = rates.get(side.name) as number[];
          // calls/s: a ratio ≥ 0.91 is the same bound as ≤ 1.1× the time per call.
          return {
            name: side.name,
            value: spread(own).median,
            ratio: spread(own.map((v, r) => v / base[r])),
            target: side.name === WITH && !isWrite(op) ? { min: 0.91 } : undefined,
          };
        }),
        note: note(op, persistence.stats.written - written, p),
      });
    }
  } finally {
    for (const side of sides) await finish(side);
  }
}

/**
 * A write into a large state against the same write into a small one, both with a state directory,
 * interleaved in one comparison (a second small one as the noise control): the cost of size itself.
 */
async function growthRuns(): Promise<void> {
  const [small, large] = SIZES;
  const smallName = `with a state directory, ${small.toLocaleString('en')} in the state`;
  const controlName = `${smallName} (control)`;
  const largeName = `with a state directory, ${large.toLocaleString('en')} in the state`;
  const sides = [
    { side: await inProcess(smallName), n: small },
    { side: await inProcess(controlName), n: small },
    { side: await inProcess(largeName), n: large },
  ];
  try {
    for (const { side, n } of sides) {
      await seed(side, n);
      await seedIndexed(side, n);
      await attach(side);
    }
    for (const op of ['PutObject', 'PutItem'] as const) {
      const contenders: Record<string, Contender> = {};
      const written = sides.map(({ side }) => (side.persistence as Persistence).stats.written);
      for (const { side, n } of sides) {
        const run = operation(side, op, n);
        let i = 0;
        contenders[side.name] = { run: () => run(i++), served: answered(side.dispatcher, SERVICE[op], op) };
      }
      const p = plan(op, large, false);
      await compare('persist', `In-process ${op}${op.endsWith('Object') ? ' 1 KiB' : ''} with a state directory, ${large.toLocaleString('en')} vs ${small.toLocaleString('en')} per service in the state`, contenders, {
        ...p,
        baseline: smallName,
        atMost: { [largeName]: 3 },
        get note() {
          const flushes = sides.map(({ side }, k) => (side.persistence as Persistence).stats.written - written[k]);
          return `flushes written: ${flushes.join(', ')} for ${p.warmup + p.rounds * p.callsPerRound} writes each`;
        },
      });
      for (const [k, { side }] of sides.entries()) checkFlushes(op, (side.persistence as Persistence).stats.written - written[k], p);
    }
    for (const op of ['PutItem', 'UpdateItem', 'DeleteItem'] as const) {
      const contenders: Record<string, Contender> = {};
      const written = sides.map(({ side }) => (side.persistence as Persistence).stats.written);
      // DeleteItem's calls alternate a delete and a put back: two calls per measured call.
      const perCall = op === 'DeleteItem' ? 2 : 1;
      for (const { side, n } of sides) {
        const run = indexedOperation(side, op, n);
        let i = 0;
        const served = answered(side.dispatcher, 'dynamodb', op, (input) => input.TableName === INDEXED);
        contenders[side.name] = {
          run: async () => {
            for (let c = 0; c < perCall; c++) await run(i++);
          },
          served,
        };
      }
      const p = plan('PutItem', large, false);
      await compare('persist', `In-process ${op}${perCall === 2 ? ' (and a PutItem back)' : ''} into a table with a GSI (ALL) with a state directory, ${large.toLocaleString('en')} vs ${small.toLocaleString('en')} items`, contenders, {
        ...p,
        baseline: smallName,
        atMost: { [largeName]: 3 },
        get note() {
          const flushes = sides.map(({ side }, k) => (side.persistence as Persistence).stats.written - written[k]);
          return `flushes written: ${flushes.join(', ')} for ${p.warmup + p.rounds * p.callsPerRound} measured calls each`;
        },
      });
      for (const [k, { side }] of sides.entries()) checkFlushes('PutItem', (side.persistence as Persistence).stats.written - written[k], p);
    }
  } finally {
    for (const { side } of sides) await finish(side);
  }
}

/** UpdateItem into a table with a long stream, PITR log or a backup: 10,000 against 100, as growthRuns(). */
async function logGrowthRuns(): Promise<void> {
  const [small, large] = SIZES;
  const smallName = `with a state directory, ${small.toLocaleString('en')} items`;
  const controlName = `${smallName} (control)`;
  const largeName = `with a state directory, ${large.toLocaleString('en')} items`;
  const sides = [
    { side: await inProcess(smallName), n: small },
    { side: await inProcess(controlName), n: small },
    { side: await inProcess(largeName), n: large },
  ];
  const what: Record<Logged, string> = {
    stream: 'a stream (NEW_AND_OLD_IMAGES) holding a record per item',
    pitr: 'PITR on while the items were written (a change per item)',
    backup: 'one on-demand backup of its items',
  };
  try {
    for (const { side, n } of sides) {
      await seedLogged(side, n);
      await attach(side);
    }
    for (const kind of Object.keys(LOGGED) as Logged[]) {
      const table = LOGGED[kind];
      const contenders: Record<string, Contender> = {};
      const written = sides.map(({ side }) => (side.persistence as Persistence).stats.written);
      for (const { side, n } of sides) {
        let i = 0;
        const served = answered(side.dispatcher, 'dynamodb', 'UpdateItem', (input) => input.TableName === table);
        contenders[side.name] = {
          run: () => {
            const k = i++;
            return side.ddb.send(
              new UpdateItemCommand({
                TableName: table,
                Key: { pk: { S: `k${k % n}` } },
                UpdateExpression: 'SET v = :v',
                ExpressionAttributeValues: { ':v': { N: String(k) } },
              }),
            );
          },
          served,
        };
      }
      const p = plan('PutItem', large, false);
      await compare('persist', `In-process UpdateItem into a table with ${what[kind]}, with a state directory, ${large.toLocaleString('en')} vs ${small.toLocaleString('en')} items`, contenders, {
        ...p,
        baseline: smallName,
        atMost: { [largeName]: 3 },
        get note() {
          const flushes = sides.map(({ side }, k) => (side.persistence as Persistence).stats.written - written[k]);
          return `flushes written: ${flushes.join(', ')} for ${p.warmup + p.rounds * p.callsPerRound} updates each`;
        },
      });
      for (const [k, { side }] of sides.entries()) checkFlushes('PutItem', (side.persistence as Persistence).stats.written - written[k], p);
    }
  } finally {
    for (const { side } of sides) await finish(side);
  }
}

/**
 * SQS and CloudWatch Logs, 10,000 against 100 held, as growthRuns(): SendMessage into a queue holding
 * that many messages, then ReceiveMessage + DeleteMessage of one (the queue keeps its size over the two
 * rows), and PutLogEvents of one event into a stream holding that many events.
 */
async function queueGrowthRuns(): Promise<void> {
  const [small, large] = SIZES;
  const smallName = `with a state directory, ${small.toLocaleString('en')} held`;
  const controlName = `${smallName} (control)`;
  const largeName = `with a state directory, ${large.toLocaleString('en')} held`;
  const sides: Array<{ side: Side; n: number; sqs: SQSClient; logs: CloudWatchLogsClient; url: string }> = [];
  for (const [name, n] of [[smallName, small], [controlName, small], [largeName, large]] as const) {
    const side = await inProcess(name);
    const requestHandler = createSdkHandler(() => side.dispatcher) as never;
    const sqs = new SQSClient({ region, credentials, requestHandler });
    const logs = new CloudWatchLogsClient({ region, credentials, requestHandler });
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'bench' }))).QueueUrl as string;
    for (let i = 0; i < n; i += 10) {
      const entries = Array.from({ length: Math.min(10, n - i) }, (_, j) => ({ Id: `m${j}`, MessageBody: `message ${i + j}`, MessageAttributes: { n: { DataType: 'Number', StringValue: String(i + j) } } }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
    }
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'bench' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'bench', logStreamName: 'bench' }));
    // Events within the last hour, in order, so the measured events (now) go at the end.
    const start = Date.now() - 3_600_000;
    await logs.send(new PutLogEventsCommand({ logGroupName: 'bench', logStreamName: 'bench', logEvents: Array.from({ length: n }, (_, i) => ({ timestamp: start + Math.floor((i * 3_000_000) / n), message: `event ${i} of the bench stream` })) }));
    await attach(side);
    sides.push({ side, n, sqs, logs, url });
  }
  type QueueOp = 'SendMessage' | 'DeleteMessage' | 'PutLogEvents';
  const title: Record<QueueOp, string> = {
    SendMessage: 'SendMessage into a queue',
    DeleteMessage: 'ReceiveMessage + DeleteMessage of one message from a queue',
    PutLogEvents: 'PutLogEvents (one event) into a log stream',
  };
  try {
    for (const op of ['SendMessage', 'DeleteMessage', 'PutLogEvents'] as const) {
      const contenders: Record<string, Contender> = {};
      const written = sides.map(({ side }) => (side.persistence as Persistence).stats.written);
      for (const { side, sqs, logs, url } of sides) {
        let i = 0;
        const run = async () => {
          const k = i++;
          if (op === 'SendMessage') await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `sent ${k}`, MessageAttributes: { n: { DataType: 'Number', StringValue: String(k) } } }));
          else if (op === 'PutLogEvents') await logs.send(new PutLogEventsCommand({ logGroupName: 'bench', logStreamName: 'bench', logEvents: [{ timestamp: Date.now(), message: `put ${k}` }] }));
          else {
            const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }));
            const handle = got.Messages?.[0]?.ReceiptHandle;
            if (!handle) throw new Error('ReceiveMessage found no message');
            await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: handle }));
          }
        };
        contenders[side.name] = { run, served: answered(side.dispatcher, op === 'PutLogEvents' ? 'logs' : 'sqs', op) };
      }
      const p = plan('PutItem', large, false);
      await compare('persist', `In-process ${title[op]} with a state directory, ${large.toLocaleString('en')} vs ${small.toLocaleString('en')} held`, contenders, {
        ...p,
        baseline: smallName,
        atMost: { [largeName]: 3 },
        get note() {
          const flushes = sides.map(({ side }, k) => (side.persistence as Persistence).stats.written - written[k]);
          return `flushes written: ${flushes.join(', ')} for ${p.warmup + p.rounds * p.callsPerRound} measured calls each`;
        },
      });
      for (const [k, { side }] of sides.entries()) checkFlushes('PutItem', (side.persistence as Persistence).stats.written - written[k], p);
    }
  } finally {
    for (const { side } of sides) await finish(side);
  }
}

async function main(): Promise<void> {
  const only = process.env.MOCKAWS_BENCH_PERSIST_ONLY; // growth | logs | queues | in-process | server: one part (for A/B runs)
  if (!only || only === 'growth') await growthRuns();
  if (!only || only === 'logs') await logGrowthRuns();
  if (!only || only === 'queues') await queueGrowthRuns();
  if (!only || only === 'in-process') for (const n of SIZES) await inProcessRuns(n);
  if (!only || only === 'server') for (const n of SIZES) await serverRuns(n);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
