/**
 * Capacity accounting and item collection metrics. A write costs write
 * units on the table (1 per KB of the larger of the old and new item) and
 * on every secondary index it changes, by DynamoDB's rules: putting an item
 * into an index or removing it costs one write of its projected size, a
 * change of the index key costs two (delete + put), a change to projected
 * attributes one, and a change to nothing the index holds none. TOTAL
 * reports the sum; INDEXES splits it per table and index.
 */
import type { Item } from '../values/attribute-value';
import { itemSize, valuesEqual } from '../values/attribute-value';
import type { ConsumedCapacity, ItemCollectionMetrics } from '../types';
import type { SecondaryIndex, Table } from './table';

export class Consumption {
  table = 0;
  /** Index name → units. */
  readonly indexes = new Map<string, number>();

  add(other: Consumption, factor = 1): this {
    this.table += other.table * factor;
    for (const [name, u] of other.indexes) this.indexes.set(name, (this.indexes.get(name) ?? 0) + u * factor);
    return this;
  }

  get total(): number {
    let n = this.table;
    for (const u of this.indexes.values()) n += u;
    return n;
  }
}

export function writeUnits(size: number): number {
  return Math.max(1, Math.ceil(size / 1024));
}

export function readUnits(size: number, consistent: boolean | undefined): number {
  const units = Math.max(1, Math.ceil(size / 4096));
  return consistent ? units : units / 2;
}

function sameKey(index: SecondaryIndex, a: Item, b: Item): boolean {
  const { hash, range } = index.spec.key;
  return valuesEqual(a[hash.name], b[hash.name]) && (!range || valuesEqual(a[range.name], b[range.name]));
}

function sameItem(a: Item, b: Item): boolean {
  return valuesEqual({ M: a }, { M: b });
}

/** Units one index write costs for the change old → next (each undefined when absent). */
function indexUnits(table: Table, index: SecondaryIndex, old: Item | undefined, next: Item | undefined): number {
  const before = old && index.store.covers(old) ? table.projectFor(index.spec, old) : undefined;
  const after = next && index.store.covers(next) ? table.projectFor(index.spec, next) : undefined;
  if (!before && !after) return 0;
  if (!before || !after) return writeUnits(itemSize((before ?? after) as Item));
  if (!sameKey(index, before, after)) return writeUnits(itemSize(before)) + writeUnits(itemSize(after));
  return sameItem(before, after) ? 0 : writeUnits(Math.max(itemSize(before), itemSize(after)));
}

export function writeConsumption(table: Table, old: Item | undefined, next: Item | undefined): Consumption {
  const c = new Consumption();
  c.table = writeUnits(Math.max(old ? itemSize(old) : 0, next ? itemSize(next) : 0));
  for (const index of table.indexes.values()) {
    const u = indexUnits(table, index, old, next);
    if (u) c.indexes.set(index.spec.name, u);
  }
  return c;
}

/**
 * The ConsumedCapacity member for `mode` (undefined for NONE or absent).
 * TableName is the name or ARN the request used, as DynamoDB echoes it.
 */
export function consumedCapacity(mode: string | undefined, table: Table, c: Consumption, name = table.name): ConsumedCapacity | undefined {
  if (!mode || mode === 'NONE') return undefined;
  const out: ConsumedCapacity = { TableName: name, CapacityUnits: c.total };
  if (mode !== 'INDEXES') return out;
  out.Table = { CapacityUnits: c.table };
  for (const [name, units] of c.indexes) {
    const kind = table.indexes.get(name)?.spec.kind === 'LSI' ? 'LocalSecondaryIndexes' : 'GlobalSecondaryIndexes';
    (out[kind] ??= {})[name] = { CapacityUnits: units };
  }
  return out;
}

const GB = 1024 ** 3;

/**
 * ItemCollectionMetrics for the collection holding `key`: only tables with
 * local secondary indexes have item collections. The size is the table's
 * and its LSIs' bytes under that partition key, as a 1 GB-wide estimate.
 */
export function itemCollectionMetrics(mode: string | undefined, table: Table, key: Item): ItemCollectionMetrics | undefined {
  if (mode !== 'SIZE') return undefined;
  const lsis = [...table.indexes.values()].filter((i) => i.spec.kind === 'LSI');
  if (lsis.length === 0) return undefined;
  const hk = key[table.key.hash.name];
  let bytes = table.store.partitionBytes(hk);
  for (const lsi of lsis) bytes += lsi.store.partitionBytes(hk);
  const low = Math.floor(bytes / GB);
  return { ItemCollectionKey: { [table.key.hash.name]: hk }, SizeEstimateRangeGB: [low, low + 1] };
}
