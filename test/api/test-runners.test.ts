/**
 * Real SDK programs under each test runner, importing the BUILT package as a
 * user would (test/fixtures/node_modules/mockaws, built by tsup): jest with
 * the `mockaws/jest` setup files, vitest with `mockaws/vitest`, node:test
 * with `node --import mockaws/register`, mocha with `--require mockaws/register`. Slow (child processes): kept few.
 *
 * Each runs as on a developer's machine: AWS_PROFILE exported, naming a
 * profile of a fake HOME whose credential_process would leave a marker file
 * (it must never run), or naming a profile that does not exist.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, REPO, installPackage } from '../fixtures/install-package';

interface Run {
  code: number;
  output: string;
}

const home = mkdtempSync(join(tmpdir(), 'mockaws-runner-home-'));
const marker = join(home, 'credential-process-ran');
mkdirSync(join(home, '.aws'));
writeFileSync(
  join(home, '.aws', 'config'),
  `[profile dev]\ncredential_process = ${process.execPath} -e "require('fs').writeFileSync(process.argv[1], 'x')" ${marker}\nregion = eu-west-3\n`,
);

/** AWS_PROFILE naming a profile of the fake HOME (`dev`) or one that does not exist. */
type Profile = 'dev' | 'missing';

function run(args: string[], cwd: string, profile: Profile): Promise<Run> {
  const env = { ...process.env, CI: 'true', NO_COLOR: '1', HOME: home, AWS_PROFILE: profile };
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, output: `${stdout}\n${stderr}` });
    });
  });
}

const bin = (...parts: string[]) => join(REPO, 'node_modules', ...parts);

describe('the built package under real test runners', () => {
  beforeAll(() => installPackage(), 600_000);
  afterAll(() => {
    const ran = existsSync(marker);
    rmSync(home, { recursive: true, force: true });
    expect(ran).toBe(false);
  });

  it('runs a jest project with setupFiles mockaws/jest and the matchers (AWS_PROFILE=dev)', async () => {
    const dir = join(FIXTURES, 'jest-project');
    const result = await run([bin('jest', 'bin', 'jest.js'), '--config', join(dir, 'jest.config.js'), '--runInBand'], dir, 'dev');
    expect(result.output).toMatch(/Tests:\s+5 passed, 5 total/);
    expect(result.code).toBe(0);
  }, 120_000);

  it('runs a vitest project with setupFiles mockaws/vitest (AWS_PROFILE naming no profile)', async () => {
    const dir = join(FIXTURES, 'vitest-project');
    const result = await run([bin('vitest', 'vitest.mjs'), 'run', '--config', join(dir, 'vitest.config.mjs')], dir, 'missing');
    expect(result.output).toMatch(/Tests\s+5 passed \(5\)/);
    expect(result.code).toBe(0);
  }, 120_000);

  it('runs a mocha project with require: mockaws/register in .mocharc (AWS_PROFILE=dev)', async () => {
    const dir = join(FIXTURES, 'mocha-project');
    const result = await run([bin('mocha', 'bin', 'mocha.js')], dir, 'dev');
    expect(result.output).toMatch(/3 passing/);
    expect(result.output).not.toMatch(/failing/);
    expect(result.code).toBe(0);
  }, 120_000);

  it.each<Profile>(['dev', 'missing'])('runs node:test files under node --import mockaws/register (AWS_PROFILE=%s)', async (profile) => {
    const dir = join(FIXTURES, 'node-project');
    // TAP output on every Node version (from Node 23 the default reporter is `spec` even when piped).
    const args = ['--import', 'mockaws/register', '--test', '--test-reporter=tap', 'identity.test.mjs', 'copies.test.cjs'];
    const result = await run(args, dir, profile);
    expect(result.output).toMatch(/# pass 4/);
    expect(result.output).toMatch(/# fail 0/);
    expect(result.code).toBe(0);
  }, 120_000);
});
