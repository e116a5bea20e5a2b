/**
 * The execute-api data plane, for HTTP APIs (this service) and REST APIs (v1,
 * whose backend answers `restApi(id)`): one place decides which API an id
 * names, since both share `<id>.execute-api.<region>.amazonaws.com`.
 * Addressed three ways: that host; `/_aws/execute-api/<id>/<stage>/...` on
 * any host (the server mode); v1's `/restapis/<id>/<stage>/_user_request_/...`.
 */
import type { AwsRequest, AwsResponse } from '../../../src/core/request';
import type { DataPlaneContext } from '../../../src/core/service';
import type { ApiGatewayBackend } from '../../apigateway/models/backend';
import type { ApiGatewayV2Backend } from '../models/backend';
import { type GatewayRequest, gatewayError } from './http';
import { serveCustomDomain } from './domains';
import { serveHttpApi } from './http-api';
import { serveRestApi } from './rest-api';
import { websocketApiRequest } from './websocket-management';


const HOST = /^([a-z0-9]{10})\.execute-api\./;
const PATH = /^\/_aws\/execute-api\/([a-z0-9]{10})(\/.*)?$/;
const USER_REQUEST = /^\/restapis\/([a-z0-9]{10})\/([^/]+)\/_user_request_(\/.*)?$/;

function target(req: AwsRequest): { apiId: string; path: string } | undefined {
  const rawPath = (req.rawPath ?? req.url.pathname).split('?')[0];
  const byPath = PATH.exec(rawPath);
  if (byPath) return { apiId: byPath[1], path: byPath[2] ?? '/' };
  const userRequest = USER_REQUEST.exec(rawPath);
  if (userRequest) return { apiId: userRequest[1], path: `/${userRequest[2]}${userRequest[3] ?? '/'}` };
  const byHost = HOST.exec(req.url.hostname);
  if (byHost) return { apiId: byHost[1], path: rawPath || '/' };
  return undefined;
}

const DOMAIN_HOST = /^d-[a-z0-9]{10}\.execute-api\./;

export async function executeApi(req: AwsRequest, ctx: DataPlaneContext<ApiGatewayV2Backend>): Promise<AwsResponse> {
  const t = target(req);
  // A custom domain's regional name: its routing rules and API mappings say which API and stage.
  if (!t && DOMAIN_HOST.test(req.url.hostname)) return serveCustomDomain(req, ctx);
  if (!t) return gatewayError(404, 'Not Found');
  const gw: GatewayRequest = {
    req,
    apiId: t.apiId,
    path: t.path,
    requestId: ctx.requestId,
    account: ctx.account,
    region: ctx.region,
    domainName: `${t.apiId}.execute-api.${ctx.region}.amazonaws.com`,
  };
  const api = ctx.backend.api(t.apiId);
  const websocket = api?.info.ProtocolType === 'WEBSOCKET' ? websocketApiRequest(t.path, t.apiId, req, ctx) : undefined;
  if (websocket) return websocket;
  if (api) return serveHttpApi(gw, ctx.backend, api, ctx.backends);
  const v1 = await ctx.backends.get<ApiGatewayBackend>('apigateway', ctx.account, ctx.region);
  const restApi = v1.restApi(t.apiId);
  if (restApi) return serveRestApi(gw, v1, restApi, ctx.backends);
  return gatewayError(404, 'Not Found', { 'apigw-requestid': ctx.requestId });
}
