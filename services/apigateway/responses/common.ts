/** Shared by the REST API handlers: the context type, copies for answers, partial updates. */
import type { RequestContext } from '../../../src/core/service';
import type { ApiGatewayBackend } from '../models/backend';
import { deepCopy } from '../models/copy';

export type Ctx = RequestContext<ApiGatewayBackend>;

/** A copy for an answer: later changes to the state must not reach what a caller holds. */
export function out<T>(x: T): T {
  return deepCopy(x);
}

/** A null-prototype copy of a user-keyed map (`__proto__` stays an ordinary key). */
export function userMap<V>(m: Record<string, V> | undefined): Record<string, V> {
  const copy: Record<string, V> = Object.create(null);
  for (const [k, v] of Object.entries(m ?? {})) copy[k] = v;
  return copy;
}
