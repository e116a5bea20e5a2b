/**
 * How WebSocket clients reach the fake in-process: the global WebSocket to
 * an AWS host is answered by the data plane, to any other host it is the
 * real class; the `ws` package's client cannot be intercepted (its upgrade
 * travels as an HTTP request) and is told so with a 426. A connection copied
 * by a snapshot has no socket behind it: GoneException.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiGatewayManagementApiClient, GetConnectionCommand, GoneException } from '@aws-sdk/client-apigatewaymanagementapi';
import { ApiGatewayV2Client, CreateRouteResponseCommand } from '@aws-sdk/client-apigatewayv2';
import WebSocket, { WebSocketServer } from 'ws';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { connect, describeWebSocket, lambdaRoute, websocketApi, wsUrl } from './websocket-support';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });

describe('the ws package client in-process', () => {
  useMockAws();

  it('gets a 426 that names the ways that work', async () => {
    const apiId = await websocketApi(client);
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(wsUrl(apiId, 'prod'));
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('opened')));
      ws.on('error', reject);
    });
    expect(status).toBe(426);
  });
});

describeWebSocket('the global WebSocket in-process', () => {
  const aws = useMockAws();
  useLambdaRole();

  it('reaches a local server untouched', async () => {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    wss.on('connection', (socket) => socket.on('message', (m) => socket.send(`real:${m}`)));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    try {
      const c = await connect(`ws://127.0.0.1:${(http.address() as AddressInfo).port}/`);
      c.ws.send('x');
      expect(await c.next()).toBe('real:x');
      c.ws.close();
      await c.closed;
    } finally {
      wss.close();
      http.close();
    }
  });

  it('a connection restored from a snapshot is gone', async () => {
    const apiId = await websocketApi(client);
    const fn = await createNodeFunction(lambdaClient(), 'echo', { 'index.js': 'exports.handler = async (e) => ({ statusCode: 200, body: e.requestContext.connectionId });' });
    const routeId = await lambdaRoute(client, apiId, '$default', fn.FunctionArn as string, { RouteResponseSelectionExpression: '$default' });
    await client.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: routeId, RouteResponseKey: '$default' }));
    const c = await connect(wsUrl(apiId, 'prod'));
    c.ws.send('{}');
    const id = await c.next();
    const management = new ApiGatewayManagementApiClient({ region: 'us-east-1', endpoint: `https://${apiId}.execute-api.us-east-1.amazonaws.com/prod` });
    await management.send(new GetConnectionCommand({ ConnectionId: id }));
    aws.restore(await aws.snapshot());
    await expect(management.send(new GetConnectionCommand({ ConnectionId: id }))).rejects.toBeInstanceOf(GoneException);
    c.ws.close();
  });
});
