/**
 * The pre-expression parameters (Expected, KeyConditions, QueryFilter,
 * ScanFilter, AttributeUpdates, AttributesToGet) translated into the same
 * trees the expression parser builds.
 */
import type { AttributeValue, Item } from '../values/attribute-value';
import { validateValue } from '../values/attribute-value';
import { invalidParameter } from '../exceptions';
import type { Comparator, Condition, Operand, Path, UpdateAction } from './ast';

export interface LegacyCondition {
  AttributeValueList?: AttributeValue[];
  ComparisonOperator?: string;
  Value?: AttributeValue;
  Exists?: boolean;
}

const ARGS: Record<string, number> = {
  EQ: 1, NE: 1, LE: 1, LT: 1, GE: 1, GT: 1, NOT_NULL: 0, NULL: 0, CONTAINS: 1, NOT_CONTAINS: 1, BEGINS_WITH: 1, BETWEEN: 2,
};
const COMPARE: Record<string, Comparator> = { EQ: '=', NE: '<>', LE: '<=', LT: '<', GE: '>=', GT: '>' };

const literal = (v: AttributeValue): Operand => ({ kind: 'value', value: validateValue(v), ref: '' });

export function legacyCondition(name: string, c: LegacyCondition): Condition {
  const path: Path = [{ name }];
  const attr: Operand = { kind: 'path', path };
  if (!c.ComparisonOperator) {
    if (c.Exists === false) {
      if (c.Value) throw invalidParameter('Value cannot be used when Exists is false');
      return { kind: 'not_exists', path };
    }
    if (!c.Value) throw invalidParameter('Value must be provided when Exists is true');
    return { kind: 'compare', op: '=', left: attr, right: literal(c.Value) };
  }
  const op = c.ComparisonOperator;
  const args = c.AttributeValueList ?? [];
  const expected = ARGS[op];
  if (op === 'IN' ? args.length === 0 : args.length !== expected) {
    throw invalidParameter(`Invalid number of argument(s) for the ${op} ComparisonOperator`);
  }
  if (COMPARE[op]) return { kind: 'compare', op: COMPARE[op], left: attr, right: literal(args[0]) };
  switch (op) {
    case 'NOT_NULL':
      return { kind: 'exists', path };
    case 'NULL':
      return { kind: 'not_exists', path };
    case 'CONTAINS':
      return { kind: 'contains', path: attr, operand: literal(args[0]) };
    case 'NOT_CONTAINS':
      return { kind: 'and', left: { kind: 'exists', path }, right: { kind: 'not', condition: { kind: 'contains', path: attr, operand: literal(args[0]) } } };
    case 'BEGINS_WITH':
      return { kind: 'begins_with', path: attr, operand: literal(args[0]) };
    case 'BETWEEN':
      return { kind: 'between', operand: attr, low: literal(args[0]), high: literal(args[1]) };
    default:
      return { kind: 'in', operand: attr, list: args.map(literal) };
  }
}

/** A map of legacy conditions joined with ConditionalOperator (AND by default). */
export function legacyConditions(map: Record<string, LegacyCondition> | undefined, operator?: string): Condition | undefined {
  const parts = Object.entries(map ?? {}).map(([name, c]) => legacyCondition(name, c));
  if (!parts.length) return undefined;
  const kind = operator === 'OR' ? 'or' : 'and';
  return parts.reduce((left, right) => ({ kind, left, right }));
}

export function legacyUpdates(updates: Record<string, { Value?: AttributeValue; Action?: string }>): UpdateAction[] {
  return Object.entries(updates).map(([name, u]) => {
    const path: Path = [{ name }];
    const action = u.Action ?? 'PUT';
    if (action === 'PUT') {
      if (!u.Value) throw invalidParameter('Only DELETE action is allowed when no attribute value is specified');
      return { kind: 'SET', path, value: literal(u.Value) };
    }
    if (action === 'DELETE') return u.Value ? { kind: 'DELETE', path, value: literal(u.Value) } : { kind: 'REMOVE', path };
    if (!u.Value) throw invalidParameter('Only DELETE action is allowed when no attribute value is specified');
    return { kind: 'ADD', path, value: literal(u.Value) };
  });
}

export function legacyProjection(names: string[] | undefined): Path[] | undefined {
  return names?.length ? names.map((name) => [{ name }]) : undefined;
}

export type { Item };
