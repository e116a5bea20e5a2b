/**
 * `mockaws server --port 0` in a child process, for the server benchmarks:
 * the CLI is bundled next to the repo's node_modules (so the SDK packages it
 * requires resolve) and started; resolves with its URL and pid.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export async function childServer(
  name: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ url: string; pid: number; stop: () => void }> {
  const outfile = join(process.cwd(), '.tmp', `bench-${name}-cli.cjs`);
  buildSync({ entryPoints: ['src/server/cli.ts'], bundle: true, platform: 'node', packages: 'external', outfile, logLevel: 'warning' });
  const child = spawn(process.execPath, ['--no-deprecation', outfile, 'server', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /AWS_ENDPOINT_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { url, pid: child.pid ?? 0, stop: () => child.kill('SIGTERM') };
}
