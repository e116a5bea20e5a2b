/**
 * Condition operators (IAM User Guide, "IAM JSON policy elements: Condition
 * operators" and "Single-valued vs. multivalued context keys").
 *
 * A Condition block is an AND of its operators, each an AND of its keys; the
 * values listed for one key are ORed (for a negated operator: none may match).
 * A key the request does not carry makes the condition false, except for the
 * negated operators (true), `...IfExists` (true) and Null. `ForAllValues:` is
 * true for an absent or empty key; `ForAnyValue:` is false.
 */
import type { Context } from './context';
import { arnMatcher, globMatcher, resolveText } from './pattern';

/** Compares one request value with one policy value. */
type Compare = (requestValue: string, policyValue: string, ctx: Context) => boolean;

interface OperatorDef {
  compare: Compare;
  negated: boolean;
}

const num = (s: string): number => (/^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s) ? Number(s) : Number.NaN);

/** Dates are ISO 8601 or epoch seconds (aws:EpochTime). */
function date(s: string): number {
  if (/^-?\d+$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? Number.NaN : t;
}

function numeric(test: (a: number, b: number) => boolean): Compare {
  return (r, p) => {
    const a = num(r);
    const b = num(p);
    return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
  };
}

function dated(test: (a: number, b: number) => boolean): Compare {
  return (r, p) => {
    const a = date(r);
    const b = date(p);
    return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
  };
}

const stringEquals: Compare = (r, p, ctx) => resolveText(p, ctx) === r;
const stringEqualsIgnoreCase: Compare = (r, p, ctx) => resolveText(p, ctx)?.toLowerCase() === r.toLowerCase();
const stringLike: Compare = (r, p, ctx) => globMatcher(p, ctx)?.(r) ?? false;
const arnLike: Compare = (r, p, ctx) => arnMatcher(p, ctx)?.(r) ?? false;
const bool: Compare = (r, p, ctx) => resolveText(p, ctx)?.toLowerCase() === r.toLowerCase();
const binary: Compare = (r, p) => Buffer.from(r, 'base64').equals(Buffer.from(p, 'base64'));

const OPERATORS: Record<string, OperatorDef> = {
  stringequals: { compare: stringEquals, negated: false },
  stringnotequals: { compare: stringEquals, negated: true },
  stringequalsignorecase: { compare: stringEqualsIgnoreCase, negated: false },
  stringnotequalsignorecase: { compare: stringEqualsIgnoreCase, negated: true },
  stringlike: { compare: stringLike, negated: false },
  stringnotlike: { compare: stringLike, negated: true },
  numericequals: { compare: numeric((a, b) => a === b), negated: false },
  numericnotequals: { compare: numeric((a, b) => a === b), negated: true },
  numericlessthan: { compare: numeric((a, b) => a < b), negated: false },
  numericlessthanequals: { compare: numeric((a, b) => a <= b), negated: false },
  numericgreaterthan: { compare: numeric((a, b) => a > b), negated: false },
  numericgreaterthanequals: { compare: numeric((a, b) => a >= b), negated: false },
  dateequals: { compare: dated((a, b) => a === b), negated: false },
  datenotequals: { compare: dated((a, b) => a === b), negated: true },
  datelessthan: { compare: dated((a, b) => a < b), negated: false },
  datelessthanequals: { compare: dated((a, b) => a <= b), negated: false },
  dategreaterthan: { compare: dated((a, b) => a > b), negated: false },
  dategreaterthanequals: { compare: dated((a, b) => a >= b), negated: false },
  bool: { compare: bool, negated: false },
  binaryequals: { compare: binary, negated: false },
  ipaddress: { compare: (r, p) => ipInCidr(r, p), negated: false },
  notipaddress: { compare: (r, p) => ipInCidr(r, p), negated: true },
  // ArnEquals and ArnLike behave the same: both honour wildcards per segment.
  arnequals: { compare: arnLike, negated: false },
  arnlike: { compare: arnLike, negated: false },
  arnnotequals: { compare: arnLike, negated: true },
  arnnotlike: { compare: arnLike, negated: true },
};

export interface ParsedOperator {
  set?: 'ForAllValues' | 'ForAnyValue';
  base: string;
  ifExists: boolean;
  def?: OperatorDef;
  isNull: boolean;
}

/** Splits `ForAnyValue:StringLikeIfExists` into its parts; `def` is absent for an unknown operator. */
export function parseOperator(name: string): ParsedOperator {
  let rest = name;
  let set: ParsedOperator['set'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon).toLowerCase();
    if (qualifier === 'forallvalues') set = 'ForAllValues';
    else if (qualifier === 'foranyvalue') set = 'ForAnyValue';
    else return { base: name, ifExists: false, isNull: false };
    rest = rest.slice(colon + 1);
  }
  const lower = rest.toLowerCase();
  if (lower === 'null') return { set, base: rest, ifExists: false, isNull: true };
  const ifExists = lower.endsWith('ifexists');
  const base = ifExists ? lower.slice(0, -'ifexists'.length) : lower;
  return { set, base, ifExists, def: OPERATORS[base], isNull: false };
}

export function isKnownOperator(name: string): boolean {
  const op = parseOperator(name);
  return op.isNull || op.def !== undefined;
}

/** Whether one request value satisfies the operator against the policy's values. */
function valueSatisfies(def: OperatorDef, value: string, policyValues: string[], ctx: Context): boolean {
  const any = policyValues.some((p) => def.compare(value, p, ctx));
  return def.negated ? !any : any;
}

function keySatisfied(op: ParsedOperator, key: string, policyValues: string[], ctx: Context): boolean {
  const values = ctx.values(key);
  const absent = values === undefined || values.length === 0;
  if (op.isNull) {
    // "Null": {"key": "true"} holds when the key is absent; "false" when present.
    return policyValues.some((p) => (p.toLowerCase() === 'true') === absent);
  }
  const def = op.def as OperatorDef;
  if (op.set === 'ForAllValues') {
    return absent || (values as string[]).every((v) => valueSatisfies(def, v, policyValues, ctx));
  }
  if (op.set === 'ForAnyValue') {
    return !absent && (values as string[]).some((v) => valueSatisfies(def, v, policyValues, ctx));
  }
  if (absent) return op.ifExists || def.negated;
  if (def.negated) return (values as string[]).every((v) => valueSatisfies(def, v, policyValues, ctx));
  return (values as string[]).some((v) => valueSatisfies(def, v, policyValues, ctx));
}

/** The whole Condition element: every operator, every key. An unknown operator never matches. */
export function conditionsHold(condition: Record<string, Record<string, string[]>>, ctx: Context): boolean {
  for (const [name, keys] of Object.entries(condition)) {
    const op = parseOperator(name);
    if (!op.isNull && !op.def) return false;
    for (const [key, values] of Object.entries(keys)) {
      if (!keySatisfied(op, key, values, ctx)) return false;
    }
  }
  return true;
}

/** Keys a Condition element reads (GetContextKeysFor*Policy). */
export function conditionKeys(condition: Record<string, Record<string, string[]>>): string[] {
  const out: string[] = [];
  for (const keys of Object.values(condition)) out.push(...Object.keys(keys));
  return out;
}

// --- IP addresses -----------------------------------------------------------

function ipv4ToBigInt(ip: string): bigint | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    out = (out << 8n) | BigInt(Number(p));
  }
  return out;
}

function ipv6ToBigInt(ip: string): bigint | undefined {
  let text = ip;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]);
    if (n === undefined) return undefined;
    text = `${text.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let out = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out = (out << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return out;
}

function parseIp(ip: string): { value: bigint; bits: number } | undefined {
  const v4 = ipv4ToBigInt(ip);
  if (v4 !== undefined) return { value: v4, bits: 32 };
  const v6 = ip.includes(':') ? ipv6ToBigInt(ip) : undefined;
  return v6 === undefined ? undefined : { value: v6, bits: 128 };
}

/** Whether `ip` lies in `cidr` (a bare address is a /32 or /128). */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, prefixText] = cidr.trim().split('/');
  const net = parseIp(base);
  const addr = parseIp(ip.trim());
  if (!net || !addr || net.bits !== addr.bits) return false;
  const prefix = prefixText === undefined ? net.bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > net.bits) return false;
  const shift = BigInt(net.bits - prefix);
  return net.value >> shift === addr.value >> shift;
}
