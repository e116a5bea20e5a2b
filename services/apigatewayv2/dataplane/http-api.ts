/**
 * An HTTP API request: the stage from the path (a named stage's prefix, else
 * `$default`), CORS preflight, the route, its authorizer, then the
 * integration. Errors are API Gateway's: 404 Not Found, 401 Unauthorized,
 * 403 Forbidden, 500 Internal Server Error, with `apigw-requestid`.
 */
import type { AwsResponse } from '../../../src/core/request';
import type { BackendAccess } from '../../../src/core/service';
import type { ApiGatewayV2Backend } from '../models/backend';
import type { HttpApi } from '../models/resources';
import { decodeSegment, selectRoute } from '../models/route-keys';
import { authorize } from './authorizers';
import { corsHeaders, preflight } from './cors';
import { type GatewayRequest, gatewayError } from './http';
import { functionArnOf, invokeLambda } from './lambda';
import { eventV1, eventV2, type ProxyContext } from './proxy-events';
import { resultV1, resultV2 } from './proxy-results';

const MESSAGES: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

export async function serveHttpApi(gw: GatewayRequest, backend: ApiGatewayV2Backend, api: HttpApi, backends: BackendAccess): Promise<AwsResponse> {
  const response = await route(gw, backend, api, backends);
  const cors = api.info.CorsConfiguration ? corsHeaders(api.info.CorsConfiguration, gw.req.headers.origin) : {};
  response.headers = { ...response.headers, ...cors, 'apigw-requestid': gw.requestId };
  return response;
}

function fail(status: number): AwsResponse {
  return gatewayError(status, MESSAGES[status] ?? 'Internal Server Error');
}

async function route(gw: GatewayRequest, backend: ApiGatewayV2Backend, api: HttpApi, backends: BackendAccess): Promise<AwsResponse> {
  if (api.info.ProtocolType !== 'HTTP') return fail(404);
  // The default endpoint turned off: API Gateway answers 403 Forbidden there.
  if (api.info.DisableExecuteApiEndpoint && !gw.customDomain) return fail(403);
  const first = gw.mappedStage === undefined ? (gw.path.split('/')[1] ?? '') : '';
  const named = first && first !== '$default' ? api.stages.get(decodeSegment(first)) : undefined;
  const stage = named ?? api.stages.get(gw.mappedStage ?? '$default');
  if (!stage) return fail(404);
  const inner = named ? gw.path.slice(first.length + 1) || '/' : gw.path || '/';
  const snapshot = backend.snapshot(api, stage.StageName);
  if (!snapshot) return fail(404);
  const method = gw.req.method.toUpperCase();
  const match = selectRoute(snapshot.routes, method, inner);
  if (api.info.CorsConfiguration && method === 'OPTIONS' && (!match || match.route.RouteKey === '$default' || match.route.RouteKey.startsWith('ANY '))) {
    const answer = preflight(api.info.CorsConfiguration, gw.req.headers);
    if (answer) return answer;
  }
  if (!match) return fail(404);
  const stageVariables = { ...(stage.StageVariables ?? {}) };
  const proxy: ProxyContext = {
    gw,
    stage: stage.StageName,
    path: named ? gw.path : inner,
    stagedPath: named ? gw.path : inner,
    resource: match.route.RouteKey,
    resourceId: match.route.RouteId,
    pathParameters: match.pathParameters,
    stageVariables,
  };
  const authorizer = match.route.AuthorizerId ? snapshot.authorizers.get(match.route.AuthorizerId) : undefined;
  const auth = await authorize(match.route, authorizer, proxy, backends, backend.authorizerCache);
  if (!auth.ok) return fail(auth.status);
  proxy.authorizer = auth.context;
  const integrationId = /^integrations\/(.+)$/.exec(match.route.Target ?? '')?.[1];
  const integration = integrationId ? snapshot.integrations.get(integrationId) : undefined;
  if (!integration) return fail(500);
  if (integration.IntegrationType !== 'AWS_PROXY' || integration.IntegrationSubtype) return fail(500);
  const arn = functionArnOf(integration.IntegrationUri ?? '', stageVariables);
  if (!arn) return fail(500);
  const v2 = integration.PayloadFormatVersion === '2.0';
  const routePath = match.route.RouteKey === '$default' ? '$default' : match.route.RouteKey.slice(match.route.RouteKey.indexOf(' ') + 1);
  const event = v2 ? eventV2(proxy) : eventV1({ ...proxy, resource: routePath }, { version: '1.0' });
  const outcome = await invokeLambda(backends, arn, event);
  if (!outcome.ok) return fail(500);
  return (v2 ? resultV2(outcome.payload) : resultV1(outcome.payload)) ?? fail(500);
}
