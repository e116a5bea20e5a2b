/**
 * Every entry of the built package (mockaws, mockaws/jest,
 * mockaws/jest/matchers, mockaws/vitest, mockaws/register) resolves, with
 * its types and the matcher types, under each module resolution mode a
 * user's tsconfig may use: node10 (through typesVersions), node16 and
 * nodenext (through exports, CommonJS and ES module packages) and bundler.
 * The fixture projects are test/fixtures/types/<mode>; the compiler is the
 * TypeScript pinned in package.json. The usage files hold `@ts-expect-error`
 * lines (a typo, an unknown output member, a wrong count), so types that
 * resolved to `any` would fail the check too. skipLibCheck is on, as in the
 * projects of most users: vite's own types do not resolve under node10.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, REPO, installPackage } from '../fixtures/install-package';

const TYPES = join(FIXTURES, 'types');
const WORK = join(FIXTURES, 'node_modules', '.types');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

/** Lay a fixture project out beside the installed package; the usage files it lists become .ts files. */
function layOut(mode: string): string {
  const dir = join(WORK, mode);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(TYPES, mode), dir, { recursive: true });
  const { files } = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')) as { files: string[] };
  for (const file of files) {
    const source = file.replace(/^usage-(\w+)\.ts$/, '$1-usage.ts.txt');
    writeFileSync(join(dir, file), readFileSync(join(TYPES, 'shared', source)));
  }
  return dir;
}

function tsc(dir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: dir }, (error, stdout, stderr) => {
      resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe('the package types under each module resolution mode', () => {
  beforeAll(() => installPackage(), 600_000);

  it.each(['node10', 'node16-cjs', 'nodenext-esm', 'bundler'])('%s: every entry and the matcher types resolve', async (mode) => {
    const result = await tsc(layOut(mode));
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);
});
