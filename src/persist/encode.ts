/**
 * The persisted form of state: a tagged JSON encoding of the backend object
 * graph, the same walk as src/core/snapshot.ts but to text and back, so it
 * works in a new process. Every object is numbered in walk order (the decoder
 * numbers them in the same order), so shared references and cycles come back
 * as they were; a second visit is written as `{"$":"r","i":n}`.
 *
 * Node forms (`$` tags; a plain object without a `$` key is written as itself):
 * - `o` plain object whose keys include `$`; `c` class instance (`c`: its
 *   registered name, null for a null-prototype object), props in `p`;
 * - `m` Map and `s` Set (flat entry lists), `d` Date, `x` RegExp, `url`, `usp`;
 * - `b` bytes inline (base64), `B` bytes in a content-addressed blob file
 *   (`h`: sha256), with `t` the view type; `ab` ArrayBuffer;
 * - `k` crypto KeyObject (secret raw, private PKCS#8, public SPKI);
 * - `u` undefined, `n` BigInt, `num` NaN/±Infinity/-0;
 * - `I` a live object of the infrastructure (the registry, the dispatcher);
 * - `F` a registered module-level function (by name), `f` any other function, `z` promise/timer/stream/WeakRef (live machinery, not
 *   state: restored as undefined), `wm`/`ws` weak collections (restored empty);
 * - `v` an instance of a `persistByValue` class (src/core/persist-hints.ts): not numbered, a copy wherever reached;
 * - `R` a `persistRecords` Map saved in chunks (format 3): `c` the chunk files' sha256 in order, each
 *   chunk its own encode() of `[key, value, key, value, …]` (src/persist/records.ts).
 * - `L` a `persistLog` array saved in chunks (format 4): `c` the chunk files in order, each its own
 *   encode() of a run of entries, `s` how many entries of the first chunk the log no longer holds
 *   (src/persist/logs.ts).
 * - `V` a `persistFrozen` value saved once, by value (format 4): `c` its files, each its own encode()
 *   without claims; `a` set: an array cut into parts, the files' arrays concatenated.
 * A class's `persistDerived` fields are not written; decode() calls its `rebuildDerived()` once the whole
 * state is back.
 */
import { createHash, createPrivateKey, createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import { Readable } from 'node:stream';
import { persistByValue, persistDerived, persistFrozen, persistLog, persistRecords, rebuildDerived } from '../core/persist-hints';
import { freshCopy } from '../core/snapshot';
import type { ClassRegistry } from './classes';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Byte arrays at least this long are written once as blob files, not inline. */
export const BLOB_THRESHOLD = 32 * 1024;

const VIEWS = {
  Buffer,
  Uint8Array,
  Uint8ClampedArray,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  DataView,
} as const;
type ViewName = keyof typeof VIEWS;

/** A Buffer's sha256, once per Buffer: stored bytes are replaced, never written into (see snapshot.ts). */
const digests = new WeakMap<object, string>();

export class PersistError extends Error {
  override name = 'MockawsPersistError';
}

export interface Encoded {
  root: Json;
  /** Blob files the document names (sha256 -> bytes). */
  blobs: Map<string, Uint8Array>;
  /** Paths of what could not be kept (functions): restored as undefined. */
  dropped: string[];
}

function viewName(value: ArrayBufferView): ViewName {
  if (Buffer.isBuffer(value)) return 'Buffer';
  const name = value.constructor.name as ViewName;
  if (!Object.hasOwn(VIEWS, name)) throw new PersistError(`mockaws persist: cannot save a ${value.constructor.name}`);
  return name;
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function isTimer(value: object): boolean {
  const v = value as { hasRef?: unknown; refresh?: unknown };
  return typeof v.hasRef === 'function' && typeof v.refresh === 'function';
}

function specialNumber(n: number): Json | undefined {
  if (Number.isNaN(n)) return { $: 'num', v: 'NaN' };
  if (n === Number.POSITIVE_INFINITY) return { $: 'num', v: 'Infinity' };
  if (n === Number.NEGATIVE_INFINITY) return { $: 'num', v: '-Infinity' };
  if (Object.is(n, -0)) return { $: 'num', v: '-0' };
  return undefined;
}

export interface EncodeHooks {
  /**
   * Told of every container (object, array, Map, Set) written, so the caller can find one reached
   * from two separately encoded segments or chunks (src/persist/segments.ts); it may throw to stop.
   */
  claim?: (obj: object) => void;
  /** A `persistRecords` Map: its `R` node (saved in chunks), or undefined to write it whole here. */
  records?: (map: Map<unknown, unknown>, path: string) => Json | undefined;
  /** A `persistLog` array: its `L` node (saved in chunks), or undefined to write it whole here. */
  log?: (log: unknown[], path: string) => Json | undefined;
  /** A `persistFrozen` value: its `V` node (saved once, apart), or undefined to write it here. */
  frozen?: (value: object, path: string) => Json | undefined;
}

/** The static hints of a class (src/core/persist-hints.ts). */
interface Hinted {
  [persistRecords]?: readonly string[];
  [persistLog]?: readonly string[];
  [persistFrozen]?: readonly string[];
  [persistDerived]?: readonly string[];
  [persistByValue]?: boolean;
}

/** Encodes `root`; `infrastructure` objects are written as references to be supplied again on decode. */
export function encode(root: unknown, classes: ClassRegistry, infrastructure: object[] = [], hooks: EncodeHooks = {}): Encoded {
  const { claim, records, log, frozen } = hooks;
  const ids = new Map<object, number>();
  const freshened = new WeakSet<object>();
  const blobs = new Map<string, Uint8Array>();
  const dropped: string[] = [];
  const props = (obj: object, path: string, hints?: Hinted): { [key: string]: Json } => {
    const out: { [key: string]: Json } = {};
    const derived = hints?.[persistDerived];
    const chunked = records ? hints?.[persistRecords] : undefined;
    const logs = log ? hints?.[persistLog] : undefined;
    const once = frozen ? hints?.[persistFrozen] : undefined;
    for (const key of Reflect.ownKeys(obj)) {
      if (typeof key === 'symbol') {
        throw new PersistError(`mockaws persist: cannot save the symbol-keyed property ${String(key)} at ${path}`);
      }
      if (derived?.includes(key)) continue;
      const desc = Object.getOwnPropertyDescriptor(obj, key) as PropertyDescriptor;
      if (!('value' in desc)) throw new PersistError(`mockaws persist: cannot save the accessor property '${key}' at ${path}`);
      let value: Json | undefined;
      const v = desc.value as unknown;
      if (chunked?.includes(key) && v instanceof Map && !ids.has(v) && records) {
        value = records(v, `${path}.${key}`);
        if (value !== undefined) {
          // Numbered like any Map, so another reference to it in this walk is a reference.
          claim?.(v);
          ids.set(v, ids.size);
        }
      }
      if (logs?.includes(key) && Array.isArray(v) && !ids.has(v) && log) {
        value = log(v, `${path}.${key}`);
        if (value !== undefined) {
          claim?.(v);
          ids.set(v, ids.size);
        }
      }
      if (once?.includes(key) && typeof v === 'object' && v !== null && !ids.has(v) && frozen) {
        value = frozen(v, `${path}.${key}`);
        // Not claimed: saved by value, it may share objects with the rest of the state.
        if (value !== undefined) ids.set(v, ids.size);
      }
      if (value === undefined) value = walk(v, `${path}.${key}`);
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  const walk = (value: unknown, path: string): Json => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        return specialNumber(value) ?? value;
      case 'undefined':
        return { $: 'u' };
      case 'bigint':
        return { $: 'n', v: value.toString() };
      case 'symbol':
        throw new PersistError(`mockaws persist: cannot save a symbol at ${path}`);
      case 'function': {
        const name = classes.functionName(value);
        if (name !== undefined) return { $: 'F', v: name };
        dropped.push(path);
        return { $: 'f' };
      }
    }
    if (value === null) return null;
    const obj = value as object;
    const infra = infrastructure.indexOf(obj);
    if (infra >= 0) return { $: 'I', v: infra };
    const seen = ids.get(obj);
    if (seen !== undefined) return { $: 'r', i: seen };
    const own = (obj as { [freshCopy]?: () => unknown })[freshCopy];
    if (typeof own === 'function' && !freshened.has(obj)) {
      const fresh = own.call(obj);
      // The fresh copy is what is saved: it is not asked for a fresh copy of itself again.
      if (typeof fresh === 'object' && fresh !== null) freshened.add(fresh);
      const out = walk(fresh, path);
      // Later references to the live object are references to its fresh copy.
      const id = typeof fresh === 'object' && fresh !== null ? ids.get(fresh) : undefined;
      if (id !== undefined) ids.set(obj, id);
      return out;
    }
    if (obj instanceof Promise || obj instanceof WeakRef || obj instanceof Readable || isTimer(obj)) return { $: 'z' };
    if (obj instanceof WeakMap) return { $: 'wm' };
    if (obj instanceof WeakSet) return { $: 'ws' };
    const ctor = (Object.getPrototypeOf(obj) as { constructor?: Hinted } | null)?.constructor;
    if (ctor?.[persistByValue] === true) return { $: 'v', c: registeredName(obj, path), p: props(obj, path) };
    ids.set(obj, ids.size);
    if (Array.isArray(obj)) {
      claim?.(obj);
      const out: Json[] = new Array(obj.length);
      for (let i = 0; i < obj.length; i++) out[i] = walk(obj[i], `${path}[${i}]`);
      return out;
    }
    if (ArrayBuffer.isView(obj)) {
      const t = viewName(obj);
      const bytes = bytesOf(obj);
      if (bytes.byteLength < BLOB_THRESHOLD) return { $: 'b', t, v: Buffer.from(bytes).toString('base64') };
      let h = digests.get(obj);
      if (h === undefined) {
        h = createHash('sha256').update(bytes).digest('hex');
        digests.set(obj, h);
      }
      blobs.set(h, bytes);
      return { $: 'B', t, h };
    }
    if (obj instanceof ArrayBuffer) return { $: 'ab', v: Buffer.from(obj).toString('base64') };
    if (obj instanceof Map) {
      claim?.(obj);
      const v: Json[] = [];
      let i = 0;
      for (const [k, val] of obj) {
        v.push(walk(k, `${path}<key ${i}>`), walk(val, `${path}<${typeof k === 'string' ? k : i}>`));
        i++;
      }
      return { $: 'm', v };
    }
    if (obj instanceof Set) {
      claim?.(obj);
      const v: Json[] = [];
      for (const item of obj) v.push(walk(item, `${path}<item>`));
      return { $: 's', v };
    }
    if (obj instanceof Date) {
      const t = obj.getTime();
      return { $: 'd', v: Number.isNaN(t) ? null : t };
    }
    if (obj instanceof RegExp) return { $: 'x', s: obj.source, f: obj.flags };
    if (obj instanceof URL) return { $: 'url', v: obj.href };
    if (obj instanceof URLSearchParams) return { $: 'usp', v: obj.toString() };
    if (obj instanceof KeyObject) return encodeKey(obj);
    claim?.(obj); // bytes, dates and the other values above are immutable in state: a copy per segment is the same
    const proto = Object.getPrototypeOf(obj);
    if (proto === Object.prototype) {
      const p = props(obj, path);
      return Object.hasOwn(p, '$') ? { $: 'o', p } : p;
    }
    if (proto === null) return { $: 'c', c: null, p: props(obj, path) };
    return { $: 'c', c: registeredName(obj, path), p: props(obj, path, proto.constructor as Hinted) };
  };
  const registeredName = (obj: object, path: string): string => {
    const proto = Object.getPrototypeOf(obj);
    const name = classes.nameOf(proto.constructor);
    if (name === undefined || proto.constructor.prototype !== proto) {
      throw new PersistError(
        `mockaws persist: cannot save an instance of class ${proto.constructor?.name ?? '(anonymous)'} at ${path}: ` +
          'its class is not registered (export it from its service folder and run npm run codegen, or add it to src/persist/classes.ts)',
      );
    }
    return name;
  };
  return { root: walk(root, '$'), blobs, dropped };
}

function encodeKey(key: KeyObject): Json {
  if (key.type === 'secret') return { $: 'k', t: 'secret', v: key.export().toString('base64') };
  if (key.type === 'private') return { $: 'k', t: 'private', v: key.export({ type: 'pkcs8', format: 'pem' }) as string };
  return { $: 'k', t: 'public', v: key.export({ type: 'spki', format: 'pem' }) as string };
}

function decodeKey(node: { t: string; v: string }): KeyObject {
  if (node.t === 'secret') return createSecretKey(Buffer.from(node.v, 'base64'));
  return node.t === 'private' ? createPrivateKey(node.v) : createPublicKey(node.v);
}

/** Told of what came back from files of its own, so they need not be written again (src/persist/segments.ts). */
export interface Restored {
  /** A `persistLog` array from its chunk files (each with the entries it gave and the blobs it named). */
  log(log: unknown[], parts: Array<{ sha: string; count: number; blobs: ReadonlySet<string> }>, skip: number): void;
  /** A `persistFrozen` value from its files. */
  frozen(value: object, node: Json, blobs: ReadonlySet<string>): void;
}

/**
 * The inverse of encode(). `blob(h)` reads a blob file's bytes, `chunk(h)` a chunk file's encoded
 * entries (format 3 and later). Instances with derived fields rebuild them once everything is back.
 */
export function decode(
  root: Json,
  classes: ClassRegistry,
  blob: (sha256: string) => Buffer,
  infrastructure: object[] = [],
  chunk?: (sha256: string) => Json,
  restored?: Restored,
): unknown {
  const derived: Array<{ [rebuildDerived](): void }> = [];
  const out = decodeWalk(root, { classes, blob, infrastructure, chunk, derived, restored });
  for (const obj of derived) obj[rebuildDerived]();
  return out;
}

interface DecodeContext {
  classes: ClassRegistry;
  blob: (sha256: string) => Buffer;
  infrastructure: object[];
  chunk: ((sha256: string) => Json) | undefined;
  derived: Array<{ [rebuildDerived](): void }>;
  restored: Restored | undefined;
}

/** Decodes one file of its own (its own numbering), noting the blobs it names. */
function decodeFile(sha: string, ctx: DecodeContext): { value: unknown; blobs: Set<string> } {
  if (!ctx.chunk) throw new PersistError('mockaws persist: the saved state names chunk files, which this reader cannot open');
  const blobs = new Set<string>();
  const blob = (h: string) => {
    blobs.add(h);
    return ctx.blob(h);
  };
  return { value: decodeWalk(ctx.chunk(sha), { ...ctx, blob }), blobs };
}

function decodeWalk(root: Json, ctx: DecodeContext): unknown {
  const { classes, blob, infrastructure, chunk, derived } = ctx;
  const byId: unknown[] = [];
  const instance = (name: string | null): object => {
    let proto: object | null = null;
    if (name !== null) {
      const cls = classes.classOf(name);
      if (!cls) throw new PersistError(`mockaws persist: the saved state names class '${name}', which this version does not have`);
      proto = cls.prototype as object;
    }
    return Object.create(proto) as object;
  };
  const pushed = <T>(value: T): T => {
    byId.push(value);
    return value;
  };
  const fill = (target: object, p: { [key: string]: Json }): void => {
    for (const key of Object.keys(p)) {
      Object.defineProperty(target, key, { value: walk(p[key]), enumerable: true, writable: true, configurable: true });
    }
  };
  const walk = (node: Json): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) {
      const out: unknown[] = new Array(node.length);
      byId.push(out);
      for (let i = 0; i < node.length; i++) out[i] = walk(node[i]);
      return out;
    }
    const tag = Object.hasOwn(node, '$') ? node.$ : undefined;
    switch (tag) {
      case undefined: {
        const out = {};
        byId.push(out);
        fill(out, node);
        return out;
      }
      case 'o': {
        const out = {};
        byId.push(out);
        fill(out, node.p as { [key: string]: Json });
        return out;
      }
      case 'c': {
        const out = instance(node.c as string | null);
        byId.push(out);
        fill(out, node.p as { [key: string]: Json });
        if (typeof (out as { [rebuildDerived]?: unknown })[rebuildDerived] === 'function') derived.push(out as { [rebuildDerived](): void });
        return out;
      }
      case 'v': {
        const out = instance(node.c as string);
        fill(out, node.p as { [key: string]: Json });
        return out;
      }
      case 'R': {
        if (!chunk) throw new PersistError('mockaws persist: the saved state names chunk files, which this reader cannot open');
        const out = new Map();
        byId.push(out);
        for (const sha of node.c as string[]) {
          // Each chunk was its own encode() walk: its own numbering.
          const entries = decodeWalk(chunk(sha), ctx) as unknown[];
          for (let i = 0; i < entries.length; i += 2) out.set(entries[i], entries[i + 1]);
        }
        return out;
      }
      case 'L': {
        const out: unknown[] = [];
        byId.push(out);
        const skip = node.s as number;
        const parts: Array<{ sha: string; count: number; blobs: ReadonlySet<string> }> = [];
        for (const [i, sha] of (node.c as string[]).entries()) {
          const { value, blobs } = decodeFile(sha, ctx);
          const entries = value as unknown[];
          const from = i === 0 ? skip : 0;
          for (let j = from; j < entries.length; j++) out.push(entries[j]);
          parts.push({ sha, count: Math.max(0, entries.length - from), blobs });
        }
        ctx.restored?.log(out, parts, skip);
        return out;
      }
      case 'V': {
        const blobs = new Set<string>();
        const values: unknown[] = [];
        for (const sha of node.c as string[]) {
          const file = decodeFile(sha, ctx);
          values.push(file.value);
          for (const h of file.blobs) blobs.add(h);
        }
        const out = node.a ? (values as unknown[][]).flat() : values[0];
        byId.push(out);
        if (typeof out === 'object' && out !== null) ctx.restored?.frozen(out, node, blobs);
        return out;
      }
      case 'r':
        return byId[node.i as number];
      case 'I':
        return infrastructure[node.v as number];
      case 'F': {
        const fn = classes.functionNamed(node.v as string);
        if (!fn) throw new PersistError(`mockaws persist: the saved state names the function '${node.v}', which this version does not have`);
        return fn;
      }
      case 'u':
      case 'f':
      case 'z':
        return undefined;
      case 'wm':
        return new WeakMap();
      case 'ws':
        return new WeakSet();
      case 'n':
        return BigInt(node.v as string);
      case 'num':
        return node.v === '-0' ? -0 : Number(node.v);
      case 'm': {
        const out = new Map();
        byId.push(out);
        const v = node.v as Json[];
        for (let i = 0; i < v.length; i += 2) {
          const k = walk(v[i]);
          out.set(k, walk(v[i + 1]));
        }
        return out;
      }
      case 's': {
        const out = new Set();
        byId.push(out);
        for (const item of node.v as Json[]) out.add(walk(item));
        return out;
      }
      case 'd': {
        const out = new Date(node.v === null ? Number.NaN : (node.v as number));
        byId.push(out);
        return out;
      }
      case 'b':
      case 'B': {
        const bytes = tag === 'b' ? Buffer.from(node.v as string, 'base64') : blob(node.h as string);
        const out = toView(node.t as ViewName, bytes);
        byId.push(out);
        return out;
      }
      case 'ab':
        return pushed(bufferCopy(Buffer.from(node.v as string, 'base64')));
      case 'x':
        return pushed(new RegExp(node.s as string, node.f as string));
      case 'url':
        return pushed(new URL(node.v as string));
      case 'usp':
        return pushed(new URLSearchParams(node.v as string));
      case 'k':
        return pushed(decodeKey(node as { t: string; v: string }));
      default:
        throw new PersistError(`mockaws persist: unknown node '${String(tag)}' in the saved state`);
    }
  };
  return walk(root);
}

function bufferCopy(bytes: Buffer): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

function toView(type: ViewName, bytes: Buffer): ArrayBufferView {
  if (type === 'Buffer') return bytes;
  if (type === 'DataView') return new DataView(bufferCopy(bytes));
  const View = VIEWS[type] as unknown as new (buffer: ArrayBuffer) => ArrayBufferView;
  return new View(bufferCopy(bytes));
}
