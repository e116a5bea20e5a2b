/**
 * The four item writes as plan-then-commit steps: a plan checks the
 * condition against the current item and computes the new one without
 * touching state, so a single write and a whole transaction commit the same
 * way, and a failed check changes nothing.
 */
import type { Item } from '../values/attribute-value';
import { validateItem } from '../values/attribute-value';
import type { Condition, UpdateAction } from '../expressions/ast';
import { evaluate } from '../expressions/evaluate';
import { applyUpdate } from '../expressions/update';
import type { Table } from './table';

/** A condition that did not hold; carries the item it was checked against. */
export class ConditionFailed extends Error {
  constructor(readonly item: Item | undefined) {
    super('The conditional request failed');
  }
}

export interface WritePlan {
  table: Table;
  key: Item;
  old: Item | undefined;
  /** The item after the write; undefined deletes; 'keep' leaves it (ConditionCheck). */
  next: Item | undefined | 'keep';
  /** `next`'s size, as checking it measured it (0 with no item to store): the write needs it too. */
  size: number;
}

function check(condition: Condition | undefined, old: Item | undefined): void {
  if (condition && !evaluate(condition, old ?? {})) throw new ConditionFailed(old);
}

/** `validated`: the item is validateItem's answer already (PutItem checks it before the table lookup). */
export function planPut(table: Table, rawItem: Item, condition?: Condition, validated = false): WritePlan {
  const item = validated ? rawItem : validateItem(rawItem);
  const size = table.checkItem(item);
  const key = table.keyOf(item);
  const old = table.get(key);
  check(condition, old);
  return { table, key, old, next: item, size };
}

export function planDelete(table: Table, rawKey: Item, condition?: Condition): WritePlan {
  const key = table.checkKey(validateItem(rawKey));
  const old = table.get(key);
  check(condition, old);
  return { table, key, old, next: undefined, size: 0 };
}

export function planCheck(table: Table, rawKey: Item, condition: Condition): WritePlan {
  const key = table.checkKey(validateItem(rawKey));
  const old = table.get(key);
  check(condition, old);
  return { table, key, old, next: 'keep', size: 0 };
}

export function planUpdate(table: Table, rawKey: Item, actions: UpdateAction[] | undefined, condition?: Condition): WritePlan {
  const key = table.checkKey(validateItem(rawKey));
  const old = table.get(key);
  check(condition, old);
  const base = old ?? { ...key };
  const next = actions?.length ? applyUpdate(base, actions) : { ...base };
  const size = table.checkItem(next);
  return { table, key, old, next, size };
}

export function commit(plan: WritePlan): void {
  if (plan.next === 'keep') return;
  plan.table.write(plan.key, plan.next, false, false, plan.size);
}
