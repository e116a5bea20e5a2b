/**
 * EventBridge event patterns ("Creating event patterns" and "Content
 * filtering in Amazon EventBridge event patterns" in the EventBridge user
 * guide): a pattern is a JSON object whose leaves are arrays of matchers —
 * literal strings, numbers, booleans and null, and the operators prefix,
 * suffix, anything-but (value, list, prefix, suffix, equals-ignore-case,
 * wildcard), numeric ranges, exists, cidr, equals-ignore-case, wildcard —
 * plus `$or` between sub-patterns. A leaf matches when any of its matchers
 * matches the event's value, or any element when the value is an array.
 *
 * compile() throws InvalidEventPatternException for what AWS refuses.
 */
import { invalidPattern } from '../exceptions';

type Matcher = (value: unknown, present: boolean) => boolean;
/** The `exists` matchers: they test presence, not a value. */
const EXISTS = new WeakSet<Matcher>();

interface Node {
  fields: Map<string, Node | Matcher[]>;
  or: Node[][];
}

export interface CompiledEventPattern {
  matches(event: unknown): boolean;
}

export function parsePatternText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidPattern('Filter is not an object');
  }
}

export function compileEventPattern(text: string): CompiledEventPattern {
  const doc = parsePatternText(text);
  if (!isObject(doc)) throw invalidPattern('Filter is not an object');
  const root = compileNode(doc, '');
  return { matches: (event) => isObject(event) && matchNode(root, event) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function compileNode(doc: Record<string, unknown>, path: string): Node {
  const node: Node = { fields: new Map(), or: [] };
  for (const [key, value] of Object.entries(doc)) {
    const where = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
        throw invalidPattern('$or must be an array of at least two objects');
      }
      node.or.push(value.map((v) => compileNode(v as Record<string, unknown>, path)));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw invalidPattern(`Empty arrays are not allowed (at "${where}")`);
      node.fields.set(key, value.map((m) => compileMatcher(m, where)));
    } else if (isObject(value)) {
      node.fields.set(key, compileNode(value, where));
    } else {
      throw invalidPattern(`Match value must be String, number, true, false, or null at "${where}"`);
    }
  }
  return node;
}

function compileMatcher(m: unknown, where: string): Matcher {
  if (m === null || typeof m === 'string' || typeof m === 'boolean') return (v) => v === m;
  if (typeof m === 'number') return (v) => typeof v === 'number' && v === m;
  if (!isObject(m)) throw invalidPattern(`Match value must be String, number, true, false, or null at "${where}"`);
  const keys = Object.keys(m);
  if (keys.length !== 1) throw invalidPattern(`Only one key allowed in match expression at "${where}"`);
  const op = keys[0];
  const arg = m[op];
  switch (op) {
    case 'prefix':
    case 'suffix':
      return affix(op, arg, where);
    case 'equals-ignore-case': {
      const text = needString(arg, op, where).toLowerCase();
      return (v) => typeof v === 'string' && v.toLowerCase() === text;
    }
    case 'wildcard': {
      const re = wildcard(needString(arg, op, where), where);
      return (v) => typeof v === 'string' && re.test(v);
    }
    case 'exists': {
      if (typeof arg !== 'boolean') throw invalidPattern(`exists match pattern must be either true or false. at "${where}"`);
      const m: Matcher = (_v, present) => present === arg;
      EXISTS.add(m);
      return m;
    }
    case 'numeric':
      return numeric(arg, where);
    case 'cidr':
      return cidr(needString(arg, op, where), where);
    case 'anything-but':
      return anythingBut(arg, where);
    default:
      throw invalidPattern(`Unrecognized match type ${op} at "${where}"`);
  }
}

function needString(arg: unknown, op: string, where: string): string {
  if (typeof arg !== 'string') throw invalidPattern(`${op} match pattern must be a string at "${where}"`);
  return arg;
}

function affix(op: 'prefix' | 'suffix', arg: unknown, where: string): Matcher {
  let text: string;
  let fold = false;
  if (isObject(arg) && typeof arg['equals-ignore-case'] === 'string' && Object.keys(arg).length === 1) {
    text = (arg['equals-ignore-case'] as string).toLowerCase();
    fold = true;
  } else {
    text = needString(arg, op, where);
  }
  return (v) => {
    if (typeof v !== 'string') return false;
    const s = fold ? v.toLowerCase() : v;
    return op === 'prefix' ? s.startsWith(text) : s.endsWith(text);
  };
}

function wildcard(text: string, where: string): RegExp {
  if (text.includes('**')) throw invalidPattern(`Consecutive wildcard characters at pos ${text.indexOf('**') + 1} at "${where}"`);
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '*' || text[i + 1] === '\\')) {
      source += `\\${text[++i]}`;
    } else if (c === '*') {
      source += '.*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 's');
}

const NUMERIC_OPS = new Set(['<', '<=', '=', '>', '>=']);

function numeric(arg: unknown, where: string): Matcher {
  if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0) {
    throw invalidPattern(`Value of numeric must be an array. at "${where}"`);
  }
  const checks: Array<(n: number) => boolean> = [];
  let lower = false;
  let upper = false;
  for (let i = 0; i < arg.length; i += 2) {
    const op = arg[i];
    const n = arg[i + 1];
    if (typeof op !== 'string' || !NUMERIC_OPS.has(op)) throw invalidPattern(`Unrecognized numeric range operator: ${String(op)} at "${where}"`);
    if (typeof n !== 'number') throw invalidPattern(`Value of ${op} must be numeric at "${where}"`);
    if (op === '=') {
      if (arg.length !== 2) throw invalidPattern(`Bad numeric range operator: = at "${where}"`);
    } else if (op.startsWith('>')) {
      if (lower) throw invalidPattern(`Bad numeric range operator: ${op} at "${where}"`);
      lower = true;
    } else {
      if (upper) throw invalidPattern(`Bad numeric range operator: ${op} at "${where}"`);
      upper = true;
    }
    checks.push((x) => (op === '<' ? x < n : op === '<=' ? x <= n : op === '=' ? x === n : op === '>' ? x > n : x >= n));
  }
  return (v) => typeof v === 'number' && checks.every((c) => c(v));
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function ipv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(text) || !text.includes(':')) return undefined;
  const [head, tail] = text.split('::');
  if (text.split('::').length > 2) return undefined;
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(Number.parseInt(g, 16)), 0n);
}

function cidr(text: string, where: string): Matcher {
  const [addr, bitsText] = text.split('/');
  const bits = Number(bitsText);
  const v4 = ipv4(addr);
  if (v4 !== undefined && Number.isInteger(bits) && bits >= 0 && bits <= 32) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return (v) => {
      const x = typeof v === 'string' ? ipv4(v) : undefined;
      return x !== undefined && ((x & mask) >>> 0) === ((v4 & mask) >>> 0);
    };
  }
  const v6 = ipv6(addr);
  if (v6 !== undefined && Number.isInteger(bits) && bits >= 0 && bits <= 128) {
    const shift = BigInt(128 - bits);
    return (v) => {
      const x = typeof v === 'string' ? ipv6(v) : undefined;
      return x !== undefined && x >> shift === v6 >> shift;
    };
  }
  throw invalidPattern(`Nonstandard IP address: ${addr} at "${where}"`);
}

function anythingBut(arg: unknown, where: string): Matcher {
  if (Array.isArray(arg)) {
    if (!arg.every((x) => typeof x === 'string' || typeof x === 'number')) {
      throw invalidPattern(`Inside anything but list, start|null|boolean is not supported. at "${where}"`);
    }
    return (v, present) => present && !arg.some((x) => x === v);
  }
  if (typeof arg === 'string' || typeof arg === 'number') return (v, present) => present && v !== arg;
  if (isObject(arg)) {
    const keys = Object.keys(arg);
    if (keys.length !== 1) throw invalidPattern(`Only one key allowed in match expression at "${where}"`);
    const op = keys[0];
    const inner = arg[op];
    if (op === 'prefix' || op === 'suffix') {
      const test = affix(op, inner, where);
      return (v, present) => present && typeof v === 'string' && !test(v, true);
    }
    if (op === 'equals-ignore-case') {
      const list = (Array.isArray(inner) ? inner : [inner]).map((x) => {
        if (typeof x !== 'string') throw invalidPattern(`Inside anything-but/ignore-case list, number|start|null|boolean is not supported. at "${where}"`);
        return x.toLowerCase();
      });
      return (v, present) => present && typeof v === 'string' && !list.includes(v.toLowerCase());
    }
    if (op === 'wildcard') {
      const res = (Array.isArray(inner) ? inner : [inner]).map((x) => wildcard(needString(x, op, where), where));
      return (v, present) => present && typeof v === 'string' && !res.some((re) => re.test(v));
    }
    throw invalidPattern(`Unsupported anything-but pattern: ${op} at "${where}"`);
  }
  throw invalidPattern(`Value of anything-but must be an array or single string/number value. at "${where}"`);
}

function matchNode(node: Node, value: Record<string, unknown>): boolean {
  for (const [key, expected] of node.fields) {
    const present = Object.hasOwn(value, key);
    const actual = present ? value[key] : undefined;
    if (Array.isArray(expected)) {
      if (!matchLeaf(expected, actual, present)) return false;
    } else if (isObject(actual)) {
      if (!matchNode(expected, actual)) return false;
    } else if (Array.isArray(actual)) {
      // A nested pattern against an array of objects: any element may match.
      if (!actual.some((el) => isObject(el) && matchNode(expected, el))) return false;
    } else if (!matchNode(expected, {})) {
      return false;
    }
  }
  return node.or.every((alternatives) => alternatives.some((alt) => matchNode(alt, value)));
}

/**
 * Leaves: `exists` looks at presence only (and only of leaf values); every
 * other matcher needs a value, and takes any element of an array.
 */
function matchLeaf(matchers: Matcher[], actual: unknown, present: boolean): boolean {
  const leaf = present && !isObject(actual);
  return matchers.some((m) => {
    if (EXISTS.has(m)) return m(undefined, leaf);
    if (!leaf) return false;
    return Array.isArray(actual) ? actual.some((el) => m(el, true)) : m(actual, true);
  });
}
