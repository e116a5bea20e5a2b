/**
 * TransactGetItems and TransactWriteItems: all-or-nothing. Every action is
 * planned against the state before the transaction; if any condition fails,
 * nothing is written and TransactionCanceledException lists a reason per
 * action, in order. ClientRequestToken makes a retry within 10 minutes a no-op.
 */
import { createHash } from 'node:crypto';
import { AwsError } from '../../../src/core/errors';
import { clock } from '../../../src/core/clock';
import type { Item } from '../values/attribute-value';
import { cloneItem, itemSize, validateItem } from '../values/attribute-value';
import { listMember, validation } from '../exceptions';
import { checkUpdateActions } from '../expressions/update';
import { ConditionFailed, commit, planCheck, planDelete, planPut, planUpdate, type WritePlan } from '../models/item-ops';
import type {
  CancellationReason,
  ConsumedCapacity,
  TransactGetItemsInput,
  TransactGetItemsOutput,
  TransactWriteItem,
  TransactWriteItemsInput,
  TransactWriteItemsOutput,
} from '../types';
import { type Ctx, capacity, checkEnum, itemTable, planConsumption, readUnits, shapeItem } from './common';
import { collectionMetrics, consumedList } from './batch';
import { Consumption } from '../models/capacity';
import { readExpressions } from './expressions';

const MAX_ACTIONS = 100;
const TOKEN_TTL_MS = 10 * 60 * 1000;
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

const sameItem = () => validation('Transaction request cannot include multiple operations on one item');

function checkCount(items: unknown, member: string): void {
  listMember(items);
  const n = Array.isArray(items) ? items.length : 0;
  if (n < 1) throw validation(`1 validation error detected: Value '[]' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  if (n > MAX_ACTIONS) {
    throw validation(`1 validation error detected: Value '[...]' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ACTIONS}`);
  }
}

export function transactGetItems(input: TransactGetItemsInput, ctx: Ctx): TransactGetItemsOutput {
  checkCount(input.TransactItems, 'transactItems');
  const seen = new Set<string>();
  const reasons: CancellationReason[] = [];
  const reads = input.TransactItems.map(({ Get }) => {
    if (!Get) throw validation('TransactItems can only contain Get');
    const exprs = readExpressions(Get);
    const table = itemTable(ctx, Get.TableName);
    // A key that does not fit the schema cancels the transaction (reason ValidationError), it is not a request error.
    let key: Item | undefined;
    try {
      key = table.checkKey(validateItem(Get.Key));
      reasons.push({ Code: 'None' });
    } catch (err) {
      if (!(err instanceof AwsError) || err.code !== 'ValidationException') throw err;
      reasons.push({ Code: 'ValidationError', Message: err.message });
      return undefined;
    }
    const id = `${table.name}\u0000${table.tkOf(key)}`;
    if (seen.has(id)) throw sameItem();
    seen.add(id);
    return { table, key, projection: exprs.projection, ref: Get.TableName };
  });
  if (reasons.some((r) => r.Code !== 'None')) throw cancelled(reasons);
  const units = new Map<string, number>();
  const responses = reads.map((read) => {
    const r = read!;
    const item = r.table.get(r.key);
    units.set(r.ref, (units.get(r.ref) ?? 0) + 2 * readUnits(item ? itemSize(item) : 0, true));
    return item ? { Item: shapeItem(item, r.projection) } : {};
  });
  return { Responses: responses, ConsumedCapacity: readList(input.ReturnConsumedCapacity, ctx, units) };
}

function cancelled(reasons: CancellationReason[]): AwsError {
  const message = `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`;
  return new AwsError('TransactionCanceledException', message, { status: 400, fields: { Message: message, CancellationReasons: reasons } });
}

/** The items and keys a TransactWriteItems request carries, against the documented 4 MB aggregate. */
function checkAggregateSize(items: TransactWriteItem[]): void {
  let bytes = 0;
  for (const a of items) {
    const payload = a.Put?.Item ?? a.Update?.Key ?? a.Delete?.Key ?? a.ConditionCheck?.Key;
    if (payload && typeof payload === 'object') bytes += itemSize(payload as Item);
  }
  if (bytes > MAX_TRANSACTION_BYTES) throw validation('The aggregate size of the items in the transaction exceeds 4 MB');
}

function readList(mode: string | undefined, ctx: Ctx, units: Map<string, number>): ConsumedCapacity[] | undefined {
  if (!mode || mode === 'NONE') return undefined;
  return [...units].map(([name, u]) => capacity(mode, ctx.backend.table(name), u, name) as ConsumedCapacity);
}

interface Action {
  plan: () => WritePlan;
  returnOnFailure?: string;
  tableName: string;
  key: Item;
}

function actionOf(a: TransactWriteItem, ctx: Ctx): Action {
  const present = [a.ConditionCheck, a.Put, a.Delete, a.Update].filter(Boolean);
  if (present.length !== 1) {
    throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
  }
  if (a.Put) {
    const exprs = readExpressions(a.Put);
    const table = itemTable(ctx, a.Put.TableName);
    const key = table.keyOf(a.Put.Item ?? {});
    return { tableName: table.name, key, returnOnFailure: a.Put.ReturnValuesOnConditionCheckFailure, plan: () => planPut(table, a.Put!.Item, exprs.condition) };
  }
  if (a.Delete) {
    const exprs = readExpressions(a.Delete);
    const table = itemTable(ctx, a.Delete.TableName);
    return { tableName: table.name, key: a.Delete.Key, returnOnFailure: a.Delete.ReturnValuesOnConditionCheckFailure, plan: () => planDelete(table, a.Delete!.Key, exprs.condition) };
  }
  if (a.Update) {
    const exprs = readExpressions(a.Update);
    const table = itemTable(ctx, a.Update.TableName);
    if (exprs.update) checkUpdateActions(exprs.update, table.keyNames);
    return { tableName: table.name, key: a.Update.Key, returnOnFailure: a.Update.ReturnValuesOnConditionCheckFailure, plan: () => planUpdate(table, a.Update!.Key, exprs.update, exprs.condition) };
  }
  const c = a.ConditionCheck!;
  const exprs = readExpressions(c);
  const table = itemTable(ctx, c.TableName);
  if (!exprs.condition) throw validation('The ConditionExpression parameter must be specified in ConditionCheck');
  return { tableName: table.name, key: c.Key, returnOnFailure: c.ReturnValuesOnConditionCheckFailure, plan: () => planCheck(table, c.Key, exprs.condition!) };
}

function fingerprintOf(input: TransactWriteItemsInput): string {
  const json = JSON.stringify(input.TransactItems, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
  return createHash('sha256').update(json).digest('hex');
}

/** Same token within 10 minutes: the same request is a no-op success, a different one is rejected. */
function isReplay(input: TransactWriteItemsInput, ctx: Ctx): boolean {
  const token = input.ClientRequestToken;
  if (!token) return false;
  const now = clock.now();
  for (const [t, v] of ctx.backend.tokens) if (now - v.at > TOKEN_TTL_MS) ctx.backend.tokens.delete(t);
  const seen = ctx.backend.tokens.get(token);
  if (!seen) return false;
  if (seen.fingerprint !== fingerprintOf(input)) {
    throw new AwsError(
      'IdempotentParameterMismatchException',
      'Request already exists for the given ClientRequestToken with different parameters',
      { status: 400 },
    );
  }
  return true;
}

/** Identity of the item an action targets (normalised key values), for the one-action-per-item rule. */
function itemId(action: Action, ctx: Ctx): string {
  const table = ctx.backend.table(action.tableName);
  const key = action.key;
  if (!table.keyNames.every((n) => key?.[n] !== undefined)) return `${action.tableName}\u0000${JSON.stringify(key)}`;
  return `${action.tableName}\u0000${table.tkOf(validateItem(table.keyOf(key)))}`;
}

export function transactWriteItems(input: TransactWriteItemsInput, ctx: Ctx): TransactWriteItemsOutput {
  checkCount(input.TransactItems, 'transactItems');
  checkEnum(input.ReturnConsumedCapacity, ['INDEXES', 'TOTAL', 'NONE'], 'returnConsumedCapacity');
  // Values are checked before any table is looked up.
  for (const a of input.TransactItems) {
    const payload = a.Put?.Item ?? a.Update?.Key ?? a.Delete?.Key ?? a.ConditionCheck?.Key;
    if (payload) validateItem(payload as Item);
  }
  const actions = input.TransactItems.map((a) => actionOf(a, ctx));
  checkAggregateSize(input.TransactItems);
  const seen = new Set<string>();
  for (const action of actions) {
    const id = itemId(action, ctx);
    if (seen.has(id)) throw sameItem();
    seen.add(id);
  }
  const consumed = new Map<string, Consumption>();
  if (isReplay(input, ctx)) return { ConsumedCapacity: consumedList(input.ReturnConsumedCapacity, ctx, consumed) };
  const plans: WritePlan[] = [];
  const reasons: CancellationReason[] = [];
  let failed = false;
  for (const action of actions) {
    let plan: WritePlan | undefined;
    try {
      plan = action.plan();
    } catch (err) {
      if (!(err instanceof ConditionFailed)) throw err;
      failed = true;
      reasons.push({
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        Item: action.returnOnFailure === 'ALL_OLD' && err.item ? cloneItem(err.item) : undefined,
      });
    }
    if (plan) {
      plans.push(plan);
      reasons.push({ Code: 'None' });
    }
  }
  if (failed) throw cancelled(reasons);
  if (input.ClientRequestToken) ctx.backend.tokens.set(input.ClientRequestToken, { fingerprint: fingerprintOf(input), at: clock.now() });
  const counting = input.ReturnConsumedCapacity !== undefined && input.ReturnConsumedCapacity !== 'NONE';
  // Every action planned (none failed), so plans[i] is actions[i]'s; capacity is keyed by the name or ARN used.
  plans.forEach((p, i) => {
    commit(p);
    if (!counting) return;
    const ref = input.TransactItems[i].Put?.TableName ?? input.TransactItems[i].Update?.TableName ?? input.TransactItems[i].Delete?.TableName ?? input.TransactItems[i].ConditionCheck?.TableName ?? p.table.name;
    // Transactional writes cost twice a standard write.
    const c = consumed.get(ref) ?? new Consumption();
    consumed.set(ref, c.add(planConsumption(p), 2));
  });
  return {
    ConsumedCapacity: consumedList(input.ReturnConsumedCapacity, ctx, consumed),
    ItemCollectionMetrics: collectionMetrics(input.ReturnItemCollectionMetrics, plans.filter((p) => p.next !== 'keep')),
  };
}
