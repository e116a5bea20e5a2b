/**
 * A digest of every backend a dispatcher holds, to prove a failed request
 * changed nothing. The walk is iterative (state can be deep), visits each
 * object once, and skips what is not state: functions, timers, promises.
 */
import { createHash } from 'node:crypto';
import type { Dispatcher } from '../../../src/core/dispatch';

// Not state: timers and promises; and the registry a backend keeps to reach others (digested on their own).
const NOT_STATE = new Set(['Timeout', 'Immediate', 'Promise', 'AbortController', 'AbortSignal', 'EventEmitter', 'BackendRegistry', 'Dispatcher']);

export function digestValue(root: unknown): string {
  // One string, hashed once: a hash update per value would cost more than the walk.
  const parts: string[] = [];
  const seen = new Map<object, number>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || v === undefined || typeof v !== 'object') {
      if (typeof v !== 'function') parts.push(typeof v, String(v), ';');
      continue;
    }
    const id = seen.get(v);
    if (id !== undefined) {
      parts.push('@', String(id), ';');
      continue;
    }
    seen.set(v, seen.size);
    const kind = v.constructor?.name ?? 'null';
    if (NOT_STATE.has(kind)) continue;
    if (v instanceof Uint8Array) {
      parts.push('bytes:', Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'), ';');
    } else if (v instanceof Date) {
      parts.push('date:', String(v.getTime()), ';');
    } else if (v instanceof Map) {
      parts.push('map:', String(v.size), '{');
      for (const [k, x] of v) stack.push(x, k);
    } else if (v instanceof Set) {
      parts.push('set:', String(v.size), '{');
      for (const x of v) stack.push(x);
    } else if (Array.isArray(v)) {
      parts.push('array:', String(v.length), '[');
      for (const x of v) stack.push(x);
    } else {
      const keys = Object.keys(v);
      parts.push(kind, ':', keys.join(','), '{');
      for (const k of keys) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return createHash('sha1').update(parts.join('')).digest('hex');
}

/** Digest per backend, keyed by JSON `[service, account, region]`. */
export function digestBackends(dispatcher: Dispatcher, services: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const svc of services) {
    for (const { account, region, backend } of dispatcher.backends.list(svc)) {
      out.set(JSON.stringify([svc, account, region]), digestValue(backend));
    }
  }
  return out;
}

/**
 * What changed between two digests. A backend created by the request is no
 * change when it is still what a fresh one is (`fresh` gives that digest).
 */
export async function changedBackends(
  before: Map<string, string>,
  after: Map<string, string>,
  fresh: (key: string) => Promise<string>,
): Promise<string[]> {
  const changed: string[] = [];
  for (const [key, d] of after) {
    const was = before.get(key);
    if (was === undefined ? d !== (await fresh(key)) : was !== d) changed.push(key);
  }
  for (const key of before.keys()) if (!after.has(key)) changed.push(`${key} (dropped)`);
  return changed;
}
