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

/** What an input may be matched against. */
export type InputMatch = Record<string, unknown> | ((input: Record<string, unknown>) => boolean);

interface AsymmetricMatcher {
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
export function inputMatches(input: Record<string, unknown>, match: InputMatch | undefined): boolean {
  if (match === undefined) return true;
  if (typeof match === 'function') return match(input);
  return matchesPartially(input, match);
}
