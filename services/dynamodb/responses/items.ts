/** PutItem, GetItem, UpdateItem, DeleteItem. */
import type { Item } from '../values/attribute-value';
import { itemSize, validateItem } from '../values/attribute-value';
import type { Condition } from '../expressions/ast';
import { checkUpdateActions } from '../expressions/update';
import { commit, planDelete, planPut, planUpdate, type WritePlan } from '../models/item-ops';
import type { Table } from '../models/table';
import type {
  DeleteItemInput,
  DeleteItemOutput,
  GetItemInput,
  GetItemOutput,
  PutItemInput,
  PutItemOutput,
  UpdateItemInput,
  UpdateItemOutput,
} from '../types';
import { readExpressions } from './expressions';
import {
  type Ctx,
  capacity,
  checkEnum,
  checkReturnValues,
  itemTable,
  planConsumption,
  readUnits,
  rethrowCondition,
  returnedAttributes,
  shapeItem,
} from './common';
import { consumedCapacity, itemCollectionMetrics } from '../models/capacity';
import { checkTableRef } from '../models/table-schema';

function plan(run: () => WritePlan, onFailure: string | undefined): WritePlan {
  checkEnum(onFailure, ['ALL_OLD', 'NONE'], 'returnValuesOnConditionCheckFailure');
  try {
    return run();
  } catch (err) {
    rethrowCondition(err, onFailure);
  }
}

/** ConsumedCapacity and ItemCollectionMetrics of a committed single-item write. */
function writeReport(p: WritePlan, input: { TableName: string; ReturnConsumedCapacity?: string; ReturnItemCollectionMetrics?: string }) {
  const mode = input.ReturnConsumedCapacity;
  return {
    // Index costs take some work to compute: only when asked for.
    ConsumedCapacity: mode && mode !== 'NONE' ? consumedCapacity(mode, p.table, planConsumption(p), input.TableName) : undefined,
    ItemCollectionMetrics: itemCollectionMetrics(input.ReturnItemCollectionMetrics, p.table, p.key),
  };
}

/** PutItem and DeleteItem: the same checks and answer (ReturnValues NONE or ALL_OLD) around their plan. */
function writeReturningOld(
  input: PutItemInput | DeleteItemInput,
  ctx: Ctx,
  planFor: (table: Table, condition: Condition | undefined, validated: Item) => WritePlan,
): PutItemOutput & DeleteItemOutput {
  // DynamoDB reports the table name's problems before any other (an empty name before a bad ReturnValues).
  checkTableRef(input.TableName);
  const rv = checkReturnValues(input.ReturnValues, ['ALL_OLD', 'NONE'], 'Item' in input);
  const exprs = readExpressions(input);
  // The values are checked before the table is looked up (a malformed request on a missing table is a ValidationException).
  const validated = validateItem('Item' in input ? input.Item : input.Key);
  const table = itemTable(ctx, input.TableName);
  const p = plan(() => planFor(table, exprs.condition, validated), input.ReturnValuesOnConditionCheckFailure);
  commit(p);
  return {
    Attributes: returnedAttributes(rv, p.old, undefined),
    ...writeReport(p, input),
  };
}

export function putItem(input: PutItemInput, ctx: Ctx): PutItemOutput {
  return writeReturningOld(input, ctx, (table, condition, item) => planPut(table, item, condition, true));
}

export function deleteItem(input: DeleteItemInput, ctx: Ctx): DeleteItemOutput {
  return writeReturningOld(input, ctx, (table, condition) => planDelete(table, input.Key, condition));
}

export function updateItem(input: UpdateItemInput, ctx: Ctx): UpdateItemOutput {
  checkTableRef(input.TableName);
  const rv = checkReturnValues(input.ReturnValues, ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']);
  const exprs = readExpressions(input);
  validateItem(input.Key);
  const table = itemTable(ctx, input.TableName);
  if (exprs.update) checkUpdateActions(exprs.update, table.keyNames);
  const p = plan(() => planUpdate(table, input.Key, exprs.update, exprs.condition), input.ReturnValuesOnConditionCheckFailure);
  commit(p);
  const paths = (exprs.update ?? []).map((a) => a.path);
  return {
    Attributes: returnedAttributes(rv, p.old, p.next as Item, paths),
    ...writeReport(p, input),
  };
}

export function getItem(input: GetItemInput, ctx: Ctx): GetItemOutput {
  checkTableRef(input.TableName);
  const exprs = readExpressions(input);
  const raw = validateItem(input.Key);
  const table = itemTable(ctx, input.TableName);
  const key = table.checkKey(raw);
  const item = table.get(key);
  const mode = input.ReturnConsumedCapacity;
  return {
    Item: item ? shapeItem(item, exprs.projection) : undefined,
    // The item's size is a walk of it: only when the caller asked what the read cost.
    ConsumedCapacity:
      mode && mode !== 'NONE' ? capacity(mode, table, readUnits(item ? itemSize(item) : 0, input.ConsistentRead), input.TableName) : undefined,
  };
}
