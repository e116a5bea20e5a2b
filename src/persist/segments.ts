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
 *
 * Inside a segment, a large `persistRecords` Map is saved as chunk files
 * (src/persist/records.ts) and only its touched chunks are encoded again.
 * A chunk is its own encode() walk too, with the same claims: an object a
 * chunk shares with the rest of the state (or with another chunk) makes its
 * Map saved whole again, in its segment, from then on.
 *
 * A large `persistLog` array is saved in chunks the same way
 * (src/persist/logs.ts): only its last chunk is encoded again. A
 * `persistFrozen` value is encoded once, as files of its own without claims
 * (by value: it may share objects with the rest of the state), and named by
 * those files from then on.
 */
import { createHash } from 'node:crypto';
import type { ClassRegistry } from './classes';
import { encode, type Restored } from './encode';
import { LogLayout } from './logs';
import { type Chunk, type Chunked, CHUNKED_FROM, Layout } from './records';

/** A frozen array is saved in files of this many entries (each a JSON text of its own). */
const FROZEN_PART = 4096;

/** A `persistFrozen` value's files. */
interface FrozenSave {
  /** Its `V` node. */
  node: { $: 'V'; c: string[]; a?: 1 };
  /** Blob files its files name. */
  blobNames: ReadonlySet<string>;
  /** Until on disk: the files' texts and the blobs' bytes. */
  unwritten?: { texts: Map<string, string>; blobs: Map<string, Uint8Array> };
}

export interface Group {
  units: Set<string>;
  /** The segment file on disk (sha256 of its text), once written. */
  sha?: string;
  /** The blob files its text names, its chunks' included. */
  blobs: ReadonlySet<string>;
  /** The chunk files its text names. */
  chunks: ReadonlySet<string>;
  /** Merged into this one (the two shared an object). */
  into?: Group;
}

/** A segment whose text changed in this flush. */
export interface Written {
  group: Group;
  sha: string;
  text: string;
  /** Blobs its text or its chunks name, with the bytes of those encoded in this flush. */
  blobs: Map<string, Uint8Array>;
  /** Every blob file it names. */
  blobNames: Set<string>;
  /** Chunk files encoded in this flush (sha256 -> text). */
  chunkTexts: Map<string, string>;
  /** Every chunk file it names. */
  chunks: Set<string>;
}

/** Who claimed an object: a segment's own walk (in some flush) or a chunk. */
interface MainClaim {
  readonly kind: 'main';
  readonly group: Group;
  readonly pass: number;
}
type Owner = MainClaim | Chunk;

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

/** A chunked Map's entry (or log's) shares an object with the rest of the state: it is saved whole. */
class SharedRecord extends Error {
  constructor(readonly layout: Chunked) {
    super('an object a chunk shares');
  }
}

function live(group: Group): Group {
  let g = group;
  while (g.into) g = g.into;
  return g;
}

export class Segments {
  private readonly groupOf = new Map<string, Group>();
  private readonly owner = new WeakMap<object, Owner>();
  private readonly layouts = new WeakMap<Map<unknown, unknown>, Layout>();
  private readonly logs = new WeakMap<unknown[], LogLayout>();
  /** Maps and logs found sharing an object with the rest of the state (or a log changed otherwise than at its ends): saved whole from now on. */
  private readonly whole = new WeakSet<object>();
  private readonly frozen = new WeakMap<object, FrozenSave>();
  /** Counts encode() calls: a claim made in this one is a claim by what is being written now. */
  private pass = 0;
  /** Where the last encode met functions it could not keep. */
  dropped: string[] = [];
  /** Chunks encoded and Maps turned whole, for tests and figures. */
  readonly stats = { chunksEncoded: 0, madeWhole: 0, frozenEncoded: 0 };

  constructor(
    private readonly classes: ClassRegistry,
    private readonly format: number,
  ) {}

  /** A segment read from disk. */
  adopt(units: string[], sha: string, blobs: ReadonlySet<string>, chunks: ReadonlySet<string>): void {
    const group: Group = { units: new Set(units), sha, blobs, chunks };
    for (const unit of units) this.groupOf.set(unit, group);
  }

  /** Told, while a segment is decoded, of logs and frozen values read from their own files (on disk already). */
  readonly restored: Restored = {
    log: (log, parts, skip) => {
      this.logs.set(log, LogLayout.restored(log, parts, skip));
    },
    frozen: (value, node, blobs) => {
      this.frozen.set(value, { node: node as FrozenSave['node'], blobNames: blobs });
    },
  };

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
      const group: Group = { units: new Set([unit]), blobs: new Set(), chunks: new Set() };
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
    this.pass++;
    const done = new Map<Group, Written | undefined>();
    const queue = [...work];
    while (queue.length > 0) {
      const group = live(queue.pop() as Group);
      if (done.has(group) || group.units.size === 0) continue;
      try {
        done.set(group, this.encodeGroup(group, values, infrastructure, all));
      } catch (err) {
        if (err instanceof SharedRecord) {
          // Saved whole from now on; the segment holding it (perhaps another one) is encoded again.
          this.makeWhole(err.layout);
          const holder = err.layout.group as Group | undefined;
          if (holder) {
            done.delete(live(holder));
            queue.push(holder);
          }
          queue.push(group);
          continue;
        }
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
      for (const blob of w ? w.blobNames : group.blobs) blobs.add(blob);
      for (const chunk of w ? w.chunks : group.chunks) segments.add(chunk);
      segments.add(sha);
      doc.segments.push({ h: sha, units: doc.order.filter((u) => group.units.has(u)) });
    }
    return { text: JSON.stringify(doc), segments, blobs };
  }

  /** The written segments are on disk. */
  applied(written: Written[]): void {
    for (const w of written) {
      w.group.sha = w.sha;
      w.group.blobs = w.blobNames;
      w.group.chunks = w.chunks;
    }
    for (const layout of this.applying) {
      for (const chunk of layout.chunks) {
        if (chunk.pending === undefined) continue;
        chunk.sha = chunk.pending.sha;
        chunk.blobs = new Set(chunk.pending.blobs.keys());
        chunk.pending = undefined;
      }
    }
    this.applying.clear();
    for (const save of this.applyingFrozen) save.unwritten = undefined;
    this.applyingFrozen.clear();
  }

  /** Layouts whose chunks this flush encoded. */
  private readonly applying = new Set<Chunked>();
  /** Frozen values this flush names. */
  private readonly applyingFrozen = new Set<FrozenSave>();

  private makeWhole(layout: Chunked): void {
    this.whole.add(layout.target);
    this.layouts.delete(layout.target as Map<unknown, unknown>);
    this.logs.delete(layout.target as unknown[]);
    layout.drop();
    this.stats.madeWhole++;
  }

  private encodeGroup(group: Group, values: ReadonlyMap<string, unknown>, infrastructure: object[], all: boolean): Written | undefined {
    const root = new Map<string, unknown>();
    for (const [unit, value] of values) if (group.units.has(unit)) root.set(unit, value);
    const mine: MainClaim = { kind: 'main', group, pass: this.pass };
    const claim = (obj: object): void => {
      const owner = this.owner.get(obj);
      if (owner !== undefined && owner !== mine) {
        if (owner.kind === 'chunk') {
          if (!owner.dead) throw new SharedRecord(owner.layout);
        } else {
          const g = live(owner.group);
          if (g !== group && g.units.size > 0) throw new SharedObject(g);
        }
      }
      this.owner.set(obj, mine);
    };
    const met: Chunked[] = [];
    const chunkNames = (layout: Chunked, path: string): string[] => {
      layout.group = group;
      met.push(layout);
      for (const chunk of layout.chunks) if (chunk.dirty || all || chunk.sha === undefined) this.encodeChunk(chunk, group, infrastructure, path);
      return layout.chunks.map((c) => (c.pending?.pass === this.pass ? c.pending.sha : (c.sha as string)));
    };
    const records = (map: Map<unknown, unknown>, path: string) => {
      const layout = this.layoutOf(map, all);
      return layout && { $: 'R', c: chunkNames(layout, path) };
    };
    const log = (entries: unknown[], path: string) => {
      const layout = this.logLayoutOf(entries, all);
      return layout && { $: 'L', c: chunkNames(layout, path), s: layout.skip };
    };
    const metFrozen: FrozenSave[] = [];
    const frozen = (value: object, path: string) => {
      const save = this.frozen.get(value) ?? this.encodeFrozen(value, infrastructure, path);
      metFrozen.push(save);
      return save.node;
    };
    const encoded = encode(root, this.classes, infrastructure, { claim, records, log, frozen });
    this.dropped.push(...encoded.dropped);
    const text = JSON.stringify({ format: this.format, units: encoded.root });
    const sha = createHash('sha256').update(text).digest('hex');
    if (sha === group.sha) {
      // The text on disk names these very chunks (a restart's first flush): they are on disk.
      for (const layout of met) this.applying.add(layout);
      for (const save of metFrozen) this.applyingFrozen.add(save);
      this.applied([]);
      return undefined;
    }
    const blobs = encoded.blobs;
    const blobNames = new Set(blobs.keys());
    const chunkTexts = new Map<string, string>();
    const chunks = new Set<string>();
    for (const layout of met) {
      this.applying.add(layout);
      for (const chunk of layout.chunks) {
        const p = chunk.pending?.pass === this.pass ? chunk.pending : undefined;
        if (p) {
          chunkTexts.set(p.sha, p.text);
          for (const [h, bytes] of p.blobs) blobs.set(h, bytes);
        }
        chunks.add(p ? p.sha : (chunk.sha as string));
        for (const h of p ? p.blobs.keys() : chunk.blobs) blobNames.add(h);
      }
    }
    for (const save of metFrozen) {
      this.applyingFrozen.add(save);
      for (const sha of save.node.c) chunks.add(sha);
      for (const h of save.blobNames) blobNames.add(h);
      if (!save.unwritten) continue;
      for (const [sha, text] of save.unwritten.texts) chunkTexts.set(sha, text);
      for (const [h, bytes] of save.unwritten.blobs) blobs.set(h, bytes);
    }
    return { group, sha, text, blobs, blobNames, chunkTexts, chunks };
  }

  /** The chunk layout of a `persistRecords` Map, or undefined when it is saved whole in its segment. */
  private layoutOf(map: Map<unknown, unknown>, all: boolean): Layout | undefined {
    let layout = this.layouts.get(map);
    if (map.size < CHUNKED_FROM || this.whole.has(map)) {
      if (layout) {
        layout.drop();
        this.layouts.delete(map);
      }
      return undefined;
    }
    if (layout && (layout.sparse || !layout.matches(all))) {
      layout.drop();
      layout = undefined;
    }
    if (!layout) {
      layout = new Layout(map);
      this.layouts.set(map, layout);
    }
    return layout;
  }

  /** The chunk layout of a `persistLog` array, or undefined when it is saved whole in its segment. */
  private logLayoutOf(log: unknown[], all: boolean): LogLayout | undefined {
    if (this.whole.has(log)) return undefined;
    let layout = this.logs.get(log);
    // Once in chunks, a log stays in chunks (trimmed short, it would otherwise be written whole and cut again).
    if (layout === undefined) {
      if (log.length < CHUNKED_FROM) return undefined;
      layout = new LogLayout(log);
      this.logs.set(log, layout);
    }
    if (!layout.follow(all)) {
      this.makeWhole(layout);
      return undefined;
    }
    return layout;
  }

  /** Encodes a frozen value once, as files of its own, without claims. */
  private encodeFrozen(value: object, infrastructure: object[], path: string): FrozenSave {
    const parts: unknown[] = [];
    if (Array.isArray(value)) for (let i = 0; i < value.length || i === 0; i += FROZEN_PART) parts.push(value.slice(i, i + FROZEN_PART));
    else parts.push(value);
    const texts = new Map<string, string>();
    const blobs = new Map<string, Uint8Array>();
    const c: string[] = [];
    for (const part of parts) {
      const encoded = encode(part, this.classes, infrastructure);
      for (const p of encoded.dropped) this.dropped.push(`${path}${p.slice(1)}`);
      for (const [h, bytes] of encoded.blobs) blobs.set(h, bytes);
      const text = JSON.stringify({ format: this.format, r: encoded.root });
      const sha = createHash('sha256').update(text).digest('hex');
      texts.set(sha, text);
      c.push(sha);
    }
    const save: FrozenSave = { node: Array.isArray(value) ? { $: 'V', c, a: 1 } : { $: 'V', c }, blobNames: new Set(blobs.keys()), unwritten: { texts, blobs } };
    this.frozen.set(value, save);
    this.stats.frozenEncoded++;
    return save;
  }

  /** Encodes one chunk's entries as their own walk; throws SharedRecord when one is reached from elsewhere. */
  private encodeChunk(chunk: Chunk, group: Group, infrastructure: object[], path: string): void {
    if (chunk.pending?.pass === this.pass) return; // encoded already in this flush (the segment is being encoded again)
    const claim = (obj: object): void => {
      const owner = this.owner.get(obj);
      if (owner !== undefined && owner !== chunk) {
        if (owner.kind === 'chunk') {
          if (!owner.dead) throw new SharedRecord(chunk.layout);
        } else {
          const g = live(owner.group);
          // The segment's own walk of an earlier flush: the object has left it (that walk is whole each time).
          if (g === group ? owner.pass === this.pass : g.units.size > 0) throw new SharedRecord(chunk.layout);
        }
      }
      this.owner.set(obj, chunk);
    };
    const encoded = encode(chunk.layout.contents(chunk), this.classes, infrastructure, { claim });
    for (const p of encoded.dropped) this.dropped.push(`${path}${p.slice(1)}`);
    const text = JSON.stringify({ format: this.format, r: encoded.root });
    const sha = createHash('sha256').update(text).digest('hex');
    chunk.dirty = false;
    chunk.pending = { pass: this.pass, sha, text, blobs: encoded.blobs };
    this.stats.chunksEncoded++;
  }

  private merge(a: Group, b: Group): Group {
    const merged: Group = { units: new Set([...a.units, ...b.units]), blobs: new Set(), chunks: new Set() };
    a.into = merged;
    b.into = merged;
    for (const unit of merged.units) this.groupOf.set(unit, merged);
    return merged;
  }
}
