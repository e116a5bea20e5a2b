/**
 * WebSocket APIs in server mode, with the `ws` package's client (what most
 * Node code uses, and which cannot be intercepted in-process): the server
 * takes the upgrade at `/_aws/execute-api/<apiId>/<stage>`, runs $connect,
 * routes messages, and the @connections API answers at the stage URL.
 */
import { ApiGatewayManagementApiClient, GetConnectionCommand, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import WebSocket from 'ws';
import { clientConfig, useServer } from './support/server-fixture';

function open(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; next: () => Promise<string>; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const queue: string[] = [];
    const waiting: Array<(m: string) => void> = [];
    ws.on('message', (data) => {
      const m = data.toString();
      const w = waiting.shift();
      if (w) w(m);
      else queue.push(m);
    });
    const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
    ws.on('unexpected-response', (_req, res) => reject(Object.assign(new Error('refused'), { status: res.statusCode })));
    ws.on('error', reject);
    ws.on('open', () => resolve({ ws, closed, next: () => (queue.length ? Promise.resolve(queue.shift() as string) : new Promise((r) => waiting.push(r))) }));
  });
}

describe('WebSocket APIs in server mode', () => {
  const server = useServer();

  it('connects with the ws client, answers a MOCK two-way route, and posts through @connections', async () => {
    const config = clientConfig(server());
    const v2 = new ApiGatewayV2Client(config);
    const api = await v2.send(new CreateApiCommand({ Name: 'srv-ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
    const apiId = api.ApiId as string;
    expect(api.ApiEndpoint).toBe(`wss://${apiId}.execute-api.us-east-1.amazonaws.com`);
    await v2.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod', AutoDeploy: true }));
    const integ = await v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'MOCK', RequestTemplates: { $default: '{"statusCode": 200}' } }));
    await v2.send(
      new CreateIntegrationResponseCommand({ ApiId: apiId, IntegrationId: integ.IntegrationId, IntegrationResponseKey: '$default', ResponseTemplates: { $default: '{"id": "$context.connectionId"}' } }),
    );
    const route = await v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'whoami', Target: `integrations/${integ.IntegrationId}`, RouteResponseSelectionExpression: '$default' }));
    await v2.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: route.RouteId, RouteResponseKey: '$default' }));

    const base = `${server().url.replace('http:', 'ws:')}/_aws/execute-api/${apiId}`;
    await expect(open(`${base}/nostage`)).rejects.toMatchObject({ status: 403 });
    const c = await open(`${base}/prod`, { 'user-agent': 'chat-test' });
    c.ws.send(JSON.stringify({ action: 'whoami' }));
    const id = JSON.parse(await c.next()).id as string;
    expect(id).toMatch(/=$/);
    c.ws.send(JSON.stringify({ action: 'nothing' }));
    expect(JSON.parse(await c.next())).toMatchObject({ message: 'Forbidden', connectionId: id });

    const management = new ApiGatewayManagementApiClient({ ...config, endpoint: `${server().url}/_aws/execute-api/${apiId}/prod` });
    const info = await management.send(new GetConnectionCommand({ ConnectionId: id }));
    expect(info.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'chat-test' });
    await management.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('pushed') }));
    expect(await c.next()).toBe('pushed');
    c.ws.close(1000);
    expect(await c.closed).toBe(1000);
    await new Promise((r) => setTimeout(r, 20));
    await expect(management.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('late') }))).rejects.toBeInstanceOf(GoneException);
  });
});
