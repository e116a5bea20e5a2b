/**
 * Decoding of the static schemas an `@aws-sdk/client-*` package exports
 * (`Xxx$` values, the format of @smithy/core/schema):
 *
 *   [9, ns, name, traits, () => Input, () => Output]        operation
 *   [3 | -3 | 4, ns, name, traits, names[], members[], req?] structure | error | union
 *   [1, ns, name, traits, member]                           list
 *   [2, ns, name, traits, key, value]                       map
 *   [0, ns, name, traits, base]                             named simple type
 *
 * A member is a number (simple type code), a lazy `() => schema`, or
 * `[member, traits]` (nestable). Codes: string 0, number 1, boolean 2,
 * timestamp 4..7, document 15, bigint 17, bigdecimal 19, blob 21, streaming
 * blob 42; `64|x` is a list of x and `128|x` a map of string → x. The first
 * `req` members of a structure are the required ones. Traits are an object
 * or a bitmask (see TRAIT_BITS).
 */
import type { TimestampFormat } from '../src/core/spec';

export type Traits = Record<string, unknown>;
export type StaticSchema = [number, string, string, unknown, ...unknown[]];
/** A dereferenced schema: a simple type code, 'unit', or a static schema. */
export type SchemaValue = number | string | StaticSchema;

export const KIND = { simple: 0, list: 1, map: 2, structure: 3, error: -3, union: 4, operation: 9 } as const;

/** Bit i of a numeric trait set, in @smithy/core's order. */
const TRAIT_BITS = [
  'httpLabel',
  'idempotent',
  'idempotencyToken',
  'sensitive',
  'httpPayload',
  'httpResponseCode',
  'httpQueryParams',
];

export function translateTraits(indicator: unknown): Traits {
  if (indicator && typeof indicator === 'object') return indicator as Traits;
  const bits = typeof indicator === 'number' ? indicator : 0;
  const traits: Traits = {};
  TRAIT_BITS.forEach((name, i) => {
    if ((bits >> i) & 1) traits[name] = 1;
  });
  return traits;
}

export function deref(ref: unknown): SchemaValue {
  return (typeof ref === 'function' ? ref() : ref) as SchemaValue;
}

export function isStatic(value: unknown): value is StaticSchema {
  return Array.isArray(value) && value.length >= 4 && typeof value[0] === 'number';
}

/**
 * Strips the `[schema, traits]` wrappers of a member. Outer traits win over
 * inner ones, as in @smithy/core's NormalizedSchema.
 */
export function unwrapMember(ref: unknown): { schema: SchemaValue; traits: Traits } {
  const stack: Traits[] = [];
  let cur = ref;
  while (Array.isArray(cur) && cur.length === 2) {
    stack.push(translateTraits(cur[1]));
    cur = cur[0];
  }
  const traits: Traits = {};
  for (let i = stack.length - 1; i >= 0; i--) Object.assign(traits, stack[i]);
  return { schema: deref(cur), traits };
}

export interface SimpleType {
  primitive: 'string' | 'boolean' | 'number' | 'bigint' | 'bigdecimal' | 'timestamp' | 'blob' | 'document';
  timestampFormat?: TimestampFormat;
  streaming?: true;
}

const TIMESTAMP_FORMATS: Record<number, TimestampFormat | undefined> = {
  4: undefined,
  5: 'date-time',
  6: 'http-date',
  7: 'epoch-seconds',
};

/** A simple type code (below 64) as a primitive; throws on an unknown code. */
export function simpleType(code: number): SimpleType {
  switch (code) {
    case 0:
      return { primitive: 'string' };
    case 1:
      return { primitive: 'number' };
    case 2:
      return { primitive: 'boolean' };
    case 15:
      return { primitive: 'document' };
    case 17:
      return { primitive: 'bigint' };
    case 19:
      return { primitive: 'bigdecimal' };
    case 21:
      return { primitive: 'blob' };
    case 42:
      return { primitive: 'blob', streaming: true };
  }
  if (code >= 4 && code <= 7) {
    const format = TIMESTAMP_FORMATS[code];
    return format ? { primitive: 'timestamp', timestampFormat: format } : { primitive: 'timestamp' };
  }
  throw new Error(`unknown simple schema code ${code}`);
}

/** What a code or static schema is, once named simple types are looked through. */
export type Resolved =
  | { kind: 'simple'; type: SimpleType; traits: Traits }
  | { kind: 'list'; of: number; traits: Traits }
  | { kind: 'map'; of: number; traits: Traits }
  | { kind: 'unit' }
  | { kind: 'shape'; schema: StaticSchema };

/** Classifies a dereferenced schema; `traits` are those a named simple type carries. */
export function resolve(value: SchemaValue): Resolved {
  if (value === 'unit') return { kind: 'unit' };
  if (typeof value === 'number') {
    if (value >= 128) return { kind: 'map', of: value & 63, traits: {} };
    if (value >= 64) return { kind: 'list', of: value & 63, traits: {} };
    return { kind: 'simple', type: simpleType(value), traits: {} };
  }
  if (isStatic(value)) {
    if (value[0] === KIND.simple) {
      const inner = resolve(deref(value[4]));
      const own = translateTraits(value[3]);
      if (inner.kind === 'simple' || inner.kind === 'list' || inner.kind === 'map') {
        return { ...inner, traits: { ...own, ...inner.traits } };
      }
      return inner;
    }
    return { kind: 'shape', schema: value };
  }
  throw new Error(`unrecognised schema ${JSON.stringify(value)}`);
}
