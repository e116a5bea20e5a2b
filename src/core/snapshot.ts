/**
 * Copies of a mock's state that can be put back later (`aws.snapshot()`,
 * `aws.restore(snapshot)`): a fixture built once and restored before each
 * test costs a copy, not the calls that built it.
 *
 * The copy is generic, so no service writes snapshot code: a walk of the
 * backend objects that keeps each object's prototype (a restored Table is
 * still a Table), copies Maps, Sets, arrays, Dates and plain objects, keeps
 * cycles and shared references as they were, and shares what is immutable or
 * owned elsewhere:
 * - bytes (Buffers and typed arrays): backends replace stored bodies, they
 *   never write into them, so one copy serves every snapshot;
 * - functions (Lambda handlers set in-process), crypto keys, RegExps,
 *   promises, weak collections, timers, streams and errors;
 * - the objects the caller names as the live infrastructure (the backend
 *   registry, the credential store): they are the owners, not the state.
 */
import { KeyObject } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * A method under this symbol makes the object's copy itself: live machinery
 * (Lambda's warm execution environments) answers with a fresh, cold one.
 */
export const freshCopy = Symbol.for('mockaws.snapshot.freshCopy');

/**
 * After a restore, each backend's `restored()` (when it has one) runs: the
 * place to re-arm timers the copy cannot carry (pollers, scheduled work).
 */
export interface Restorable {
  restored?(): void;
}

/** Objects the walk must share, never copy. */
export type KeepByReference = (value: object) => boolean;

const SHARED_TYPES: Array<abstract new (...args: never[]) => unknown> = [
  RegExp,
  Promise,
  WeakMap,
  WeakSet,
  WeakRef,
  Error,
  Readable,
  ArrayBuffer,
  URL,
  URLSearchParams,
];

function shared(value: object, keep: KeepByReference): boolean {
  if (typeof value === 'function' || ArrayBuffer.isView(value)) return true;
  if (value instanceof KeyObject || SHARED_TYPES.some((type) => value instanceof type)) return true;
  // Node's timers (Timeout, Immediate): their callbacks belong to the live state.
  if (typeof (value as { hasRef?: unknown }).hasRef === 'function' && typeof (value as { refresh?: unknown }).refresh === 'function') return true;
  return keep(value);
}

/**
 * A deep copy of `root` as described above. `replace` maps live objects to
 * their stand-ins in the copy (a snapshot taken under one mock, restored under
 * the next: its registry becomes the new one).
 */
export function copyState<T>(root: T, keep: KeepByReference = () => false, replace?: Map<object, object>): T {
  const seen = new Map<object, unknown>(replace);
  const copy = (value: unknown): unknown => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const obj = value as object;
    const done = seen.get(obj);
    if (done !== undefined || seen.has(obj)) return done;
    const own = (obj as { [freshCopy]?: () => unknown })[freshCopy];
    if (typeof own === 'function') {
      const fresh = own.call(obj);
      seen.set(obj, fresh);
      return fresh;
    }
    if (shared(obj, keep)) return obj;
    if (obj instanceof Date) {
      const date = new Date(obj.getTime());
      seen.set(obj, date);
      return date;
    }
    if (obj instanceof Map) {
      const map = new Map();
      seen.set(obj, map);
      for (const [k, v] of obj) map.set(copy(k), copy(v));
      return map;
    }
    if (obj instanceof Set) {
      const set = new Set();
      seen.set(obj, set);
      for (const v of obj) set.add(copy(v));
      return set;
    }
    if (Array.isArray(obj)) {
      const array: unknown[] = new Array(obj.length);
      seen.set(obj, array);
      for (let i = 0; i < obj.length; i++) array[i] = copy(obj[i]);
      return array;
    }
    // Any other object, class instances included: same prototype, own properties copied.
    const out = Object.create(Object.getPrototypeOf(obj)) as Record<PropertyKey, unknown>;
    seen.set(obj, out);
    for (const key of Reflect.ownKeys(obj)) {
      const desc = Object.getOwnPropertyDescriptor(obj, key) as PropertyDescriptor;
      if ('value' in desc) desc.value = copy(desc.value);
      Object.defineProperty(out, key, desc);
    }
    return out;
  };
  return copy(root) as T;
}
