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
import { gatewayError } from './http';

const CONNECTIONS = /^\/([^/]+)\/(@connections\/[^/]+)$/;

/**
 * A plain HTTP request to a WebSocket API: the @connections API, or an
 * upgrade that came as an ordinary request (the `ws` package's client
 * in-process: its upgrade cannot be intercepted), told where to connect
 * instead; undefined for anything else.
 */
export function websocketApiRequest(path: string, apiId: string, req: AwsRequest, ctx: DataPlaneContext): Promise<AwsResponse> | AwsResponse | undefined {
  const m = CONNECTIONS.exec(path.split('?')[0]);
  if (!m) {
    if (req.headers.upgrade?.toLowerCase() !== 'websocket') return undefined;
    return gatewayError(
      426,
      'mockaws: this WebSocket handshake came as a plain HTTP request (the ws package cannot be intercepted in-process); ' +
        'connect with the global WebSocket, or through the server mode at /_aws/execute-api/<apiId>/<stage>',
    );
  }
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
