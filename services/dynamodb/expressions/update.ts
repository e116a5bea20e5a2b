/**
 * Applies UpdateExpression actions (and translated AttributeUpdates) to a
 * copy of an item: every SET value is computed from the item as it was
 * before the update, then SET, REMOVE (list indexes high to low), ADD and
 * DELETE are applied.
 */
import type { AttributeValue, Item } from '../values/attribute-value';
import { cloneItem, cloneValue, setKeys, typeOf } from '../values/attribute-value';
import { addNumbers } from '../values/decimal';
import { invalidParameter, validation } from '../exceptions';
import { type Operand, type Path, type UpdateAction, pathText } from './ast';
import { operandValue } from './evaluate';
import { getPath, removePath, setPath } from './paths';

const operandType = (op: string, v: AttributeValue) =>
  validation(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: ${op}, operand type: ${typeOf(v)}`);

const TYPE_WORDS: Record<string, string> = {
  S: 'STRING', N: 'NUMBER', B: 'BINARY', SS: 'STRING SET', NS: 'NUMBER SET', BS: 'BINARY SET',
  M: 'MAP', L: 'LIST', BOOL: 'BOOLEAN', NULL: 'NULL',
};
const setOperandType = (op: string, v: AttributeValue) =>
  validation(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ${op}, operand type: ${TYPE_WORDS[typeOf(v)]}`);

/** Checks done before the item is read: key attributes untouched, no overlapping paths. */
export function checkUpdateActions(actions: UpdateAction[], keyNames: string[]): void {
  for (const a of actions) {
    const top = (a.path[0] as { name: string }).name;
    if (keyNames.includes(top)) throw invalidParameter(`Cannot update attribute ${top}. This attribute is part of the key`);
  }
  for (let i = 0; i < actions.length; i++) {
    for (let j = i + 1; j < actions.length; j++) {
      const [p, q] = [actions[i].path, actions[j].path];
      const n = Math.min(p.length, q.length);
      let same = true;
      for (let k = 0; k < n && same; k++) same = JSON.stringify(p[k]) === JSON.stringify(q[k]);
      if (same) {
        throw validation(
          `Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${pathText(p)}, path two: ${pathText(q)}`,
        );
      }
    }
  }
}

function setValue(op: Operand, item: Item): AttributeValue {
  switch (op.kind) {
    case 'arith': {
      const a = setValue(op.left, item);
      const b = setValue(op.right, item);
      if (a.N === undefined) throw operandType(op.op, a);
      if (b.N === undefined) throw operandType(op.op, b);
      return { N: addNumbers(a.N, b.N, op.op === '-') };
    }
    case 'if_not_exists':
      return getPath(item, op.path) ?? setValue(op.fallback, item);
    case 'list_append': {
      const a = setValue(op.left, item);
      const b = setValue(op.right, item);
      if (!a.L) throw operandType('list_append', a);
      if (!b.L) throw operandType('list_append', b);
      return { L: [...a.L, ...b.L] };
    }
    default: {
      const v = operandValue(op, item);
      if (!v) throw validation('The provided expression refers to an attribute that does not exist in the item');
      return v;
    }
  }
}

/** Returns the updated copy of `item` (which is not modified). */
export function applyUpdate(original: Item, actions: UpdateAction[]): Item {
  const sets = actions
    .filter((a) => a.kind === 'SET')
    .map((a) => ({ path: a.path, value: cloneValue(setValue((a as { value: Operand }).value, original)) }));
  const item = cloneItem(original);
  for (const s of sets) setPath(item, s.path, s.value);
  const removes = actions.filter((a) => a.kind === 'REMOVE').map((a) => a.path);
  removes.sort(compareIndexDescending);
  for (const path of removes) removePath(item, path);
  for (const a of actions) {
    if (a.kind === 'ADD') add(item, a.path, operandValue(a.value, original) as AttributeValue);
    if (a.kind === 'DELETE') remove(item, a.path, operandValue(a.value, original) as AttributeValue);
  }
  return item;
}

/** Later list indexes first, so removing [1] does not shift [3]. */
function compareIndexDescending(a: Path, b: Path): number {
  const ia = a[a.length - 1];
  const ib = b[b.length - 1];
  if ('index' in ia && 'index' in ib) return ib.index - ia.index;
  return 0;
}

function add(item: Item, path: Path, value: AttributeValue): void {
  const t = typeOf(value);
  if (!['N', 'SS', 'NS', 'BS'].includes(t)) throw setOperandType('ADD', value);
  const current = getPath(item, path);
  if (!current) {
    setPath(item, path, cloneValue(value));
    return;
  }
  if (typeOf(current) !== t) throw setOperandType('ADD', current);
  if (t === 'N') {
    setPath(item, path, { N: addNumbers(current.N as string, value.N as string) });
    return;
  }
  const have = setKeys(current);
  const key = (x: string | Uint8Array) => (typeof x === 'string' ? x : Buffer.from(x).toString('base64'));
  const list = (current[t as 'SS'] as unknown[]).slice();
  for (const x of value[t as 'SS'] as unknown[]) if (!have.has(key(x as string))) list.push(x);
  setPath(item, path, { [t]: list } as AttributeValue);
}

function remove(item: Item, path: Path, value: AttributeValue): void {
  const t = typeOf(value);
  if (!['SS', 'NS', 'BS'].includes(t)) throw setOperandType('DELETE', value);
  const current = getPath(item, path);
  if (!current) return;
  if (typeOf(current) !== t) throw setOperandType('DELETE', current);
  const drop = setKeys(value);
  const key = (x: string | Uint8Array) => (typeof x === 'string' ? x : Buffer.from(x).toString('base64'));
  const kept = (current[t as 'SS'] as Array<string | Uint8Array>).filter((x) => !drop.has(key(x)));
  if (kept.length === 0) removePath(item, path);
  else setPath(item, path, { [t]: kept } as AttributeValue);
}
