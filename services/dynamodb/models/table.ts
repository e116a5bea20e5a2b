/**
 * One DynamoDB table: its definition, its items (primary store plus one
 * store per secondary index, kept in step on every write), its stream and
 * its TTL queue. Writes go through `write()` so that indexes, the stream and
 * TTL can never disagree with the items.
 */
import { clock } from '../../../src/core/clock';
import { persistDerived, rebuildDerived } from '../../../src/core/persist-hints';
import type { AttributeValue, Item } from '../values/attribute-value';
import { emptyItem, itemSize, keyText, typeOf, valueSize } from '../values/attribute-value';
import { IndexStore, type KeyDef } from '../storage/index-store';
import { SortedList } from '../../../src/core/sorted-list';
import { invalidParameter, validation } from '../exceptions';
import type { IndexSpec, KeySpec } from './table-schema';
import type { SequenceCounter, TableStream } from './stream';
import { PitrLog } from './pitr';
import { TableFeatures } from './features';
import type { ReplicaGroup } from './replication';
import type { TableSse } from './sse';
import type { AttributeDefinition, Projection, ProvisionedThroughput, RestoreSummary, Tag } from '../types';

export class SecondaryIndex {
  /**
   * The store holds the table's items (or projections sharing their values) again: a state directory
   * does not save it but makes it again from the table's items (Table's rebuildDerived), so the
   * table's own item Map stays unshared and is saved in chunks.
   */
  static readonly [persistDerived] = ['store'];

  constructor(
    readonly spec: IndexSpec,
    /** Replaced only by a restore (Table's rebuildDerived). */
    public store: IndexStore,
    /** Clock time the backfill of a GSI added by UpdateTable ends. */
    readonly readyAt = 0,
  ) {}

  get status(): 'ACTIVE' | 'CREATING' {
    return clock.now() < this.readyAt ? 'CREATING' : 'ACTIVE';
  }
}

/** Items by expiry time, then table key (a class, so the state directory can save it). */
export class TtlOrder {
  compare(a: TtlEntry, b: TtlEntry): number {
    return a.at - b.at || (a.tk < b.tk ? -1 : a.tk > b.tk ? 1 : 0);
  }
}

interface TtlEntry {
  at: number;
  tk: string;
  key: Item;
}

/** TTL only deletes items whose expiry is within the last five years. */
const TTL_MAX_AGE_S = 5 * 365 * 24 * 3600;

export class Table {
  /**
   * The TTL queue is a function of the items and the TTL setting (retrackTtl), and its keys share
   * the items' values: a state directory does not save it (that would also make it save the items
   * whole, not in chunks) and rebuildDerived makes it again.
   */
  static readonly [persistDerived] = ['ttlQueue', 'ttlOf'];
  readonly store: IndexStore;
  readonly indexes = new Map<string, SecondaryIndex>();
  readonly createdAt = clock.date();
  readonly id = crypto.randomUUID();
  /** Clock times the CREATING and UPDATING states end; DeleteTable's time once deleted. */
  activeAt = 0;
  updatedAt = 0;
  deletedAt?: number;
  private mode = '';
  private provisioned: ProvisionedThroughput = { ReadCapacityUnits: 0, WriteCapacityUnits: 0 };
  /** When the table last became PAY_PER_REQUEST: AWS shows BillingModeSummary only on tables that ever were. */
  payPerRequestAt?: Date;
  /** WarmThroughput never decreases: 12,000 / 4,000 once on demand, else the highest capacity ever provisioned. */
  readonly warm = { read: 0, write: 0 };
  throughputChangedAt?: Date;
  stream?: TableStream;
  /** Streams of this table that were disabled but are still readable. */
  readonly oldStreams: TableStream[] = [];
  sse?: TableSse;
  tags: Tag[] = [];
  ttl?: { attribute: string; enabled: boolean };
  deletionProtection = false;
  tableClass = 'STANDARD';
  readonly pitr = new PitrLog();
  readonly features = new TableFeatures();
  /** The replica group (global table) this table belongs to, if any. */
  group?: ReplicaGroup;
  /** Set on a table made by a restore. */
  restoreSummary?: RestoreSummary;
  /** Made again from the items on restore (rebuildDerived), like the index stores. */
  private ttlQueue = new SortedList<TtlEntry>(new TtlOrder());
  private ttlOf = new Map<string, TtlEntry>();

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly key: KeySpec,
    public attributeDefinitions: AttributeDefinition[],
    billingMode: string | undefined,
    readonly counter: SequenceCounter,
  ) {
    this.store = new IndexStore(key.hash, key.range);
    this.billingMode = billingMode ?? 'PROVISIONED';
  }

  get billingMode(): string {
    return this.mode;
  }

  set billingMode(mode: string) {
    if (mode === 'PAY_PER_REQUEST' && this.mode !== mode) {
      this.payPerRequestAt = this.mode ? clock.date() : this.createdAt;
      this.raiseWarm(12000, 4000);
    }
    this.mode = mode;
  }

  get throughput(): ProvisionedThroughput {
    return this.provisioned;
  }

  set throughput(t: ProvisionedThroughput) {
    this.provisioned = t;
    this.raiseWarm(t.ReadCapacityUnits ?? 0, t.WriteCapacityUnits ?? 0);
  }

  raiseWarm(read: number, write: number): void {
    this.warm.read = Math.max(this.warm.read, read);
    this.warm.write = Math.max(this.warm.write, write);
  }

  get status(): 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE' {
    if (this.deletedAt !== undefined) return 'DELETING';
    const now = clock.now();
    if (now < this.activeAt) return 'CREATING';
    return now < this.updatedAt ? 'UPDATING' : 'ACTIVE';
  }

  /** Item operations see CREATING and DELETING tables as absent (ResourceNotFoundException). */
  get readable(): boolean {
    const s = this.status;
    return s === 'ACTIVE' || s === 'UPDATING';
  }

  get region(): string {
    return this.arn.split(':')[3];
  }

  get keyNames(): string[] {
    return [this.key.hash.name, ...(this.key.range ? [this.key.range.name] : [])];
  }

  addIndex(spec: IndexSpec, readyAt = 0): SecondaryIndex {
    const index = new SecondaryIndex(spec, new IndexStore(spec.key.hash, spec.key.range), readyAt);
    this.indexes.set(spec.name, index);
    // Backfill: a GSI added later indexes the items already there (at once, even while CREATING).
    this.fillIndex(index);
    return index;
  }

  /**
   * An index's contents are a function of the table's items alone (write() and the backfill put every
   * item in every index, whatever its status), so after a restore each index is filled again as it
   * was. The primary store's partitions are walked directly: this may run before its scan order is back.
   */
  [rebuildDerived](): void {
    for (const index of this.indexes.values()) {
      index.store = new IndexStore(index.spec.key.hash, index.spec.key.range);
      this.fillIndex(index);
    }
    this.ttlQueue = new SortedList<TtlEntry>(new TtlOrder());
    this.ttlOf = new Map<string, TtlEntry>();
    // Entries expire() dropped unexpired (expiry over five years ago) come back and are dropped again
    // by the next expire(), deleting nothing: what a caller sees is the same.
    for (const e of this.items()) this.trackTtl(e.tk, e.item, e.item);
  }

  private fillIndex(index: SecondaryIndex): void {
    for (const e of this.items()) this.putInIndex(index, e.item, e.tk);
  }

  /** Every entry of the primary store, in its partitions' Map order (needs no scan order). */
  private *items() {
    for (const p of this.store.partitions.values()) yield* p.entries.walk(undefined, true);
  }

  // ---- keys ------------------------------------------------------------------

  keyOf(item: Item): Item {
    const out = emptyItem();
    out[this.key.hash.name] = item[this.key.hash.name];
    if (this.key.range) out[this.key.range.name] = item[this.key.range.name];
    return out;
  }

  tkOf(item: Item): string {
    const h = keyText(item[this.key.hash.name]);
    return this.key.range ? `${h}\u0000${keyText(item[this.key.range.name])}` : h;
  }

  /** A `Key` parameter: exactly the key attributes, right types, no empty values. */
  checkKey(key: Item | undefined, message = 'The provided key element does not match the schema'): Item {
    const names = Object.keys(key ?? {});
    if (!key || names.length !== this.keyNames.length || !this.keyNames.every((n) => key[n] !== undefined)) {
      throw validation(message);
    }
    for (const def of [this.key.hash, this.key.range]) {
      if (!def) continue;
      if (typeOf(key[def.name]) !== def.type) throw validation(message);
      checkNotEmpty(key, def);
      checkKeySize(key[def.name], def === this.key.hash);
    }
    return key;
  }

  /**
   * An item to store: key attributes present with the right types, index keys typed. Returns its size as
   * DynamoDB counts it, for the write of it that follows (sizing an item is a walk of it: done once).
   */
  checkItem(item: Item): number {
    for (const def of [this.key.hash, this.key.range]) {
      if (!def) continue;
      const v = item[def.name];
      if (v === undefined) throw invalidParameter(`Missing the key ${def.name} in the item`);
      if (typeOf(v) !== def.type) {
        throw invalidParameter(`Type mismatch for key ${def.name} expected: ${def.type} actual: ${typeOf(v)}`);
      }
      checkNotEmpty(item, def);
      checkKeySize(v, def === this.key.hash);
    }
    for (const index of this.indexes.values()) {
      for (const def of [index.spec.key.hash, index.spec.key.range]) {
        const v = def && item[def.name];
        if (!def || !v) continue;
        if (typeOf(v) !== def.type) {
          throw invalidParameter(
            `Type mismatch for Index Key ${def.name} Expected: ${def.type} Actual: ${typeOf(v)} IndexName: ${index.spec.name}`,
          );
        }
        if ((v.S !== undefined && v.S === '') || (v.B !== undefined && v.B.length === 0)) {
          throw validation(
            `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${v.S !== undefined ? 'string' : 'binary'} value. IndexName: ${index.spec.name}, IndexKey: ${def.name}`,
          );
        }
      }
    }
    const size = itemSize(item);
    if (size > 400 * 1024) throw validation('Item size has exceeded the maximum allowed size');
    return size;
  }

  // ---- reads and writes ------------------------------------------------------

  get(key: Item): Item | undefined {
    return this.store.get(key[this.key.hash.name], this.key.range ? key[this.key.range.name] : undefined)?.item;
  }

  /**
   * Replaces (or, with `next` undefined, deletes) the item at `key`. Keeps
   * indexes, TTL, the stream, the PITR log and the other replicas in step.
   * Returns the previous item. `replicated` marks a write arriving from
   * another replica (it is not sent on again). `size`: `next`'s size as
   * checkItem returned it, when it was checked (measured here otherwise).
   */
  write(key: Item, next: Item | undefined, byTtl = false, replicated = false, size?: number): Item | undefined {
    const tk = this.tkOf(key);
    const old = this.get(key);
    if (!old && !next) return undefined;
    if (old) {
      // An item replaced is swapped in place by put (same key, same partition): removing it first
      // would drop its partition and make it again, two moves in the sorted lists instead of none.
      if (!next) this.store.remove(old, tk);
      for (const index of this.indexes.values()) index.store.remove(this.projectFor(index.spec, old), tk);
    }
    if (next) {
      this.store.put(next, tk, size ?? itemSize(next));
      for (const index of this.indexes.values()) this.putInIndex(index, next, tk);
    }
    this.trackTtl(tk, key, next);
    const event = !old ? 'INSERT' : next ? 'MODIFY' : 'REMOVE';
    if (this.stream) this.stream.append(event, this.keyOf(next ?? (old as Item)), old, next, byTtl);
    const sink = this.features.kinesisSink;
    if (sink) sink({ eventName: event, keys: this.keyOf(next ?? (old as Item)), old, next, byTtl }, this.features.kinesis.values());
    if (this.pitr.enabled) this.pitr.record(tk, this.keyOf(key), old, next);
    if (this.group && !replicated) this.group.replicate(this, this.keyOf(key), next);
    return old;
  }

  private putInIndex(index: SecondaryIndex, item: Item, tk: string): void {
    const projected = this.projectFor(index.spec, item);
    index.store.put(projected, tk, itemSize(projected));
  }

  /** The attributes an index stores for an item, per its projection. */
  projectFor(spec: IndexSpec, item: Item): Item {
    const p: Projection = spec.projection;
    if (p.ProjectionType === 'ALL') return item;
    const out = emptyItem();
    const keep = [...this.keyNames, spec.key.hash.name, spec.key.range?.name, ...(p.NonKeyAttributes ?? [])];
    for (const name of keep) if (name && item[name] !== undefined) out[name] = item[name];
    return out;
  }

  // ---- TTL ----------------------------------------------------------------------

  private trackTtl(tk: string, key: Item, item: Item | undefined): void {
    const prev = this.ttlOf.get(tk);
    if (prev) {
      this.ttlQueue.remove(prev);
      this.ttlOf.delete(tk);
    }
    const attr = this.ttl?.attribute;
    const v = attr && item?.[attr];
    if (!v || v.N === undefined) return;
    const at = Number(v.N);
    if (!Number.isFinite(at)) return;
    const entry = { at, tk, key: this.keyOf(key) };
    this.ttlQueue.insert(entry);
    this.ttlOf.set(tk, entry);
  }

  /** Re-reads every item's TTL attribute (TTL enabled, or its attribute changed). */
  retrackTtl(): void {
    for (const e of [...this.ttlOf.values()]) this.ttlQueue.remove(e);
    this.ttlOf.clear();
    for (const e of this.store.scan()) this.trackTtl(e.tk, e.item, e.item);
  }

  /** Deletes items whose TTL has passed (the fake expires them at once, not within days). */
  expire(): void {
    if (!this.ttl?.enabled || this.ttlQueue.size === 0) return;
    const now = clock.epochSeconds();
    const due: TtlEntry[] = [];
    for (const e of this.ttlQueue.walk(undefined, true)) {
      if (e.at > now) break;
      due.push(e);
    }
    for (const e of due) {
      if (e.at < now - TTL_MAX_AGE_S) {
        this.ttlQueue.remove(e);
        this.ttlOf.delete(e.tk);
        continue;
      }
      this.write(e.key, undefined, true);
    }
  }
}

/** DynamoDB's key limits: a partition key value of at most 2,048 bytes, a sort key value of at most 1,024. */
export function checkKeySize(v: AttributeValue, isHash: boolean): void {
  const size = valueSize(v);
  if (isHash && size > 2048) {
    // AWS's own text has no space between "of" and the number.
    throw invalidParameter('Size of hashkey has exceeded the maximum size limit of2048 bytes');
  }
  if (!isHash && size > 1024) {
    throw invalidParameter('Aggregated size of all range keys has exceeded the size limit of 1024 bytes');
  }
}

function checkNotEmpty(item: Item, def: KeyDef): void {
  const v = item[def.name];
  if ((v.S !== undefined && v.S === '') || (v.B !== undefined && v.B.length === 0)) {
    throw validation(
      `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${def.type === 'S' ? 'string' : 'binary'} value. Key: ${def.name}`,
    );
  }
}
