/**
 * WebSocket APIs on execute-api: the opening handshake to
 * `wss://<apiId>.execute-api.<region>.amazonaws.com/<stage>` (or the server's
 * `/_aws/execute-api/<apiId>/<stage>`) runs the $connect route — its Lambda
 * REQUEST authorizer, then its integration — and a refusal is the HTTP answer
 * the client gets instead of the upgrade: 401 for missing identity, 403 for
 * a Deny or an unknown stage, the integration's own status when it is not
 * 2xx, 500 when the authorizer or the integration fails. Each message is
 * routed by the API's route selection expression (else `$default`, else the
 * `Forbidden` error frame); a route with a `$default` route response sends the
 * integration's answer back; $disconnect runs when the connection ends.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { requestId as newRequestId } from '../../../src/core/ids';
import type { AwsRequest } from '../../../src/core/request';
import type { BackendAccess, DataPlaneContext, WebSocketOpening, WebSocketPeer } from '../../../src/core/service';
import type { ApiGatewayV2Backend } from '../models/backend';
import { WsConnection } from '../models/connections';
import type { HttpApi, Snapshot } from '../models/resources';
import { selectRouteKey } from '../models/ws-selection';
import type { Route } from '../types';
import { allows } from './authorizers';
import { gatewayError } from './http';
import { functionArnOf, invokeLambda } from './lambda';
import { close, received, register, send } from './websocket-connections';
import { connectEvent, disconnectEvent, handshakeParts, messageEvent, requestContext, type WsEndpoint } from './websocket-events';
import { runIntegration } from './websocket-integrations';

const HOST = /^([a-z0-9]{10})\.execute-api\./;
const SERVER_PATH = /^\/_aws\/execute-api\/([a-z0-9]{10})(\/[^?]*)?$/;

/** The API and stage a handshake addresses. */
export function websocketTarget(req: AwsRequest): { apiId: string; stage: string } | undefined {
  const path = (req.rawPath ?? req.url.pathname).split('?')[0];
  const byPath = SERVER_PATH.exec(path);
  const apiId = byPath?.[1] ?? HOST.exec(req.url.hostname)?.[1];
  if (!apiId) return undefined;
  const rest = byPath ? (byPath[2] ?? '/') : path;
  const stage = decodeURIComponent(rest.split('/')[1] ?? '');
  return { apiId, stage };
}

/** A connection id as API Gateway writes them: 16 characters ending in `=`. */
function connectionId(): string {
  return `${randomBytes(11).toString('base64').slice(0, 15).replace(/[+/]/g, 'A')}=`;
}

/** An error frame, in API Gateway's own spacing. */
function errorFrame(message: string, conn: WsConnection, requestId: string): string {
  return `{"message": "${message}", "connectionId":"${conn.connectionId}", "requestId":"${requestId}"}`;
}

interface Live extends WsEndpoint {
  backend: ApiGatewayV2Backend;
  backends: BackendAccess;
}

function routeByKey(snapshot: Snapshot, key: string): (Route & { RouteId?: string }) | undefined {
  return snapshot.routes.find((r) => r.RouteKey === key);
}

function integrationOf(snapshot: Snapshot, route: Route) {
  const id = /^integrations\/(.+)$/.exec(route.Target ?? '')?.[1];
  return id ? snapshot.integrations.get(id) : undefined;
}

function refuse(status: number, message: string): WebSocketOpening {
  return { accepted: false, response: gatewayError(status, message) };
}

export async function openWebSocket(req: AwsRequest, ctx: DataPlaneContext<ApiGatewayV2Backend>, peer: WebSocketPeer): Promise<WebSocketOpening> {
  const t = websocketTarget(req);
  const api = t ? ctx.backend.api(t.apiId) : undefined;
  if (!t || !api || api.info.ProtocolType !== 'WEBSOCKET') return refuse(404, 'Not Found');
  if (api.info.DisableExecuteApiEndpoint) return refuse(403, 'Forbidden');
  const stage = api.stages.get(t.stage);
  const snapshot = stage ? ctx.backend.snapshot(api, stage.StageName) : undefined;
  if (!stage || !snapshot) return refuse(403, 'Forbidden');
  const at: Live = {
    apiId: t.apiId,
    stage: stage.StageName,
    domainName: `${t.apiId}.execute-api.${ctx.region}.amazonaws.com`,
    account: ctx.account,
    region: ctx.region,
    backend: ctx.backend,
    backends: ctx.backends,
  };
  const stageVariables = { ...(stage.StageVariables ?? {}) };
  const id = connectionId();
  const draft = new WsConnection(id, t.apiId, stage.StageName, clock.now(), req.sourceIp ?? '127.0.0.1', req.headers['user-agent'], undefined);
  const connectRoute = routeByKey(snapshot, '$connect');
  let authorizer: Record<string, unknown> | undefined;
  if (connectRoute?.AuthorizationType === 'CUSTOM') {
    const auth = await authorizeConnect(at, snapshot, connectRoute, draft, req, stageVariables, ctx.requestId);
    if (!auth.ok) return refuse(auth.status, auth.status === 401 ? 'Unauthorized' : auth.status === 403 ? 'Forbidden' : 'Internal Server Error');
    authorizer = auth.context;
  }
  const conn = new WsConnection(id, t.apiId, stage.StageName, draft.connectedAt, draft.sourceIp, draft.userAgent, authorizer);
  const integration = connectRoute ? integrationOf(snapshot, connectRoute) : undefined;
  if (connectRoute && integration) {
    const outcome = await runIntegration({ api, integration, event: connectEvent(at, conn, req, ctx.requestId), body: '', stageVariables, backends: ctx.backends, account: ctx.account });
    if (!outcome.ok) return refuse(500, 'Internal Server Error');
    if (outcome.status < 200 || outcome.status > 299) {
      return { accepted: false, response: { status: outcome.status, headers: { 'content-type': 'application/json' }, body: Buffer.from(outcome.body ?? '') } };
    }
  }
  register(ctx.backend, conn, peer, (code, reason) => disconnected(at, conn, code, reason, stageVariables));
  return {
    accepted: true,
    headers: { 'x-amzn-requestid': ctx.requestId },
    session: {
      message: (data) => received(ctx.backend, conn, typeof data === 'string' ? Buffer.byteLength(data) : data.length, () => onMessage(at, conn, data, stageVariables)),
      closed: (code, reason) => void close(ctx.backend, conn, code, reason, true),
    },
  };
}

/** What a stage serves now: a redeployment changes the routes of open connections too. */
function current(at: Live): { api: HttpApi; snapshot: Snapshot } | undefined {
  const api = at.backend.api(at.apiId);
  const snapshot = api ? at.backend.snapshot(api, at.stage) : undefined;
  return api && snapshot ? { api, snapshot } : undefined;
}

async function onMessage(at: Live, conn: WsConnection, data: string | Buffer, stageVariables: Record<string, string>): Promise<void> {
  const requestId = newRequestId();
  const now = current(at);
  if (!now) {
    send(conn, errorFrame('Forbidden', conn, requestId));
    return;
  }
  const text = typeof data === 'string' ? data : data.toString('utf8');
  const key = selectRouteKey(now.api.info.RouteSelectionExpression ?? '', text);
  const named = key !== undefined && key !== '$connect' && key !== '$disconnect' ? routeByKey(now.snapshot, key) : undefined;
  const route = named ?? routeByKey(now.snapshot, '$default');
  if (!route) {
    send(conn, errorFrame('Forbidden', conn, requestId));
    return;
  }
  const integration = integrationOf(now.snapshot, route);
  const outcome = integration
    ? await runIntegration({ api: now.api, integration, event: messageEvent(at, conn, route.RouteKey, data, requestId), body: text, stageVariables, backends: at.backends, account: at.account })
    : { ok: false as const };
  if (!outcome.ok) {
    send(conn, errorFrame('Internal server error', conn, requestId));
    return;
  }
  // A two-way route: its $default route response sends the integration's answer to the client.
  const twoWay = route.RouteResponseSelectionExpression !== undefined && route.RouteId !== undefined &&
    [...(now.api.routeResponses.get(route.RouteId)?.values() ?? [])].some((r) => r.RouteResponseKey === '$default');
  if (twoWay && outcome.body !== undefined) send(conn, outcome.body);
}

async function disconnected(at: Live, conn: WsConnection, code: number, reason: string, stageVariables: Record<string, string>): Promise<void> {
  const now = current(at);
  const route = now ? routeByKey(now.snapshot, '$disconnect') : undefined;
  const integration = now && route ? integrationOf(now.snapshot, route) : undefined;
  if (!now || !integration) return;
  const requestId = newRequestId();
  await runIntegration({ api: now.api, integration, event: disconnectEvent(at, conn, code, reason, requestId), body: '', stageVariables, backends: at.backends, account: at.account });
}

type ConnectAuth = { ok: true; context: Record<string, unknown> } | { ok: false; status: 401 | 403 | 500 };

/** `route.request.header.Auth` / `route.request.querystring.token` (also `$request.` forms) → the handshake's value. */
function identityValue(req: AwsRequest, source: string): string | undefined {
  const m = /^(?:route\.request|\$request)\.(header|querystring)\.(.+)$/.exec(source);
  if (!m) return undefined;
  return m[1] === 'header' ? req.headers[m[2].toLowerCase()] : (req.url.searchParams.get(m[2]) ?? undefined);
}

/** The $connect route's Lambda REQUEST authorizer: an IAM policy answer (WebSocket APIs take no simple responses). */
async function authorizeConnect(
  at: Live,
  snapshot: Snapshot,
  route: Route,
  draft: WsConnection,
  req: AwsRequest,
  stageVariables: Record<string, string>,
  requestId: string,
): Promise<ConnectAuth> {
  const authorizer = route.AuthorizerId ? snapshot.authorizers.get(route.AuthorizerId) : undefined;
  if (!authorizer) return { ok: false, status: 500 };
  const identity = (authorizer.IdentitySource ?? []).map((s) => identityValue(req, s));
  if (identity.some((v) => v === undefined || v === '')) return { ok: false, status: 401 };
  const arn = functionArnOf(authorizer.AuthorizerUri ?? '', stageVariables);
  if (!arn) return { ok: false, status: 500 };
  const event = {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:${at.region}:${at.account}:${at.apiId}/${at.stage}/$connect`,
    ...handshakeParts(req, at.domainName),
    stageVariables,
    requestContext: requestContext(at, draft, '$connect', 'CONNECT', requestId),
  };
  const outcome = await invokeLambda(at.backends, arn, event);
  if (!outcome.ok) return { ok: false, status: 500 };
  let answer: { principalId?: unknown; policyDocument?: unknown; context?: unknown };
  try {
    answer = JSON.parse(outcome.payload);
  } catch {
    return { ok: false, status: 500 };
  }
  if (typeof answer !== 'object' || answer === null || !answer.policyDocument) return { ok: false, status: 500 };
  if (!allows(answer.policyDocument)) return { ok: false, status: 403 };
  const context = typeof answer.context === 'object' && answer.context !== null ? (answer.context as Record<string, unknown>) : {};
  return { ok: true, context: { ...context, principalId: answer.principalId } };
}
