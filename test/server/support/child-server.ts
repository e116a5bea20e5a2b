/**
 * A real `mockaws server` child process (the CLI bundled next to the repo's
 * node_modules, so the SDK packages it requires resolve), for tests that
 * measure the process or kill it.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export interface ChildServer {
  url: string;
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  /** Resident set size now and at its peak (VmHWM), in bytes (Linux /proc). */
  memory(): { rss: number; peak: number };
  stop(): Promise<number | null>;
}

let built: string | undefined;

/** The CLI bundled once per test process. */
export function cliBundle(): string {
  if (built) return built;
  const outDir = join(process.cwd(), '.tmp', 'server-child');
  mkdirSync(outDir, { recursive: true });
  built = join(outDir, `cli-${process.pid}.cjs`);
  buildSync({
    entryPoints: [join(process.cwd(), 'src/server/cli.ts')],
    bundle: true,
    platform: 'node',
    packages: 'external',
    outfile: built,
    logLevel: 'warning',
  });
  return built;
}

export async function startChild(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--no-deprecation', cliBundle(), 'server', '--port', '0', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /export AWS_ENDPOINT_URL=(http:\/\/\S+)\n/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${out}${err}`)));
  });
  const status = () => readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kib = (text: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) * 1024;
  return {
    url,
    child,
    stdout: () => out,
    memory() {
      const text = status();
      return { rss: kib(text, 'VmRSS'), peak: kib(text, 'VmHWM') };
    },
    stop() {
      if (child.exitCode !== null) return Promise.resolve(child.exitCode);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
}
