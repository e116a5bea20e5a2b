// Builds and runs the benchmarks one after another: `npm run bench [-- name ...]`.
// Each bench/*.ts is bundled with esbuild (the SDK stays external) and run in its own process; the
// tables it records are merged into bench/results/latest.json (a bench not run keeps its last
// result, with its own date and load), from which docs/performance.md is regenerated (bench/report.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const root = new URL('..', import.meta.url);
const wanted = process.argv.slice(2);
const names = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 's3-coverage.ts')
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.length === 0 || wanted.includes(n));

const latestFile = new URL('results/latest.json', import.meta.url);
mkdirSync(new URL('results/', import.meta.url), { recursive: true });
mkdirSync(new URL('.tmp/', root), { recursive: true });
const latest = existsSync(latestFile) ? JSON.parse(readFileSync(latestFile, 'utf8')) : { benches: {} };
const failed = [];

for (const name of names) {
  const out = `.tmp/bench-${name}.cjs`;
  const json = `.tmp/bench-${name}.json`;
  rmSync(json, { force: true });
  execFileSync('npx', ['esbuild', `bench/${name}.ts`, '--bundle', '--platform=node', '--packages=external', `--outfile=${out}`, '--log-level=warning'], { stdio: 'inherit' });
  console.log(`\n=== bench/${name}.ts`);
  const loadBefore = loadavg();
  try {
    execFileSync(process.execPath, ['--expose-gc', '--no-deprecation', out], {
      stdio: 'inherit',
      env: { ...process.env, MOCKAWS_BENCH_OUT: json, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
  } catch {
    failed.push(name);
    continue;
  }
  if (!existsSync(json)) continue;
  const tables = JSON.parse(readFileSync(json, 'utf8'));
  if (tables.length === 0) continue;
  latest.benches[name] = { at: new Date().toISOString(), loadBefore, loadAfter: loadavg(), tables };
}

latest.machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, platform: `${process.platform} ${process.arch}` };
writeFileSync(latestFile, `${JSON.stringify(latest, null, 1)}\n`);
execFileSync(process.execPath, [new URL('report.mjs', import.meta.url).pathname], { stdio: 'inherit' });
if (failed.length > 0) {
  console.error(`\nbench: ${failed.join(', ')} failed (their last results were kept)`);
  process.exit(1);
}
