/**
 * Evaluates condition trees (ConditionExpression, FilterExpression, and the
 * legacy Expected / QueryFilter / ScanFilter translated to the same tree)
 * against an item. A missing attribute makes a comparison false, except <>.
 */
import type { AttributeValue, Item } from '../values/attribute-value';
import { compareScalars, setKeys, typeOf, valuesEqual } from '../values/attribute-value';
import { validation } from '../exceptions';
import type { Condition, Operand } from './ast';
import { getPath } from './paths';

const TYPE_NAMES = new Set(['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M']);

export function operandValue(op: Operand, item: Item): AttributeValue | undefined {
  switch (op.kind) {
    case 'path':
      return getPath(item, op.path);
    case 'value':
      return op.value;
    case 'size': {
      const v = getPath(item, op.path);
      const n = v ? sizeOf(v) : undefined;
      return n === undefined ? undefined : { N: String(n) };
    }
    default:
      return undefined;
  }
}

function sizeOf(v: AttributeValue): number | undefined {
  if (v.S !== undefined) return [...v.S].length;
  if (v.B !== undefined) return v.B.length;
  const many = v.SS ?? v.NS ?? v.BS ?? v.L;
  if (many) return many.length;
  if (v.M) return Object.keys(v.M).length;
  return undefined;
}

export function evaluate(c: Condition, item: Item): boolean {
  switch (c.kind) {
    case 'and':
      return evaluate(c.left, item) && evaluate(c.right, item);
    case 'or':
      return evaluate(c.left, item) || evaluate(c.right, item);
    case 'not':
      return !evaluate(c.condition, item);
    case 'exists':
      return getPath(item, c.path) !== undefined;
    case 'not_exists':
      return getPath(item, c.path) === undefined;
    case 'attribute_type': {
      const t = operandValue(c.type, item);
      if (!t || t.S === undefined || !TYPE_NAMES.has(t.S)) {
        throw validation(
          `Invalid ConditionExpression: Invalid attribute type name found; type: ${t?.S ?? typeOf(t ?? {})}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`,
        );
      }
      const v = getPath(item, c.path);
      return v !== undefined && typeOf(v) === t.S;
    }
    case 'compare':
      return compare(c.op, operandValue(c.left, item), operandValue(c.right, item));
    case 'between': {
      const v = operandValue(c.operand, item);
      const lo = operandValue(c.low, item);
      const hi = operandValue(c.high, item);
      if (!v || !lo || !hi) return false;
      const a = compareScalars(lo, v);
      const b = compareScalars(v, hi);
      return a !== undefined && b !== undefined && a <= 0 && b <= 0;
    }
    case 'in': {
      const v = operandValue(c.operand, item);
      if (!v) return false;
      return c.list.some((o) => {
        const x = operandValue(o, item);
        return x !== undefined && valuesEqual(v, x);
      });
    }
    case 'begins_with': {
      const v = operandValue(c.path, item);
      const p = operandValue(c.operand, item);
      if (!v || !p) return false;
      if (v.S !== undefined && p.S !== undefined) return v.S.startsWith(p.S);
      if (v.B !== undefined && p.B !== undefined) {
        const a = Buffer.from(v.B);
        const b = Buffer.from(p.B);
        return a.length >= b.length && a.subarray(0, b.length).equals(b);
      }
      return false;
    }
    case 'contains':
      return contains(operandValue(c.path, item), operandValue(c.operand, item));
  }
}

function compare(op: string, a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (op === '<>') return !a || !b || !valuesEqual(a, b);
  if (!a || !b) return false;
  if (op === '=') return valuesEqual(a, b);
  const c = compareScalars(a, b);
  if (c === undefined) return false;
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

function contains(v: AttributeValue | undefined, x: AttributeValue | undefined): boolean {
  if (!v || !x) return false;
  if (v.S !== undefined) return x.S !== undefined && v.S.includes(x.S);
  if (v.B !== undefined) return x.B !== undefined && Buffer.from(v.B).includes(Buffer.from(x.B));
  if (v.SS) return x.S !== undefined && v.SS.includes(x.S);
  if (v.NS) return x.N !== undefined && setKeys(v).has(x.N);
  if (v.BS) return x.B !== undefined && setKeys(v).has(Buffer.from(x.B).toString('base64'));
  if (v.L) return v.L.some((e) => valuesEqual(e, x));
  return false;
}
