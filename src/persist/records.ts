/**
 * How a large `persistRecords` Map (src/core/persist-hints.ts: DynamoDB's
 * partitions, an S3 bucket's objects) is cut into chunks, so a flush
 * re-encodes the chunks whose keys were touched, not the whole Map.
 *
 * A chunk is a run of keys in the Map's insertion order: a new key goes into
 * the last chunk, so reading the chunks back in order gives the Map its
 * order again. A chunk holds about √n keys (at least MIN_CHUNK), so a write
 * re-encodes O(√n) entries and the segment naming the chunks lists O(√n)
 * files. Deletes leave chunks short; when there are far more chunks than
 * the Map needs, the layout is made again (every chunk written once more).
 */
import { trackRecords } from '../core/persist-hints';

/** Maps with fewer entries are saved whole, in their segment. */
export const CHUNKED_FROM = 256;
const MIN_CHUNK = 64;

/** What is saved in chunk files: a `persistRecords` Map (here) or a `persistLog` array (src/persist/logs.ts). */
export interface Chunked {
  /** The Map or array. */
  readonly target: object;
  chunks: Chunk[];
  /** The segment (src/persist/segments.ts) it was last encoded in. */
  group: unknown;
  /** Stops following the target; its chunks' claims are void. */
  drop(): void;
  /** What the chunk's file holds (encoded as one walk). */
  contents(chunk: Chunk): unknown[];
}

/** One chunk file's keys (a log's: entries) and what it was last written as. */
export interface Chunk {
  readonly kind: 'chunk';
  readonly layout: Chunked;
  keys: unknown[];
  /** Touched since it was last encoded. */
  dirty: boolean;
  /** No longer part of its Map's layout (emptied, or the layout was dropped): its claims are void. */
  dead: boolean;
  /** The chunk file on disk (sha256 of its text), once written. */
  sha?: string;
  /** The blob files its text names. */
  blobs: ReadonlySet<string>;
  /** Encoded in this flush, not yet applied. */
  pending?: { pass: number; sha: string; text: string; blobs: Map<string, Uint8Array> };
}

export class Layout implements Chunked {
  chunks: Chunk[] = [];
  private readonly where = new Map<unknown, Chunk>();
  group: unknown;

  constructor(readonly map: Map<unknown, unknown>) {
    const cap = capacity(map.size);
    for (const key of map.keys()) this.append(key, cap);
    trackRecords(map, (key) => this.touched(key));
  }

  get target(): object {
    return this.map;
  }

  /** `[key, value, key, value, …]` of the chunk's keys. */
  contents(chunk: Chunk): unknown[] {
    const entries: unknown[] = [];
    for (const key of chunk.keys) entries.push(key, this.map.get(key));
    return entries;
  }

  /** Are there far more chunks than the Map needs (after many deletes)? */
  get sparse(): boolean {
    return this.chunks.length > 2 * Math.ceil(this.map.size / capacity(this.map.size)) + 8;
  }

  /**
   * Do the chunks hold the Map's keys? A change no touch reported (a service bug) would otherwise
   * leave an entry out of every chunk: the count is checked at each flush, every key at each check.
   */
  matches(everyKey: boolean): boolean {
    if (this.where.size !== this.map.size) return false;
    if (everyKey) for (const key of this.map.keys()) if (!this.where.has(key)) return false;
    return true;
  }

  /** Stops following the Map; its chunks' claims are void. */
  drop(): void {
    trackRecords(this.map, undefined);
    for (const chunk of this.chunks) chunk.dead = true;
    this.chunks = [];
    this.where.clear();
  }

  private touched(key: unknown): void {
    const at = this.where.get(key);
    if (this.map.has(key)) {
      if (at) at.dirty = true;
      else this.append(key, capacity(this.map.size));
      return;
    }
    if (!at) return;
    this.where.delete(key);
    at.keys.splice(at.keys.indexOf(key), 1);
    at.dirty = true;
    if (at.keys.length === 0) {
      at.dead = true;
      this.chunks.splice(this.chunks.indexOf(at), 1);
    }
  }

  private append(key: unknown, cap: number): void {
    this.where.set(key, appendToLast(this, key, cap));
  }
}

/** Puts a key (a log's entry) at the end of a layout's last chunk, or of a new one when that one holds `cap`: the chunk it went to. */
export function appendToLast(layout: Chunked, key: unknown, cap: number): Chunk {
  let last = layout.chunks[layout.chunks.length - 1];
  if (last === undefined || last.keys.length >= cap) {
    last = { kind: 'chunk', layout, keys: [], dirty: true, dead: false, blobs: new Set() };
    layout.chunks.push(last);
  }
  last.keys.push(key);
  last.dirty = true;
  return last;
}

/** Entries per chunk for a collection of `size`: about √size, at least MIN_CHUNK. */
export function capacity(size: number): number {
  return Math.max(MIN_CHUNK, Math.ceil(Math.sqrt(size)));
}
