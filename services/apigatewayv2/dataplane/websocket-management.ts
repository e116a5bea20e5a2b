/**
 * The `@connections` API shares the WebSocket endpoint:
 * `https://<apiId>.execute-api.<region>.amazonaws.com/<stage>/@connections/<id>`
 * (ApiGatewayManagementApiClient's endpoint is the stage URL). Such a request
 * is handed, as the API call it is, to the apigatewaymanagementapi service on
 * its own host, with the API and stage it came through in
 * `x-mockaws-execute-api` (a connection answers only through its own API).
 */
import type { AwsRequest, AwsResponse } from '../../../src/core/request';
import type { DataPlaneContext } from '../../../src/core/service';

const CONNECTIONS = /^\/([^/]+)\/(@connections\/[^/]+)$/;

/** The management API request this is, or undefined when it is an ordinary data plane request. */
export function connectionsCall(path: string, apiId: string, req: AwsRequest, ctx: DataPlaneContext): Promise<AwsResponse> | undefined {
  const m = CONNECTIONS.exec(path.split('?')[0]);
  if (!m) return undefined;
  const url = new URL(`https://execute-api.${ctx.region}.amazonaws.com/${m[2]}${req.url.search}`);
  const forwarded: AwsRequest = {
    method: req.method,
    url,
    rawPath: `/${m[2]}`,
    headers: { ...req.headers, host: url.host, 'x-mockaws-execute-api': `${apiId}/${decodeURIComponent(m[1])}` },
    body: req.body,
    sourceIp: req.sourceIp,
  };
  return ctx.backends.http(forwarded);
}
