/**
 * Peers from the npm registry, started in this process on loopback so every
 * ratio to them is measured in the same run (devDependencies of bench/ only):
 *   dynalite  DynamoDB on LevelDB (in memory),
 *   s3rver    S3 on the filesystem (a fresh temporary directory).
 * Each counts the HTTP requests its server received: the benchmarks assert it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Peer {
  url: string;
  /** HTTP requests the peer's server received. */
  served: () => number;
  stop: () => Promise<void>;
}

function counting(server: Server): () => number {
  let n = 0;
  server.on('request', () => n++);
  return () => n;
}

export async function startDynalite(): Promise<Peer> {
  const dynalite = require('dynalite') as (opts: object) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, served: counting(server), stop: () => new Promise((r) => server.close(() => r())) };
}

export async function startS3rver(): Promise<Peer> {
  const S3rver = require('s3rver') as new (opts: object) => { run(): Promise<{ port: number }>; close(): Promise<void>; httpServer: Server };
  const directory = mkdtempSync(join(tmpdir(), 'bench-s3rver-'));
  const s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const { port } = await s3rver.run();
  return {
    url: `http://127.0.0.1:${port}`,
    served: counting(s3rver.httpServer),
    stop: async () => {
      await s3rver.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
