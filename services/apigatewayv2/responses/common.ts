/** Shared by the v2 handlers: the handler context and copies that do not leak state. */
import type { RequestContext } from '../../../src/core/service';
import type { ApiGatewayV2Backend } from '../models/backend';
import { deepCopy } from '../../apigateway/models/copy';

export type Ctx = RequestContext<ApiGatewayV2Backend>;

/** A copy for an answer: later changes to the state must not reach what a caller holds. */
export function out<T>(x: T): T {
  return deepCopy(x);
}

/** Defined members of `patch` over `target` (Update* operations change only what they name). */
export function assignDefined<T extends object>(target: T, patch: Partial<T>): void {
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
}
