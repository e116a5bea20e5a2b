/**
 * The item storage of a table or of one secondary index. Items are grouped
 * by partition-key value; a partition keeps its items in range-key order
 * (then table-key order, which makes index entries unique), and partitions
 * are ordered by a hash of their key as DynamoDB orders a Scan. Query and
 * Scan walk from a seek position, so a page costs O(log n + page).
 */
import {
  type AttributeValue,
  type Item,
  type Sortable,
  compareSortables,
  keyText,
  sortableOf,
  typeOf,
} from '../values/attribute-value';
import { persistByValue, persistDerived, persistRecords, rebuildDerived, touchRecord } from '../../../src/core/persist-hints';
import { type Probe, SortedList } from '../../../src/core/sorted-list';

export interface KeyDef {
  name: string;
  type: 'S' | 'N' | 'B';
}

export interface Entry {
  rk?: Sortable;
  /** Text of the table's primary key: the identity of the item. */
  tk: string;
  item: Item;
  size: number;
}

export interface Partition {
  hk: string;
  hash: number;
  entries: SortedList<Entry>;
  /** Sum of the partition's item sizes (item collection metrics). */
  bytes: number;
}

/** Where a Query or Scan resumes (from ExclusiveStartKey). */
export interface StartPosition {
  hk: string;
  hash: number;
  rk?: Sortable;
  tk: string;
}

/**
 * FNV-1a, then MurmurHash3's 32-bit finaliser: spreads partitions evenly over
 * the 32-bit space that Scan segments split. FNV alone leaves keys that
 * differ only in their last characters ("item-1", "item-2") in a few narrow
 * bands, so most parallel-scan segments came back empty.
 */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class IndexStore {
  /** A state directory saves the partitions in chunks, each write re-encoding its own (src/core/persist-hints.ts). */
  static readonly [persistRecords] = ['partitions'];
  static readonly [persistDerived] = ['order'];
  readonly partitions = new Map<string, Partition>();
  /** The partitions again, in scan order: rebuilt from them after a restore. */
  private order = new SortedList<Partition>(new PartitionOrder());
  private readonly entryOrder: EntryOrder;
  count = 0;
  /** Sum of item sizes, for DescribeTable's TableSizeBytes. */
  bytes = 0;

  constructor(
    readonly hashKey: KeyDef,
    readonly rangeKey: KeyDef | undefined,
  ) {
    this.entryOrder = new EntryOrder(rangeKey?.type);
  }

  /** Does the item carry this index's key attributes with the right types? (sparse indexes) */
  covers(item: Item): boolean {
    const h = item[this.hashKey.name];
    if (!h || typeOf(h) !== this.hashKey.type) return false;
    if (!this.rangeKey) return true;
    const r = item[this.rangeKey.name];
    return r !== undefined && typeOf(r) === this.rangeKey.type;
  }

  entryOf(item: Item, tk: string, size = 0): Entry {
    const r = this.rangeKey ? item[this.rangeKey.name] : undefined;
    return { rk: r ? sortableOf(r) : undefined, tk, item, size };
  }

  put(item: Item, tk: string, size: number): void {
    if (!this.covers(item)) return;
    const hk = keyText(item[this.hashKey.name]);
    let p = this.partitions.get(hk);
    if (!p) {
      p = { hk, hash: hashOf(hk), entries: new SortedList<Entry>(this.entryOrder), bytes: 0 };
      this.partitions.set(hk, p);
      this.order.insert(p);
    }
    const old = p.entries.insert(this.entryOf(item, tk, size));
    if (old) {
      this.bytes -= old.size;
      p.bytes -= old.size;
    } else this.count += 1;
    this.bytes += size;
    p.bytes += size;
    touchRecord(this.partitions, hk);
  }

  remove(item: Item, tk: string): void {
    if (!this.covers(item)) return;
    const hk = keyText(item[this.hashKey.name]);
    const p = this.partitions.get(hk);
    if (!p) return;
    const old = p.entries.remove(this.entryOf(item, tk));
    if (!old) return;
    this.count -= 1;
    this.bytes -= old.size;
    p.bytes -= old.size;
    if (p.entries.size === 0) {
      this.partitions.delete(hk);
      this.order.remove(p);
    }
    touchRecord(this.partitions, hk);
  }

  [rebuildDerived](): void {
    this.order = new SortedList<Partition>(new PartitionOrder());
    for (const p of this.partitions.values()) this.order.insert(p);
  }

  /** Bytes stored under one partition-key value. */
  partitionBytes(hkValue: AttributeValue): number {
    return this.partitions.get(keyText(hkValue))?.bytes ?? 0;
  }

  /** The entry for a full key (table store: the range value identifies the item). */
  get(hkValue: AttributeValue, rkValue: AttributeValue | undefined): Entry | undefined {
    const p = this.partitions.get(keyText(hkValue));
    if (!p) return undefined;
    if (!this.rangeKey || !rkValue) return p.entries.walk(undefined, true).next().value as Entry | undefined;
    const rk = sortableOf(rkValue);
    const rt = this.rangeKey.type;
    return p.entries.find((e) => compareSortables(rt, e.rk as Sortable, rk));
  }

  /** Entries of one partition inside a range-key window, from an optional start. */
  *query(hkValue: AttributeValue, within: Probe<Entry> | undefined, forward: boolean, start?: StartPosition) {
    const p = this.partitions.get(keyText(hkValue));
    if (!p) return;
    const inRange = within ?? (() => 0);
    const walker = start
      ? p.entries.walk((e) => this.entryOrder.compare(e, { rk: start.rk, tk: start.tk, item: {}, size: 0 }), forward, true)
      : p.entries.walk(inRange, forward);
    for (const e of walker) {
      const pos = inRange(e);
      if (pos === 0) yield e;
      else if ((forward && pos > 0) || (!forward && pos < 0)) return;
    }
  }

  /** Every entry in scan order (hash order of partitions), optionally one hash segment. */
  *scan(start?: StartPosition, segment?: { from: number; to: number }) {
    let partitions: Generator<Partition>;
    if (start) {
      partitions = this.order.walk((p) => comparePartition(p, start.hash, start.hk), true);
    } else if (segment) {
      partitions = this.order.walk((p) => (p.hash < segment.from ? -1 : 1), true);
    } else {
      partitions = this.order.walk(undefined, true);
    }
    for (const p of partitions) {
      if (segment && p.hash >= segment.to) return;
      const resume = start && p.hk === start.hk;
      const entries = resume
        ? p.entries.walk((e) => this.entryOrder.compare(e, { rk: start.rk, tk: start.tk, item: {}, size: 0 }), true, true)
        : p.entries.walk(undefined, true);
      for (const e of entries) yield e;
    }
  }
}

/**
 * The orders of the store as classes, not closures: the state directory saves
 * a class instance by name (a closure could not be written down).
 */
export class PartitionOrder {
  compare(a: Partition, b: Partition): number {
    return comparePartition(a, b.hash, b.hk);
  }
}

/** Items of a partition: by range key in its type's order, then by table key (indexes hold duplicates). */
export class EntryOrder {
  /** Stateless: every partition's list may hold its own copy (saved in separate chunks). */
  static readonly [persistByValue] = true;
  constructor(readonly rangeType: KeyDef['type'] | undefined) {}

  compare(a: Entry, b: Entry): number {
    const rt = this.rangeType;
    if (rt && a.rk !== undefined && b.rk !== undefined) {
      const c = compareSortables(rt, a.rk, b.rk);
      if (c !== 0) return c;
    }
    return a.tk === b.tk ? 0 : a.tk < b.tk ? -1 : 1;
  }
}

function comparePartition(p: Partition, hash: number, hk: string): number {
  if (p.hash !== hash) return p.hash < hash ? -1 : 1;
  return p.hk === hk ? 0 : p.hk < hk ? -1 : 1;
}
