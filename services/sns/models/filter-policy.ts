/**
 * Subscription filter policies: validation at SetSubscriptionAttributes /
 * Subscribe time, and matching at publish time against message attributes
 * (FilterPolicyScope MessageAttributes) or the JSON body (MessageBody).
 * Operators: exact string/number/null, prefix, suffix, equals-ignore-case,
 * anything-but (values, prefix, suffix), numeric ranges, exists, cidr, $or.
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 */
import { invalidParameter } from '../exceptions';

export type FilterScope = 'MessageAttributes' | 'MessageBody';
type Policy = Record<string, unknown>;

export interface PublishedAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

const MAX_COMBINATIONS = 150;
const OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists', 'cidr']);

function bad(reason: string): never {
  throw invalidParameter('FilterPolicy', reason);
}

/** Parses and checks a policy; returns it ready for matching. */
export function parseFilterPolicy(text: string, scope: FilterScope): Policy {
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    bad('failed to parse JSON.');
  }
  if (!policy || typeof policy !== 'object' || Array.isArray(policy)) bad('Filter policy must be a JSON object.');
  const combos = checkNode(policy as Policy, scope, 1);
  if (combos > MAX_COMBINATIONS) bad('Filter policy is too complex');
  return policy as Policy;
}

/** Returns the number of value combinations the node contributes. */
function checkNode(node: Policy, scope: FilterScope, depth: number): number {
  if (depth > 5) bad('Filter policy can not have more than 5 nested levels');
  let product = 1;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) bad('$or must be an array of at least two policies');
      product *= value.reduce((sum: number, alt) => sum + checkNode(alt as Policy, scope, depth), 0);
    } else if (Array.isArray(value)) {
      if (value.length === 0) bad(`Empty arrays are not allowed`);
      for (const cond of value) checkCondition(key, cond);
      product *= value.length;
    } else if (value && typeof value === 'object') {
      if (scope === 'MessageAttributes') bad(`"${key}" must be an object or an array`);
      product *= checkNode(value as Policy, scope, depth + 1);
    } else {
      bad(`"${key}" must be an object or an array`);
    }
  }
  return product;
}

function checkCondition(key: string, cond: unknown): void {
  if (cond === null || typeof cond === 'string' || typeof cond === 'number') return;
  if (typeof cond !== 'object' || Array.isArray(cond)) bad(`Match value must be String, number, true, false, or null`);
  const ops = Object.keys(cond as object);
  if (ops.length !== 1 || !OPERATORS.has(ops[0])) bad(`Unrecognized match type ${ops[0] ?? ''}`);
  const [op] = ops;
  const arg = (cond as Record<string, unknown>)[op];
  if (op === 'numeric') checkNumeric(arg);
  if (op === 'exists' && typeof arg !== 'boolean') bad('exists match pattern must be either true or false.');
  if ((op === 'prefix' || op === 'suffix' || op === 'equals-ignore-case') && typeof arg !== 'string') {
    bad(`${op} match pattern must be a string`);
  }
  void key;
}

function checkNumeric(arg: unknown): void {
  if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0) bad('Value of numeric must be an array.');
  for (let i = 0; i < arg.length; i += 2) {
    if (!['=', '<', '<=', '>', '>='].includes(arg[i] as string)) bad(`Unrecognized numeric range operator: ${String(arg[i])}`);
    if (typeof arg[i + 1] !== 'number') bad('Value of < must be numeric');
  }
}

/** The values a policy key sees: strings, numbers, null; undefined when absent. */
type Leaf = string | number | boolean | null;

export function matchesAttributes(policy: Policy, attributes: Record<string, PublishedAttribute> | undefined): boolean {
  return matchNode(policy, (key) => {
    // Own properties only: a policy key `constructor` must not find Object's.
    const a = attributes && Object.hasOwn(attributes, key) ? attributes[key] : undefined;
    if (!a) return undefined;
    if (a.DataType === 'Binary') return [];
    if (a.DataType.startsWith('Number')) return [Number(a.StringValue)];
    if (a.DataType === 'String.Array') {
      try {
        const parsed = JSON.parse(a.StringValue ?? '');
        return Array.isArray(parsed) ? (parsed as Leaf[]) : [a.StringValue as string];
      } catch {
        return [a.StringValue as string];
      }
    }
    return [a.StringValue ?? ''];
  });
}

/** Body scope: a message that is not a JSON object matches nothing. */
export function matchesBody(policy: Policy, body: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return false;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  return matchBodyNode(policy, doc as Record<string, unknown>);
}

function matchBodyNode(policy: Policy, doc: Record<string, unknown>): boolean {
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or') {
      if (!(value as Policy[]).some((alt) => matchBodyNode(alt, doc))) return false;
    } else if (Array.isArray(value)) {
      const v = Object.hasOwn(doc, key) ? doc[key] : undefined;
      const leaves = v === undefined ? undefined : Array.isArray(v) ? (v as Leaf[]) : typeof v === 'object' && v !== null ? [] : [v as Leaf];
      if (!matchConditions(value, leaves)) return false;
    } else {
      const child = Object.hasOwn(doc, key) ? doc[key] : undefined;
      if (!child || typeof child !== 'object' || Array.isArray(child)) return false;
      if (!matchBodyNode(value as Policy, child as Record<string, unknown>)) return false;
    }
  }
  return true;
}

function matchNode(policy: Policy, lookup: (key: string) => Leaf[] | undefined): boolean {
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or') {
      if (!(value as Policy[]).some((alt) => matchNode(alt, lookup))) return false;
    } else if (!matchConditions(value as unknown[], lookup(key))) {
      return false;
    }
  }
  return true;
}

/** OR across a key's conditions; `values` undefined means the key is absent. */
function matchConditions(conditions: unknown[], values: Leaf[] | undefined): boolean {
  return conditions.some((cond) => {
    if (cond && typeof cond === 'object') {
      const [op, arg] = Object.entries(cond as object)[0];
      if (op === 'exists') return arg === (values !== undefined);
      if (values === undefined) return false;
      if (op === 'anything-but') return values.length > 0 && values.every((v) => !anythingButHit(arg, v));
      return values.some((v) => operatorHit(op, arg, v));
    }
    if (values === undefined) return false;
    return values.some((v) => literalHit(cond as Leaf, v));
  });
}

function literalHit(cond: Leaf, v: Leaf): boolean {
  if (typeof cond === 'number') return typeof v === 'number' ? v === cond : v !== null && Number(v) === cond && v !== '';
  return cond === v;
}

function operatorHit(op: string, arg: unknown, v: Leaf): boolean {
  switch (op) {
    case 'prefix':
      return typeof v === 'string' && v.startsWith(arg as string);
    case 'suffix':
      return typeof v === 'string' && v.endsWith(arg as string);
    case 'equals-ignore-case':
      return typeof v === 'string' && v.toLowerCase() === (arg as string).toLowerCase();
    case 'numeric':
      return typeof v === 'number' && numericHit(arg as Array<string | number>, v);
    case 'cidr':
      return typeof v === 'string' && cidrHit(arg as string, v);
    default:
      return false;
  }
}

function anythingButHit(arg: unknown, v: Leaf): boolean {
  if (Array.isArray(arg)) return arg.some((a) => literalHit(a as Leaf, v));
  if (arg && typeof arg === 'object') {
    const [op, inner] = Object.entries(arg as object)[0];
    if (Array.isArray(inner)) return inner.some((i) => operatorHit(op, i, v));
    return operatorHit(op, inner, v);
  }
  return literalHit(arg as Leaf, v);
}

function numericHit(ranges: Array<string | number>, v: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    const bound = ranges[i + 1] as number;
    const ok =
      ranges[i] === '=' ? v === bound
      : ranges[i] === '<' ? v < bound
      : ranges[i] === '<=' ? v <= bound
      : ranges[i] === '>' ? v > bound
      : v >= bound;
    if (!ok) return false;
  }
  return true;
}

function cidrHit(cidr: string, ip: string): boolean {
  const [net, bits] = cidr.split('/');
  const toInt = (s: string) => s.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  const mask = bits === '0' ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return (toInt(net) & mask) === (toInt(ip) & mask);
}
