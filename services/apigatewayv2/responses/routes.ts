/** CreateRoute, GetRoute, GetRoutes, UpdateRoute, DeleteRoute. */
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import type { HttpApi } from '../models/resources';
import { parseRouteKey } from '../models/route-keys';
import type * as T from '../types';
import { assignDefined, type Ctx, out } from './common';

export function requireRoute(api: HttpApi, routeId: string) {
  return api.routes.require(routeId, () => notFound(`Invalid Route identifier specified ${routeId}`, 'Route'));
}

/**
 * WebSocket routes: any key (`$connect`, `$disconnect`, `$default` or a
 * value of the route selection expression); authorization only on $connect,
 * and no JWT; a route response selection expression is `$default` or none.
 */
function checkWebSocketRoute(
  api: HttpApi,
  r: { RouteKey?: string; AuthorizationType?: string; RouteId?: string; RouteResponseSelectionExpression?: string },
): void {
  const key = r.RouteKey ?? (r.RouteId ? api.routes.get(r.RouteId)?.RouteKey : undefined);
  const type = r.AuthorizationType ?? 'NONE';
  if (type === 'JWT') throw badRequest('JWT authorizers are supported only for HTTP APIs.');
  if (type !== 'NONE' && key !== '$connect') throw badRequest(`Authorization type ${type} is supported only on the $connect route of WebSocket APIs.`);
  const expression = r.RouteResponseSelectionExpression;
  if (expression !== undefined && expression !== '$default') {
    throw badRequest(`Invalid RouteResponseSelectionExpression ${expression}: the only supported value is $default.`);
  }
}

/** The service's own rules for a route: its key, its target and its authorizer. */
function checkRoute(
  api: HttpApi,
  r: { RouteKey?: string; Target?: string; AuthorizationType?: string; AuthorizerId?: string; RouteId?: string; RouteResponseSelectionExpression?: string },
): void {
  const http = api.info.ProtocolType === 'HTTP';
  if (r.RouteKey !== undefined && http && r.RouteKey !== '$default') {
    const parsed = parseRouteKey(r.RouteKey);
    if (typeof parsed === 'string') throw badRequest(parsed);
  }
  if (r.RouteKey !== undefined) {
    for (const other of api.routes.values()) {
      if (other.RouteKey === r.RouteKey && other.RouteId !== r.RouteId) throw conflict(`Route with key ${r.RouteKey} already exists for this API`);
    }
  }
  if (r.Target !== undefined) {
    const m = /^integrations\/([a-z0-9]+)$/.exec(r.Target);
    if (!m || !api.integrations.get(m[1])) throw badRequest(`Invalid target ${r.Target}: the target must be integrations/<an integration of this API>`);
  }
  if (!http) checkWebSocketRoute(api, r);
  const type = r.AuthorizationType;
  if (type === 'JWT' || type === 'CUSTOM') {
    const authorizer = r.AuthorizerId ? api.authorizers.get(r.AuthorizerId) : undefined;
    if (!authorizer) throw badRequest(`Unable to create route with authorization type ${type}: a valid AuthorizerId is required`);
    const expected = type === 'JWT' ? 'JWT' : 'REQUEST';
    if (authorizer.AuthorizerType !== expected) throw badRequest(`Authorizer ${r.AuthorizerId} is not of type ${expected}`);
  }
}

export function createRoute(input: T.CreateRouteRequest, ctx: Ctx): T.CreateRouteResult {
  const api = ctx.backend.requireApi(input.ApiId);
  checkRoute(api, input);
  const routeId = gatewayId(7);
  const { ApiId: _id, ...fields } = input;
  const route = { ApiKeyRequired: false, AuthorizationType: 'NONE', ...fields, RouteId: routeId };
  api.routes.set(routeId, route);
  return out(route);
}

export function getRoute(input: T.GetRouteRequest, ctx: Ctx): T.GetRouteResult {
  return out(requireRoute(ctx.backend.requireApi(input.ApiId), input.RouteId));
}

export function getRoutes(input: T.GetRoutesRequest, ctx: Ctx): T.GetRoutesResponse {
  const page = ctx.backend.requireApi(input.ApiId).routes.pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map(out), NextToken: page.nextToken };
}

export function updateRoute(input: T.UpdateRouteRequest, ctx: Ctx): T.UpdateRouteResult {
  const api = ctx.backend.requireApi(input.ApiId);
  const route = requireRoute(api, input.RouteId);
  if (route.RouteKey === '$default' && input.RouteKey !== undefined && input.RouteKey !== '$default') {
    throw badRequest('The $default route key cannot be modified.');
  }
  checkRoute(api, {
    RouteId: route.RouteId,
    RouteKey: input.RouteKey,
    Target: input.Target,
    AuthorizationType: input.AuthorizationType ?? route.AuthorizationType,
    AuthorizerId: input.AuthorizerId ?? route.AuthorizerId,
    RouteResponseSelectionExpression: input.RouteResponseSelectionExpression,
  });
  const { ApiId: _id, RouteId: _r, ...patch } = input;
  assignDefined(route, patch);
  return out(route);
}

export function deleteRoute(input: T.DeleteRouteRequest, ctx: Ctx): void {
  const api = ctx.backend.requireApi(input.ApiId);
  requireRoute(api, input.RouteId);
  api.routes.delete(input.RouteId);
}

/** DeleteRouteRequestParameter (WebSocket APIs): one `route.request.*` parameter of the route goes. */
export function deleteRouteRequestParameter(input: T.DeleteRouteRequestParameterRequest, ctx: Ctx): void {
  const api = ctx.backend.requireApi(input.ApiId);
  const route = requireRoute(api, input.RouteId);
  if (api.info.ProtocolType !== 'WEBSOCKET') throw badRequest('Route request parameters are supported only for WebSocket APIs.');
  if (!route.RequestParameters || !Object.hasOwn(route.RequestParameters, input.RequestParameterKey)) {
    throw notFound(`Invalid request parameter key specified ${input.RequestParameterKey}`, 'RouteRequestParameter');
  }
  delete route.RequestParameters[input.RequestParameterKey];
}
