/**
 * How a large `persistLog` array (src/core/persist-hints.ts: a DynamoDB
 * stream's records, a PITR change log) is cut into chunks, so a flush costs
 * what was appended, not the length of the log.
 *
 * A chunk is a run of consecutive entries; it is sealed once it holds about
 * √n entries (n: the log's length when the chunk was begun), so only the
 * last chunk is ever encoded again. A trim at the front moves `skip` (the
 * entries of the first chunk the log no longer holds, dropped on decode)
 * and forgets chunks wholly trimmed: no chunk is rewritten for it.
 *
 * The log is followed by identity, without calls from the service: at each
 * flush its first entry is looked for among the entries known (what was
 * trimmed: O(entries trimmed)), its last known entry must still be where it
 * was, and what follows it was appended. Every position is compared at each
 * periodic check. A log changed any other way fails the check and is then
 * saved whole (src/persist/segments.ts).
 */
import { type Chunk, type Chunked, appendToLast, capacity } from './records';

/** A chunk file already on disk that a restored log's entries came from. */
export interface SavedPart {
  sha: string;
  /** Entries of this log it gave (the first part: those after the saved skip). */
  count: number;
  blobs: ReadonlySet<string>;
}

export class LogLayout implements Chunked {
  chunks: Chunk[] = [];
  /** Entries at the front of the first chunk that the log no longer holds. */
  skip = 0;
  /** Entries of the log the chunks hold (after skip). */
  private known = 0;
  group: unknown;

  constructor(readonly target: unknown[]) {}

  /** A layout for a log just restored from `parts`, so the chunks on disk are not written again. */
  static restored(log: unknown[], parts: SavedPart[], savedSkip: number): LogLayout {
    const layout = new LogLayout(log);
    let at = 0;
    for (const [i, part] of parts.entries()) {
      if (part.count === 0) continue;
      const keys = log.slice(at, at + part.count);
      at += part.count;
      // The first chunk came back without its trimmed entries: its file is not what it holds now.
      const same = i > 0 || savedSkip === 0;
      layout.chunks.push({ kind: 'chunk', layout, keys, dirty: !same, dead: false, sha: same ? part.sha : undefined, blobs: same ? part.blobs : new Set() });
    }
    layout.known = at;
    return layout;
  }

  contents(chunk: Chunk): unknown[] {
    return chunk.keys;
  }

  drop(): void {
    for (const chunk of this.chunks) chunk.dead = true;
    this.chunks = [];
    this.known = 0;
    this.skip = 0;
  }

  /**
   * Takes the log's trims and appends since the last flush into the chunks. False when it changed
   * any other way (an entry replaced, reordered, not an object): it must then be saved whole.
   */
  follow(everyEntry: boolean): boolean {
    const log = this.target;
    if (this.known > 0) {
      const trimmed = this.trimmed(log.length > 0 ? log[0] : undefined);
      if (trimmed > 0) this.trim(trimmed);
    }
    const known = this.known;
    if (log.length < known) return false;
    if (known > 0) {
      const last = this.chunks[this.chunks.length - 1];
      if (log[known - 1] !== last.keys[last.keys.length - 1]) return false;
      if (everyEntry) {
        let i = 0;
        for (const [c, chunk] of this.chunks.entries()) {
          for (let j = c === 0 ? this.skip : 0; j < chunk.keys.length; j++) if (log[i++] !== chunk.keys[j]) return false;
        }
      }
    }
    const cap = capacity(log.length);
    for (let i = known; i < log.length; i++) {
      const entry = log[i];
      if (typeof entry !== 'object' || entry === null) return false; // identity would not tell two apart
      this.append(entry, cap);
    }
    return true;
  }

  /** How many known entries come before `head` (all of them when it is none of them). */
  private trimmed(head: unknown): number {
    let n = 0;
    for (const [c, chunk] of this.chunks.entries()) {
      for (let j = c === 0 ? this.skip : 0; j < chunk.keys.length; j++) {
        if (chunk.keys[j] === head) return n;
        n++;
      }
    }
    return n;
  }

  private trim(n: number): void {
    this.known -= n;
    this.skip += n;
    while (this.chunks.length > 0 && this.skip >= this.chunks[0].keys.length) {
      const gone = this.chunks.shift() as Chunk;
      this.skip -= gone.keys.length;
      gone.dead = true;
    }
  }

  private append(entry: unknown, cap: number): void {
    appendToLast(this, entry, cap);
    this.known++;
  }
}
