/**
 * Route responses and integration responses: WebSocket APIs only (HTTP APIs
 * answer BadRequestException). A route response key is `$default`; an
 * integration response key is `$default` or a `/regex/` over the integration's
 * status.
 */
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import { Collection } from '../../apigateway/models/collection';
import type { HttpApi } from '../models/resources';
import type * as T from '../types';
import { assignDefined, type Ctx, out } from './common';
import { requireIntegration } from './integrations';
import { requireRoute } from './routes';

function websocketApi(ctx: Ctx, apiId: string): HttpApi {
  const api = ctx.backend.requireApi(apiId);
  if (api.info.ProtocolType !== 'WEBSOCKET') throw badRequest('Route and integration responses are supported only for WebSocket APIs.');
  return api;
}

function childrenOf<V>(map: Map<string, Collection<V>>, id: string): Collection<V> {
  let children = map.get(id);
  if (!children) map.set(id, (children = new Collection<V>()));
  return children;
}

// ---- Route responses ----

function checkRouteResponseKey(key: string): void {
  if (key !== '$default') throw badRequest(`Invalid RouteResponseKey ${key}: the only supported key is $default.`);
}

export function createRouteResponse(input: T.CreateRouteResponseRequest, ctx: Ctx): T.CreateRouteResponseResponse {
  const api = websocketApi(ctx, input.ApiId);
  requireRoute(api, input.RouteId);
  checkRouteResponseKey(input.RouteResponseKey);
  const responses = childrenOf(api.routeResponses, input.RouteId);
  for (const r of responses.values()) if (r.RouteResponseKey === input.RouteResponseKey) throw conflict(`Route response with key ${input.RouteResponseKey} already exists`);
  const { ApiId: _a, RouteId: _r, ...fields } = input;
  const response = { ...fields, RouteResponseId: gatewayId(6) };
  responses.set(response.RouteResponseId, response);
  return out(response);
}

function requireRouteResponse(api: HttpApi, routeId: string, id: string) {
  requireRoute(api, routeId);
  const response = api.routeResponses.get(routeId)?.get(id);
  if (!response) throw notFound(`Invalid RouteResponse identifier specified ${id}`, 'RouteResponse');
  return response;
}

export function getRouteResponse(input: T.GetRouteResponseRequest, ctx: Ctx): T.GetRouteResponseResponse {
  return out(requireRouteResponse(websocketApi(ctx, input.ApiId), input.RouteId, input.RouteResponseId));
}

export function getRouteResponses(input: T.GetRouteResponsesRequest, ctx: Ctx): T.GetRouteResponsesResponse {
  const api = websocketApi(ctx, input.ApiId);
  requireRoute(api, input.RouteId);
  const page = childrenOf(api.routeResponses, input.RouteId).pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map(out), NextToken: page.nextToken };
}

export function updateRouteResponse(input: T.UpdateRouteResponseRequest, ctx: Ctx): T.UpdateRouteResponseResponse {
  const response = requireRouteResponse(websocketApi(ctx, input.ApiId), input.RouteId, input.RouteResponseId);
  if (input.RouteResponseKey !== undefined) checkRouteResponseKey(input.RouteResponseKey);
  const { ApiId: _a, RouteId: _r, RouteResponseId: _i, ...fields } = input;
  assignDefined(response, fields);
  return out(response);
}

export function deleteRouteResponse(input: T.DeleteRouteResponseRequest, ctx: Ctx): void {
  const api = websocketApi(ctx, input.ApiId);
  requireRouteResponse(api, input.RouteId, input.RouteResponseId);
  api.routeResponses.get(input.RouteId)?.delete(input.RouteResponseId);
}

// ---- Integration responses ----

function checkIntegrationResponseKey(key: string): void {
  if (key === '$default') return;
  const m = /^\/(.+)\/$/.exec(key);
  let valid = false;
  try {
    valid = m !== null && new RegExp(m[1]) !== undefined;
  } catch {
    valid = false;
  }
  if (!valid) throw badRequest(`Invalid IntegrationResponseKey ${key}: use $default or a /regular expression/.`);
}

export function createIntegrationResponse(input: T.CreateIntegrationResponseRequest, ctx: Ctx): T.CreateIntegrationResponseResponse {
  const api = websocketApi(ctx, input.ApiId);
  requireIntegration(api, input.IntegrationId);
  checkIntegrationResponseKey(input.IntegrationResponseKey);
  const responses = childrenOf(api.integrationResponses, input.IntegrationId);
  for (const r of responses.values()) {
    if (r.IntegrationResponseKey === input.IntegrationResponseKey) throw conflict(`Integration response with key ${input.IntegrationResponseKey} already exists`);
  }
  const { ApiId: _a, IntegrationId: _i, ...fields } = input;
  const response = { ...fields, IntegrationResponseId: gatewayId(6) };
  responses.set(response.IntegrationResponseId, response);
  return out(response);
}

function requireIntegrationResponse(api: HttpApi, integrationId: string, id: string) {
  requireIntegration(api, integrationId);
  const response = api.integrationResponses.get(integrationId)?.get(id);
  if (!response) throw notFound(`Invalid IntegrationResponse identifier specified ${id}`, 'IntegrationResponse');
  return response;
}

export function getIntegrationResponse(input: T.GetIntegrationResponseRequest, ctx: Ctx): T.GetIntegrationResponseResponse {
  return out(requireIntegrationResponse(websocketApi(ctx, input.ApiId), input.IntegrationId, input.IntegrationResponseId));
}

export function getIntegrationResponses(input: T.GetIntegrationResponsesRequest, ctx: Ctx): T.GetIntegrationResponsesResponse {
  const api = websocketApi(ctx, input.ApiId);
  requireIntegration(api, input.IntegrationId);
  const page = childrenOf(api.integrationResponses, input.IntegrationId).pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map(out), NextToken: page.nextToken };
}

export function updateIntegrationResponse(input: T.UpdateIntegrationResponseRequest, ctx: Ctx): T.UpdateIntegrationResponseResponse {
  const response = requireIntegrationResponse(websocketApi(ctx, input.ApiId), input.IntegrationId, input.IntegrationResponseId);
  if (input.IntegrationResponseKey !== undefined) checkIntegrationResponseKey(input.IntegrationResponseKey);
  const { ApiId: _a, IntegrationId: _i, IntegrationResponseId: _r, ...fields } = input;
  assignDefined(response, fields);
  return out(response);
}

export function deleteIntegrationResponse(input: T.DeleteIntegrationResponseRequest, ctx: Ctx): void {
  const api = websocketApi(ctx, input.ApiId);
  requireIntegrationResponse(api, input.IntegrationId, input.IntegrationResponseId);
  api.integrationResponses.get(input.IntegrationId)?.delete(input.IntegrationResponseId);
}
