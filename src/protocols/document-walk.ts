/**
 * Walks a value against a shape for the document protocols (JSON and CBOR),
 * where objects map one-to-one onto structures and only leaves change form:
 * blobs, timestamps, and the member names (jsonName) differ per protocol.
 */
import type { AwsError } from '../core/errors';
import type { MemberSpec, ServiceSpec } from '../core/spec';
import { queryErrorHeader, shapeForErrorCode } from './errors';
import { setEntry } from './values';
import { checkDepth, MAX_DEPTH, tooDeep, unexpectedField } from './wire-errors';

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
 * the codec accepts (a WireError otherwise). Nesting past MAX_DEPTH is a
 * WireError, so this recursion can never overflow the stack.
 */
export function readDocument(
  spec: ServiceSpec,
  member: MemberSpec,
  raw: unknown,
  codec: LeafCodec,
  depth = 0,
): unknown {
  if (raw === null || raw === undefined) return raw;
  if (depth > MAX_DEPTH) throw tooDeep();
  const shape = spec.shapes[member.target];
  if (!shape) {
    // A document is handed on as sent: bound its nesting here, since nothing below walks it.
    if (member.target === 'document') checkDepth(raw, depth);
    return codec.readLeaf(member, raw);
  }
  switch (shape.type) {
    case 'list': {
      if (!Array.isArray(raw)) throw unexpectedField(raw, 'list');
      const out = new Array(raw.length);
      for (let i = 0; i < raw.length; i++) {
        const item = raw[i];
        out[i] = item === null ? null : readDocument(spec, shape.member, item, codec, depth + 1);
      }
      return out;
    }
    case 'map': {
      if (!isPlainObject(raw)) throw unexpectedField(raw, 'map');
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(raw)) {
        const v = raw[k];
        setEntry(out, k, v === null ? null : readDocument(spec, shape.value, v, codec, depth + 1));
      }
      return out;
    }
    default: {
      if (!isPlainObject(raw)) throw unexpectedField(raw, 'structure');
      const byWire = wireMembers(spec, member.target, codec);
      const out: Record<string, unknown> = {};
      // Own keys only (Object.keys): a body never supplies `constructor` through the prototype.
      for (const wire of Object.keys(raw)) {
        const found = byWire.get(wire);
        if (!found) continue;
        const v = raw[wire];
        // A member sent as null is absent, as AWS reads it (a required one then fails validation).
        if (v !== undefined && v !== null) out[found[0]] = readDocument(spec, found[1], v, codec, depth + 1);
      }
      return out;
    }
  }
}

/** Body members of a structure by wire name (jsonName in rest-json), per spec and codec. */
const wireIndex = new WeakMap<ServiceSpec, WeakMap<LeafCodec, Map<string, Map<string, [string, MemberSpec]>>>>();

function wireMembers(spec: ServiceSpec, shapeName: string, codec: LeafCodec): Map<string, [string, MemberSpec]> {
  let byCodec = wireIndex.get(spec);
  if (!byCodec) {
    byCodec = new WeakMap();
    wireIndex.set(spec, byCodec);
  }
  let byShape = byCodec.get(codec);
  if (!byShape) {
    byShape = new Map();
    byCodec.set(codec, byShape);
  }
  let index = byShape.get(shapeName);
  if (!index) {
    index = new Map();
    const shape = spec.shapes[shapeName];
    if (shape && 'members' in shape) {
      for (const [name, m] of Object.entries(shape.members)) {
        if (!m.location) index.set(codec.wireName ? codec.wireName(name, m) : name, [name, m]);
      }
    }
    byShape.set(shapeName, index);
  }
  return index;
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
      for (const [name, wire, m] of bodyMembers(spec, member.target, codec)) {
        const v = source[name];
        if (v === undefined) continue;
        out[wire] = writeDocument(spec, m, v, codec);
      }
      return out;
    }
  }
}

/**
 * A structure's body members as [name, wire name, member], per spec and
 * codec: built once, since the walk visits the same shapes on every call
 * (DynamoDB's AttributeValue once per attribute).
 */
const bodyIndex = new WeakMap<ServiceSpec, WeakMap<LeafCodec, Map<string, Array<[string, string, MemberSpec]>>>>();

function bodyMembers(spec: ServiceSpec, shapeName: string, codec: LeafCodec): Array<[string, string, MemberSpec]> {
  let byCodec = bodyIndex.get(spec);
  if (!byCodec) {
    byCodec = new WeakMap();
    bodyIndex.set(spec, byCodec);
  }
  let byShape = byCodec.get(codec);
  if (!byShape) {
    byShape = new Map();
    byCodec.set(codec, byShape);
  }
  let list = byShape.get(shapeName);
  if (!list) {
    list = [];
    const shape = spec.shapes[shapeName];
    if (shape && 'members' in shape) {
      for (const [name, m] of Object.entries(shape.members)) {
        // A response has no query string or URI: members the model binds there (API Gateway's
        // `position`, an input-and-output shape's) travel in the body, where the SDK reads them.
        const inBody = !m.location || m.location === 'querystring' || m.location === 'uri';
        if (inBody) list.push([name, codec.wireName ? codec.wireName(name, m) : name, m]);
      }
    }
    byShape.set(shapeName, list);
  }
  return list;
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
