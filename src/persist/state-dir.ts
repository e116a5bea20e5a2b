/**
 * The files of a state directory and their crash-safe writes:
 *
 *   DIR/manifest.json          {"format":4,"mockaws":"<version>"}: refused when newer
 *   DIR/state.json             the index: which segments hold the state, in what order
 *                              (format 1: the whole encoded state, still read)
 *   DIR/segments/<sha256>.json one segment: the encoded state of some backends (src/persist/segments.ts),
 *                              or one chunk of a large Map a segment names (format 3, src/persist/records.ts),
 *                              of a large log or a frozen value (format 4, src/persist/logs.ts, segments.ts)
 *   DIR/blobs/<sha256>         byte arrays of 32 KiB and more, written once each
 *
 * Segments and blobs are named by their content and never rewritten; the
 * index is written whole to a temporary name, fsynced, renamed over the old
 * one, and the directory fsynced: after a crash (kill -9, power loss) the
 * index is either the old or the new one, never a mix. Segments and blobs
 * are durable before the index that names them, so an index on disk never
 * points at a missing file; what no index names any more is deleted after.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { PersistError } from './encode';

/** The format this version writes; a directory written in a newer one is refused. */
export const FORMAT = 4;

export interface Manifest {
  format: number;
  mockaws: string;
}

export class StateDir {
  readonly blobDir: string;
  readonly segmentDir: string;
  private readonly statePath: string;
  /** Blobs known to be on disk (written or found). */
  private readonly present = new Set<string>();
  /** Segments known to be on disk. */
  private readonly segments = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly version: string,
  ) {
    this.blobDir = join(dir, 'blobs');
    this.segmentDir = join(dir, 'segments');
    this.statePath = join(dir, 'state.json');
  }

  /** Creates the directory or checks its manifest; throws a PersistError naming a newer format. */
  open(): void {
    mkdirSync(this.blobDir, { recursive: true });
    mkdirSync(this.segmentDir, { recursive: true });
    const path = join(this.dir, 'manifest.json');
    if (existsSync(path)) {
      let manifest: Manifest;
      try {
        manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
      } catch (err) {
        throw new PersistError(`mockaws: ${path} is not a mockaws manifest (${(err as Error).message})`);
      }
      if (!Number.isInteger(manifest.format) || manifest.format > FORMAT) {
        throw new PersistError(
          `mockaws: the state in ${this.dir} is in format ${manifest.format} (written by mockaws ${manifest.mockaws}); ` +
            `this mockaws (${this.version}) reads format ${FORMAT} and older. Upgrade mockaws or use another --state-dir.`,
        );
      }
    }
    this.writeAtomic(path, `${JSON.stringify({ format: FORMAT, mockaws: this.version } satisfies Manifest)}\n`);
    for (const name of readdirSync(this.blobDir)) {
      if (/^[0-9a-f]{64}$/.test(name)) this.present.add(name);
      else if (name.endsWith('.tmp')) rmSync(join(this.blobDir, name), { force: true }); // a write a crash cut short
    }
    for (const name of readdirSync(this.segmentDir)) {
      if (/^[0-9a-f]{64}\.json$/.test(name)) this.segments.add(name.slice(0, 64));
      else if (name.endsWith('.tmp')) rmSync(join(this.segmentDir, name), { force: true });
    }
    for (const name of readdirSync(this.dir)) if (name.endsWith('.tmp')) rmSync(join(this.dir, name), { force: true });
  }

  /** The saved state's text, if any. */
  readState(): string | undefined {
    return existsSync(this.statePath) ? readFileSync(this.statePath, 'utf8') : undefined;
  }

  readBlob(sha256: string): Buffer {
    try {
      return readFileSync(join(this.blobDir, sha256));
    } catch {
      throw new PersistError(`mockaws: the saved state names the blob ${sha256}, which is missing from ${this.blobDir}`);
    }
  }

  readSegment(sha256: string): string {
    try {
      return readFileSync(join(this.segmentDir, `${sha256}.json`), 'utf8');
    } catch {
      throw new PersistError(`mockaws: the saved state names the segment ${sha256}, which is missing from ${this.segmentDir}`);
    }
  }

  /**
   * Writes the blobs and segments not yet on disk, then the index: each durable before the next step.
   * The files and the index's temporary copy are written and fsynced at once (in the thread pool), so
   * a flush waits for three fsyncs in a row (the files, their directory, the index's directory) however
   * many files it writes; the index is renamed into place only after every file and directory is durable.
   */
  async commit(index: string, segments: Map<string, string>, blobs: Map<string, Uint8Array>): Promise<void> {
    const inDir = async (dir: string, files: Array<[string, string | Uint8Array]>, known: Set<string>, name: (sha: string) => string) => {
      const fresh = files.filter(([sha]) => !known.has(sha));
      if (fresh.length === 0) return;
      await settled(
        fresh.map(async ([sha, data]) => {
          const path = join(dir, name(sha));
          renameSync(await writeDurable(path, data), path);
        }),
      );
      await syncDirAsync(dir);
      for (const [sha] of fresh) known.add(sha);
    };
    const [temp] = await settled([
      writeDurable(this.statePath, index),
      inDir(this.blobDir, [...blobs], this.present, (sha) => sha),
      inDir(this.segmentDir, [...segments], this.segments, (sha) => `${sha}.json`),
    ]);
    renameSync(temp, this.statePath);
    await syncDirAsync(this.dir);
  }

  /** Deletes the blobs and segments the index on disk no longer names (once that index is durable). */
  collect(keepBlobs: ReadonlySet<string>, keepSegments: ReadonlySet<string>): void {
    for (const sha of [...this.present]) {
      if (keepBlobs.has(sha)) continue;
      rmSync(join(this.blobDir, sha), { force: true });
      this.present.delete(sha);
    }
    for (const sha of [...this.segments]) {
      if (keepSegments.has(sha)) continue;
      rmSync(join(this.segmentDir, `${sha}.json`), { force: true });
      this.segments.delete(sha);
    }
  }

  private writeAtomic(path: string, data: string | Uint8Array, syncParent = true): void {
    const temp = `${path}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let off = 0;
      while (off < bytes.byteLength) off += writeSync(fd, bytes, off, bytes.byteLength - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    if (syncParent) syncDir(join(path, '..'));
  }
}

/** Promise.all that, on a failure, still waits for the rest: no write of this flush outlives it (the next reuses its names). */
async function settled<T extends readonly unknown[]>(promises: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(promises);
  for (const r of results) if (r.status === 'rejected') throw r.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/** Writes `data` to a temporary name beside `path` and fsyncs it; answers the temporary name. */
async function writeDurable(path: string, data: string | Uint8Array): Promise<string> {
  const temp = `${path}.${process.pid}.tmp`;
  const file = await open(temp, 'w');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  return temp;
}

async function syncDirAsync(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
