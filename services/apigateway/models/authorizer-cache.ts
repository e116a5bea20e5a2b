/**
 * Authorizer answers cached per stage, authorizer and identity (the token or
 * the identity sources' values) for the authorizer's result TTL on the core
 * clock, as API Gateway caches them: REST APIs (v1, authorizerResultTtlInSeconds,
 * FlushStageAuthorizersCache) and HTTP APIs (v2, AuthorizerResultTtlInSeconds,
 * ResetAuthorizersCache) each keep one.
 */
import { clock } from '../../../src/core/clock';

export class AuthorizerCache {
  /** `<api>/<stage>/<authorizer>/<identity>` → the answer and when it expires (clock ms). */
  readonly entries = new Map<string, { answer: unknown; expires: number }>();

  get<A>(key: string): A | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires <= clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.answer as A;
  }

  set(key: string, answer: unknown, ttlSeconds: number): void {
    this.entries.set(key, { answer, expires: clock.now() + ttlSeconds * 1000 });
  }

  /** FlushStageAuthorizersCache / ResetAuthorizersCache: every entry of the stage goes. */
  resetStage(apiId: string, stageName: string): void {
    const prefix = `${apiId}/${stageName}/`;
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
