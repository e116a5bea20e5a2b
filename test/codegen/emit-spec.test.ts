/**
 * codegen/emit-spec.ts writes each spec as JSON text for JSON.parse (a spec
 * loads several times faster that way than as an object literal): the text
 * must give back exactly the spec codegen built, whatever its strings hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emitSpec } from '../../codegen/emit-spec';
import type { ServiceSpec } from '../../src/core/spec';
import { spec as dynamodb } from '../../services/dynamodb/spec';

/** Evaluate an emitted spec.ts the way the module loader would, without the type import. */
function load(source: string): ServiceSpec {
  const body = source.replace(/^import type .*$/m, '').replace('export const spec: ServiceSpec =', 'return');
  return new Function(body)() as ServiceSpec;
}

/** A template literal's placeholder opener, written so that it is not one here. */
const DOLLAR_BRACE = '$' + '{';
const PATTERN = `^[\`\\\\"'\\n${DOLLAR_BRACE}}]*\u2028\\d+$`;

const awkward: ServiceSpec = {
  id: 'awkward',
  namespace: 'com.example',
  serviceShape: 'Awkward',
  apiVersion: '2020-01-01',
  signingName: 'awkward',
  endpointPrefix: 'awkward',
  protocols: ['json'],
  operations: {},
  shapes: {
    constructor: {
      type: 'structure',
      members: {
        // A backtick, a template placeholder, backslashes, quotes, a newline and a line separator.
        Pattern: { target: 'string', pattern: PATTERN },
        Count: { target: 'number', min: -1.5, max: 1e21 },
      },
    },
  },
  enums: { Empty: [], Odd: ['`', `${DOLLAR_BRACE}x}`, '\\'] },
  errors: [],
} as unknown as ServiceSpec;
// An operation named __proto__ (an own key, as JSON.parse makes it), then an ordinary one.
Object.defineProperty(awkward.operations, '__proto__', {
  value: { name: '__proto__', input: 'constructor' },
  enumerable: true,
  configurable: true,
  writable: true,
});
awkward.operations.Op = { name: 'Op', http: { method: 'GET', uri: '/{Key+}?x-id=Op', code: 200 } };

describe('emitSpec', () => {
  it('gives back exactly the spec, strings with backticks, ${ and backslashes included', () => {
    const loaded = load(emitSpec(awkward, 'test'));
    expect(loaded).toEqual(awkward);
    // An own key named constructor, not Object.prototype's.
    const shape = Object.getOwnPropertyDescriptor(loaded.shapes, 'constructor')?.value as { members: Record<string, { pattern?: string }> };
    expect(shape.members.Pattern.pattern).toBe(PATTERN);
  });

  it('keeps a key named __proto__ an ordinary key of the table', () => {
    const loaded = load(emitSpec(awkward, 'test'));
    expect(Object.getPrototypeOf(loaded.operations)).toBe(Object.prototype);
    expect(Object.keys(loaded.operations)).toEqual(['__proto__', 'Op']);
    expect(Object.getOwnPropertyDescriptor(loaded.operations, '__proto__')?.value).toEqual({ name: '__proto__', input: 'constructor' });
  });

  it('writes one line per operation, shape and enum, and leaves out what is undefined', () => {
    const text = emitSpec({ ...awkward, jsonVersion: undefined }, 'test');
    expect(text).not.toContain('jsonVersion');
    expect(text.split('\n').filter((line) => line.startsWith('    "')).length).toBe(2 + 1 + 2);
    // A string literal, each line ending in a line continuation (not a template literal: codegen/emit-spec.ts says why).
    expect(text).toContain("JSON.parse('{\\\n");
  });
});

describe('the committed specs', () => {
  it('are JSON text the module parses into the exported spec', () => {
    const source = readFileSync(join(__dirname, '../../services/dynamodb/spec.ts'), 'utf8');
    expect(source).toMatch(/^export const spec: ServiceSpec = JSON\.parse\('\{\\$/m);
    expect(load(source)).toEqual(dynamodb);
    expect(dynamodb.operations.GetItem).toEqual({ name: 'GetItem', input: 'GetItemInput', output: 'GetItemOutput' });
  });
});
