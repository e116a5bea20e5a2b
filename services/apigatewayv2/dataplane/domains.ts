/**
 * Requests to a custom domain name (its REGIONAL endpoint host
 * `d-<id>.execute-api.<region>.amazonaws.com`): which API and stage serve them.
 * As AWS evaluates a domain (developer guide, "API mappings" and "Routing rules"):
 * - RoutingMode ROUTING_RULE_ONLY / ROUTING_RULE_THEN_API_MAPPING: the routing rules
 *   in priority order, the first whose conditions all hold (header globs, base paths)
 *   invokes its REST API stage, its base path stripped when the rule says so;
 * - API_MAPPING_ONLY / ROUTING_RULE_THEN_API_MAPPING: the API mapping with the longest
 *   matching base path (by whole segments; a domain with multi-level mappings matches
 *   by prefix, so `orders` takes `/ordersandmore`), else the empty `(none)` mapping;
 *   the base path is stripped.
 * HTTP APIs are then served on the mapped stage with the rest of the path; REST APIs
 * as `/<stage>/<rest>` (a mapping without a stage takes the stage from the path).
 */
import type { AwsRequest, AwsResponse } from '../../../src/core/request';
import type { DataPlaneContext } from '../../../src/core/service';
import type { ApiGatewayBackend } from '../../apigateway/models/backend';
import { type DomainState, NONE, type RoutingRuleState } from '../../apigateway/models/domains';
import type { ApiGatewayV2Backend } from '../models/backend';
import { sortedRules } from '../responses/routing-rules';
import { type GatewayRequest, gatewayError } from './http';
import { serveHttpApi } from './http-api';
import { serveRestApi } from './rest-api';

interface DomainTarget {
  apiId: string;
  /** The stage a mapping or rule names (undefined: a v1 mapping without one). */
  stage?: string;
  /** The path after the base path, starting with `/`. */
  rest: string;
}

/** A header glob as routing rules take it: `*suffix`, `prefix*`, `*contains*` or a literal; values case-sensitive. */
export function globMatches(glob: string, value: string): boolean {
  const lead = glob.startsWith('*');
  const trail = glob.endsWith('*') && glob.length > 1;
  const core = glob.slice(lead ? 1 : 0, trail ? -1 : undefined);
  if (lead && trail) return value.includes(core);
  if (lead) return value.endsWith(core);
  if (trail) return value.startsWith(core);
  return value === core;
}

/** The path without `base` when it starts with it segment-wise (`/users` and `/users/...`), else undefined. */
function stripSegments(path: string, base: string): string | undefined {
  const prefix = `/${base}`;
  if (path === prefix) return '/';
  if (path.startsWith(`${prefix}/`)) return path.slice(prefix.length);
  return undefined;
}

function ruleMatches(rule: RoutingRuleState, path: string, headers: Record<string, string>): { rest: string } | undefined {
  let rest = path;
  for (const c of rule.conditions) {
    for (const h of c.matchHeaders ?? []) {
      const value = headers[h.header.toLowerCase()];
      if (value === undefined || !globMatches(h.valueGlob, value)) return undefined;
    }
    if (c.matchBasePaths) {
      const stripped = c.matchBasePaths.map((b) => stripSegments(path, b)).find((s) => s !== undefined);
      if (stripped === undefined) return undefined;
      if (rule.action.stripBasePath) rest = stripped;
    }
  }
  return { rest };
}

function byMapping(domain: DomainState, path: string): DomainTarget | undefined {
  const multiLevel = [...domain.mappings.keys()].some((k) => k.includes('/'));
  const keys = [...domain.mappings.keys()].filter((k) => k !== NONE).sort((a, b) => b.length - a.length);
  for (const key of keys) {
    let rest = stripSegments(path, key);
    if (rest === undefined && multiLevel && path.startsWith(`/${key}`)) rest = `/${path.slice(key.length + 1)}`;
    if (rest === undefined) continue;
    const m = domain.mappings.get(key);
    if (m) return { apiId: m.restApiId, stage: m.stage, rest };
  }
  const none = domain.mappings.get(NONE);
  return none ? { apiId: none.restApiId, stage: none.stage, rest: path || '/' } : undefined;
}

/** Where a request to `domain` goes, or undefined when nothing takes it. */
export function resolveDomain(domain: DomainState, path: string, headers: Record<string, string>): DomainTarget | undefined {
  const mode = domain.routingMode ?? 'API_MAPPING_ONLY';
  if (mode !== 'API_MAPPING_ONLY') {
    for (const rule of sortedRules(domain)) {
      const hit = ruleMatches(rule, path, headers);
      if (hit) return { apiId: rule.action.apiId, stage: rule.action.stage, rest: hit.rest };
    }
    if (mode === 'ROUTING_RULE_ONLY') return undefined;
  }
  return byMapping(domain, path);
}

export async function serveCustomDomain(req: AwsRequest, ctx: DataPlaneContext<ApiGatewayV2Backend>): Promise<AwsResponse> {
  const v1 = await ctx.backends.get<ApiGatewayBackend>('apigateway', ctx.account, ctx.region);
  const host = req.url.hostname;
  let domain: DomainState | undefined;
  for (const d of v1.domainNames.values()) if (d.regionalDomainName === host) domain = d;
  const path = (req.rawPath ?? req.url.pathname).split('?')[0] || '/';
  const target = domain && resolveDomain(domain, path, req.headers);
  if (!domain || !target) return gatewayError(403, 'Forbidden', { 'x-amzn-errortype': 'ForbiddenException', 'x-amzn-requestid': ctx.requestId });
  const gw: GatewayRequest = {
    req,
    apiId: target.apiId,
    path: target.rest,
    requestId: ctx.requestId,
    account: ctx.account,
    region: ctx.region,
    domainName: domain.domainName,
    customDomain: true,
  };
  const api = ctx.backend.api(target.apiId);
  if (api) return serveHttpApi({ ...gw, mappedStage: target.stage ?? '$default' }, ctx.backend, api, ctx.backends);
  const restApi = v1.restApi(target.apiId);
  if (!restApi) return gatewayError(403, 'Forbidden', { 'x-amzn-errortype': 'ForbiddenException', 'x-amzn-requestid': ctx.requestId });
  const staged = target.stage ? `/${encodeURIComponent(target.stage)}${target.rest === '/' ? '' : target.rest}` : target.rest;
  return serveRestApi({ ...gw, path: staged }, v1, restApi, ctx.backends);
}
