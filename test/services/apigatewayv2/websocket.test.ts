/**
 * WebSocket APIs in-process, through the global WebSocket: the $connect
 * route and its Lambda REQUEST authorizer deciding the handshake, routing by
 * the route selection expression, two-way routes, the error frames, the
 * @connections API (GetConnection, DeleteConnection, PostToConnection limits)
 * and the idle timeout on the clock; the WebSocket control plane's checks.
 */
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  UpdateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { connect, describeWebSocket, lambdaRoute, websocketApi, wsUrl } from './websocket-support';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });
const management = (apiId: string) =>
  new ApiGatewayManagementApiClient({ region: 'us-east-1', endpoint: `https://${apiId}.execute-api.us-east-1.amazonaws.com/prod` });

async function fn(name: string, source: string): Promise<string> {
  return (await createNodeFunction(lambdaClient(), name, { 'index.js': source })).FunctionArn as string;
}

/** A route that answers with the event it got (two-way through a $default route response). */
async function echoRoute(apiId: string, routeKey: string, arn: string): Promise<void> {
  const routeId = await lambdaRoute(client, apiId, routeKey, arn, { RouteResponseSelectionExpression: '$default' });
  await client.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: routeId, RouteResponseKey: '$default' }));
}

const ECHO = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });`;

describeWebSocket('WebSocket API data plane', () => {
  const aws = useMockAws();
  useLambdaRole();

  it('routes by $request.body.action, falls back to $default, and answers Forbidden with no route', async () => {
    const arn = await fn('echo', ECHO);
    const apiId = await websocketApi(client);
    await echoRoute(apiId, 'ping', arn);
    const c = await connect(wsUrl(apiId, 'prod'));
    c.ws.send(JSON.stringify({ action: 'ping', n: 1 }));
    const event = JSON.parse(await c.next());
    expect(event).toMatchObject({ body: '{"action":"ping","n":1}', isBase64Encoded: false });
    expect(event.requestContext).toMatchObject({ routeKey: 'ping', eventType: 'MESSAGE', messageDirection: 'IN', stage: 'prod', apiId });
    expect(event.requestContext.domainName).toBe(`${apiId}.execute-api.us-east-1.amazonaws.com`);
    expect(typeof event.requestContext.connectedAt).toBe('number');
    expect(event.requestContext.identity.sourceIp).toBeTruthy();
    const connectionId = event.requestContext.connectionId;

    // No route for `other` and no $default: the documented error frame.
    c.ws.send(JSON.stringify({ action: 'other' }));
    const frame = await c.next();
    expect(frame).toMatch(/^\{"message": "Forbidden", "connectionId":"[^"]+", "requestId":"[^"]+"\}$/);
    expect(JSON.parse(frame).connectionId).toBe(connectionId);

    await echoRoute(apiId, '$default', arn);
    c.ws.send('not json');
    expect(JSON.parse(await c.next())).toMatchObject({ body: 'not json', requestContext: { routeKey: '$default' } });
    c.ws.send(JSON.stringify({ action: 'other' }));
    expect(JSON.parse(await c.next()).requestContext.routeKey).toBe('$default');
    c.ws.close();
    await c.closed;
  });

  it('sends nothing back on a one-way route, and Internal server error when the function fails', async () => {
    const apiId = await websocketApi(client);
    await lambdaRoute(client, apiId, 'quiet', await fn('quiet', ECHO));
    await lambdaRoute(client, apiId, 'boom', await fn('boom', `exports.handler = async () => { throw new Error('no'); };`));
    await echoRoute(apiId, 'ping', await fn('echo', ECHO));
    const c = await connect(wsUrl(apiId, 'prod'));
    c.ws.send(JSON.stringify({ action: 'quiet' }));
    c.ws.send(JSON.stringify({ action: 'boom' }));
    expect(JSON.parse(await c.next())).toMatchObject({ message: 'Internal server error' });
    c.ws.send(JSON.stringify({ action: 'ping' }));
    expect(JSON.parse(await c.next()).requestContext.routeKey).toBe('ping');
    c.ws.close();
  });

  it('answers a MOCK two-way route from its integration response template', async () => {
    const apiId = await websocketApi(client);
    const integ = await client.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'MOCK', RequestTemplates: { $default: '{"statusCode": 200}' }, TemplateSelectionExpression: '\\$default' }),
    );
    await client.send(
      new CreateIntegrationResponseCommand({
        ApiId: apiId,
        IntegrationId: integ.IntegrationId,
        IntegrationResponseKey: '$default',
        // $input is the integration's response (empty for MOCK); $context is the message's.
        ResponseTemplates: { $default: '{"pong": true, "route": "$context.routeKey", "connection": "$context.connectionId"}' },
      }),
    );
    const route = await client.send(
      new CreateRouteCommand({ ApiId: apiId, RouteKey: 'ping', Target: `integrations/${integ.IntegrationId}`, RouteResponseSelectionExpression: '$default' }),
    );
    await client.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: route.RouteId, RouteResponseKey: '$default' }));
    const c = await connect(wsUrl(apiId, 'prod'));
    c.ws.send(JSON.stringify({ action: 'ping', n: 7 }));
    const answer = JSON.parse(await c.next());
    expect(answer).toMatchObject({ pong: true, route: 'ping' });
    expect(answer.connection).toMatch(/=$/);
    c.ws.close();
  });

  it('calls an AWS service action (SQS SendMessage) and answers from its integration response', async () => {
    const sqs = new SQSClient({ region: 'us-east-1' });
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'inbox' }))).QueueUrl as string;
    const apiId = await websocketApi(client);
    const integ = await client.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: 'AWS',
        IntegrationUri: 'arn:aws:apigateway:us-east-1:sqs:action/SendMessage',
        RequestTemplates: { $default: `{"QueueUrl": "${queueUrl}", "MessageBody": "$util.escapeJavaScript($input.path('$.text'))"}` },
        TemplateSelectionExpression: '\\$default',
      }),
    );
    await client.send(
      new CreateIntegrationResponseCommand({ ApiId: apiId, IntegrationId: integ.IntegrationId, IntegrationResponseKey: '$default', ResponseTemplates: { $default: `{"queued": "$input.path('$.MessageId')"}` } }),
    );
    const route = await client.send(
      new CreateRouteCommand({ ApiId: apiId, RouteKey: 'enqueue', Target: `integrations/${integ.IntegrationId}`, RouteResponseSelectionExpression: '$default' }),
    );
    await client.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: route.RouteId, RouteResponseKey: '$default' }));
    const c = await connect(wsUrl(apiId, 'prod'));
    c.ws.send(JSON.stringify({ action: 'enqueue', text: 'say "hi"' }));
    const answer = JSON.parse(await c.next());
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(received.Messages?.[0]).toMatchObject({ Body: 'say "hi"', MessageId: answer.queued });
    c.ws.close();
  });

  it('refuses the handshake when $connect answers non-2xx, the stage is unknown or the API is not WebSocket', async () => {
    const apiId = await websocketApi(client);
    await lambdaRoute(client, apiId, '$connect', await fn('gate', `exports.handler = async (e) => ({ statusCode: e.queryStringParameters && e.queryStringParameters.ok ? 200 : 403 });`));
    await expect(connect(wsUrl(apiId, 'prod'))).rejects.toMatchObject({ code: 1006, errored: true });
    await expect(connect(wsUrl(apiId, 'nostage', '?ok=1'))).rejects.toMatchObject({ code: 1006 });
    const http = await client.send(new CreateApiCommand({ Name: 'h', ProtocolType: 'HTTP' }));
    await expect(connect(wsUrl(http.ApiId as string, 'prod'))).rejects.toMatchObject({ code: 1006 });
    const ok = await connect(wsUrl(apiId, 'prod', '?ok=1'));
    expect(ok.ws.readyState).toBe(1);
    ok.ws.close();
  });

  it('runs a Lambda REQUEST authorizer on $connect: missing identity 401, Deny refused, Allow passes its context on', async () => {
    const authArn = await fn(
      'auth',
      `exports.handler = async (e) => ({
        principalId: 'user-' + e.queryStringParameters.token,
        policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: e.queryStringParameters.token === 'good' ? 'Allow' : 'Deny', Resource: e.methodArn }] },
        context: { tier: 'gold', arn: e.methodArn, type: e.type, eventType: e.requestContext.eventType, routeKey: e.requestContext.routeKey, version: e.headers['sec-websocket-version'] },
      });`,
    );
    const apiId = await websocketApi(client);
    const authorizer = await client.send(
      new CreateAuthorizerCommand({ ApiId: apiId, Name: 'a', AuthorizerType: 'REQUEST', AuthorizerUri: authArn, IdentitySource: ['route.request.querystring.token'] }),
    );
    await lambdaRoute(client, apiId, '$connect', await fn('connect', `exports.handler = async () => ({ statusCode: 200 });`), {
      AuthorizationType: 'CUSTOM',
      AuthorizerId: authorizer.AuthorizerId,
    });
    await echoRoute(apiId, '$default', await fn('echo', ECHO));
    await expect(connect(wsUrl(apiId, 'prod'))).rejects.toMatchObject({ code: 1006 });
    await expect(connect(wsUrl(apiId, 'prod', '?token=bad'))).rejects.toMatchObject({ code: 1006 });
    const c = await connect(wsUrl(apiId, 'prod', '?token=good'));
    c.ws.send('{}');
    const event = JSON.parse(await c.next());
    expect(event.requestContext.authorizer).toMatchObject({ principalId: 'user-good', tier: 'gold', type: 'REQUEST', arn: `arn:aws:execute-api:us-east-1:123456789012:${apiId}/prod/$connect` });
    expect(event.requestContext.authorizer).toMatchObject({ eventType: 'CONNECT', routeKey: '$connect', version: '13' });
    c.ws.close();
  });

  it('GetConnection, DeleteConnection ($disconnect runs) and PostToConnection limits', async () => {
    const apiId = await websocketApi(client);
    await echoRoute(apiId, '$default', await fn('echo', ECHO));
    const c = await connect(wsUrl(apiId, 'prod'));
    c.ws.send('{}');
    const id = JSON.parse(await c.next()).requestContext.connectionId;
    const api = management(apiId);
    const info = await api.send(new GetConnectionCommand({ ConnectionId: id }));
    expect(info.LastActiveAt?.getTime()).toBeGreaterThanOrEqual(info.ConnectedAt?.getTime() ?? Infinity);
    await api.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('hello') }));
    expect(await c.next()).toBe('hello');
    const big = await api.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.alloc(128 * 1024 + 1, 97) })).catch((e) => e);
    expect(big).toBeInstanceOf(PayloadTooLargeException);
    expect(big.$metadata.httpStatusCode).toBe(413);
    // Another API's endpoint does not reach this connection.
    const other = await websocketApi(client);
    await expect(management(other).send(new GetConnectionCommand({ ConnectionId: id }))).rejects.toBeInstanceOf(GoneException);
    await api.send(new DeleteConnectionCommand({ ConnectionId: id }));
    expect((await c.closed).code).toBe(1000);
    await expect(api.send(new GetConnectionCommand({ ConnectionId: id }))).rejects.toBeInstanceOf(GoneException);
    await expect(api.send(new DeleteConnectionCommand({ ConnectionId: 'nope' }))).rejects.toMatchObject({ name: 'GoneException', $metadata: { httpStatusCode: 410 } });
  });

  it('closes with 1009 a message over 128 KB, and with 1001 after 10 idle minutes on the clock', async () => {
    const apiId = await websocketApi(client);
    await echoRoute(apiId, '$default', await fn('echo', ECHO));
    const big = await connect(wsUrl(apiId, 'prod'));
    big.ws.send('x'.repeat(128 * 1024 + 1));
    expect(await big.closed).toMatchObject({ code: 1009, reason: 'Message too big' });

    const idle = await connect(wsUrl(apiId, 'prod'));
    aws.clock.advance(9 * 60 * 1000);
    idle.ws.send('{}');
    await idle.next();
    aws.clock.advance(9 * 60 * 1000);
    expect(idle.ws.readyState).toBe(1);
    aws.clock.advance(60 * 1000 + 1);
    expect(await idle.closed).toMatchObject({ code: 1001, reason: 'Going away' });
  });
});

describe('WebSocket API control plane', () => {
  useMockAws();

  it('validates selection expressions, route authorization and route response selection', async () => {
    await expect(client.send(new CreateApiCommand({ Name: 'w', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: 'action' }))).rejects.toMatchObject({
      name: 'BadRequestException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      client.send(new CreateApiCommand({ Name: 'w', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action', ApiKeySelectionExpression: '$request.header.key' })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own selection expression syntax.
    const interpolated = '${request.body.type}-${request.body.op}';
    const nested = await client.send(new CreateApiCommand({ Name: 'w', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: interpolated }));
    expect(nested.RouteSelectionExpression).toBe(interpolated);
    const apiId = await websocketApi(client);
    const auth = await client.send(
      new CreateAuthorizerCommand({ ApiId: apiId, Name: 'a', AuthorizerType: 'REQUEST', AuthorizerUri: 'arn:aws:lambda:us-east-1:123456789012:function:a', IdentitySource: ['route.request.header.Auth'] }),
    );
    await expect(
      client.send(new CreateAuthorizerCommand({ ApiId: apiId, Name: 'b', AuthorizerType: 'REQUEST', AuthorizerUri: 'arn:aws:lambda:us-east-1:123456789012:function:a', IdentitySource: ['$request.header.Auth'] })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
    await expect(client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'send', AuthorizationType: 'CUSTOM', AuthorizerId: auth.AuthorizerId }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
    const connectRoute = await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: '$connect', AuthorizationType: 'CUSTOM', AuthorizerId: auth.AuthorizerId }));
    expect(connectRoute.AuthorizationType).toBe('CUSTOM');
    await expect(client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'x', RouteResponseSelectionExpression: '$request.body.x' }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
    const x = await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'x', RouteResponseSelectionExpression: '$default' }));
    await expect(client.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: x.RouteId, AuthorizationType: 'AWS_IAM' }))).rejects.toMatchObject({ name: 'BadRequestException' });
  });
});
