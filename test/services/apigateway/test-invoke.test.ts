/**
 * TestInvokeMethod (a method run undeployed: validation, integration, mapping,
 * the answer with headers, log and latency) and TestInvokeAuthorizer (Lambda
 * TOKEN / REQUEST authorizers: client status, principal, policy).
 */
import {
  APIGatewayClient,
  CreateAuthorizerCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  TestInvokeAuthorizerCommand,
  TestInvokeMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });
const lambda = lambdaClient();
const lambdaUri = (arn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`;

async function restApi() {
  const api = await client.send(new CreateRestApiCommand({ name: 'ti' }));
  const restApiId = api.id as string;
  const items = (await client.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'items' }))).id as string;
  const item = (await client.send(new CreateResourceCommand({ restApiId, parentId: items, pathPart: '{id}' }))).id as string;
  return { restApiId, items, item };
}

describe('TestInvokeMethod', () => {
  useMockAws();
  useLambdaRole();

  it('runs a MOCK method undeployed, with its mapping templates, path parameters and stage variables', async () => {
    const { restApiId, item } = await restApi();
    await client.send(new PutMethodCommand({ restApiId, resourceId: item, httpMethod: 'GET', authorizationType: 'NONE' }));
    await client.send(new PutMethodResponseCommand({ restApiId, resourceId: item, httpMethod: 'GET', statusCode: '200', responseParameters: { 'method.response.header.x-kind': false } }));
    await client.send(new PutIntegrationCommand({ restApiId, resourceId: item, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
    await client.send(
      new PutIntegrationResponseCommand({
        restApiId,
        resourceId: item,
        httpMethod: 'GET',
        statusCode: '200',
        responseParameters: { 'method.response.header.x-kind': "'mock'" },
        responseTemplates: { 'application/json': '{"id":"$input.params(\'id\')","q":"$input.params(\'q\')","stage":"$context.stage","v":"$stageVariables.v"}' },
      }),
    );
    const out = await client.send(new TestInvokeMethodCommand({ restApiId, resourceId: item, httpMethod: 'GET', pathWithQueryString: '/items/42?q=x', stageVariables: { v: 'one' } }));
    expect(out.status).toBe(200);
    expect(JSON.parse(out.body as string)).toEqual({ id: '42', q: 'x', stage: 'test-invoke-stage', v: 'one' });
    expect(out.headers?.['x-kind']).toBe('mock');
    expect(out.multiValueHeaders?.['x-kind']).toEqual(['mock']);
    expect(out.log).toMatch(/^Execution log for request /);
    expect(out.log).toContain('Method completed with status: 200');
    expect(out.latency).toBeGreaterThanOrEqual(0);
  });

  it('runs a Lambda proxy method and applies request validation, without an authorizer', async () => {
    const fn = await createNodeFunction(lambda, 'echo', {
      'index.js': 'exports.handler = async (e) => ({ statusCode: 201, headers: { "x-path": e.path }, body: JSON.stringify({ body: e.body, id: e.pathParameters.id }) });',
    });
    const { restApiId, item } = await restApi();
    const validator = await client.send(new CreateRequestValidatorCommand({ restApiId, name: 'params', validateRequestParameters: true }));
    await client.send(
      new PutMethodCommand({ restApiId, resourceId: item, httpMethod: 'POST', authorizationType: 'NONE', requestValidatorId: validator.id, requestParameters: { 'method.request.header.x-need': true } }),
    );
    await client.send(new PutIntegrationCommand({ restApiId, resourceId: item, httpMethod: 'POST', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri(fn.FunctionArn as string) }));
    const refused = await client.send(new TestInvokeMethodCommand({ restApiId, resourceId: item, httpMethod: 'POST', pathWithQueryString: '/items/7', body: 'hi' }));
    expect([refused.status, JSON.parse(refused.body as string)]).toEqual([400, { message: 'Missing required request parameters: [x-need]' }]);
    const out = await client.send(new TestInvokeMethodCommand({ restApiId, resourceId: item, httpMethod: 'POST', pathWithQueryString: '/items/7', body: 'hi', headers: { 'X-Need': 'yes', 'Content-Type': 'text/plain' } }));
    expect(out.status).toBe(201);
    expect(JSON.parse(out.body as string)).toEqual({ body: 'hi', id: '7' });
    expect(out.headers?.['x-path']).toBe('/items/7');
  });

  it('answers NotFoundException for an unknown method', async () => {
    const { restApiId, items } = await restApi();
    await expect(client.send(new TestInvokeMethodCommand({ restApiId, resourceId: items, httpMethod: 'GET' }))).rejects.toMatchObject({
      name: 'NotFoundException',
      message: 'Invalid Method identifier specified',
    });
  });
});

describe('TestInvokeAuthorizer', () => {
  useMockAws();
  useLambdaRole();

  const AUTH = `exports.handler = async (e) => {
    const token = e.authorizationToken ?? e.headers?.['x-token'];
    if (token === 'fail') throw new Error('Unauthorized');
    return { principalId: 'user-' + token, context: { n: 1 }, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: token === 'deny' ? 'Deny' : 'Allow', Resource: e.methodArn }] } };
  };`;

  it('runs a TOKEN authorizer: 200 with principal and policy, 403 on Deny, 401 on Unauthorized or no token', async () => {
    const fn = await createNodeFunction(lambda, 'auth', { 'index.js': AUTH });
    const { restApiId } = await restApi();
    const auth = await client.send(new CreateAuthorizerCommand({ restApiId, name: 'tok', type: 'TOKEN', authorizerUri: lambdaUri(fn.FunctionArn as string), identitySource: 'method.request.header.Authorization' }));
    const allow = await client.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: auth.id, headers: { Authorization: 'alice' } }));
    expect(allow).toMatchObject({ clientStatus: 200, principalId: 'user-alice' });
    expect(JSON.parse(allow.policy as string).Statement[0].Effect).toBe('Allow');
    expect(allow.log).toContain('Authorizer completed with client status: 200');
    const deny = await client.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: auth.id, headers: { Authorization: 'deny' } }));
    expect(deny).toMatchObject({ clientStatus: 403, principalId: 'user-deny' });
    expect((await client.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: auth.id, headers: { Authorization: 'fail' } }))).clientStatus).toBe(401);
    expect((await client.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: auth.id }))).clientStatus).toBe(401);
  });

  it('runs a REQUEST authorizer with its identity sources, and refuses an unknown authorizer', async () => {
    const fn = await createNodeFunction(lambda, 'reqauth', { 'index.js': AUTH });
    const { restApiId } = await restApi();
    const auth = await client.send(new CreateAuthorizerCommand({ restApiId, name: 'req', type: 'REQUEST', authorizerUri: lambdaUri(fn.FunctionArn as string), identitySource: 'method.request.header.x-token' }));
    expect(await client.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: auth.id, headers: { 'x-token': 'bob' } }))).toMatchObject({ clientStatus: 200, principalId: 'user-bob' });
    expect((await client.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: auth.id }))).clientStatus).toBe(401);
    await expect(client.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: 'nope00' }))).rejects.toMatchObject({ name: 'NotFoundException', message: 'Invalid Authorizer identifier specified' });
  });
});
