/**
 * Walks a value against a shape for the document protocols (JSON and CBOR),
 * where objects map one-to-one onto structures and only leaves change form:
 * blobs, timestamps, and the member names (jsonName) differ per protocol.
 */
import type { AwsError } from '../core/errors';
import type { MemberSpec, ServiceSpec } from '../core/spec';
import { queryErrorHeader, shapeForErrorCode } from './errors';
import { setEntry } from './values';
import { unexpectedField } from './wire-errors';

export interface LeafCodec {
  /** Wire value → our value. */
  readLeaf(member: MemberSpec, raw: unknown): unknown;
  /** Our value → wire value. */
  writeLeaf(member: MemberSpec, value: unknown): unknown;
  /** The wire name of a structure member (jsonName in rest-json). */
  wireName?(name: string, member: MemberSpec): string;
}

/**
 * A wire value as the value of `member`, checked against the member's shape:
 * a list must be an array, a map or structure an object, and each leaf what
 * the codec accepts (a WireError otherwise). Nesting is bounded by
 * checkDepth() before this runs, so the recursion here cannot overflow.
 */
export function readDocument(
  spec: ServiceSpec,
  member: MemberSpec,
  raw: unknown,
  codec: LeafCodec,
): unknown {
  if (raw === null || raw === undefined) return raw;
  const shape = spec.shapes[member.target];
  if (!shape) return codec.readLeaf(member, raw);
  switch (shape.type) {
    case 'list': {
      if (!Array.isArray(raw)) throw unexpectedField(raw, 'list');
      return raw.map((item) => (item === null ? null : readDocument(spec, shape.member, item, codec)));
    }
    case 'map': {
      if (!isPlainObject(raw)) throw unexpectedField(raw, 'map');
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw)) {
        setEntry(out, k, v === null ? null : readDocument(spec, shape.value, v, codec));
      }
      return out;
    }
    default: {
      if (!isPlainObject(raw)) throw unexpectedField(raw, 'structure');
      const out: Record<string, unknown> = {};
      for (const [name, m] of Object.entries(shape.members)) {
        if (m.location) continue;
        const wire = codec.wireName ? codec.wireName(name, m) : name;
        // Own properties only: a body never supplies `constructor` through the prototype.
        if (!Object.hasOwn(raw, wire)) continue;
        const v = raw[wire];
        // A member sent as null is absent, as AWS reads it (a required one then fails validation).
        if (v !== undefined && v !== null) out[name] = readDocument(spec, m, v, codec);
      }
      return out;
    }
  }
}

function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof Uint8Array) && !(raw instanceof Date);
}

export function writeDocument(
  spec: ServiceSpec,
  member: MemberSpec,
  value: unknown,
  codec: LeafCodec,
): unknown {
  if (value === null || value === undefined) return value;
  const shape = spec.shapes[member.target];
  if (!shape) return codec.writeLeaf(member, value);
  switch (shape.type) {
    case 'list': {
      const items = Array.isArray(value) ? value : [...(value as Iterable<unknown>)];
      return items.map((item) => (item == null ? null : writeDocument(spec, shape.member, item, codec)));
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
      for (const [k, v] of entries) {
        if (v !== undefined) setEntry(out, k, v === null ? null : writeDocument(spec, shape.value, v, codec));
      }
      return out;
    }
    default: {
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, m] of Object.entries(shape.members)) {
        if (m.location) continue;
        const v = source[name];
        if (v === undefined) continue;
        out[codec.wireName ? codec.wireName(name, m) : name] = writeDocument(spec, m, v, codec);
      }
      return out;
    }
  }
}

/**
 * The error document of the JSON and CBOR protocols: `__type` (namespaced shape
 * name), `message`, and the error's modelled members, plus the headers
 * query-compatible services add.
 */
export function errorDocument(
  spec: ServiceSpec,
  err: AwsError,
  codec: LeafCodec,
  headers: Record<string, string>,
): Record<string, unknown> {
  const shapeName = shapeForErrorCode(spec, err.code);
  Object.assign(headers, err.headers);
  if (spec.queryCompatible) headers['x-amzn-query-error'] = queryErrorHeader(spec, err);
  const shape = spec.shapes[shapeName];
  const modelled =
    shape && 'members' in shape ? (writeDocument(spec, { target: shapeName }, err.fields, codec) as object) : {};
  return { ...err.fields, ...modelled, __type: errorType(spec, shapeName), message: err.message };
}

/** The `__type` of an error: AWS's form for the service (codegen/overrides.ts), else `<namespace>#<Shape>`. */
export function errorType(spec: ServiceSpec, shapeName: string): string {
  const framework = spec.frameworkErrorTypes;
  if (framework && Object.hasOwn(framework, shapeName)) return framework[shapeName];
  return `${spec.errorTypePrefix ?? `${spec.namespace}#`}${shapeName}`;
}
