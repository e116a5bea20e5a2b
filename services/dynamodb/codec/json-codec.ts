/**
 * DynamoDB's own JSON codec for its hot item operations (ServiceModule.codecs,
 * src/protocols/protocol.ts OperationCodec): the protocol's generic walk of the
 * model, with AttributeValue read and written by hand.
 *
 * An AttributeValue is a union of ten members, and an item is a map of them:
 * the generic walk looks up the union's member index, the member's shape and
 * the leaf's codec for every attribute of every item, in each direction. Here
 * the ten members are a switch, and the response is written as JSON text as
 * the walk goes (no intermediate document for JSON.stringify to walk again).
 *
 * The answer must be the generic path's, byte for byte and error for error:
 * this file mirrors readDocument / writeDocument (src/protocols/document-walk.ts)
 * step by step, nesting depth included, and every other member goes through
 * the generic code itself. test/services/dynamodb/codec.test.ts replays
 * inputs through both and compares.
 */
import type { MemberSpec, ServiceSpec, ShapeSpec } from '../../../src/core/spec';
import { markModelChecked } from '../../../src/core/validate';
import { readDocument, writeDocument } from '../../../src/protocols/document-walk';
import { jsonLeafCodec, parseJsonBody, readJsonLeaf } from '../../../src/protocols/json';
import type { OperationCodec } from '../../../src/protocols/protocol';
import { fromBase64, setEntry, toBase64 } from '../../../src/protocols/values';
import { checkDepth, MAX_DEPTH, notConvertible, tooDeep, unexpectedField, WireError } from '../../../src/protocols/wire-errors';

const AV = 'AttributeValue';
/** The union as the model has it; the codec is used only when the spec still says so. */
const AV_LAYOUT: Record<string, string> = {
  S: 'string',
  N: 'string',
  B: 'blob',
  SS: '__listOfString',
  NS: '__listOfString',
  BS: '__listOfBlob',
  M: 'MapAttributeValue',
  L: 'ListAttributeValue',
  NULL: 'boolean',
  BOOL: 'boolean',
};
const AV_ORDER = Object.keys(AV_LAYOUT);
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Does this spec's AttributeValue (and the shapes it uses) have the layout this codec reads? */
export function codecFits(spec: ServiceSpec): boolean {
  const union = spec.shapes[AV];
  if (!union || !('members' in union)) return false;
  const names = Object.keys(union.members);
  if (names.join() !== AV_ORDER.join()) return false;
  // Bare members: no constraint, location or override the model check would apply inside a value.
  const bare = (m: object, target: string) => JSON.stringify(m) === JSON.stringify({ target });
  if (names.some((n) => !bare(union.members[n], AV_LAYOUT[n]))) return false;
  const shape = (name: string) => spec.shapes[name] as ShapeSpec | undefined;
  const list = (name: string, of: string) => {
    const s = shape(name);
    return s?.type === 'list' && !s.sparse && bare(s.member, of);
  };
  const map = shape('MapAttributeValue');
  return (
    list('__listOfString', 'string') &&
    list('__listOfBlob', 'blob') &&
    list('ListAttributeValue', AV) &&
    map?.type === 'map' &&
    JSON.stringify(map.key) === JSON.stringify({ target: 'string', max: MAX_NAME }) &&
    bare(map.value, AV)
  );
}

/** The model's bound on an M map's keys (MapAttributeValue), which its check would report. */
const MAX_NAME = 65535;

/**
 * Set while reading a request when an AttributeValue holds something the model
 * check reports (a null list element, an M key past MAX_NAME): then the input
 * is not marked and the model check walks all of it, as without the codec.
 */
let unchecked = false;
const CHECKED: ReadonlySet<string> = new Set([AV]);

function isObject(raw: unknown): raw is Record<string, unknown> {
  // A parsed JSON value: never a Uint8Array or a Date, which the generic check also excludes.
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
}

// --- reading -----------------------------------------------------------------------------------

/** readDocument of a leaf member at `depth` (the depth check comes before the type check there too). */
function readString(raw: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw tooDeep();
  if (typeof raw !== 'string') throw notConvertible(raw, 'String');
  return raw;
}

function readBoolean(raw: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) throw tooDeep();
  if (typeof raw !== 'boolean') throw notConvertible(raw, 'Boolean');
  return raw;
}

function readBlob(raw: unknown, depth: number): Buffer {
  if (depth > MAX_DEPTH) throw tooDeep();
  if (typeof raw !== 'string') throw notConvertible(raw, 'Blob');
  if (!BASE64.test(raw.replace(/\s+/g, ''))) throw new WireError('Base64 encoded value is not valid');
  return fromBase64(raw);
}

/** A list of strings (SS, NS) or blobs (BS) at `depth`; null items stay null, as in the generic walk. */
function readLeafList<T>(raw: unknown, depth: number, leaf: (x: unknown, d: number) => T): Array<T | null> {
  if (depth > MAX_DEPTH) throw tooDeep();
  if (!Array.isArray(raw)) throw unexpectedField(raw, 'list');
  const out = new Array<T | null>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const item = raw[i];
    if (item === null) {
      out[i] = null;
      unchecked = true;
    } else out[i] = leaf(item, depth + 1);
  }
  return out;
}

/** One AttributeValue at `depth`: readDocument's structure branch over the union's ten members. */
function readAttributeValue(raw: unknown, depth: number): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw tooDeep();
  if (!isObject(raw)) throw unexpectedField(raw, 'structure');
  const out: Record<string, unknown> = {};
  const inner = depth + 1;
  for (const wire of Object.keys(raw)) {
    const v = raw[wire];
    // Unknown members are skipped, null ones are absent (the generic walk's rules, in its order).
    if (v === undefined || v === null) continue;
    switch (wire) {
      case 'S':
        out.S = readString(v, inner);
        break;
      case 'N':
        out.N = readString(v, inner);
        break;
      case 'B':
        out.B = readBlob(v, inner);
        break;
      case 'SS':
        out.SS = readLeafList(v, inner, readString);
        break;
      case 'NS':
        out.NS = readLeafList(v, inner, readString);
        break;
      case 'BS':
        out.BS = readLeafList(v, inner, readBlob);
        break;
      case 'M':
        out.M = readAttributeMap(v, inner);
        break;
      case 'L':
        out.L = readAttributeList(v, inner);
        break;
      case 'NULL':
        out.NULL = readBoolean(v, inner);
        break;
      case 'BOOL':
        out.BOOL = readBoolean(v, inner);
        break;
    }
  }
  return out;
}

/** A map of AttributeValues (an item, a key, M, ExpressionAttributeValues) at `depth`. */
function readAttributeMap(raw: unknown, depth: number): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw tooDeep();
  if (!isObject(raw)) throw unexpectedField(raw, 'map');
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(raw)) {
    const v = raw[k];
    if (k.length > MAX_NAME) unchecked = true;
    setEntry(out, k, v === null ? null : readAttributeValue(v, depth + 1));
  }
  return out;
}

/** An L value: readLeafList over AttributeValues (null items stay null, as in the generic walk). */
const readAttributeList = (raw: unknown, depth: number): unknown[] => readLeafList(raw, depth, readAttributeValue);

/** Body members of a structure by wire name, as the generic walk indexes them (no jsonName in JSON 1.0). */
type MemberIndex = Map<string, [string, MemberSpec]>;

/** The codec over one spec (a function, not an exported class: codegen lists exported classes as state). */
export function jsonCodec(spec: ServiceSpec): { forOperation(name: string): OperationCodec | undefined } {
  return new DynamoDbJsonCodec(spec);
}

class DynamoDbJsonCodec {
  private readonly readIndex = new Map<string, MemberIndex>();
  private readonly writeIndex = new Map<string, Array<[string, MemberSpec]>>();
  /** Shapes with no AttributeValue anywhere below: left to the generic walk whole. */
  private readonly plain = new Map<string, boolean>();

  constructor(private readonly spec: ServiceSpec) {}

  /** The codec of one operation, or undefined when the operation has no input and output to speed up. */
  forOperation(name: string): OperationCodec | undefined {
    const op = Object.hasOwn(this.spec.operations, name) ? this.spec.operations[name] : undefined;
    if (!op) return undefined;
    const input = op.input;
    const output = op.output;
    return {
      read: input ? (body) => this.readInput(input, body) : undefined,
      write: output ? (value) => this.writeStructure(output, value) : undefined,
    };
  }

  readInput(shapeName: string, body: Buffer): Record<string, unknown> {
    unchecked = false;
    const raw = parseJsonBody(body);
    const input = (this.readValue({ target: shapeName }, raw, 0) ?? {}) as Record<string, unknown>;
    // Every AttributeValue was checked on the way as the model check would check it: it need not walk them again.
    if (!unchecked) markModelChecked(input, CHECKED);
    return input;
  }

  /** readDocument, with AttributeValue (and whatever has none below it) taken by the fast roads. */
  private readValue(member: MemberSpec, raw: unknown, depth: number): unknown {
    if (raw === null || raw === undefined) return raw;
    const target = member.target;
    if (target === AV) return readAttributeValue(raw, depth);
    if (depth > MAX_DEPTH) throw tooDeep();
    const shape = this.spec.shapes[target];
    if (!shape) {
      if (target === 'document') checkDepth(raw, depth);
      return readJsonLeaf(member, raw);
    }
    if (this.isPlain(target)) return readDocument(this.spec, member, raw, jsonLeafCodec, depth);
    switch (shape.type) {
      case 'list': {
        if (!Array.isArray(raw)) throw unexpectedField(raw, 'list');
        const out = new Array(raw.length);
        for (let i = 0; i < raw.length; i++) {
          const item = raw[i];
          out[i] = item === null ? null : this.readValue(shape.member, item, depth + 1);
        }
        return out;
      }
      case 'map': {
        if (shape.value.target === AV) return readAttributeMap(raw, depth);
        if (!isObject(raw)) throw unexpectedField(raw, 'map');
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(raw)) {
          const v = raw[k];
          setEntry(out, k, v === null ? null : this.readValue(shape.value, v, depth + 1));
        }
        return out;
      }
      default: {
        if (!isObject(raw)) throw unexpectedField(raw, 'structure');
        const byWire = this.membersByWire(target);
        const out: Record<string, unknown> = {};
        for (const wire of Object.keys(raw)) {
          const found = byWire.get(wire);
          if (!found) continue;
          const v = raw[wire];
          if (v !== undefined && v !== null) out[found[0]] = this.readValue(found[1], v, depth + 1);
        }
        return out;
      }
    }
  }

  private membersByWire(shapeName: string): MemberIndex {
    let index = this.readIndex.get(shapeName);
    if (!index) {
      index = new Map();
      const shape = this.spec.shapes[shapeName];
      if (shape && 'members' in shape) {
        for (const [name, m] of Object.entries(shape.members)) if (!m.location) index.set(name, [name, m]);
      }
      this.readIndex.set(shapeName, index);
    }
    return index;
  }

  /** True when no AttributeValue is reachable from the shape: the generic walk is as fast there. */
  private isPlain(shapeName: string): boolean {
    let plain = this.plain.get(shapeName);
    if (plain === undefined) {
      plain = !this.reachesAttributeValue(shapeName, new Set());
      this.plain.set(shapeName, plain);
    }
    return plain;
  }

  private reachesAttributeValue(shapeName: string, seen: Set<string>): boolean {
    if (shapeName === AV) return true;
    const shape = this.spec.shapes[shapeName];
    if (!shape || seen.has(shapeName)) return false;
    seen.add(shapeName);
    const targets =
      shape.type === 'list'
        ? [shape.member.target]
        : shape.type === 'map'
          ? [shape.value.target]
          : 'members' in shape
            ? Object.values(shape.members).map((m) => m.target)
            : [];
    return targets.some((t) => this.reachesAttributeValue(t, seen));
  }

  // --- writing ---------------------------------------------------------------------------------

  /** writeStructure + JSON.stringify in one pass. */
  writeStructure(shapeName: string, value: Record<string, unknown>): string {
    return this.writeValue({ target: shapeName }, value) ?? '{}';
  }

  /**
   * JSON.stringify(writeDocument(member, value)) for a value that is neither
   * null nor undefined; undefined where JSON.stringify would leave the value out.
   */
  private writeValue(member: MemberSpec, value: unknown): string | undefined {
    const target = member.target;
    if (target === AV) return writeAttributeValue(value as Record<string, unknown>);
    const shape = this.spec.shapes[target];
    if (!shape) return JSON.stringify(jsonLeafCodec.writeLeaf(member, value));
    if (this.isPlain(target)) return JSON.stringify(writeDocument(this.spec, member, value, jsonLeafCodec));
    switch (shape.type) {
      case 'list': {
        const items = Array.isArray(value) ? value : [...(value as Iterable<unknown>)];
        let out = '[';
        for (let i = 0; i < items.length; i++) {
          const item = items[i];
          if (i > 0) out += ',';
          out += item == null ? 'null' : (this.writeValue(shape.member, item) ?? 'null');
        }
        return `${out}]`;
      }
      case 'map': {
        if (shape.value.target === AV) return writeAttributeMap(value);
        // A Map's integer-like keys would be reordered by JSON.stringify of the generic document: left to it.
        if (value instanceof Map) return JSON.stringify(writeDocument(this.spec, member, value, jsonLeafCodec));
        const source = value as Record<string, unknown>;
        let out = '{';
        let first = true;
        for (const k of Object.keys(source)) {
          const v = source[k];
          if (v === undefined) continue;
          const text = v === null ? 'null' : this.writeValue(shape.value, v);
          if (text === undefined) continue;
          out += first ? '' : ',';
          out += `${JSON.stringify(k)}:${text}`;
          first = false;
        }
        return `${out}}`;
      }
      default: {
        const source = value as Record<string, unknown>;
        let out = '{';
        let first = true;
        for (const [name, m] of this.bodyMembers(target)) {
          const v = source[name];
          if (v === undefined) continue;
          const text = v === null ? 'null' : this.writeValue(m, v);
          if (text === undefined) continue;
          out += first ? '' : ',';
          out += `${JSON.stringify(name)}:${text}`;
          first = false;
        }
        return `${out}}`;
      }
    }
  }

  private bodyMembers(shapeName: string): Array<[string, MemberSpec]> {
    let list = this.writeIndex.get(shapeName);
    if (!list) {
      list = [];
      const shape = this.spec.shapes[shapeName];
      if (shape && 'members' in shape) {
        for (const [name, m] of Object.entries(shape.members)) {
          if (!m.location || m.location === 'querystring' || m.location === 'uri') list.push([name, m]);
        }
      }
      this.writeIndex.set(shapeName, list);
    }
    return list;
  }
}

/** A string leaf as JSON.stringify writes it (anything else a string member holds, too). */
const text = (v: unknown): string | undefined => JSON.stringify(v);

function writeBlob(v: unknown): string {
  return `"${toBase64(v)}"`;
}

/** A list of leaves: an array or any iterable (a Set), null items as null. */
function writeLeafList(value: unknown, leaf: (v: unknown) => string | undefined): string {
  const items = Array.isArray(value) ? value : [...(value as Iterable<unknown>)];
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i > 0) out += ',';
    out += item == null ? 'null' : (leaf(item) ?? 'null');
  }
  return `${out}]`;
}

function writeAttributeMap(value: unknown): string {
  if (value instanceof Map) {
    // Rare (the store keeps plain maps); JSON.stringify's key order of the generic document.
    const doc: Record<string, unknown> = {};
    for (const [k, v] of value) if (v !== undefined) setEntry(doc, k, v === null ? null : JSON.parse(writeAttributeValue(v)));
    return JSON.stringify(doc);
  }
  const source = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const k of Object.keys(source)) {
    const v = source[k];
    if (v === undefined) continue;
    out += first ? '' : ',';
    out += `${JSON.stringify(k)}:${v === null ? 'null' : writeAttributeValue(v as Record<string, unknown>)}`;
    first = false;
  }
  return `${out}}`;
}

/** One AttributeValue: its members in the model's order (S, N, B, SS, NS, BS, M, L, NULL, BOOL), as writeDocument visits them. */
function writeAttributeValue(v: Record<string, unknown>): string {
  // Nearly every value is a plain object of one member: its name read once rather than all ten looked up.
  // (Anything else, an inherited member included, takes the ordered walk.)
  if (Object.getPrototypeOf(v) === Object.prototype) {
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const name = keys[0];
      const written = writeMember(name, v[name]);
      return written === undefined ? '{}' : `{"${name}":${written}}`;
    }
  }
  let out = '{';
  for (let i = 0; i < AV_ORDER.length; i++) {
    const name = AV_ORDER[i];
    const written = writeMember(name, v[name]);
    if (written === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}"${name}":${written}`;
  }
  return `${out}}`;
}

/** One member of an AttributeValue as JSON text; undefined when it is absent or not a member. */
function writeMember(name: string, x: unknown): string | undefined {
  if (x === undefined) return undefined;
  switch (name) {
    case 'S':
    case 'N':
    case 'NULL':
    case 'BOOL':
      return x === null ? 'null' : text(x);
    case 'B':
      return x === null ? 'null' : writeBlob(x);
    case 'SS':
    case 'NS':
      return x === null ? 'null' : writeLeafList(x, text);
    case 'BS':
      return x === null ? 'null' : writeLeafList(x, writeBlob);
    case 'M':
      return x === null ? 'null' : writeAttributeMap(x);
    case 'L':
      return x === null ? 'null' : writeLeafList(x, (item) => writeAttributeValue(item as Record<string, unknown>));
    default:
      return undefined;
  }
}
