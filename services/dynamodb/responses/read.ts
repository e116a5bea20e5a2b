/**
 * Query and Scan, on tables and on secondary indexes. A page stops at Limit
 * evaluated items or at 1 MB read, and the filter runs after that, as
 * DynamoDB does; LastEvaluatedKey is the key of the last item read.
 */
import type { Item } from '../values/attribute-value';
import { itemSize, keyText, sortableOf, validateItem } from '../values/attribute-value';
import { Consumption, consumedCapacity, readUnits } from '../models/capacity';
import { constraintFailure, invalidParameter, validation } from '../exceptions';
import type { Condition, Path } from '../expressions/ast';
import { namesIn } from '../expressions/names';
import { evaluate } from '../expressions/evaluate';
import { type Entry, type IndexStore, type StartPosition, hashOf } from '../storage/index-store';
import { type KeyWindow, keyWindow } from '../models/key-condition';
import type { Table } from '../models/table';
import { type KeySpec, checkTableRef } from '../models/table-schema';
import type { QueryInput, QueryOutput, ScanInput, ScanOutput } from '../types';
import { type Ctx, checkEnum, itemTable, shapeItem } from './common';
import { type Expressions, readExpressions } from './expressions';

const PAGE_BYTES = 1024 * 1024;
const SELECTS = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'];

interface Source {
  table: Table;
  store: IndexStore;
  key: KeySpec;
  indexName?: string;
  /** Names an LSI without projection ALL holds; a read needing others fetches the item from the table. */
  projected?: Set<string>;
  consistent?: boolean;
}

function sourceOf(table: Table, indexName: string | undefined, select: string | undefined, consistent?: boolean): Source {
  if (!indexName) {
    if (select === 'ALL_PROJECTED_ATTRIBUTES') {
      throw invalidParameter('Select type ALL_PROJECTED_ATTRIBUTES is not supported for table');
    }
    return { table, store: table.store, key: table.key, consistent };
  }
  const index = table.indexes.get(indexName);
  if (!index) throw validation(`The table does not have the specified index: ${indexName}`);
  if (index.status === 'CREATING') throw validation(`Cannot read from backfilling global secondary index: ${indexName}`);
  const isGsi = index.spec.kind === 'GSI';
  if (isGsi && consistent) throw validation('Consistent reads are not supported on global secondary indexes');
  if (select === 'ALL_ATTRIBUTES' && isGsi && index.spec.projection.ProjectionType !== 'ALL') {
    throw invalidParameter(
      `Select type ALL_ATTRIBUTES is not supported for global secondary index ${indexName} because its projection type is not ALL`,
    );
  }
  const projection = index.spec.projection;
  const projected =
    isGsi || projection.ProjectionType === 'ALL'
      ? undefined
      : new Set([...table.keyNames, index.spec.key.hash.name, index.spec.key.range!.name, ...(projection.NonKeyAttributes ?? [])]);
  return { table, store: index.store, key: index.spec.key, indexName, projected, consistent };
}

/** Does this read of an LSI need attributes the index does not hold (so a fetch from the table)? */
function needsFetch(src: Source, select: string | undefined, projection: Path[] | undefined, filter: Condition | undefined): boolean {
  if (!src.projected) return false;
  if (select === 'ALL_ATTRIBUTES') return true;
  const wanted = namesIn(filter);
  for (const p of projection ?? []) {
    const first = p[0];
    if (first && 'name' in first) wanted.add(first.name);
  }
  return [...wanted].some((n) => !src.projected!.has(n));
}

/** Select against the projection. Query reports the SPECIFIC_ATTRIBUTES rule inside the validation envelope, Scan bare (as AWS does). */
function checkSelect(select: string | undefined, projection: Path[] | undefined, op: 'Query' | 'Scan'): void {
  checkEnum(select, SELECTS, 'select');
  if (projection && select && select !== 'SPECIFIC_ATTRIBUTES') {
    throw validation(`Cannot specify the ProjectionExpression when choosing to get ${select === 'COUNT' ? 'a COUNT' : select}`);
  }
  if (select === 'SPECIFIC_ATTRIBUTES' && !projection) {
    const message = 'Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES';
    throw validation(op === 'Query' ? `1 validation error detected: ${message}` : message);
  }
}

/** A Query filter may not read the queried key's attributes (a Scan filter may). */
function checkQueryFilter(src: Source, filter: Condition | undefined, legacy: boolean): void {
  if (!filter) return;
  const read = namesIn(filter);
  for (const def of [src.key.hash, src.key.range]) {
    if (def && read.has(def.name)) {
      throw validation(`${legacy ? 'QueryFilter' : 'Filter Expression'} can only contain non-primary key attributes: Primary key attribute: ${def.name}`);
    }
  }
}

/** Limit below 1, in the words Query and Scan answer today (no value echoed, member capitalised; recorded 2026). */
function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && limit < 1) {
    throw validation("1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  }
}

/**
 * ExclusiveStartKey → a seek position in the source's order. A key that does
 * not fit the schema is "invalid" (Scan adds why); a Query's must also lie in
 * the queried partition and inside the sort-key condition.
 */
function startOf(src: Source, esk: Item | undefined, op: 'Query' | 'Scan', window?: KeyWindow): StartPosition | undefined {
  if (!esk) return undefined;
  const key = validateItem(esk);
  const names = new Set([...src.table.keyNames, src.key.hash.name, ...(src.key.range ? [src.key.range.name] : [])]);
  const message = op === 'Query' ? 'The provided starting key is invalid' : 'The provided starting key is invalid: The provided key element does not match the schema';
  if (Object.keys(key).length !== names.size || ![...names].every((n) => key[n] !== undefined)) throw validation(message);
  if (!src.store.covers(key)) throw validation(message);
  src.table.checkKey(src.table.keyOf(key), message);
  const hk = keyText(key[src.key.hash.name]);
  const start = { hk, hash: hashOf(hk), rk: src.key.range ? sortableOf(key[src.key.range.name]) : undefined, tk: src.table.tkOf(key) };
  if (window) {
    const inside = keyText(window.hash) === hk && (!window.within || window.within({ ...start, item: key, size: 0 }) === 0);
    if (!inside) throw validation('The provided starting key is outside query boundaries based on provided conditions');
  }
  return start;
}

interface Page {
  Items?: Item[];
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: Item;
  bytes: number;
  /** Read units of the items fetched from the table (LSI reads of non-projected attributes). */
  fetchUnits: number;
}

function readPage(
  src: Source,
  entries: Iterable<Entry>,
  limit: number | undefined,
  filter: Condition | undefined,
  projection: Path[] | undefined,
  select: string | undefined,
): Page {
  const items: Item[] = [];
  let scanned = 0;
  let count = 0;
  let bytes = 0;
  let last: Entry | undefined;
  let more = false;
  let fetchUnits = 0;
  const fetch = needsFetch(src, select, projection, filter);
  for (const e of entries) {
    scanned += 1;
    bytes += e.size;
    last = e;
    // DynamoDB stops at Limit (or 1 MB) without looking ahead, so a full last page still has a LastEvaluatedKey.
    more = (limit !== undefined && scanned >= limit) || bytes >= PAGE_BYTES;
    let full = e.item;
    if (fetch) {
      full = src.table.get(e.item) ?? e.item;
      // Each fetch is a separate table read, rounded up on its own.
      fetchUnits += readUnits(itemSize(full), src.consistent);
    }
    if (!filter || evaluate(filter, full)) {
      count += 1;
      if (select !== 'COUNT') items.push(shapeItem(full, projection));
    }
    if (more) break;
  }
  let lastKey: Item | undefined;
  if (more && last) {
    lastKey = src.table.keyOf(last.item);
    lastKey[src.key.hash.name] = last.item[src.key.hash.name];
    if (src.key.range) lastKey[src.key.range.name] = last.item[src.key.range.name];
  }
  return { Items: select === 'COUNT' ? undefined : items, Count: count, ScannedCount: scanned, LastEvaluatedKey: lastKey, bytes, fetchUnits };
}

/** Units a page read: on the table, or on the index plus any fetches from the table. */
function pageCapacity(mode: string | undefined, src: Source, page: Page, name: string) {
  const c = new Consumption();
  const units = readUnits(page.bytes, src.consistent);
  if (src.indexName) {
    c.indexes.set(src.indexName, units);
    c.table = page.fetchUnits;
  } else c.table = units;
  return consumedCapacity(mode, src.table, c, name);
}

export function query(input: QueryInput, ctx: Ctx): QueryOutput {
  checkTableRef(input.TableName);
  checkLimit(input.Limit);
  const exprs = readExpressions(input);
  checkSelect(input.Select, exprs.projection, 'Query');
  if (input.ExclusiveStartKey) validateItem(input.ExclusiveStartKey);
  const table = itemTable(ctx, input.TableName);
  const src = sourceOf(table, input.IndexName, input.Select, input.ConsistentRead);
  const window = keyWindow(exprs.keyCondition, src.key);
  checkQueryFilter(src, exprs.filter, input.QueryFilter !== undefined);
  const start = startOf(src, input.ExclusiveStartKey, 'Query', window);
  const forward = input.ScanIndexForward ?? true;
  return pageAnswer(src, src.store.query(window.hash, window.within, forward, start), input, exprs);
}

export function scan(input: ScanInput, ctx: Ctx): ScanOutput {
  checkTableRef(input.TableName);
  checkLimit(input.Limit);
  const segment = segmentOf(input.Segment, input.TotalSegments);
  const exprs = readExpressions(input);
  checkSelect(input.Select, exprs.projection, 'Scan');
  if (input.ExclusiveStartKey) validateItem(input.ExclusiveStartKey);
  const table = itemTable(ctx, input.TableName);
  const src = sourceOf(table, input.IndexName, input.Select, input.ConsistentRead);
  const start = startOf(src, input.ExclusiveStartKey, 'Scan');
  if (start && segment && (start.hash < segment.from || start.hash >= segment.to)) {
    throw validation(
      `The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: ${input.TotalSegments} Segment: ${input.Segment}`,
    );
  }
  return pageAnswer(src, src.store.scan(start, segment), input, exprs);
}

/** Reads one page of `entries` and answers with it, as Query and Scan both do. */
function pageAnswer(
  src: Source,
  entries: Iterable<Entry>,
  input: QueryInput | ScanInput,
  exprs: Expressions,
): QueryOutput & ScanOutput {
  const page = readPage(src, entries, input.Limit, exprs.filter, exprs.projection, input.Select);
  return {
    Items: page.Items,
    Count: page.Count,
    ScannedCount: page.ScannedCount,
    LastEvaluatedKey: page.LastEvaluatedKey,
    ConsumedCapacity: pageCapacity(input.ReturnConsumedCapacity, src, page, input.TableName),
  };
}

/** Segment s of n covers the s-th slice of the 32-bit partition hash space. */
function segmentOf(segment: number | undefined, total: number | undefined): { from: number; to: number } | undefined {
  if (segment === undefined && total === undefined) return undefined;
  if (total === undefined) {
    throw validation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  }
  if (segment === undefined) {
    throw validation('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
  }
  if (total < 1) throw constraintFailure(total, 'totalSegments', 'Member must have value greater than or equal to 1');
  if (total > 1000000) throw constraintFailure(total, 'totalSegments', 'Member must have value less than or equal to 1000000');
  if (segment < 0) throw constraintFailure(segment, 'segment', 'Member must have value greater than or equal to 0');
  if (segment >= total) {
    throw validation(
      `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${total}`,
    );
  }
  const span = 2 ** 32 / total;
  return { from: Math.floor(segment * span), to: segment === total - 1 ? 2 ** 32 : Math.floor((segment + 1) * span) };
}
