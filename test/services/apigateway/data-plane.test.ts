/**
 * The execute-api data plane for REST APIs, through global fetch under
 * mockAws(): stage prefix, resource matching, Lambda proxy (1.0 events,
 * 502 on broken answers), MOCK with mapping templates, AWS service
 * integrations, API keys, Lambda TOKEN authorizers, and the error answers.
 */
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateApiKeyCommand,
  UpdateAuthorizerCommand,
  FlushStageAuthorizersCacheCommand,
} from '@aws-sdk/client-api-gateway';
import { DynamoDBClient, GetItemCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { json } from '../apigatewayv2/support';

const client = new APIGatewayClient({ region: 'us-east-1' });
const lambda = lambdaClient();
const ECHO = `exports.handler = async (event) => ({ statusCode: 200, headers: { 'x-echo': 'yes' }, body: JSON.stringify(event) });`;

const url = (apiId: string, path: string) => `https://${apiId}.execute-api.us-east-1.amazonaws.com${path}`;
const lambdaUri = (arn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`;

async function api() {
  const created = await client.send(new CreateRestApiCommand({ name: 'rest' }));
  return { id: created.id as string, root: created.rootResourceId as string };
}

async function resource(restApiId: string, parentId: string, pathPart: string) {
  return (await client.send(new CreateResourceCommand({ restApiId, parentId, pathPart }))).id as string;
}

async function proxyMethod(restApiId: string, resourceId: string, httpMethod: string, functionArn: string, extra: Record<string, unknown> = {}) {
  await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod, authorizationType: 'NONE', ...extra }));
  await client.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri(functionArn) }));
}

async function fn(name: string, source: string) {
  return (await createNodeFunction(lambda, name, { 'index.js': source })).FunctionArn as string;
}

describe('REST API data plane', () => {
  useMockAws();
  useLambdaRole();

  it('routes /<stage>/path to a Lambda proxy with the 1.0 event REST APIs send', async () => {
    const { id, root } = await api();
    const items = await resource(id, root, 'items');
    const item = await resource(id, items, '{id}');
    await proxyMethod(id, item, 'GET', await fn('echo', ECHO));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev', variables: { v: '1' } }));
    const res = await fetch(url(id, '/dev/items/42?q=a&q=b'), { headers: { 'x-h': 'v' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
    const event = await json(res);
    expect(event).toMatchObject({
      resource: '/items/{id}',
      path: '/items/42',
      httpMethod: 'GET',
      pathParameters: { id: '42' },
      queryStringParameters: { q: 'b' },
      multiValueQueryStringParameters: { q: ['a', 'b'] },
      stageVariables: { v: '1' },
      body: null,
      isBase64Encoded: false,
      requestContext: { stage: 'dev', resourcePath: '/items/{id}', httpMethod: 'GET', apiId: id, accountId: '123456789012', path: '/dev/items/42' },
    });
    expect(event.version).toBeUndefined();
    expect(event.headers['x-h']).toBe('v');
    expect(event.multiValueHeaders['x-h']).toEqual(['v']);
  });

  it('answers 403 Missing Authentication Token for an unknown path or method, 403 Forbidden for an unknown stage', async () => {
    const { id, root } = await api();
    await proxyMethod(id, await resource(id, root, 'known'), 'GET', await fn('echo', ECHO));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    for (const [method, path] of [['GET', '/dev/unknown'], ['POST', '/dev/known']]) {
      const res = await fetch(url(id, path), { method });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
      expect(await json(res)).toEqual({ message: 'Missing Authentication Token' });
    }
    const stage = await fetch(url(id, '/prod/known'));
    expect(stage.status).toBe(403);
    expect(await json(stage)).toEqual({ message: 'Forbidden' });
  });

  it('matches a greedy {proxy+} below literal resources, and ANY for any method', async () => {
    const { id, root } = await api();
    const tag = (t: string) => `exports.handler = async (e) => ({ statusCode: 200, body: JSON.stringify({ t: '${t}', p: e.pathParameters }) });`;
    await proxyMethod(id, await resource(id, root, 'exact'), 'GET', await fn('exact', tag('exact')));
    await proxyMethod(id, await resource(id, root, '{proxy+}'), 'ANY', await fn('greedy', tag('greedy')));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'v1' }));
    expect(await json(await fetch(url(id, '/v1/exact')))).toEqual({ t: 'exact', p: null });
    expect(await json(await fetch(url(id, '/v1/a/b'), { method: 'DELETE' }))).toEqual({ t: 'greedy', p: { proxy: 'a/b' } });
  });

  it('answers 502 {"message": "Internal server error"} for a function error or a result without statusCode', async () => {
    const { id, root } = await api();
    await proxyMethod(id, await resource(id, root, 'throws'), 'GET', await fn('throws', `exports.handler = async () => { throw new Error('x'); };`));
    await proxyMethod(id, await resource(id, root, 'bare'), 'GET', await fn('bare', `exports.handler = async () => ({ hello: 1 });`));
    await proxyMethod(id, await resource(id, root, 'objbody'), 'GET', await fn('objbody', `exports.handler = async () => ({ statusCode: 200, body: { a: 1 } });`));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    for (const path of ['/dev/throws', '/dev/bare', '/dev/objbody']) {
      const res = await fetch(url(id, path));
      expect(res.status).toBe(502);
      expect(await json(res)).toEqual({ message: 'Internal server error' });
    }
  });

  it('serves the deployed snapshot: methods added later wait for the next deployment', async () => {
    const { id, root } = await api();
    const arn = await fn('echo', ECHO);
    await proxyMethod(id, await resource(id, root, 'one'), 'GET', arn);
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    await proxyMethod(id, await resource(id, root, 'two'), 'GET', arn);
    expect((await fetch(url(id, '/dev/two'))).status).toBe(403);
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    expect((await fetch(url(id, '/dev/two'))).status).toBe(200);
  });

  it('answers MOCK integrations from the request template status and the response templates', async () => {
    const { id, root } = await api();
    const r = await resource(id, root, 'mock');
    await client.send(new PutMethodCommand({ restApiId: id, resourceId: r, httpMethod: 'POST', authorizationType: 'NONE' }));
    await client.send(
      new PutIntegrationCommand({
        restApiId: id,
        resourceId: r,
        httpMethod: 'POST',
        type: 'MOCK',
        requestTemplates: { 'application/json': `{"statusCode": $input.json('$.code')}` },
      }),
    );
    for (const code of ['200', '404']) {
      await client.send(new PutMethodResponseCommand({ restApiId: id, resourceId: r, httpMethod: 'POST', statusCode: code }));
    }
    await client.send(
      new PutIntegrationResponseCommand({
        restApiId: id,
        resourceId: r,
        httpMethod: 'POST',
        statusCode: '200',
        responseTemplates: { 'application/json': '{"ok": true, "stage": "$context.stage", "id": "$context.requestId"}' },
        responseParameters: { 'method.response.header.x-mock': "'yes'" },
      }),
    );
    await client.send(
      new PutIntegrationResponseCommand({
        restApiId: id,
        resourceId: r,
        httpMethod: 'POST',
        statusCode: '404',
        selectionPattern: '404',
        responseTemplates: { 'application/json': '{"missing": true}' },
      }),
    );
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    const ok = await fetch(url(id, '/dev/mock'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code": 200}' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-mock')).toBe('yes');
    const body = await json(ok);
    expect(body).toMatchObject({ ok: true, stage: 'dev' });
    expect(body.id).toBe(ok.headers.get('x-amzn-requestid'));
    const missing = await fetch(url(id, '/dev/mock'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code": 404}' });
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ missing: true });
  });

  it('calls an AWS service action through the mocked service (DynamoDB PutItem from a request template)', async () => {
    const ddb = new DynamoDBClient({ region: 'us-east-1' });
    await ddb.send(
      new CreateTableCommand({ TableName: 'notes', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    const { id, root } = await api();
    const notes = await resource(id, root, 'notes');
    const note = await resource(id, notes, '{id}');
    await client.send(new PutMethodCommand({ restApiId: id, resourceId: note, httpMethod: 'PUT', authorizationType: 'NONE' }));
    await client.send(
      new PutIntegrationCommand({
        restApiId: id,
        resourceId: note,
        httpMethod: 'PUT',
        type: 'AWS',
        integrationHttpMethod: 'POST',
        uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
        requestTemplates: { 'application/json': `{"TableName": "notes", "Item": {"id": {"S": "$input.params('id')"}, "text": {"S": "$input.path('$.text')"}}}` },
      }),
    );
    for (const code of ['200', '400']) {
      await client.send(new PutMethodResponseCommand({ restApiId: id, resourceId: note, httpMethod: 'PUT', statusCode: code }));
    }
    await client.send(new PutIntegrationResponseCommand({ restApiId: id, resourceId: note, httpMethod: 'PUT', statusCode: '200', responseTemplates: { 'application/json': '{"saved": "$input.params(\'id\')"}' } }));
    await client.send(new PutIntegrationResponseCommand({ restApiId: id, resourceId: note, httpMethod: 'PUT', statusCode: '400', selectionPattern: '4\\d\\d' }));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    const res = await fetch(url(id, '/dev/notes/n1'), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"text": "hello"}' });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ saved: 'n1' });
    const item = await ddb.send(new GetItemCommand({ TableName: 'notes', Key: { id: { S: 'n1' } } }));
    expect(item.Item).toEqual({ id: { S: 'n1' }, text: { S: 'hello' } });
  });

  it('requires an API key in a usage plan for apiKeyRequired methods: 403 Forbidden otherwise', async () => {
    const { id, root } = await api();
    await proxyMethod(id, await resource(id, root, 'paid'), 'GET', await fn('echo', ECHO), { apiKeyRequired: true });
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'prod' }));
    const key = await client.send(new CreateApiKeyCommand({ name: 'k', enabled: true, value: 'k-0123456789abcdefghij' }));
    const outside = await client.send(new CreateApiKeyCommand({ name: 'o', enabled: true, value: 'o-0123456789abcdefghij' }));
    const plan = await client.send(new CreateUsagePlanCommand({ name: 'p', apiStages: [{ apiId: id, stage: 'prod' }] }));
    await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id as string, keyId: key.id as string, keyType: 'API_KEY' }));
    expect((await fetch(url(id, '/prod/paid'), { headers: { 'x-api-key': 'k-0123456789abcdefghij' } })).status).toBe(200);
    const keys: Array<Record<string, string>> = [{}, { 'x-api-key': 'o-0123456789abcdefghij' }, { 'x-api-key': 'nope' }];
    for (const headers of keys) {
      const res = await fetch(url(id, '/prod/paid'), { headers });
      expect(res.status).toBe(403);
      expect(await json(res)).toEqual({ message: 'Forbidden' });
    }
    // A disabled key is refused like a missing one.
    await client.send(new UpdateApiKeyCommand({ apiKey: key.id as string, patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] }));
    expect((await fetch(url(id, '/prod/paid'), { headers: { 'x-api-key': 'k-0123456789abcdefghij' } })).status).toBe(403);
    expect(outside.id).toBeDefined();
  });

  it("answers 429 Limit Exceeded past the usage plan's quota, and counts afresh in the next period", async () => {
    const { id, root } = await api();
    const metered = await resource(id, root, 'metered');
    await client.send(new PutMethodCommand({ restApiId: id, resourceId: metered, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }));
    await client.send(new PutIntegrationCommand({ restApiId: id, resourceId: metered, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
    await client.send(new PutMethodResponseCommand({ restApiId: id, resourceId: metered, httpMethod: 'GET', statusCode: '200' }));
    await client.send(new PutIntegrationResponseCommand({ restApiId: id, resourceId: metered, httpMethod: 'GET', statusCode: '200' }));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'prod' }));
    const key = await client.send(new CreateApiKeyCommand({ name: 'k', enabled: true, value: 'q-0123456789abcdefghij' }));
    const plan = await client.send(new CreateUsagePlanCommand({ name: 'p', apiStages: [{ apiId: id, stage: 'prod' }], quota: { limit: 2, period: 'DAY' } }));
    await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id as string, keyId: key.id as string, keyType: 'API_KEY' }));
    // Midday UTC, so the two calls fall in one day whatever the real time is.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'], now: new Date('2026-03-10T12:00:00Z') });
    const call = () => fetch(url(id, '/prod/metered'), { headers: { 'x-api-key': 'q-0123456789abcdefghij' } });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const over = await call();
    expect(over.status).toBe(429);
    expect(await json(over)).toEqual({ message: 'Limit Exceeded' });
    jest.setSystemTime(new Date('2026-03-11T00:00:01Z'));
    expect((await call()).status).toBe(200);
  });

  it('runs a Lambda TOKEN authorizer: Allow passes its context on, Deny is 403, no token is 401', async () => {
    const authArn = await fn(
      'authz',
      `exports.handler = async (e) => {
        if (e.authorizationToken === 'fail') throw new Error('Unauthorized');
        return { principalId: 'user-1', context: { tier: 'gold' }, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: e.authorizationToken === 'allow' ? 'Allow' : 'Deny', Resource: e.methodArn }] } };
      };`,
    );
    const { id, root } = await api();
    const auth = await client.send(new CreateAuthorizerCommand({ restApiId: id, name: 'tok', type: 'TOKEN', authorizerUri: lambdaUri(authArn), identitySource: 'method.request.header.Authorization' }));
    const r = await resource(id, root, 'secure');
    await proxyMethod(id, r, 'GET', await fn('echo', ECHO), { authorizationType: 'CUSTOM', authorizerId: auth.id });
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    const ok = await fetch(url(id, '/dev/secure'), { headers: { authorization: 'allow' } });
    expect(ok.status).toBe(200);
    expect((await json(ok)).requestContext.authorizer).toEqual({ tier: 'gold', principalId: 'user-1' });
    const denied = await fetch(url(id, '/dev/secure'), { headers: { authorization: 'deny' } });
    expect(denied.status).toBe(403);
    expect(await json(denied)).toEqual({ Message: 'User is not authorized to access this resource with an explicit deny' });
    const refused: Array<Record<string, string>> = [{}, { authorization: 'fail' }];
    for (const headers of refused) {
      const res = await fetch(url(id, '/dev/secure'), { headers });
      expect(res.status).toBe(401);
      expect(await json(res)).toEqual({ message: 'Unauthorized' });
    }
  });

  it('caches TOKEN authorizer results per token for authorizerResultTtlInSeconds; FlushStageAuthorizersCache drops them', async () => {
    const authArn = await fn(
      'authz',
      `exports.handler = async (e) => ({ principalId: 'u', context: { draw: String(Math.random()) }, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: e.methodArn }] } });`,
    );
    const { id, root } = await api();
    const auth = await client.send(new CreateAuthorizerCommand({ restApiId: id, name: 'tok', type: 'TOKEN', authorizerUri: lambdaUri(authArn), authorizerResultTtlInSeconds: 60 }));
    await proxyMethod(id, await resource(id, root, 'secure'), 'GET', await fn('echo', ECHO), { authorizationType: 'CUSTOM', authorizerId: auth.id });
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    const draw = async (token: string) => (await json(await fetch(url(id, '/dev/secure'), { headers: { authorization: token } }))).requestContext.authorizer.draw;
    const first = await draw('a');
    expect(await draw('a')).toBe(first);
    expect(await draw('b')).not.toBe(first);
    await client.send(new FlushStageAuthorizersCacheCommand({ restApiId: id, stageName: 'dev' }));
    expect(await draw('a')).not.toBe(first);
    await client.send(new UpdateAuthorizerCommand({ restApiId: id, authorizerId: auth.id, patchOperations: [{ op: 'replace', path: '/authorizerResultTtlInSeconds', value: '0' }] }));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    const uncached = await draw('c');
    expect(await draw('c')).not.toBe(uncached);
  });

  it('answers on the server-mode path forms too: /_aws/execute-api/<id>/... and /restapis/<id>/<stage>/_user_request_/...', async () => {
    const { id, root } = await api();
    await proxyMethod(id, await resource(id, root, 'p'), 'GET', await fn('echo', ECHO));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    const viaAws = await fetch(`https://apigateway.us-east-1.amazonaws.com/_aws/execute-api/${id}/dev/p`);
    expect(viaAws.status).toBe(200);
    expect((await json(viaAws)).path).toBe('/p');
    const viaUserRequest = await fetch(`https://apigateway.us-east-1.amazonaws.com/restapis/${id}/dev/_user_request_/p`);
    expect(viaUserRequest.status).toBe(200);
    expect((await json(viaUserRequest)).resource).toBe('/p');
  });
});
