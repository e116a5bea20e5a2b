/**
 * Real SDK programs under each test runner, importing the BUILT package as a
 * user would (test/fixtures/node_modules/mockaws, built by tsup): jest with
 * the `mockaws/jest` setup files, vitest with `mockaws/vitest`, node:test
 * with `node --import mockaws/register`. Slow (child processes): kept few.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURES, REPO, installPackage } from '../fixtures/install-package';

interface Run {
  code: number;
  output: string;
}

function run(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env: { ...process.env, CI: 'true', NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, output: `${stdout}\n${stderr}` });
    });
  });
}

const bin = (...parts: string[]) => join(REPO, 'node_modules', ...parts);

describe('the built package under real test runners', () => {
  beforeAll(() => installPackage(), 120_000);

  it('runs a jest project with setupFiles mockaws/jest and the matchers', async () => {
    const dir = join(FIXTURES, 'jest-project');
    const result = await run([bin('jest', 'bin', 'jest.js'), '--config', join(dir, 'jest.config.js'), '--runInBand'], dir);
    expect(result.output).toMatch(/Tests:\s+5 passed, 5 total/);
    expect(result.code).toBe(0);
  }, 120_000);

  it('runs a vitest project with setupFiles mockaws/vitest', async () => {
    const dir = join(FIXTURES, 'vitest-project');
    const result = await run([bin('vitest', 'vitest.mjs'), 'run', '--config', join(dir, 'vitest.config.mjs')], dir);
    expect(result.output).toMatch(/Tests\s+4 passed \(4\)/);
    expect(result.code).toBe(0);
  }, 120_000);

  it('runs node:test files under node --import mockaws/register', async () => {
    const dir = join(FIXTURES, 'node-project');
    const result = await run(['--import', 'mockaws/register', '--test', 'identity.test.mjs', 'copies.test.cjs'], dir);
    expect(result.output).toMatch(/# pass 4/);
    expect(result.output).toMatch(/# fail 0/);
    expect(result.code).toBe(0);
  }, 120_000);
});
