/**
 * The Lambda proxy events of WebSocket APIs (developer guide, "Set up a
 * WebSocket API integration request"): CONNECT with the handshake's headers
 * and query string, MESSAGE with the body, DISCONNECT with the close status;
 * each with a requestContext naming the route, connection and stage.
 */
import { clock } from '../../../src/core/clock';
import type { AwsRequest } from '../../../src/core/request';
import { requestId as newRequestId } from '../../../src/core/ids';
import type { WsConnection } from '../models/connections';
import { queryOf, requestTime } from './http';

export interface WsEndpoint {
  apiId: string;
  stage: string;
  domainName: string;
  account: string;
  region: string;
}

type EventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

export function requestContext(
  at: WsEndpoint,
  conn: WsConnection,
  routeKey: string,
  eventType: EventType,
  requestId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = clock.now();
  return {
    routeKey,
    ...(eventType === 'MESSAGE' ? { messageId: newRequestId().slice(0, 16) } : {}),
    eventType,
    ...extra,
    extendedRequestId: requestId,
    requestTime: requestTime(now),
    messageDirection: 'IN',
    stage: at.stage,
    connectedAt: conn.connectedAt,
    requestTimeEpoch: now,
    identity: { sourceIp: conn.sourceIp, ...(conn.userAgent !== undefined ? { userAgent: conn.userAgent } : {}) },
    requestId,
    domainName: at.domainName,
    connectionId: conn.connectionId,
    apiId: at.apiId,
    ...(conn.authorizer ? { authorizer: conn.authorizer } : {}),
  };
}

/** Headers and query string of the handshake, single- and multi-valued (absent when there are none). */
export function handshakeParts(req: AwsRequest, domainName: string): Record<string, unknown> {
  const headers: Record<string, string> = Object.create(null);
  const multiValueHeaders: Record<string, string[]> = Object.create(null);
  for (const [k, v] of Object.entries({ ...req.headers, host: domainName })) {
    headers[k] = v;
    multiValueHeaders[k] = [v];
  }
  const { multi } = queryOf(req.url);
  const single: Record<string, string> = Object.create(null);
  for (const [k, vs] of Object.entries(multi)) single[k] = vs[vs.length - 1];
  const hasQuery = Object.keys(single).length > 0;
  return {
    headers,
    multiValueHeaders,
    ...(hasQuery ? { queryStringParameters: single, multiValueQueryStringParameters: multi } : {}),
  };
}

export function connectEvent(at: WsEndpoint, conn: WsConnection, req: AwsRequest, requestId: string): Record<string, unknown> {
  return { ...handshakeParts(req, at.domainName), requestContext: requestContext(at, conn, '$connect', 'CONNECT', requestId), isBase64Encoded: false };
}

export function messageEvent(at: WsEndpoint, conn: WsConnection, routeKey: string, data: string | Buffer, requestId: string): Record<string, unknown> {
  const binary = typeof data !== 'string';
  return {
    requestContext: requestContext(at, conn, routeKey, 'MESSAGE', requestId),
    body: binary ? data.toString('base64') : data,
    isBase64Encoded: binary,
  };
}

export function disconnectEvent(at: WsEndpoint, conn: WsConnection, code: number, reason: string, requestId: string): Record<string, unknown> {
  const headers = { Host: at.domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  return {
    headers,
    multiValueHeaders,
    requestContext: requestContext(at, conn, '$disconnect', 'DISCONNECT', requestId, { disconnectStatusCode: code, disconnectReason: reason }),
    isBase64Encoded: false,
  };
}
