/**
 * A sorted list kept in chunks (a flat B-tree of one level): inserts and
 * deletes move at most one chunk, seeks are two binary searches, iteration
 * walks forward or backward from any position. The ordered index under the
 * services: DynamoDB's partitions, items and TTL queue (Query pages and Scan
 * resumes are O(log n + page) on top of it), and sorted-keys.ts's key sets
 * behind List* pagination.
 */

/** Where x lies relative to a target: negative before, 0 at, positive after. */
export type Probe<T> = (x: T) => number;

const CHUNK = 256;

/**
 * An ordering as an object: a class instance (or an object holding a
 * module-level function) can be saved by the state directory and copied by
 * snapshots, where a closure made at run time could not be.
 */
export interface Order<T> {
  compare(a: T, b: T): number;
}

export class SortedList<T> {
  private chunks: T[][] = [];
  size = 0;
  private readonly order: Order<T>;

  constructor(order: Order<T> | ((a: T, b: T) => number)) {
    this.order = typeof order === 'function' ? { compare: order } : order;
  }

  /** Index of the first chunk whose last element is not before the probe (or the end). */
  private chunkFor(probe: Probe<T>, strict: boolean): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const last = this.chunks[mid][this.chunks[mid].length - 1];
      const c = probe(last);
      if (c < 0 || (strict && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First position whose element is >= (or > when strict) the probe target. */
  private lowerBound(probe: Probe<T>, strict: boolean): [number, number] {
    const c = this.chunkFor(probe, strict);
    if (c === this.chunks.length) return [c, 0];
    const chunk = this.chunks[c];
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = probe(chunk[mid]);
      if (r < 0 || (strict && r === 0)) lo = mid + 1;
      else hi = mid;
    }
    return [c, lo];
  }

  /** Inserts x, replacing (and returning) an element equal to it. */
  insert(x: T): T | undefined {
    const probe = (y: T) => this.order.compare(y, x);
    if (this.chunks.length === 0) {
      this.chunks.push([x]);
      this.size = 1;
      return undefined;
    }
    let [c, i] = this.lowerBound(probe, false);
    if (c === this.chunks.length) {
      c -= 1;
      i = this.chunks[c].length;
    }
    const chunk = this.chunks[c];
    if (i < chunk.length && probe(chunk[i]) === 0) {
      const old = chunk[i];
      chunk[i] = x;
      return old;
    }
    chunk.splice(i, 0, x);
    this.size += 1;
    if (chunk.length > CHUNK * 2) this.chunks.splice(c, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK));
    return undefined;
  }

  /** Removes the element equal to x; returns it. */
  remove(x: T): T | undefined {
    const probe = (y: T) => this.order.compare(y, x);
    const [c, i] = this.lowerBound(probe, false);
    const chunk = this.chunks[c];
    if (!chunk || i >= chunk.length || probe(chunk[i]) !== 0) return undefined;
    const [old] = chunk.splice(i, 1);
    this.size -= 1;
    if (chunk.length === 0) this.chunks.splice(c, 1);
    return old;
  }

  find(probe: Probe<T>): T | undefined {
    const [c, i] = this.lowerBound(probe, false);
    const x = this.chunks[c]?.[i];
    return x !== undefined && probe(x) === 0 ? x : undefined;
  }

  /**
   * Walks from a probe: forward from the first element >= target (> when
   * exclusive), backward from the last element <= target (< when exclusive).
   * Without a probe, from the first or last element.
   */
  *walk(probe: Probe<T> | undefined, forward: boolean, exclusive = false): Generator<T> {
    let c: number;
    let i: number;
    if (forward) {
      [c, i] = probe ? this.lowerBound(probe, exclusive) : [0, 0];
      for (; c < this.chunks.length; c++, i = 0) {
        const chunk = this.chunks[c];
        for (; i < chunk.length; i++) yield chunk[i];
      }
      return;
    }
    if (probe) {
      [c, i] = this.lowerBound(probe, !exclusive);
      i -= 1;
      if (i < 0) {
        c -= 1;
        i = c >= 0 ? this.chunks[c].length - 1 : -1;
      }
    } else {
      c = this.chunks.length - 1;
      i = c >= 0 ? this.chunks[c].length - 1 : -1;
    }
    for (; c >= 0; c--) {
      const chunk = this.chunks[c];
      if (i >= chunk.length) i = chunk.length - 1;
      for (; i >= 0; i--) yield chunk[i];
      i = Number.MAX_SAFE_INTEGER;
    }
  }
}
