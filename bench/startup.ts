/**
 * Start-up: a fresh `node` process's import + first DynamoDB call, timed
 * inside the process (process start-up itself excluded):
 *   - SDK alone: require the client, one ListTables answered by a canned
 *     response (what a test file pays without any fake);
 *   - mockaws: require('mockaws') (dist/, as users load it) + the client +
 *     mockAws() + one ListTables answered by the fake.
 * Processes alternate (order rotating), and the ratio is taken per round; a
 * second SDK-alone process in each round is the noise control.
 * Each process reports wall time and its own CPU time (`process.cpuUsage`):
 * start-up is CPU-bound, and on a shared machine the CPU time is the figure
 * other processes' load distorts least. The mockaws process also reports what
 * each step cost (import, mockAws(), the first call).
 * Preconditions: each process prints what its call answered, checked here.
 * Needs dist/ (`npm run build`).
 *
 * With STARTUP_INSTRUCTIONS=<rounds> (and valgrind on the PATH) the same
 * scripts are also run under valgrind's callgrind, which counts the
 * instructions each process retires: a figure other processes' load does not
 * move, so an A/B of two builds resolves a change of 1% where CPU time at a
 * load of 5–10 does not (about 14 s a process; bench/notes.md, round 6).
 *
 *   npm run bench -- startup
 *   STARTUP_INSTRUCTIONS=3 npm run bench -- startup
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spread } from './support/compare';
import { record } from './support/results';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist', 'index.js');
const RUNS = Number(process.env.RUNS ?? 15);

const START = `
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const cpu = () => { const c = process.cpuUsage(c0); return (c.user + c.system) / 1000; };
  const steps = {};`;

const CALL = `
  const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's' }, requestHandler: handler });
  client.send(new ListTablesCommand({})).then((out) => {
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpuMs = cpu();
    console.log(JSON.stringify({ ms, cpuMs, steps, tables: out.TableNames }));
    stop();
  });`;

const SDK_ALONE = `${START}
    const { DynamoDBClient, ListTablesCommand } = require('@aws-sdk/client-dynamodb');
    const handler = { handle: async () => {
      const { HttpResponse } = require('@smithy/core/protocols');
      return { response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Buffer.from('{"TableNames":["canned"]}') }) };
    } };
    const stop = () => {};
    ${CALL}`;

const scripts: Record<string, string> = {
  'SDK alone: import + first call (canned response)': SDK_ALONE,
  // The same process again: its ratio to the first is what noise alone does to a pair of fresh processes.
  'SDK alone (control)': SDK_ALONE,
  'mockaws: import + mockAws() + first call': `${START}
    const { mockAws } = require(${JSON.stringify(DIST)});
    steps.import = cpu();
    const { DynamoDBClient, ListTablesCommand } = require('@aws-sdk/client-dynamodb');
    steps.client = cpu();
    const m = mockAws();
    steps.mockAws = cpu();
    const handler = undefined;
    const stop = () => m.stop();
    ${CALL}`,
};
const expected: Record<string, string[]> = {
  'SDK alone: import + first call (canned response)': ['canned'],
  'SDK alone (control)': ['canned'],
  'mockaws: import + mockAws() + first call': [],
};

if (!existsSync(DIST)) {
  console.error('bench/startup: build first (npm run build)');
  process.exit(1);
}
interface Run {
  ms: number;
  cpuMs: number;
  steps: { import?: number; client?: number; mockAws?: number };
  tables: string[];
}

const names = Object.keys(scripts);
const MOCK = 'mockaws: import + mockAws() + first call';
const times = new Map<string, number[]>(names.map((n) => [n, []]));
const cpuTimes = new Map<string, number[]>(names.map((n) => [n, []]));
const stepCpu: Record<'import' | 'mockAws' | 'call', number[]> = { import: [], mockAws: [], call: [] };
for (let i = 0; i < RUNS; i++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(i + k) % names.length];
    const out = execFileSync(process.execPath, ['--no-deprecation', '-e', scripts[name]], {
      cwd: ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    const result = JSON.parse(out.toString().trim().split('\n').at(-1) ?? '{}') as Run;
    if (JSON.stringify(result.tables) !== JSON.stringify(expected[name])) {
      throw new Error(`precondition failed: ${name} answered ${JSON.stringify(result.tables)}`);
    }
    times.get(name)?.push(result.ms);
    cpuTimes.get(name)?.push(result.cpuMs);
    const { import: imported, client, mockAws } = result.steps;
    if (imported !== undefined && client !== undefined && mockAws !== undefined) {
      stepCpu.import.push(imported);
      stepCpu.mockAws.push(mockAws - client);
      stepCpu.call.push(result.cpuMs - mockAws);
    }
  }
}
const base = times.get(names[0]) ?? [];
const cpuBase = cpuTimes.get(names[0]) ?? [];
const med = (values: number[]) => spread(values).median.toFixed(1);
record({
  bench: 'startup',
  title: 'Start-up: import + first DynamoDB call in a fresh process',
  unit: 'ms',
  vs: names[0],
  rounds: RUNS,
  callsPerRound: 1,
  preconditions: 'each SDK-alone call (and its control) got the canned answer, the mockaws call the fake\'s empty table list',
  rows: names.map((name) => {
    const ms = times.get(name) ?? [];
    return {
      name,
      value: spread(ms).median,
      ratio: spread(ms.map((v, i) => v / base[i])),
      target: name === MOCK ? { max: 1.1 } : undefined,
      detail: `min ${Math.min(...ms).toFixed(1)} ms`,
    };
  }),
});
record({
  bench: 'startup',
  title: 'Start-up, CPU time of the same processes',
  unit: 'ms of CPU',
  vs: names[0],
  rounds: RUNS,
  callsPerRound: 1,
  preconditions: 'as above (the same processes)',
  rows: names.map((name) => {
    const ms = cpuTimes.get(name) ?? [];
    return {
      name,
      value: spread(ms).median,
      ratio: spread(ms.map((v, i) => v / cpuBase[i])),
      target: name === MOCK ? { max: 1.1 } : undefined,
      detail:
        name === MOCK
          ? `import ${med(stepCpu.import)} ms (the SDK's shared modules included), mockAws() ${med(stepCpu.mockAws)} ms, client + first call ${med(stepCpu.call)} ms`
          : `min ${Math.min(...ms).toFixed(1)} ms`,
    };
  }),
});

/**
 * Instructions a script's process retires (callgrind), without OpenSSL's: its
 * set-up at process start runs a prime test whose length varies by ±5M
 * instructions from run to run and has nothing to do with what is compared.
 */
function instructions(script: string, name: string | undefined, dir: string): number {
  const file = join(dir, 'callgrind.out');
  const out = execFileSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${file}`, process.execPath, '--no-deprecation', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (name !== undefined) {
    const result = JSON.parse(out.toString().trim().split('\n').at(-1) ?? '{}') as Run;
    if (JSON.stringify(result.tables) !== JSON.stringify(expected[name])) {
      throw new Error(`precondition failed: ${name} answered ${JSON.stringify(result.tables)} under valgrind`);
    }
  }
  const annotated = execFileSync('callgrind_annotate', ['--threshold=100', file], { maxBuffer: 256 * 1024 * 1024 }).toString();
  let total = 0;
  for (const line of annotated.split('\n')) {
    const match = /^\s*([\d,]+) \([^)]*\)\s+(.*)$/.exec(line);
    if (!match || match[2].includes('PROGRAM TOTALS') || /sprp|ossl|OPENSSL|CRYPTO|EVP_|BN_|bn_/.test(match[2])) continue;
    total += Number(match[1].replace(/,/g, ''));
  }
  return total;
}

const instructionRounds = Number(process.env.STARTUP_INSTRUCTIONS ?? 0);
let valgrind = false;
try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  valgrind = true;
} catch {}
if (instructionRounds > 0 && !valgrind) console.error('bench/startup: STARTUP_INSTRUCTIONS needs valgrind on the PATH; skipped');
if (instructionRounds > 0 && valgrind) {
  const dir = mkdtempSync(join(tmpdir(), 'mockaws-startup-'));
  // Each figure is the work above an empty process's (Node's own start-up), as the timed figures start at the script's first line.
  const work = new Map<string, number[]>(names.map((n) => [n, []]));
  try {
    for (let i = 0; i < instructionRounds; i++) {
      const empty = instructions('', undefined, dir);
      for (let k = 0; k < names.length; k++) {
        const name = names[(i + k) % names.length];
        work.get(name)?.push((instructions(scripts[name], name, dir) - empty) / 1e6);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const sdk = work.get(names[0]) ?? [];
  record({
    bench: 'startup',
    title: 'Start-up, instructions of the same scripts (valgrind callgrind, above an empty node process, OpenSSL left out)',
    unit: 'M instructions',
    vs: names[0],
    rounds: instructionRounds,
    callsPerRound: 1,
    preconditions: 'as above, each process under valgrind',
    rows: names.map((name) => {
      const counts = work.get(name) ?? [];
      return {
        name,
        value: spread(counts).median,
        ratio: spread(counts.map((v, i) => v / sdk[i])),
        target: name === MOCK ? { max: 1.1 } : undefined,
      };
    }),
  });
}
