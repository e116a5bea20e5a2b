/**
 * Authorizing an HTTP API request: JWT authorizers (jwt.ts) and Lambda
 * REQUEST authorizers (simple responses `{isAuthorized, context}` or an IAM
 * policy). Missing identity is 401, a refusal 403, a broken authorizer 500.
 */
import type { BackendAccess } from '../../../src/core/service';
import type { AuthorizerCache } from '../../apigateway/models/authorizer-cache';
import type { Authorizer, Route } from '../types';
import type { GatewayRequest } from './http';
import { checkJwt } from './jwt';
import { functionArnOf, invokeLambda } from './lambda';
import { eventV2, type ProxyContext } from './proxy-events';

export type AuthOutcome = { ok: true; context?: Record<string, unknown> } | { ok: false; status: 401 | 403 | 500 };

/** `$request.header.Authorization` → the request's value for it (headers, query string, `$context`/`$stageVariables` unsupported). */
function identityValue(gw: GatewayRequest, source: string): string | undefined {
  const header = /^\$request\.header\.(.+)$/.exec(source);
  if (header) return gw.req.headers[header[1].toLowerCase()];
  const query = /^\$request\.querystring\.(.+)$/.exec(source);
  if (query) return gw.req.url.searchParams.get(query[1]) ?? undefined;
  return undefined;
}

/** Claims as API Gateway hands them on: strings, arrays as `[a b]`. */
function claimStrings(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(claims)) out[k] = Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

export function allows(policy: unknown): boolean {
  const statements = (policy as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  const effects = list.map((s) => (s as { Effect?: string }).Effect);
  return effects.includes('Allow') && !effects.includes('Deny');
}

export async function authorize(
  route: Route,
  authorizer: Authorizer | undefined,
  proxy: ProxyContext,
  backends: BackendAccess,
  cache?: AuthorizerCache,
): Promise<AuthOutcome> {
  const type = route.AuthorizationType ?? 'NONE';
  if (type === 'NONE' || type === 'AWS_IAM') return { ok: true };
  if (!authorizer) return { ok: false, status: 500 };
  const gw = proxy.gw;
  const sources = authorizer.IdentitySource ?? [];
  if (type === 'JWT') {
    const token = identityValue(gw, sources[0] ?? '$request.header.Authorization');
    const result = await checkJwt(token, authorizer.JwtConfiguration ?? {}, route.AuthorizationScopes, backends, gw.account);
    if (!result.ok) return result;
    return { ok: true, context: { jwt: { claims: claimStrings(result.claims), scopes: result.scopes ?? null } } };
  }
  // CUSTOM: a Lambda REQUEST authorizer.
  const identity = sources.map((s) => identityValue(gw, s));
  if (identity.some((v) => v === undefined)) return { ok: false, status: 401 };
  // A cached answer for this identity decides without calling the function (TTL 0 turns caching off).
  const ttl = authorizer.AuthorizerResultTtlInSeconds ?? 0;
  const cacheKey = `${gw.apiId}/${proxy.stage}/${authorizer.AuthorizerId}/${JSON.stringify(identity)}`;
  const cached = ttl > 0 && sources.length ? cache?.get<Record<string, unknown>>(cacheKey) : undefined;
  const answer = cached ?? (await invokeAuthorizer(authorizer, identity as string[], proxy, backends));
  if (!answer) return { ok: false, status: 500 };
  const decision = decide(authorizer, answer);
  if (!cached && ttl > 0 && sources.length && decision.status !== 500) cache?.set(cacheKey, answer, ttl);
  return decision.outcome;
}

/** The function's answer as an object, or undefined when it failed or answered something else. */
async function invokeAuthorizer(authorizer: Authorizer, identity: string[], proxy: ProxyContext, backends: BackendAccess): Promise<Record<string, unknown> | undefined> {
  const gw = proxy.gw;
  const arn = functionArnOf(authorizer.AuthorizerUri ?? '', proxy.stageVariables);
  if (!arn) return undefined;
  const routeArn = `arn:aws:execute-api:${gw.region}:${gw.account}:${gw.apiId}/${proxy.stage}/${gw.req.method}${proxy.path}`;
  const event =
    authorizer.AuthorizerPayloadFormatVersion === '2.0'
      ? { ...eventV2(proxy), type: 'REQUEST', routeArn, identitySource: identity }
      : { type: 'REQUEST', methodArn: routeArn, ...eventV2(proxy), version: '1.0', identitySource: identity.join(',') };
  const outcome = await invokeLambda(backends, arn, event);
  if (!outcome.ok) return undefined;
  try {
    const answer = JSON.parse(outcome.payload);
    return typeof answer === 'object' && answer !== null ? answer : undefined;
  } catch {
    return undefined;
  }
}

/** What an answer means: simple responses' `isAuthorized`, or the IAM policy's Allow without Deny. */
function decide(authorizer: Authorizer, answer: Record<string, unknown>): { outcome: AuthOutcome; status?: number } {
  const fail = (status: 403 | 500) => ({ outcome: { ok: false, status } as AuthOutcome, status });
  const context = { lambda: (answer.context as Record<string, unknown>) ?? {} };
  if (authorizer.EnableSimpleResponses) {
    if (typeof answer.isAuthorized !== 'boolean') return fail(500);
    return answer.isAuthorized ? { outcome: { ok: true, context } } : fail(403);
  }
  if (!answer.policyDocument) return fail(500);
  return allows(answer.policyDocument) ? { outcome: { ok: true, context: { ...context, principalId: answer.principalId } } } : fail(403);
}
