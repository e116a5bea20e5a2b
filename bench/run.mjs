// Builds and runs the benchmarks one after another: `npm run bench [-- name ...]`.
// Each bench/*.ts is bundled with esbuild (the SDK stays external) and run in its own process.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const wanted = process.argv.slice(2);
const names = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 's3-coverage.ts')
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.length === 0 || wanted.includes(n));

for (const name of names) {
  const out = `.tmp/bench-${name}.cjs`;
  execFileSync('npx', ['esbuild', `bench/${name}.ts`, '--bundle', '--platform=node', '--packages=external', `--outfile=${out}`, '--log-level=warning'], { stdio: 'inherit' });
  console.log(`\n=== bench/${name}.ts`);
  execFileSync(process.execPath, ['--expose-gc', '--no-deprecation', out], { stdio: 'inherit' });
}
