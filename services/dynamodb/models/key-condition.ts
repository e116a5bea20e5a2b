/**
 * Turns a key condition (KeyConditionExpression or KeyConditions) into a
 * partition value and a range-key window over an index's sorted entries.
 */
import type { AttributeValue } from '../values/attribute-value';
import { compareSortables, sortableOf, typeOf } from '../values/attribute-value';
import { invalidExpression, invalidParameter, validation } from '../exceptions';
import type { Condition, Operand } from '../expressions/ast';
import type { Entry } from '../storage/index-store';
import type { KeySpec } from './table-schema';
import { checkKeySize } from './table';

export interface KeyWindow {
  hash: AttributeValue;
  /** Where an entry lies relative to the range condition: <0 before, 0 inside, >0 after. */
  within?: (e: Entry) => number;
}

const notSupported = () => validation('Query key condition not supported');

function flatten(c: Condition, out: Condition[]): void {
  if (c.kind === 'and') {
    flatten(c.left, out);
    flatten(c.right, out);
    return;
  }
  if (c.kind === 'or' || c.kind === 'not' || c.kind === 'in') {
    throw validation(`Invalid operator used in KeyConditionExpression: ${c.kind.toUpperCase()}`);
  }
  out.push(c);
}

function attrName(o: Operand): string | undefined {
  if (o.kind !== 'path') return undefined;
  if (o.path.length > 1) throw validation('KeyConditionExpressions cannot have conditions on nested attributes');
  return (o.path[0] as { name: string }).name;
}

function literal(o: Operand): AttributeValue {
  if (o.kind !== 'value') throw notSupported();
  return o.value;
}

export function keyWindow(condition: Condition | undefined, key: KeySpec): KeyWindow {
  if (!condition) {
    throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  }
  const parts: Condition[] = [];
  flatten(condition, parts);
  let hash: AttributeValue | undefined;
  let within: KeyWindow['within'];
  const seen = new Set<string>();
  for (const c of parts) {
    const target = targetOf(c);
    if (seen.has(target)) throw validation('KeyConditionExpressions must only contain one condition per key');
    seen.add(target);
    if (target === key.hash.name) {
      if (c.kind !== 'compare' || c.op !== '=') throw notSupported();
      hash = checkType(literal(attrName(c.left) ? c.right : c.left), key.hash.type);
      checkKeySize(hash, true);
    } else if (key.range && target === key.range.name) {
      within = rangeProbe(c, key.range.type);
    } else {
      throw notSupported();
    }
  }
  if (!hash) throw validation(`Query condition missed key schema element: ${key.hash.name}`);
  return { hash, within };
}

function targetOf(c: Condition): string {
  switch (c.kind) {
    case 'compare': {
      const name = attrName(c.left) ?? attrName(c.right);
      if (!name) throw notSupported();
      return name;
    }
    case 'between':
    case 'begins_with': {
      const name = attrName(c.kind === 'between' ? c.operand : c.path);
      if (!name) throw notSupported();
      return name;
    }
    default:
      throw validation(`Invalid operator used in KeyConditionExpression: ${c.kind === 'exists' ? 'attribute_exists' : c.kind === 'not_exists' ? 'attribute_not_exists' : c.kind}`);
  }
}

function checkType(v: AttributeValue, type: string): AttributeValue {
  if (typeOf(v) !== type) throw invalidParameter('Condition parameter type does not match schema type');
  return v;
}

function rangeProbe(c: Condition, type: 'S' | 'N' | 'B'): (e: Entry) => number {
  const cmp = (e: Entry, v: AttributeValue) => compareSortables(type, e.rk as string, sortableOf(v));
  if (c.kind === 'between') {
    const lo = checkType(literal(c.low), type);
    const hi = checkType(literal(c.high), type);
    if (compareSortables(type, sortableOf(lo), sortableOf(hi)) > 0) {
      throw invalidExpression(
        'KeyConditionExpression',
        `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {${type}:${show(lo)}}, upper bound operand: AttributeValue: {${type}:${show(hi)}}`,
      );
    }
    return (e) => (cmp(e, lo) < 0 ? -1 : cmp(e, hi) > 0 ? 1 : 0);
  }
  if (c.kind === 'begins_with') {
    const p = literal(c.operand);
    if (type === 'N' || typeOf(p) !== type) {
      throw invalidExpression('KeyConditionExpression', `Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${typeOf(p)}`);
    }
    const prefix = sortableOf(p);
    return (e) => {
      if (type === 'S' ? (e.rk as string).startsWith(prefix as string) : (e.rk as Buffer).subarray(0, (prefix as Buffer).length).equals(prefix as Buffer)) return 0;
      return compareSortables(type, e.rk as string, prefix) < 0 ? -1 : 1;
    };
  }
  if (c.kind !== 'compare' || c.op === '<>') throw notSupported();
  // `:v < sk` reads as `sk > :v`.
  const flipped = !attrName(c.left);
  const v = checkType(literal(flipped ? c.left : c.right), type);
  const op = flipped ? ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' } as const)[c.op] : c.op;
  switch (op) {
    case '=':
      return (e) => Math.sign(cmp(e, v));
    case '<':
      return (e) => (cmp(e, v) < 0 ? 0 : 1);
    case '<=':
      return (e) => (cmp(e, v) <= 0 ? 0 : 1);
    case '>':
      return (e) => (cmp(e, v) > 0 ? 0 : -1);
    default:
      return (e) => (cmp(e, v) >= 0 ? 0 : -1);
  }
}

function show(v: AttributeValue): string {
  return v.S ?? v.N ?? Buffer.from(v.B as Uint8Array).toString('base64');
}
