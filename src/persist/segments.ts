/**
 * The saved state cut into segments, so a flush encodes and writes only the
 * part that changed. A unit is one backend (`b:` + registry key: service,
 * account, region), one shared state (`s:` + its key) or the issued
 * credentials (`c`); a segment holds one unit, or several that share objects.
 *
 * Each segment is its own encode() walk, so an object reached from two
 * segments would come back as two objects. Every container written is
 * claimed by its segment (a WeakMap, no copy); meeting one another segment
 * claimed merges the two into one segment for good (S3's bucket namespace,
 * shared by every account's S3 backend, joins them). A claim outlives the
 * object's removal, so a merge can be needless, never missing: after a
 * restart or a restore() the first flush walks every segment, so every
 * object is claimed before one can be missed.
 */
import { createHash } from 'node:crypto';
import type { ClassRegistry } from './classes';
import { encode } from './encode';

export interface Group {
  units: Set<string>;
  /** The segment file on disk (sha256 of its text), once written. */
  sha?: string;
  /** The blob files its text names. */
  blobs: ReadonlySet<string>;
  /** Merged into this one (the two shared an object). */
  into?: Group;
}

/** A segment whose text changed in this flush. */
export interface Written {
  group: Group;
  sha: string;
  text: string;
  blobs: Map<string, Uint8Array>;
}

/** The index (state.json): which segments hold which units, and the units' order. */
export interface Index {
  format: number;
  mockaws: string;
  order: string[];
  segments: Array<{ h: string; units: string[] }>;
}

class SharedObject extends Error {
  constructor(readonly other: Group) {
    super('an object two segments share');
  }
}

function live(group: Group): Group {
  let g = group;
  while (g.into) g = g.into;
  return g;
}

export class Segments {
  private readonly groupOf = new Map<string, Group>();
  private readonly owner = new WeakMap<object, Group>();
  /** Where the last encode met functions it could not keep. */
  dropped: string[] = [];

  constructor(
    private readonly classes: ClassRegistry,
    private readonly format: number,
  ) {}

  /** A segment read from disk. */
  adopt(units: string[], sha: string, blobs: ReadonlySet<string>): void {
    const group: Group = { units: new Set(units), sha, blobs };
    for (const unit of units) this.groupOf.set(unit, group);
  }

  /**
   * Encodes the segments of the `dirty` units, of units not seen before and
   * of units gone (`all`: every segment); answers those whose text changed.
   * Synchronous: the state cannot move under it.
   */
  encode(values: ReadonlyMap<string, unknown>, dirty: Iterable<string>, all: boolean, infrastructure: object[]): Written[] {
    const work = new Set<Group>();
    for (const [unit, group] of this.groupOf) {
      if (values.has(unit)) continue;
      this.groupOf.delete(unit);
      const g = live(group);
      g.units.delete(unit);
      work.add(g);
    }
    for (const unit of values.keys()) {
      if (this.groupOf.has(unit)) continue;
      const group: Group = { units: new Set([unit]), blobs: new Set() };
      this.groupOf.set(unit, group);
      work.add(group);
    }
    if (all) for (const group of this.groupOf.values()) work.add(live(group));
    else
      for (const unit of dirty) {
        const group = this.groupOf.get(unit);
        if (group) work.add(live(group));
      }
    this.dropped = [];
    const done = new Map<Group, Written | undefined>();
    const queue = [...work];
    while (queue.length > 0) {
      const group = live(queue.pop() as Group);
      if (done.has(group) || group.units.size === 0) continue;
      try {
        done.set(group, this.encodeGroup(group, values, infrastructure));
      } catch (err) {
        if (!(err instanceof SharedObject)) throw err;
        const other = live(err.other);
        done.delete(other);
        queue.push(this.merge(group, other));
      }
    }
    return [...done.values()].filter((w): w is Written => w !== undefined);
  }

  /** The index naming every segment, with this flush's new texts. */
  index(order: Iterable<string>, written: Written[], version: string): { text: string; segments: Set<string>; blobs: Set<string> } {
    const pending = new Map(written.map((w) => [w.group, w]));
    const doc: Index = { format: this.format, mockaws: version, order: [...order], segments: [] };
    const segments = new Set<string>();
    const blobs = new Set<string>();
    const listed = new Set<Group>();
    for (const unit of doc.order) {
      const group = live(this.groupOf.get(unit) as Group);
      if (listed.has(group)) continue;
      listed.add(group);
      const w = pending.get(group);
      const sha = w?.sha ?? (group.sha as string);
      for (const blob of w ? w.blobs.keys() : group.blobs) blobs.add(blob);
      segments.add(sha);
      doc.segments.push({ h: sha, units: doc.order.filter((u) => group.units.has(u)) });
    }
    return { text: JSON.stringify(doc), segments, blobs };
  }

  /** The written segments are on disk. */
  applied(written: Written[]): void {
    for (const w of written) {
      w.group.sha = w.sha;
      w.group.blobs = new Set(w.blobs.keys());
    }
  }

  private encodeGroup(group: Group, values: ReadonlyMap<string, unknown>, infrastructure: object[]): Written | undefined {
    const root = new Map<string, unknown>();
    for (const [unit, value] of values) if (group.units.has(unit)) root.set(unit, value);
    const claim = (obj: object): void => {
      const owner = this.owner.get(obj);
      if (owner !== undefined) {
        const g = live(owner);
        if (g !== group && g.units.size > 0) throw new SharedObject(g);
      }
      this.owner.set(obj, group);
    };
    const encoded = encode(root, this.classes, infrastructure, claim);
    this.dropped.push(...encoded.dropped);
    const text = JSON.stringify({ format: this.format, units: encoded.root });
    const sha = createHash('sha256').update(text).digest('hex');
    if (sha === group.sha) return undefined;
    return { group, sha, text, blobs: encoded.blobs };
  }

  private merge(a: Group, b: Group): Group {
    const merged: Group = { units: new Set([...a.units, ...b.units]), blobs: new Set() };
    a.into = merged;
    b.into = merged;
    for (const unit of merged.units) this.groupOf.set(unit, merged);
    return merged;
  }
}
