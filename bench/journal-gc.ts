/**
 * What the call journal costs the garbage collector, per in-process GetItem.
 *
 * Every call mockAws() answers is kept in its journal (m.calls(): the request,
 * the response, the parsed input and the output; the last 10,000 by default).
 * Those entries outlive the young generation's collections, so V8 copies them
 * into the old generation: work the SDK floor never pays. Interleaved rounds in
 * one process cannot attribute that work (a collection runs in whichever round
 * allocates next), so each contender runs in its own process here, under
 * `--trace-gc-nvp`, alternating over rounds:
 *   - SDK floor: the canned handler (bench/support/floor.ts);
 *   - mockaws, the default journal;
 *   - mockaws with `journalLimit: 0` (keeps no calls).
 * Bytes allocated and promoted per call are counted by V8 and do not depend on
 * the machine's load; pause and CPU times do, and are given beside them.
 * Preconditions: every measured call got the item back, and the mockaws
 * processes' journals hold what their limit says.
 *
 *   npm run bench -- journal-gc
 */
import { execFileSync } from 'node:child_process';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mockAws } from '../src/mock';
import { spread } from './support/compare';
import { BENCH_CREDENTIALS, cannedJsonHandler } from './support/floor';
import { record } from './support/results';
import { typicalItem } from './support/typical-item';

const MODES = ['floor', 'journal', 'no-journal'] as const;
type Mode = (typeof MODES)[number];
const NAMES: Record<Mode, string> = {
  floor: 'SDK floor',
  journal: 'mockaws, default journal (10,000 calls)',
  'no-journal': 'mockaws, journalLimit: 0',
};
const WARMUP = 5_000;
const CALLS = 10_000;
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const START = 'journal-gc: measure start';

const item = typicalItem;

async function child(mode: Mode): Promise<void> {
  const region = 'us-east-1';
  const credentials = BENCH_CREDENTIALS;
  const m = mode === 'floor' ? undefined : mockAws({ journalLimit: mode === 'journal' ? 10_000 : 0 });
  const floor = cannedJsonHandler(JSON.stringify({ Item: item(1) }));
  const client = new DynamoDBClient({ region, credentials, ...(m ? {} : { requestHandler: floor as never }) });
  if (m) {
    await client.send(
      new CreateTableCommand({
        TableName: 'bench',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (let i = 0; i < 1000; i++) await client.send(new PutItemCommand({ TableName: 'bench', Item: item(i) }));
  }
  const get = async (i: number) => {
    const out = await client.send(new GetItemCommand({ TableName: 'bench', Key: { pk: { S: `k${i % 1000}` } } }));
    if (!out.Item?.name) throw new Error('GetItem found no item');
  };
  for (let i = 0; i < WARMUP; i++) await get(i);
  console.log(START);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await get(i);
  const wallUs = Number(process.hrtime.bigint() - t0) / 1e3 / CALLS;
  const cpu = process.cpuUsage(cpu0);
  const kept = m ? m.calls().length : 0;
  const expected = mode === 'journal' ? [10_000, 20_000] : [0, 0];
  if (kept < expected[0] || kept > expected[1]) throw new Error(`journal kept ${kept} calls`);
  if (!m && floor.calls !== WARMUP + CALLS) throw new Error(`floor answered ${floor.calls} calls`);
  console.log(`journal-gc: ${JSON.stringify({ cpuUs: (cpu.user + cpu.system) / CALLS, wallUs, kept })}`);
  m?.stop();
}

interface Run {
  allocated: number;
  promoted: number;
  scavengeMs: number;
  otherMs: number;
  cpuUs: number;
  wallUs: number;
}

/** The measured part of a child's output: V8's `--trace-gc-nvp` lines after the start mark, and the child's figures. */
function parse(output: string): Run {
  const lines = output.slice(output.indexOf(START)).split('\n');
  let allocated = 0;
  let promoted = 0;
  let scavengeMs = 0;
  let otherMs = 0;
  let cpuUs = Number.NaN;
  let wallUs = Number.NaN;
  for (const line of lines) {
    if (line.startsWith('journal-gc: {')) ({ cpuUs, wallUs } = JSON.parse(line.slice('journal-gc: '.length)));
    const pause = /\bpause=([\d.]+)/.exec(line);
    if (!pause) continue;
    allocated += Number(/\ballocated=(\d+)/.exec(line)?.[1] ?? 0);
    promoted += Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? 0);
    if (/\bgc=s\b/.test(line)) scavengeMs += Number(pause[1]);
    else otherMs += Number(pause[1]);
  }
  if (Number.isNaN(cpuUs)) throw new Error('a child printed no figures');
  return { allocated, promoted, scavengeMs, otherMs, cpuUs, wallUs };
}

async function main(): Promise<void> {
  const runs: Record<Mode, Run[]> = { floor: [], journal: [], 'no-journal': [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < MODES.length; k++) {
      const mode = MODES[(round + k) % MODES.length];
      const output = execFileSync(process.execPath, ['--trace-gc-nvp', '--no-deprecation', __filename, 'child', mode], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, MOCKAWS_BENCH_OUT: '' },
      });
      runs[mode].push(parse(output));
    }
  }
  const median = (xs: number[]) => spread(xs).median;
  const floorPromoted = median(runs.floor.map((r) => r.promoted));
  record({
    bench: 'journal-gc',
    title: 'What the call journal costs the garbage collector, per in-process GetItem (one process per contender)',
    unit: 'bytes promoted per call',
    vs: NAMES.floor,
    rounds: ROUNDS,
    callsPerRound: CALLS,
    preconditions: 'every call got its item; the journals held 10,000–20,000 and 0 calls',
    rows: MODES.map((mode) => {
      const rs = runs[mode];
      const promoted = median(rs.map((r) => r.promoted / CALLS));
      return {
        name: NAMES[mode],
        value: promoted,
        ratio: spread(rs.map((r) => r.promoted / floorPromoted)),
        detail:
          `allocated ${median(rs.map((r) => r.allocated / CALLS)).toFixed(0)} B/call, ` +
          `young-generation pauses ${median(rs.map((r) => (r.scavengeMs * 1000) / CALLS)).toFixed(1)} µs/call, ` +
          `other GC ${median(rs.map((r) => (r.otherMs * 1000) / CALLS)).toFixed(1)} µs/call, ` +
          `wall ${median(rs.map((r) => r.wallUs)).toFixed(0)} µs/call, ` +
          // Process CPU counts V8's helper threads too (concurrent marking of a larger old generation).
          `CPU of all threads ${median(rs.map((r) => r.cpuUs)).toFixed(0)} µs/call`,
      };
    }),
  });
}

if (process.argv[2] === 'child') {
  child(process.argv[3] as Mode).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
