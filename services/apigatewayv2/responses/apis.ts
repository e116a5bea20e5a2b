/** CreateApi (with quick create), GetApi, GetApis, UpdateApi, DeleteApi. */
import { clock } from '../../../src/core/clock';
import { badRequest } from '../exceptions';
import { gatewayId } from '../models/backend';
import { newApi } from '../models/resources';
import { parseRouteKey } from '../models/route-keys';
import { apiKeySelectionProblem, routeSelectionProblem } from '../models/ws-selection';
import type * as T from '../types';
import { assignDefined, type Ctx, out } from './common';

// biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own selection expression syntax.
const HTTP_ROUTE_SELECTION = '${request.method} ${request.path}';

/** WebSocket route selection expressions name a body member; API key selection is a header or the authorizer's key. */
function checkSelectionExpressions(http: boolean, input: { RouteSelectionExpression?: string; ApiKeySelectionExpression?: string }): void {
  const route = !http && input.RouteSelectionExpression !== undefined ? routeSelectionProblem(input.RouteSelectionExpression) : undefined;
  if (route) throw badRequest(route);
  const key = input.ApiKeySelectionExpression !== undefined ? apiKeySelectionProblem(input.ApiKeySelectionExpression) : undefined;
  if (key) throw badRequest(key);
}

export function createApi(input: T.CreateApiRequest, ctx: Ctx): T.CreateApiResponse {
  const http = input.ProtocolType === 'HTTP';
  if (!http && !input.RouteSelectionExpression) throw badRequest('RouteSelectionExpression is required for WebSocket APIs.');
  if (http && input.RouteSelectionExpression && input.RouteSelectionExpression !== HTTP_ROUTE_SELECTION) {
    throw badRequest(`Unsupported route selection expression for HTTP APIs. Use ${HTTP_ROUTE_SELECTION}.`);
  }
  checkSelectionExpressions(http, input);
  if (!http && (input.Target || input.RouteKey)) throw badRequest('Quick create (Target, RouteKey) is supported only for HTTP APIs.');
  if (input.RouteKey && !input.Target) throw badRequest('RouteKey is part of quick create: it needs a Target.');
  const routeKey = input.RouteKey ?? '$default';
  if (routeKey !== '$default') {
    const parsed = parseRouteKey(routeKey);
    if (typeof parsed === 'string') throw badRequest(parsed);
  }
  const backend = ctx.backend;
  const apiId = gatewayId(10);
  const api = newApi({
    ApiId: apiId,
    ApiEndpoint: backend.endpoint(apiId, input.ProtocolType),
    ApiKeySelectionExpression: input.ApiKeySelectionExpression ?? '$request.header.x-api-key',
    CorsConfiguration: input.CorsConfiguration,
    CreatedDate: clock.date(),
    Description: input.Description,
    DisableExecuteApiEndpoint: input.DisableExecuteApiEndpoint ?? false,
    DisableSchemaValidation: input.DisableSchemaValidation,
    IpAddressType: input.IpAddressType ?? 'ipv4',
    Name: input.Name,
    ProtocolType: input.ProtocolType,
    RouteSelectionExpression: input.RouteSelectionExpression ?? HTTP_ROUTE_SELECTION,
    Tags: input.Tags ?? {},
    Version: input.Version,
  });
  if (input.Target) {
    // Quick create: an integration with the target, a catch-all (or the named) route, and an auto-deploying $default stage.
    const lambda = input.Target.startsWith('arn:');
    const integrationId = gatewayId(7);
    api.integrations.set(integrationId, {
      ApiGatewayManaged: true,
      ConnectionType: 'INTERNET',
      IntegrationId: integrationId,
      IntegrationMethod: lambda ? 'POST' : 'ANY',
      IntegrationType: lambda ? 'AWS_PROXY' : 'HTTP_PROXY',
      IntegrationUri: input.Target,
      PayloadFormatVersion: lambda ? '2.0' : '1.0',
      CredentialsArn: input.CredentialsArn,
      TimeoutInMillis: 30000,
    });
    const routeId = gatewayId(7);
    api.routes.set(routeId, {
      ApiGatewayManaged: true,
      ApiKeyRequired: false,
      AuthorizationType: 'NONE',
      RouteId: routeId,
      RouteKey: routeKey,
      Target: `integrations/${integrationId}`,
    });
    const now = clock.date();
    api.stages.set('$default', {
      StageName: '$default',
      ApiGatewayManaged: true,
      AutoDeploy: true,
      CreatedDate: now,
      LastUpdatedDate: now,
      DefaultRouteSettings: { DetailedMetricsEnabled: false },
      RouteSettings: {},
      StageVariables: {},
      Tags: {},
    });
  }
  backend.apis.set(apiId, api);
  return out(api.info);
}

export function getApi(input: T.GetApiRequest, ctx: Ctx): T.GetApiResponse {
  return out(ctx.backend.requireApi(input.ApiId).info);
}

export function getApis(input: T.GetApisRequest, ctx: Ctx): T.GetApisResponse {
  const page = ctx.backend.apis.pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map((a) => out(a.info)), NextToken: page.nextToken };
}

export function updateApi(input: T.UpdateApiRequest, ctx: Ctx): T.UpdateApiResponse {
  const api = ctx.backend.requireApi(input.ApiId);
  const http = api.info.ProtocolType === 'HTTP';
  if (http && input.RouteSelectionExpression && input.RouteSelectionExpression !== HTTP_ROUTE_SELECTION) {
    throw badRequest(`Unsupported route selection expression for HTTP APIs. Use ${HTTP_ROUTE_SELECTION}.`);
  }
  checkSelectionExpressions(http, input);
  if (input.Target || input.RouteKey) throw badRequest('Quick create properties (Target, RouteKey) cannot be updated with UpdateApi.');
  const { ApiId: _id, Target: _t, RouteKey: _k, CredentialsArn: _c, ...patch } = input;
  assignDefined(api.info, patch);
  return out(api.info);
}

export function deleteApi(input: T.DeleteApiRequest, ctx: Ctx): void {
  ctx.backend.requireApi(input.ApiId);
  ctx.backend.apis.delete(input.ApiId);
}

export function deleteCorsConfiguration(input: T.DeleteCorsConfigurationRequest, ctx: Ctx): void {
  ctx.backend.requireApi(input.ApiId).info.CorsConfiguration = undefined;
}
