/**
 * The files of a state directory and their crash-safe writes:
 *
 *   DIR/manifest.json   {"format":1,"mockaws":"<version>"}: refused when newer
 *   DIR/state.json      the encoded state (src/persist/encode.ts)
 *   DIR/blobs/<sha256>  byte arrays of 32 KiB and more, written once each
 *
 * Every file is written whole to a temporary name, fsynced, renamed over the
 * old one, and the directory fsynced: after a crash (kill -9, power loss)
 * each file is either the old or the new version, never a mix. Blobs are
 * written before the state.json that names them, so a state.json on disk
 * never points at a missing blob.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PersistError } from './encode';

/** The format this version writes; a directory written in a newer one is refused. */
export const FORMAT = 1;

export interface Manifest {
  format: number;
  mockaws: string;
}

export class StateDir {
  readonly blobDir: string;
  private readonly statePath: string;
  /** Blobs known to be on disk (written or found). */
  private readonly present = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly version: string,
  ) {
    this.blobDir = join(dir, 'blobs');
    this.statePath = join(dir, 'state.json');
  }

  /** Creates the directory or checks its manifest; throws a PersistError naming a newer format. */
  open(): void {
    mkdirSync(this.blobDir, { recursive: true });
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

  /** Writes the blobs not yet on disk, then the state: each durable before the next step. */
  writeState(text: string, blobs: Map<string, Uint8Array>): void {
    let wrote = false;
    for (const [sha, bytes] of blobs) {
      if (this.present.has(sha)) continue;
      this.writeAtomic(join(this.blobDir, sha), bytes, false);
      this.present.add(sha);
      wrote = true;
    }
    if (wrote) syncDir(this.blobDir);
    this.writeAtomic(this.statePath, text);
  }

  /** Deletes the blobs the state on disk no longer names (once that state is durable). */
  collect(keep: ReadonlySet<string>): void {
    for (const sha of [...this.present]) {
      if (keep.has(sha)) continue;
      rmSync(join(this.blobDir, sha), { force: true });
      this.present.delete(sha);
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

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
