/**
 * Start-up cost: `require('mockaws')` + `mockAws()` in a fresh process,
 * against importing an SDK client alone (what every test file pays anyway).
 * Each figure is the median of fresh `node` processes, timed inside the
 * process with hrtime (process start-up itself excluded). Needs dist/
 * (`npm run build`): it measures the package as users load it.
 *
 *   npx esbuild bench/startup.ts --bundle --platform=node --packages=external --outfile=.tmp/bench-startup.cjs && node .tmp/bench-startup.cjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist', 'index.js');
const RUNS = Number(process.env.RUNS ?? 15);

const scripts: Record<string, string> = {
  'require @aws-sdk/client-s3 (the SDK client alone)': `
    const t0 = process.hrtime.bigint();
    require('@aws-sdk/client-s3');
    console.log(Number(process.hrtime.bigint() - t0) / 1e6);`,
  "require('mockaws')": `
    const t0 = process.hrtime.bigint();
    require(${JSON.stringify(DIST)});
    console.log(Number(process.hrtime.bigint() - t0) / 1e6);`,
  "require('mockaws') + mockAws(), before this change (the interceptors loaded at mockAws())": `
    const t0 = process.hrtime.bigint();
    const { mockAws } = require(${JSON.stringify(DIST)});
    require('@mswjs/interceptors/ClientRequest'); require('@mswjs/interceptors/fetch'); require('@mswjs/interceptors');
    const m = mockAws();
    console.log(Number(process.hrtime.bigint() - t0) / 1e6);
    m.stop();`,
  "require('mockaws') + mockAws()": `
    const t0 = process.hrtime.bigint();
    const { mockAws } = require(${JSON.stringify(DIST)});
    const m = mockAws();
    console.log(Number(process.hrtime.bigint() - t0) / 1e6);
    m.stop();`,
  "mockAws() + the first raw fetch to AWS (loads nothing more: fetch is answered by the gate)": `
    const { mockAws } = require(${JSON.stringify(DIST)});
    (async () => {
      const t0 = process.hrtime.bigint();
      const m = mockAws();
      await fetch('https://sts.amazonaws.com/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
      console.log(Number(process.hrtime.bigint() - t0) / 1e6);
      m.stop();
    })();`,
  'mockAws() + the first https.request to AWS (loads the ClientRequest interceptor)': `
    const { mockAws } = require(${JSON.stringify(DIST)});
    const https = require('node:https');
    const t0 = process.hrtime.bigint();
    const m = mockAws();
    https.get('https://s3.amazonaws.com/', (res) => {
      res.resume();
      res.on('end', () => { console.log(Number(process.hrtime.bigint() - t0) / 1e6); m.stop(); });
    });`,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

if (!existsSync(DIST)) {
  console.error('bench/startup: build first (npm run build)');
  process.exit(1);
}
console.log(`node ${process.version}, median of ${RUNS} fresh processes each, interleaved (ms, timed inside the process)`);
const times = new Map<string, number[]>(Object.keys(scripts).map((label) => [label, []]));
for (let i = 0; i < RUNS; i++) {
  // Interleaved: a burst of load from elsewhere on the machine hits every variant alike.
  for (const [label, script] of Object.entries(scripts)) {
    const out = execFileSync(process.execPath, ['--no-deprecation', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    times.get(label)?.push(Number(out.toString().trim().split('\n').at(-1)));
  }
}
for (const [label, values] of times) {
  console.log(`${median(values).toFixed(1).padStart(7)}  ${label}  (min ${Math.min(...values).toFixed(1)})`);
}
