/**
 * dynalite in a child process (in-memory LevelDB), for the server benchmarks:
 * each server gets its own process, as `mockaws server` does.
 */
import { spawn } from 'node:child_process';

const SCRIPT = `
const server = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => console.log('PORT=' + server.address().port));`;

export async function dynaliteChild(): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--no-deprecation', '-e', SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() });
  let out = '';
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT=(\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`dynalite exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, stop: () => child.kill('SIGTERM') };
}
