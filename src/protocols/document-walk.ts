/**
 * Walks a value against a shape for the document protocols (JSON and CBOR),
 * where objects map one-to-one onto structures and only leaves change form:
 * blobs, timestamps, and the member names (jsonName) differ per protocol.
 */
import type { AwsError } from '../core/errors';
import type { MemberSpec, ServiceSpec } from '../core/spec';
import { queryErrorHeader, shapeForErrorCode } from './errors';
import { setEntry } from './values';

export interface LeafCodec {
  /** Wire value → our value. */
  readLeaf(member: MemberSpec, raw: unknown): unknown;
  /** Our value → wire value. */
  writeLeaf(member: MemberSpec, value: unknown): unknown;
  /** The wire name of a structure member (jsonName in rest-json). */
  wireName?(name: string, member: MemberSpec): string;
}

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
      if (!Array.isArray(raw)) return raw;
      return raw.map((item) => (item === null ? null : readDocument(spec, shape.member, item, codec)));
    }
    case 'map': {
      if (typeof raw !== 'object') return raw;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        setEntry(out, k, v === null ? null : readDocument(spec, shape.value, v, codec));
      }
      return out;
    }
    default: {
      if (typeof raw !== 'object' || Array.isArray(raw)) return raw;
      const source = raw as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, m] of Object.entries(shape.members)) {
        if (m.location) continue;
        const wire = codec.wireName ? codec.wireName(name, m) : name;
        const v = source[wire];
        if (v !== undefined) out[name] = readDocument(spec, m, v, codec);
      }
      return out;
    }
  }
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
        if (v !== undefined) out[k] = v === null ? null : writeDocument(spec, shape.value, v, codec);
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
  return { ...err.fields, ...modelled, __type: `${spec.namespace}#${shapeName}`, message: err.message };
}
