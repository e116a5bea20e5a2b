/**
 * Document paths over items: read a nested value, write one (creating only
 * the last element, as DynamoDB does), remove one, and project a set of
 * paths into a new item that keeps the nesting.
 */
import type { AttributeValue, Item } from '../values/attribute-value';
import { cloneValue, emptyItem, own } from '../values/attribute-value';
import { validation } from '../exceptions';
import type { Path } from './ast';

export function getPath(item: Item, path: Path): AttributeValue | undefined {
  let cur: AttributeValue | undefined = own(item, (path[0] as { name: string }).name);
  for (let i = 1; i < path.length && cur; i++) {
    const e = path[i];
    if ('name' in e) cur = own(cur.M, e.name);
    else cur = cur.L ? cur.L[e.index] : undefined;
  }
  return cur;
}

const invalidForUpdate = () => validation('The document path provided in the update expression is invalid for update');

/** Writes value at path; the parent must exist (map or list). Past-the-end list indexes append. */
export function setPath(item: Item, path: Path, value: AttributeValue): void {
  if (path.length === 1) {
    item[(path[0] as { name: string }).name] = value;
    return;
  }
  const parent = getPath(item, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!parent) throw invalidForUpdate();
  if ('name' in last) {
    if (!parent.M) throw invalidForUpdate();
    parent.M[last.name] = value;
  } else {
    if (!parent.L) throw invalidForUpdate();
    if (last.index >= parent.L.length) parent.L.push(value);
    else parent.L[last.index] = value;
  }
}

/** Removes the value at path if it is there (REMOVE of a missing path is a no-op). */
export function removePath(item: Item, path: Path): void {
  if (path.length === 1) {
    delete item[(path[0] as { name: string }).name];
    return;
  }
  const parent = getPath(item, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!parent) return;
  if ('name' in last) {
    if (parent.M) delete parent.M[last.name];
    else if (parent.L) throw invalidForUpdate();
  } else if (parent.L) {
    if (last.index < parent.L.length) parent.L.splice(last.index, 1);
  } else if (parent.M) throw invalidForUpdate();
}

/** A new item with only the projected paths; list elements keep their order. */
export function project(item: Item, paths: Path[]): Item {
  const out = emptyItem();
  for (const path of paths) {
    const value = getPath(item, path);
    if (value === undefined) continue;
    copyInto(out, path, value);
  }
  compactLists(out);
  return out;
}

type Container = { M?: Record<string, AttributeValue>; L?: AttributeValue[] };

function copyInto(out: Item, path: Path, value: AttributeValue): void {
  let holder: Container = { M: out };
  for (let i = 0; i < path.length; i++) {
    const e = path[i];
    const isLast = i === path.length - 1;
    const nextIsIndex = !isLast && 'index' in path[i + 1];
    const key = 'name' in e ? e.name : e.index;
    const bucket = holder.M ?? (holder.L as unknown as Record<string | number, AttributeValue>);
    if (isLast) {
      (bucket as Record<string | number, AttributeValue>)[key] = cloneValue(value);
      break;
    }
    let child = Object.hasOwn(bucket, key) ? (bucket as Record<string | number, AttributeValue>)[key] : undefined;
    if (!child) {
      child = nextIsIndex ? { L: [] } : { M: emptyItem() };
      (bucket as Record<string | number, AttributeValue>)[key] = child;
    }
    holder = child;
  }
}

/** Projected list elements are packed: [1] and [3] of a list become a two-element list. */
function compactLists(item: Item): void {
  for (const v of Object.values(item)) compactValue(v);
}

function compactValue(v: AttributeValue): void {
  if (v.L) {
    v.L = v.L.filter((x) => x !== undefined);
    for (const x of v.L) compactValue(x);
  } else if (v.M) {
    for (const x of Object.values(v.M)) compactValue(x);
  }
}
