/**
 * Partial matching of an operation input against what a test expects: used
 * by the call journal's filters, by override rules and by the matchers.
 *
 * Objects match when every member the expectation names matches (members it
 * does not name are ignored); arrays match element by element and must have
 * the same length; blobs match bytes or a UTF-8 string; dates match by time;
 * a RegExp matches a string; a function or a jest/vitest asymmetric matcher
 * (`expect.any(String)`) decides for itself.
 */

/** What one value may be matched against: itself, or a RegExp/asymmetric matcher, partially for structures. */
export type ValueMatch<T> =
  | RegExp
  | AsymmetricMatcher
  | (T extends Uint8Array
      ? Uint8Array | string
      : T extends Date
        ? Date
        : T extends readonly (infer E)[]
          ? readonly ValueMatch<E>[]
          : T extends object
            ? { [K in keyof T]?: ValueMatch<T[K]> }
            : T);

/**
 * What an input may be matched against: some of its members (partially, at
 * any depth), or a predicate. `I` is the operation's input type when known.
 */
export type InputMatch<I = Record<string, unknown>> =
  | (unknown extends I ? Record<string, unknown> : { [K in keyof I]?: ValueMatch<I[K]> })
  | ((input: I) => boolean);

/** A jest/vitest asymmetric matcher (`expect.any(String)`, `expect.stringContaining('x')`). */
export interface AsymmetricMatcher {
  asymmetricMatch(actual: unknown): boolean;
}

function isAsymmetric(value: unknown): value is AsymmetricMatcher {
  return typeof (value as AsymmetricMatcher | null)?.asymmetricMatch === 'function';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function matchesPartially(actual: unknown, expected: unknown): boolean {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(actual);
  if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual);
  if (expected instanceof Date) return actual instanceof Date && actual.getTime() === expected.getTime();
  if (expected instanceof Uint8Array || typeof expected === 'string') {
    if (actual instanceof Uint8Array) {
      const want = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected;
      return Buffer.compare(Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength), want) === 0;
    }
    return actual === expected;
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => matchesPartially(actual[i], item))
    );
  }
  if (isPlainObject(expected)) {
    if (actual === null || typeof actual !== 'object') return false;
    const record = actual as Record<string, unknown>;
    return Object.keys(expected).every((key) => matchesPartially(record[key], expected[key]));
  }
  return Object.is(actual, expected);
}

/** Does an operation input satisfy a rule or filter? No match means any input. */
export function inputMatches(input: Record<string, unknown>, match: InputMatch<any> | undefined): boolean {
  if (match === undefined) return true;
  if (typeof match === 'function') return (match as (input: Record<string, unknown>) => boolean)(input);
  return matchesPartially(input, match);
}
