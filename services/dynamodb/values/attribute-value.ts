/**
 * AttributeValue: the tagged value DynamoDB stores (S, N, B, SS, NS, BS, M,
 * L, NULL, BOOL). Validation with DynamoDB's messages, deep equality, ordering
 * of scalars (strings by UTF-8 bytes, numbers as decimals, binary by bytes),
 * item size, and the canonical text of key values used as map keys.
 */
import { compareUtf8 } from '../../../src/core/sorted-keys';
import { AwsError } from '../../../src/core/errors';
import { invalidParameter, validation } from '../exceptions';
import { compareNumberText, normalizeNumber, sortableNumber } from './decimal';

export interface AttributeValue {
  S?: string;
  N?: string;
  B?: Uint8Array;
  SS?: string[];
  NS?: string[];
  BS?: Uint8Array[];
  M?: Record<string, AttributeValue>;
  L?: AttributeValue[];
  NULL?: boolean;
  BOOL?: boolean;
}
export type Item = Record<string, AttributeValue>;
export type AttrType = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';
export const ATTR_TYPES: AttrType[] = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];

export function typeOf(v: AttributeValue): AttrType {
  for (const t of ATTR_TYPES) if (v[t] !== undefined) return t;
  return 'NULL';
}

export function isScalarKeyType(t: AttrType): t is 'S' | 'N' | 'B' {
  return t === 'S' || t === 'N' || t === 'B';
}

const MAX_DEPTH = 32;

/**
 * An empty attribute map. Items and M values are keyed by user-chosen names,
 * so they have no prototype: `__proto__`, `constructor` and `prototype` are
 * ordinary attribute names, and a missing name never reads an inherited member.
 */
export function emptyItem(): Item {
  return Object.create(null) as Item;
}

/** The attribute `name` of a map if the map itself holds it. */
export function own(map: Record<string, AttributeValue> | undefined, name: string): AttributeValue | undefined {
  return map !== undefined && Object.hasOwn(map, name) ? map[name] : undefined;
}

/** A value of the wrong JSON type: the protocol layer's answer when one gets this far. */
const wrongType = () => new AwsError('SerializationException', 'Unexpected field type', { status: 400 });
const isBytes = (x: unknown) => x instanceof Uint8Array;
const isMap = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x) && !isBytes(x);
const SCALAR_CHECKS: Record<string, (x: unknown) => boolean> = {
  S: (x) => typeof x === 'string',
  N: (x) => typeof x === 'string',
  B: isBytes,
  BOOL: (x) => typeof x === 'boolean',
  NULL: (x) => typeof x === 'boolean',
  SS: (x) => Array.isArray(x) && x.every((y) => typeof y === 'string'),
  NS: (x) => Array.isArray(x) && x.every((y) => typeof y === 'string'),
  BS: (x) => Array.isArray(x) && x.every(isBytes),
  L: Array.isArray,
  M: isMap,
};

/** Checks one value and returns it with numbers normalised (a fresh copy). */
export function validateValue(v: AttributeValue, depth = 0): AttributeValue {
  if (v === null || typeof v !== 'object') {
    throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  }
  // Counted, not filtered into an array: this runs once per attribute of every item written or read by key.
  let t: AttrType | undefined;
  let present = 0;
  for (const type of ATTR_TYPES) {
    const x = v[type];
    if (x === undefined || x === null) continue;
    if (present++ === 0) t = type;
  }
  if (t === undefined) {
    throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  }
  if (present > 1) {
    throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  }
  if (depth > MAX_DEPTH) throw validation('Nesting Levels have exceeded supported limits');
  if (!SCALAR_CHECKS[t](v[t])) throw wrongType();
  switch (t) {
    case 'S':
      return { S: String(v.S) };
    case 'N':
      return { N: normalizeNumber(String(v.N)) };
    case 'B':
      return { B: Buffer.from(v.B as Uint8Array) };
    case 'BOOL':
      return { BOOL: Boolean(v.BOOL) };
    case 'NULL':
      if (v.NULL !== true) throw invalidParameter('Null attribute value types must have the value of true');
      return { NULL: true };
    case 'SS':
      return { SS: checkSet('SS', (v.SS as string[]).map(String)) };
    case 'NS':
      return { NS: checkSet('NS', (v.NS as string[]).map((n) => normalizeNumber(String(n)))) };
    case 'BS':
      return { BS: checkSet('BS', (v.BS as Uint8Array[]).map((b) => Buffer.from(b))) };
    case 'L':
      return { L: (v.L as AttributeValue[]).map((x) => validateValue(x, depth + 1)) };
    case 'M': {
      const out = emptyItem();
      const m = v.M as Item;
      for (const k of Object.keys(m)) out[k] = validateValue(m[k], depth + 1);
      return { M: out };
    }
  }
}

function checkSet<T extends string | Buffer>(t: 'SS' | 'NS' | 'BS', values: T[]): T[] {
  if (values.length === 0) {
    if (t === 'BS') throw invalidParameter('Binary sets should not be empty');
    throw invalidParameter(`An ${t === 'SS' ? 'string' : 'number'} set  may not be empty`);
  }
  const seen = new Set<string>();
  for (const x of values) {
    const k = typeof x === 'string' ? x : x.toString('base64');
    if (seen.has(k)) {
      const shown = values.map((y) => `"${typeof y === 'string' ? y : y.toString('base64')}"`).join(', ');
      // The binary form names the set type, with no space before "of" (recorded 2026-07, every region).
      throw invalidParameter(`Input collection [${shown}]${t === 'BS' ? 'of type BS ' : ' '}contains duplicates.`);
    }
    seen.add(k);
  }
  return values;
}

export function validateItem(item: Item): Item {
  if (item !== undefined && item !== null && !isMap(item)) throw wrongType();
  const out = emptyItem();
  if (item) for (const name of Object.keys(item)) out[name] = validateValue(item[name]);
  return out;
}

/** ExpressionAttributeValues are validated with their key named in the message. */
export function validateExpressionValues(values: Item | undefined): Item | undefined {
  if (!values) return undefined;
  if (!isMap(values)) throw wrongType();
  const out = emptyItem();
  for (const [k, v] of Object.entries(values)) {
    try {
      out[k] = validateValue(v);
    } catch (err) {
      const msg = (err as Error).message;
      throw validation(`ExpressionAttributeValues contains invalid value: ${msg} for key ${k}`);
    }
  }
  return out;
}

/** Orders two scalars of the same type; undefined when they are not comparable. */
export function compareScalars(a: AttributeValue, b: AttributeValue): number | undefined {
  if (a.S !== undefined && b.S !== undefined) return compareUtf8(a.S, b.S);
  if (a.N !== undefined && b.N !== undefined) return compareNumberText(a.N, b.N);
  if (a.B !== undefined && b.B !== undefined) return Buffer.compare(Buffer.from(a.B), Buffer.from(b.B));
  return undefined;
}

export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const t = typeOf(a);
  if (t !== typeOf(b)) return false;
  switch (t) {
    case 'S':
    case 'N':
    case 'B':
      return compareScalars(a, b) === 0;
    case 'BOOL':
      return a.BOOL === b.BOOL;
    case 'NULL':
      return true;
    case 'SS':
    case 'NS':
    case 'BS': {
      const x = setKeys(a);
      const y = setKeys(b);
      return x.size === y.size && [...x].every((k) => y.has(k));
    }
    case 'L':
      return a.L!.length === b.L!.length && a.L!.every((x, i) => valuesEqual(x, b.L![i]));
    case 'M': {
      const ka = Object.keys(a.M!);
      return ka.length === Object.keys(b.M!).length && ka.every((k) => own(b.M, k) !== undefined && valuesEqual(a.M![k], b.M![k]));
    }
  }
}

/** Canonical members of a set (numbers already normalised, binary as base64). */
export function setKeys(v: AttributeValue): Set<string> {
  if (v.SS) return new Set(v.SS);
  if (v.NS) return new Set(v.NS);
  if (v.BS) return new Set(v.BS.map((b) => Buffer.from(b).toString('base64')));
  return new Set();
}

/** Text that identifies a key value: equal values give equal text. */
export function keyText(v: AttributeValue): string {
  if (v.S !== undefined) return `S${v.S}`;
  if (v.N !== undefined) return `N${v.N}`;
  return `B${Buffer.from(v.B as Uint8Array).toString('base64')}`;
}

/** The sort form of a range-key value (see storage/index-store.ts). */
export type Sortable = string | Buffer;
export function sortableOf(v: AttributeValue): Sortable {
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return sortableNumber(v.N);
  return Buffer.from(v.B as Uint8Array);
}

export function compareSortables(type: 'S' | 'N' | 'B', a: Sortable, b: Sortable): number {
  if (type === 'S') return compareUtf8(a as string, b as string);
  if (type === 'N') return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  return Buffer.compare(a as Buffer, b as Buffer);
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** Approximate stored size of a number: about one byte per two significant digits, plus one. */
function numberSize(n: string): number {
  const digits = n.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(digits.length / 2) + 1;
}

export function valueSize(v: AttributeValue): number {
  switch (typeOf(v)) {
    case 'S':
      return utf8(v.S!);
    case 'N':
      return numberSize(v.N!);
    case 'B':
      return v.B!.length;
    case 'SS':
      return v.SS!.reduce((s, x) => s + utf8(x), 0);
    case 'NS':
      return v.NS!.reduce((s, x) => s + numberSize(x), 0);
    case 'BS':
      return v.BS!.reduce((s, x) => s + x.length, 0);
    case 'L':
      return 3 + v.L!.reduce((s, x) => s + 1 + valueSize(x), 0);
    case 'M':
      return 3 + Object.entries(v.M!).reduce((s, [k, x]) => s + 1 + utf8(k) + valueSize(x), 0);
    default:
      return 1;
  }
}

export function itemSize(item: Item): number {
  let size = 0;
  for (const [k, v] of Object.entries(item)) size += utf8(k) + valueSize(v);
  return size;
}

export function cloneValue(v: AttributeValue): AttributeValue {
  if (v.M) {
    const out = emptyItem();
    for (const [k, x] of Object.entries(v.M)) out[k] = cloneValue(x);
    return { M: out };
  }
  if (v.L) return { L: v.L.map(cloneValue) };
  if (v.SS) return { SS: [...v.SS] };
  if (v.NS) return { NS: [...v.NS] };
  if (v.BS) return { BS: [...v.BS] };
  return { ...v };
}

export function cloneItem(item: Item): Item {
  const out = emptyItem();
  for (const k of Object.keys(item)) out[k] = cloneValue(item[k]);
  return out;
}
