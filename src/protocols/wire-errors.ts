/**
 * Errors of the wire layer: a value of the wrong type, a body that does not
 * parse, nesting past the limit. Parsers throw a WireError; the dispatcher
 * turns it into the request protocol's own answer (wireFailure):
 *  - JSON 1.0/1.1, rpc-v2-cbor, rest-json: 400 SerializationException, with
 *    the Coral deserializer's wording ("TRUE_VALUE cannot be converted to
 *    String", "Start of structure or map found where not expected.");
 *  - query and EC2: 400 InvalidParameterValue (the common errors of the
 *    query APIs: "An invalid or out-of-range value was supplied for the
 *    input parameter");
 *  - rest-xml (S3): 400 InvalidArgument; unparsable XML stays MalformedXML.
 */
import { AwsError } from '../core/errors';
import type { ProtocolName } from '../core/spec';

export class WireError extends AwsError {
  constructor(message: string) {
    super('SerializationException', message, { status: 400 });
  }
}

/**
 * The deepest nesting of arrays/objects (JSON, CBOR) or elements (XML) a
 * request may have. Far above any legal AWS input (a DynamoDB document of 32
 * levels is about 70 JSON levels), far below what recursion can overflow.
 */
export const MAX_DEPTH = 256;

export function tooDeep(): WireError {
  return new WireError(`Request nesting exceeds the maximum depth of ${MAX_DEPTH}`);
}

/** The protocol's own error for a WireError. */
export function wireFailure(protocol: ProtocolName, err: WireError): AwsError {
  switch (protocol) {
    case 'query':
    case 'ec2':
      return new AwsError('InvalidParameterValue', err.message, { status: 400 });
    case 'rest-xml':
      return new AwsError('InvalidArgument', err.message, { status: 400 });
    default:
      return err;
  }
}

/** The Jackson token name Coral's messages use for a JSON value. */
export function tokenName(raw: unknown): string {
  if (raw === true) return 'TRUE_VALUE';
  if (raw === false) return 'FALSE_VALUE';
  if (typeof raw === 'number' || typeof raw === 'bigint') return 'NUMBER_VALUE';
  if (typeof raw === 'string') return 'STRING_VALUE';
  if (raw instanceof Uint8Array) return 'EMBEDDED_OBJECT';
  if (Array.isArray(raw)) return 'START_ARRAY';
  return 'START_OBJECT';
}

/** A value where a scalar of type `typeName` (String, Boolean, Number, Timestamp, Blob) was expected. */
export function notConvertible(raw: unknown, typeName: string): WireError {
  if (Array.isArray(raw)) return new WireError('Start of list found where not expected');
  if (raw !== null && typeof raw === 'object' && !(raw instanceof Uint8Array)) {
    return new WireError('Start of structure or map found where not expected.');
  }
  return new WireError(`${tokenName(raw)} cannot be converted to ${typeName}`);
}

/** A scalar or a list where a structure or map was expected, or a scalar or object where a list was. */
export function unexpectedField(raw: unknown, expected: 'structure' | 'list' | 'map'): WireError {
  if (Array.isArray(raw)) return new WireError('Start of list found where not expected');
  if (expected === 'list' && raw !== null && typeof raw === 'object') {
    return new WireError('Start of structure or map found where not expected.');
  }
  return new WireError('Unexpected field type');
}

/**
 * The nesting depth of a parsed value, measured without recursion; throws
 * tooDeep() past MAX_DEPTH.
 */
export function checkDepth(root: unknown, start = 0): void {
  const stack: [unknown, number][] = [[root, start + 1]];
  while (stack.length) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array || value instanceof Date) continue;
    if (depth > MAX_DEPTH) throw tooDeep();
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
}
