/**
 * PartiQL: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction.
 * Statements are planned with the same write plans as PutItem/UpdateItem/
 * DeleteItem; a SELECT with the partition key reads one partition, any other
 * SELECT scans the table.
 */
import { AwsError } from '../../../src/core/errors';
import type { Item } from '../values/attribute-value';
import { cloneValue, typeOf, validateValue } from '../values/attribute-value';
import { conditionalCheckFailed, listMember, stringMember, validation } from '../exceptions';
import type { Condition, Path } from '../expressions/ast';
import { getPath } from '../expressions/paths';
import { evaluate } from '../expressions/evaluate';
import { checkUpdateActions } from '../expressions/update';
import { ConditionFailed, commit, planDelete, planPut, planUpdate, type WritePlan } from '../models/item-ops';
import type { Table } from '../models/table';
import { PartiqlParser, type Statement } from '../partiql/parser';
import type {
  BatchExecuteStatementInput,
  BatchExecuteStatementOutput,
  BatchStatementResponse,
  ExecuteStatementInput,
  ExecuteStatementOutput,
  ExecuteTransactionInput,
  ExecuteTransactionOutput,
} from '../types';
import { type Ctx, itemTable, shapeItem } from './common';

function parse(sql: string, params: Item[string][] | undefined): Statement {
  stringMember(sql);
  listMember(params);
  if (!sql?.trim()) throw validation("1 validation error detected: Value '' at 'statement' failed to satisfy constraint: Member must have length greater than or equal to 1");
  return new PartiqlParser(sql, (params ?? []).map((p) => validateValue(p))).parse();
}

/** Equalities on top-level attributes joined by AND: `pk = 'a' AND sk = 1`. */
function equalities(c: Condition | undefined, out = new Map<string, Item[string]>()): Map<string, Item[string]> {
  if (!c) return out;
  if (c.kind === 'and') {
    equalities(c.left, out);
    equalities(c.right, out);
  } else if (c.kind === 'compare' && c.op === '=' && c.left.kind === 'path' && c.left.path.length === 1 && c.right.kind === 'value') {
    out.set((c.left.path[0] as { name: string }).name, c.right.value);
  }
  return out;
}

function fullKey(table: Table, where: Condition | undefined): Item {
  const eq = equalities(where);
  const key: Item = Object.create(null);
  for (const name of table.keyNames) {
    const v = eq.get(name);
    if (!v) throw validation('Where clause does not contain a mandatory equality on all key attributes');
    key[name] = v;
  }
  return table.checkKey(key);
}

const exists = (table: Table, where: Condition | undefined): Condition => {
  const present: Condition = { kind: 'exists', path: [{ name: table.key.hash.name }] };
  return where ? { kind: 'and', left: present, right: where } : present;
};

function planWrite(st: Statement, ctx: Ctx): WritePlan {
  const table = itemTable(ctx, st.table);
  if (st.kind === 'INSERT') {
    try {
      return planPut(table, st.item, { kind: 'not_exists', path: [{ name: table.key.hash.name }] });
    } catch (err) {
      if (err instanceof ConditionFailed) throw new AwsError('DuplicateItemException', 'Duplicate primary key exists in table', { status: 400 });
      throw err;
    }
  }
  if (st.kind === 'UPDATE') {
    checkUpdateActions(st.actions, table.keyNames);
    return planUpdate(table, fullKey(table, st.where), st.actions, exists(table, st.where));
  }
  if (st.kind === 'DELETE') return planDelete(table, fullKey(table, st.where), exists(table, st.where));
  throw validation('Unsupported operation');
}

function select(st: Extract<Statement, { kind: 'SELECT' }>, ctx: Ctx): Item[] {
  const table = itemTable(ctx, st.table);
  const index = st.index ? table.indexes.get(st.index) : undefined;
  if (st.index && !index) throw validation(`The table does not have the specified index: ${st.index}`);
  const store = index?.store ?? table.store;
  const hashName = store.hashKey.name;
  const hash = equalities(st.where).get(hashName);
  // A WHERE that fixes the partition key reads one partition; anything else scans.
  const entries = hash && typeOf(hash) === store.hashKey.type ? store.query(hash, undefined, true) : store.scan();
  const out: Item[] = [];
  for (const e of entries) {
    if (st.where && !evaluate(st.where, e.item)) continue;
    out.push(st.projection ? selectPaths(e.item, st.projection) : shapeItem(e.item, undefined));
  }
  return out;
}

/**
 * PartiQL's SELECT list: each path's value under the path's last name
 * (`SELECT mymap.nested` answers `{"nested": ...}`, not the enclosing map).
 */
function selectPaths(item: Item, paths: Path[]): Item {
  const out: Item = Object.create(null);
  for (const path of paths) {
    const value = getPath(item, path);
    if (value === undefined) continue;
    const named = [...path].reverse().find((e): e is { name: string } => 'name' in e);
    if (named) out[named.name] = cloneValue(value);
  }
  return out;
}

function run(st: Statement, ctx: Ctx): Item[] {
  if (st.kind === 'SELECT') return select(st, ctx);
  try {
    commit(planWrite(st, ctx));
  } catch (err) {
    if (err instanceof ConditionFailed) throw conditionalCheckFailed();
    throw err;
  }
  return [];
}

export function executeStatement(input: ExecuteStatementInput, ctx: Ctx): ExecuteStatementOutput {
  const st = parse(input.Statement, input.Parameters);
  const items = run(st, ctx);
  const offset = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64').toString('utf8')) || 0 : 0;
  const limit = input.Limit ?? items.length;
  const page = items.slice(offset, offset + limit);
  const more = offset + limit < items.length;
  return { Items: page, NextToken: more ? Buffer.from(String(offset + limit)).toString('base64') : undefined };
}

function errorOf(err: unknown): { Code: string; Message: string } {
  if (err instanceof ConditionFailed) return { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
  if (err instanceof AwsError) {
    const code = err.code.replace(/Exception$/, '');
    return { Code: code === 'Validation' ? 'ValidationError' : code, Message: err.message };
  }
  throw err;
}

export function batchExecuteStatement(input: BatchExecuteStatementInput, ctx: Ctx): BatchExecuteStatementOutput {
  listMember(input.Statements);
  const statements = input.Statements ?? [];
  if (statements.length < 1 || statements.length > 25) {
    throw validation(`1 validation error detected: Value at 'statements' failed to satisfy constraint: Member must have length less than or equal to 25`);
  }
  const responses: BatchStatementResponse[] = statements.map((s) => {
    try {
      const st = parse(s.Statement, s.Parameters);
      const items = run(st, ctx);
      return { TableName: st.table, Item: st.kind === 'SELECT' ? items[0] : undefined };
    } catch (err) {
      return { Error: errorOf(err) };
    }
  });
  return { Responses: responses };
}

export function executeTransaction(input: ExecuteTransactionInput, ctx: Ctx): ExecuteTransactionOutput {
  listMember(input.TransactStatements);
  const list = input.TransactStatements ?? [];
  if (list.length < 1 || list.length > 100) {
    throw validation(`1 validation error detected: Value at 'transactStatements' failed to satisfy constraint: Member must have length less than or equal to 100`);
  }
  const statements = list.map((s) => parse(s.Statement, s.Parameters));
  const reads = statements.filter((s) => s.kind === 'SELECT').length;
  if (reads && reads !== statements.length) throw validation('Transaction must contain either all reads or all writes');
  if (reads) return { Responses: statements.map((s) => ({ Item: run(s, ctx)[0] })) };
  const plans: WritePlan[] = [];
  const reasons: Array<{ Code: string; Message?: string }> = [];
  let failed = false;
  for (const st of statements) {
    try {
      plans.push(planWrite(st, ctx));
      reasons.push({ Code: 'None' });
    } catch (err) {
      failed = true;
      reasons.push(err instanceof AwsError && err.code === 'DuplicateItemException' ? { Code: 'DuplicateItem', Message: err.message } : errorOf(err));
    }
  }
  const ids = plans.map((p) => `${p.table.name}\u0000${p.table.tkOf(p.key)}`);
  if (new Set(ids).size !== ids.length) throw validation('Transaction request cannot include multiple operations on one item');
  if (failed) {
    const message = `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`;
    throw new AwsError('TransactionCanceledException', message, { status: 400, fields: { Message: message, CancellationReasons: reasons } });
  }
  for (const p of plans) commit(p);
  return { Responses: statements.map(() => ({})) };
}
