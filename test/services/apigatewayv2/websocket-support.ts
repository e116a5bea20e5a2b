/**
 * WebSocket test helpers: the global WebSocket (Node 22+, or Node 20 with
 * --experimental-websocket; the suites skip without it) and a client that
 * collects what it receives.
 */
import {
  type ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';

export const hasWebSocket = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function';

/**
 * `describe` when a global WebSocket exists, else a block with one skipped
 * test that says why. The body is not run then: a skipped block's body still
 * runs, and the mockAws() it starts would never be stopped.
 */
export const describeWebSocket = (name: string, fn: () => void): void =>
  hasWebSocket
    ? describe(name, fn)
    : describe(name, () => it.skip('needs a global WebSocket (Node 22+, or Node 20 with --experimental-websocket)', () => {}));

export interface Client {
  ws: WebSocket;
  /** The next message not yet taken (waits for it). */
  next(): Promise<string>;
  closed: Promise<{ code: number; reason: string; wasClean: boolean }>;
}

/** Opens a connection; rejects with the close code when the handshake is refused. */
export function connect(url: string, protocols?: string[]): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    const queue: string[] = [];
    const waiting: Array<(m: string) => void> = [];
    let errored = false;
    ws.addEventListener('message', (e) => {
      const data = typeof e.data === 'string' ? e.data : `binary:${Buffer.from(e.data as ArrayBuffer).toString('base64')}`;
      const w = waiting.shift();
      if (w) w(data);
      else queue.push(data);
    });
    ws.addEventListener('error', () => {
      errored = true;
    });
    const closed = new Promise<{ code: number; reason: string; wasClean: boolean }>((done) =>
      ws.addEventListener('close', (e) => {
        done({ code: e.code, reason: e.reason, wasClean: e.wasClean });
        if (ws.readyState === ws.CLOSED && errored) reject(Object.assign(new Error(`refused (${e.code})`), { code: e.code, errored }));
      }),
    );
    ws.addEventListener('open', () =>
      resolve({
        ws,
        closed,
        next: () => {
          const m = queue.shift();
          return m !== undefined ? Promise.resolve(m) : new Promise((r) => waiting.push(r));
        },
      }),
    );
  });
}

export const wsUrl = (apiId: string, stage: string, query = '') => `wss://${apiId}.execute-api.us-east-1.amazonaws.com/${stage}${query}`;

/** A WebSocket API with an auto-deploying stage `prod`. */
export async function websocketApi(client: ApiGatewayV2Client, expression = '$request.body.action'): Promise<string> {
  const api = await client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: expression }));
  await client.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: 'prod', AutoDeploy: true }));
  return api.ApiId as string;
}

/** A route to a Lambda proxy integration; returns the route id. */
export async function lambdaRoute(client: ApiGatewayV2Client, apiId: string, routeKey: string, functionArn: string, extra: object = {}): Promise<string> {
  const integ = await client.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: functionArn }));
  const route = await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey, Target: `integrations/${integ.IntegrationId}`, ...extra }));
  return route.RouteId as string;
}
