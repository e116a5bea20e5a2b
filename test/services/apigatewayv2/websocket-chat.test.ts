/**
 * A chat over a WebSocket API, in-process: two clients connect (their
 * connection ids land in DynamoDB through $connect), one sends
 * `{"action":"sendmessage"}`, the route's Lambda posts to the other through
 * ApiGatewayManagementApiClient, the other receives it; closing runs
 * $disconnect, and posting to a closed connection is GoneException.
 */
import { ApiGatewayManagementApiClient, GetConnectionCommand, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createNodeFunction, eventually, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { connect, describeWebSocket, lambdaRoute, websocketApi, wsUrl } from './websocket-support';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });
const dynamodb = new DynamoDBClient({ region: 'us-east-1' });

const CHAT = `
const { DynamoDBClient, PutItemCommand, DeleteItemCommand, ScanCommand } = require('@aws-sdk/client-dynamodb');
const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');
const db = new DynamoDBClient({});
exports.handler = async (event) => {
  const { routeKey, connectionId, domainName, stage } = event.requestContext;
  if (routeKey === '$connect') {
    await db.send(new PutItemCommand({ TableName: 'chat', Item: { id: { S: connectionId }, name: { S: event.queryStringParameters.name } } }));
    return { statusCode: 200 };
  }
  if (routeKey === '$disconnect') {
    await db.send(new DeleteItemCommand({ TableName: 'chat', Key: { id: { S: connectionId } } }));
    return { statusCode: 200 };
  }
  const { data } = JSON.parse(event.body);
  const api = new ApiGatewayManagementApiClient({ endpoint: 'https://' + domainName + '/' + stage });
  const { Items } = await db.send(new ScanCommand({ TableName: 'chat' }));
  for (const item of Items) {
    if (item.id.S !== connectionId) await api.send(new PostToConnectionCommand({ ConnectionId: item.id.S, Data: JSON.stringify({ from: connectionId, data }) }));
  }
  return { statusCode: 200 };
};`;

describeWebSocket('WebSocket chat', () => {
  useMockAws();
  useLambdaRole();

  it('relays a message from one client to the other and runs $disconnect', async () => {
    await dynamodb.send(
      new CreateTableCommand({ TableName: 'chat', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    const fn = await createNodeFunction(lambdaClient(), 'chat', { 'index.js': CHAT });
    const apiId = await websocketApi(client);
    for (const key of ['$connect', '$disconnect', 'sendmessage']) await lambdaRoute(client, apiId, key, fn.FunctionArn as string);

    const alice = await connect(wsUrl(apiId, 'prod', '?name=alice'));
    const bob = await connect(wsUrl(apiId, 'prod', '?name=bob'));
    const items = (await dynamodb.send(new ScanCommand({ TableName: 'chat' }))).Items ?? [];
    expect(items.map((i) => i.name.S).sort()).toEqual(['alice', 'bob']);
    const bobId = items.find((i) => i.name.S === 'bob')?.id.S as string;
    const aliceId = items.find((i) => i.name.S === 'alice')?.id.S as string;
    expect(aliceId).toMatch(/^[A-Za-z0-9]{15}=$/);

    alice.ws.send(JSON.stringify({ action: 'sendmessage', data: 'hi' }));
    expect(JSON.parse(await bob.next())).toEqual({ from: aliceId, data: 'hi' });

    const management = new ApiGatewayManagementApiClient({ region: 'us-east-1', endpoint: `https://${apiId}.execute-api.us-east-1.amazonaws.com/prod` });
    const info = await management.send(new GetConnectionCommand({ ConnectionId: bobId }));
    expect(info.ConnectedAt).toBeInstanceOf(Date);
    expect(info.Identity?.SourceIp).toBeTruthy();

    bob.ws.close(1000, 'bye');
    expect(await bob.closed).toMatchObject({ code: 1000, reason: 'bye' });
    await eventually(async () => expect((await dynamodb.send(new ScanCommand({ TableName: 'chat' }))).Items).toHaveLength(1));
    const gone = await management.send(new PostToConnectionCommand({ ConnectionId: bobId, Data: 'late' })).catch((e) => e);
    expect(gone).toBeInstanceOf(GoneException);
    expect(gone.$metadata.httpStatusCode).toBe(410);
    alice.ws.close();
    await alice.closed;
  });
});
