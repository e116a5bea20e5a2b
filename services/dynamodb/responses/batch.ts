/** BatchGetItem and BatchWriteItem: limits, duplicate keys, unprocessed shapes. */
import type { Item } from '../values/attribute-value';
import { itemSize, keyText, validateItem } from '../values/attribute-value';
import { Consumption, consumedCapacity, itemCollectionMetrics } from '../models/capacity';
import { listMember, validation } from '../exceptions';
import { commit, planDelete, planPut, type WritePlan } from '../models/item-ops';
import type {
  BatchGetItemInput,
  BatchGetItemOutput,
  BatchWriteItemInput,
  BatchWriteItemOutput,
  ConsumedCapacity,
  ItemCollectionMetrics,
} from '../types';
import { type Ctx, capacity, itemTable, planConsumption, readUnits, shapeItem } from './common';
import { readExpressions } from './expressions';

const MAX_GET = 100;
const MAX_WRITE = 25;
/** BatchGetItem answers at most 16 MB; the rest comes back as UnprocessedKeys. */
const MAX_GET_BYTES = 16 * 1024 * 1024;

const duplicates = () => validation('Provided list of item keys contains duplicates');

function checkRequestItems(items: Record<string, unknown> | undefined): void {
  if (!items || Object.keys(items).length === 0) {
    throw validation(
      "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
}

/** BatchGetItem's map checks, in the new validation framework's words (recorded us-east-1 / eu-west-2, 2026-09 and 2026-10). */
function checkGetRequests(items: BatchGetItemInput['RequestItems'] | undefined): void {
  if (!items || Object.keys(items).length === 0) {
    throw validation("1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }
  for (const [name, request] of Object.entries(items)) {
    const n = request?.Keys?.length ?? 0;
    if (n < 1 || n > MAX_GET) {
      const bound = n < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_GET}`;
      throw validation(`1 validation error detected: Value at 'RequestItems.${name}.member.Keys' failed to satisfy constraint: Member must have length ${bound}`);
    }
  }
}

export function batchGetItem(input: BatchGetItemInput, ctx: Ctx): BatchGetItemOutput {
  checkGetRequests(input.RequestItems);
  const total = Object.values(input.RequestItems).reduce((n, r) => n + (r.Keys?.length ?? 0), 0);
  if (total > MAX_GET) throw validation('Too many items requested for the BatchGetItem call');
  // Every request's expressions and keys are checked before any table is looked up.
  for (const request of Object.values(input.RequestItems)) {
    readExpressions(request);
    for (const k of request.Keys ?? []) validateItem(k);
  }
  const plans = Object.entries(input.RequestItems).map(([name, request]) => {
    const exprs = readExpressions(request);
    const table = itemTable(ctx, name);
    const seen = new Set<string>();
    const keys = (request.Keys ?? []).map((k) => {
      const key = table.checkKey(validateItem(k));
      const tk = table.tkOf(key);
      if (seen.has(tk)) throw duplicates();
      seen.add(tk);
      return { raw: k, key };
    });
    return { name, request, table, keys, projection: exprs.projection };
  });
  // Keyed by table name, and "__proto__" is a valid table name.
  const responses: Record<string, Item[]> = Object.create(null);
  const unprocessed: NonNullable<BatchGetItemOutput['UnprocessedKeys']> = Object.create(null);
  const consumed: ConsumedCapacity[] = [];
  let bytes = 0;
  for (const p of plans) {
    responses[p.name] = [];
    // Each key is a read of its own, rounded up to 4 KB (half a unit each when eventually consistent).
    let tableUnits = 0;
    for (const { raw, key } of p.keys) {
      if (bytes >= MAX_GET_BYTES) {
        const u = (unprocessed[p.name] ??= { ...p.request, Keys: [] });
        u.Keys.push(raw);
        continue;
      }
      const item = p.table.get(key);
      const size = item ? itemSize(item) : 0;
      tableUnits += readUnits(size, p.request.ConsistentRead);
      if (!item) continue;
      bytes += size;
      responses[p.name].push(shapeItem(item, p.projection));
    }
    const cc = capacity(input.ReturnConsumedCapacity, p.table, tableUnits, p.name);
    if (cc) consumed.push(cc);
  }
  return { Responses: responses, UnprocessedKeys: unprocessed, ConsumedCapacity: consumed.length ? consumed : undefined };
}

export function batchWriteItem(input: BatchWriteItemInput, ctx: Ctx): BatchWriteItemOutput {
  checkRequestItems(input.RequestItems);
  for (const requests of Object.values(input.RequestItems)) listMember(requests);
  for (const [name, requests] of Object.entries(input.RequestItems)) {
    if (requests.length > MAX_WRITE || requests.length < 1) {
      throw validation(
        `1 validation error detected: Value '{${name}=[...]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]`,
      );
    }
  }
  const total = Object.values(input.RequestItems).reduce((n, r) => n + r.length, 0);
  if (total > MAX_WRITE) throw validation('Too many items requested for the BatchWriteItem call');
  // Validate every request before writing any: a bad one fails the whole batch. Values first, then tables.
  for (const requests of Object.values(input.RequestItems)) {
    for (const r of requests) validateItem(r.PutRequest ? r.PutRequest.Item : (r.DeleteRequest?.Key as Item));
  }
  const plans: WritePlan[] = [];
  const names: string[] = [];
  for (const [name, requests] of Object.entries(input.RequestItems)) {
    const table = itemTable(ctx, name);
    const seen = new Set<string>();
    for (const r of requests) {
      if (!!r.PutRequest === !!r.DeleteRequest) {
        throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
      }
      const plan = r.PutRequest ? planPut(table, r.PutRequest.Item) : planDelete(table, (r.DeleteRequest as { Key: Item }).Key);
      const tk = table.tkOf(plan.key);
      if (seen.has(tk)) throw duplicates();
      seen.add(tk);
      plans.push(plan);
      names.push(name);
    }
  }
  const consumed = new Map<string, Consumption>();
  const counting = input.ReturnConsumedCapacity !== undefined && input.ReturnConsumedCapacity !== 'NONE';
  plans.forEach((p, i) => {
    commit(p);
    if (!counting) return;
    const c = consumed.get(names[i]) ?? new Consumption();
    consumed.set(names[i], c.add(planConsumption(p)));
  });
  return {
    UnprocessedItems: {},
    ItemCollectionMetrics: collectionMetrics(input.ReturnItemCollectionMetrics, plans),
    ConsumedCapacity: consumedList(input.ReturnConsumedCapacity, ctx, consumed),
  };
}

/** ConsumedCapacity per table (keyed by the name or ARN the request used) for the batch and transaction writes. */
export function consumedList(mode: string | undefined, ctx: Ctx, consumed: Map<string, Consumption>): ConsumedCapacity[] | undefined {
  if (!mode || mode === 'NONE') return undefined;
  return [...consumed].map(([name, c]) => consumedCapacity(mode, ctx.backend.table(name), c, name) as ConsumedCapacity);
}

/** ItemCollectionMetrics per table: one entry per item collection the writes touched. */
export function collectionMetrics(mode: string | undefined, plans: WritePlan[]): Record<string, ItemCollectionMetrics[]> | undefined {
  if (mode !== 'SIZE') return undefined;
  const out: Record<string, ItemCollectionMetrics[]> = Object.create(null);
  const seen = new Set<string>();
  for (const p of plans) {
    const m = itemCollectionMetrics(mode, p.table, p.key);
    const id = `${p.table.name}\u0000${keyText(p.key[p.table.key.hash.name])}`;
    if (!m || seen.has(id)) continue;
    seen.add(id);
    (out[p.table.name] ??= []).push(m);
  }
  return Object.keys(out).length ? out : undefined;
}
