/**
 * Choice rules of JSONPath workflows: every comparison operator (String*,
 * Numeric*, Boolean*, Timestamp*, their *Path forms, StringMatches with `*`
 * wildcards, the Is* tests) and And / Or / Not. A comparison whose
 * Variable is absent fails the execution with States.Runtime, except IsPresent.
 */
import { select } from './jsonpath';
import { evaluatePath, type Roots } from './jsonpath';

type Rule = Record<string, any>;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
export const isTimestamp = (v: unknown): v is string => typeof v === 'string' && TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v));

export function matches(rule: Rule, roots: Roots): boolean {
  if (rule.And) return (rule.And as Rule[]).every((r) => matches(r, roots));
  if (rule.Or) return (rule.Or as Rule[]).some((r) => matches(r, roots));
  if (rule.Not) return !matches(rule.Not, roots);
  const op = Object.keys(rule).find((k) => k !== 'Variable' && k !== 'Next' && k !== 'Comment' && k !== 'Assign' && k !== 'Output');
  if (!op) return false;
  const variable = rule.Variable as string;
  if (op === 'IsPresent') {
    const present = selectOne(variable, roots) !== undefined;
    return present === rule.IsPresent;
  }
  const value = evaluatePath(variable, roots, 'Variable');
  let expected = rule[op];
  let base = op;
  if (op.endsWith('Path') && !op.startsWith('Is')) {
    base = op.slice(0, -4);
    expected = evaluatePath(expected, roots, op);
  }
  return compare(base, value, expected);
}

function selectOne(path: string, roots: Roots): unknown {
  const root = path.startsWith('$$') ? roots.context : path.startsWith('$.') || path === '$' ? roots.input : roots.variables?.get(/^\$([A-Za-z0-9_]+)/.exec(path)?.[1] ?? '');
  const hits = select(path, root);
  return hits.length ? hits[0] : undefined;
}

function compare(op: string, v: unknown, e: any): boolean {
  switch (op) {
    case 'IsNull':
      return (v === null) === e;
    case 'IsNumeric':
      return (typeof v === 'number') === e;
    case 'IsString':
      return (typeof v === 'string') === e;
    case 'IsBoolean':
      return (typeof v === 'boolean') === e;
    case 'IsTimestamp':
      return isTimestamp(v) === e;
    case 'StringMatches':
      return typeof v === 'string' && wildcard(e).test(v);
    case 'BooleanEquals':
      return typeof v === 'boolean' && v === e;
  }
  const family = /^(String|Numeric|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)$/.exec(op);
  if (!family) return false;
  let a: number | string;
  let b: number | string;
  if (family[1] === 'String') {
    if (typeof v !== 'string' || typeof e !== 'string') return false;
    a = v;
    b = e;
  } else if (family[1] === 'Numeric') {
    if (typeof v !== 'number' || typeof e !== 'number') return false;
    a = v;
    b = e;
  } else {
    if (!isTimestamp(v) || !isTimestamp(e)) return false;
    a = Date.parse(v);
    b = Date.parse(e);
  }
  switch (family[2]) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    default:
      return a >= b;
  }
}

/** `*` matches any run of characters; `\*` and `\\` are literal. */
function wildcard(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) re += escapeChar(pattern[++i]);
    else if (c === '*') re += '.*';
    else re += escapeChar(c);
  }
  return new RegExp(`^${re}$`, 's');
}
const escapeChar = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
