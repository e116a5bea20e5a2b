/**
 * The execute-api data plane for HTTP APIs, through global fetch under
 * mockAws(): route selection, Lambda proxy events 1.0 and 2.0, response
 * mapping, stages, and API Gateway's error answers.
 */
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  UpdateApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { json } from './support';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });
const lambda = lambdaClient();

/** A function that answers with the event it got, as the body of a 200. */
const ECHO = `exports.handler = async (event) => ({ statusCode: 200, headers: { 'x-echo': 'yes' }, body: JSON.stringify(event) });`;

async function fn(name: string, source: string): Promise<string> {
  const out = await createNodeFunction(lambda, name, { 'index.js': source });
  return out.FunctionArn as string;
}

async function httpApi(): Promise<string> {
  return (await client.send(new CreateApiCommand({ Name: 'plane', ProtocolType: 'HTTP' }))).ApiId as string;
}

async function route(apiId: string, routeKey: string, functionArn: string, version = '2.0'): Promise<void> {
  const integ = await client.send(
    new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: functionArn, PayloadFormatVersion: version }),
  );
  await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey, Target: `integrations/${integ.IntegrationId}` }));
}

const url = (apiId: string, path: string) => `https://${apiId}.execute-api.us-east-1.amazonaws.com${path}`;

describe('HTTP API data plane', () => {
  useMockAws();
  useLambdaRole();

  it('serves a quick-created API on its $default stage with a payload 2.0 event', async () => {
    const arn = await fn('echo', ECHO);
    const apiId = (await client.send(new CreateApiCommand({ Name: 'quick', ProtocolType: 'HTTP', Target: arn }))).ApiId as string;
    const res = await fetch(url(apiId, '/hello/world?a=1&a=2&b=x'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'c1=v1; c2=v2', 'x-custom': 'h' },
      body: JSON.stringify({ n: 1 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(res.headers.get('apigw-requestid')).toBeTruthy();
    const event = await json(res);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/hello/world',
      rawQueryString: 'a=1&a=2&b=x',
      cookies: ['c1=v1', 'c2=v2'],
      queryStringParameters: { a: '1,2', b: 'x' },
      body: '{"n":1}',
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        apiId,
        domainName: `${apiId}.execute-api.us-east-1.amazonaws.com`,
        domainPrefix: apiId,
        http: { method: 'POST', path: '/hello/world', protocol: 'HTTP/1.1' },
        routeKey: '$default',
        stage: '$default',
      },
    });
    expect(event.headers['x-custom']).toBe('h');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(event.pathParameters).toBeUndefined();
  });

  it('picks the most specific route: exact over variable over greedy, a method over ANY, $default last', async () => {
    const source = (tag: string) => `exports.handler = async (e) => ({ statusCode: 200, body: JSON.stringify({ tag: '${tag}', params: e.pathParameters ?? null, routeKey: e.routeKey }) });`;
    const apiId = await httpApi();
    await route(apiId, 'GET /items/special', await fn('exact', source('exact')));
    await route(apiId, 'GET /items/{id}', await fn('variable', source('variable')));
    await route(apiId, 'ANY /items/{id}', await fn('any', source('any')));
    await route(apiId, 'ANY /{proxy+}', await fn('greedy', source('greedy')));
    await route(apiId, '$default', await fn('fallback', source('default')));
    await client.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
    const get = async (method: string, path: string) => json(await fetch(url(apiId, path), { method }));
    expect(await get('GET', '/items/special')).toEqual({ tag: 'exact', params: null, routeKey: 'GET /items/special' });
    expect(await get('GET', '/items/42')).toEqual({ tag: 'variable', params: { id: '42' }, routeKey: 'GET /items/{id}' });
    expect(await get('DELETE', '/items/42')).toEqual({ tag: 'any', params: { id: '42' }, routeKey: 'ANY /items/{id}' });
    expect(await get('GET', '/a/b/c')).toEqual({ tag: 'greedy', params: { proxy: 'a/b/c' }, routeKey: 'ANY /{proxy+}' });
    expect(await get('GET', '/')).toEqual({ tag: 'default', params: null, routeKey: '$default' });
  });

  it('answers 404 {"message":"Not Found"} when no route matches, and for a stage that does not exist', async () => {
    const apiId = await httpApi();
    await route(apiId, 'GET /only', await fn('only', ECHO));
    await client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod', AutoDeploy: true }));
    const miss = await fetch(url(apiId, '/prod/other'));
    expect(miss.status).toBe(404);
    expect(await json(miss)).toEqual({ message: 'Not Found' });
    expect(miss.headers.get('apigw-requestid')).toBeTruthy();
    expect((await fetch(url(apiId, '/dev/only'))).status).toBe(404);
    // A malformed percent-escape is a path like any other: no route, not a crash.
    expect((await fetch(url(apiId, '/%E0%A4%A/only'))).status).toBe(404);
    expect((await fetch(url(apiId, '/prod/%zz'))).status).toBe(404);
    const hit = await fetch(url(apiId, '/prod/only'));
    expect(hit.status).toBe(200);
    const event = await json(hit);
    expect(event.rawPath).toBe('/prod/only');
    expect(event.requestContext.stage).toBe('prod');
    expect(event.requestContext.http.path).toBe('/prod/only');
  });

  it('serves a named stage its deployment: later changes wait for the next deployment', async () => {
    const apiId = await httpApi();
    const arn = await fn('echo', ECHO);
    await route(apiId, 'GET /one', arn);
    await client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'v1', StageVariables: { color: 'blue' } }));
    expect((await fetch(url(apiId, '/v1/one'))).status).toBe(404);
    await client.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'v1' }));
    const res = await fetch(url(apiId, '/v1/one'));
    expect(res.status).toBe(200);
    expect((await json(res)).stageVariables).toEqual({ color: 'blue' });
    await route(apiId, 'GET /two', arn);
    expect((await fetch(url(apiId, '/v1/two'))).status).toBe(404);
    await client.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'v1' }));
    expect((await fetch(url(apiId, '/v1/two'))).status).toBe(200);
  });

  it('sends payload format 1.0 with multi-value query parameters and maps multiValueHeaders back', async () => {
    const source = `exports.handler = async (e) => ({ statusCode: 201, multiValueHeaders: { 'x-m': ['a', 'b'] }, body: JSON.stringify(e) });`;
    const apiId = await httpApi();
    await route(apiId, 'GET /items/{id}', await fn('v1', source), '1.0');
    await client.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
    const res = await fetch(url(apiId, '/items/7?q=1&q=2'), { headers: { 'x-h': 'v' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-m')).toBe('a, b');
    const event = await json(res);
    expect(event).toMatchObject({
      version: '1.0',
      resource: '/items/{id}',
      path: '/items/7',
      httpMethod: 'GET',
      queryStringParameters: { q: '2' },
      multiValueQueryStringParameters: { q: ['1', '2'] },
      pathParameters: { id: '7' },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
      requestContext: { stage: '$default', httpMethod: 'GET', apiId, resourcePath: '/items/{id}' },
    });
    expect(event.headers['x-h']).toBe('v');
    expect(event.multiValueHeaders['x-h']).toEqual(['v']);
    // On a named stage the 1.0 event's path keeps the stage, once.
    await client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod', AutoDeploy: true }));
    const staged = await json(await fetch(url(apiId, '/prod/items/8')));
    expect(staged).toMatchObject({ path: '/prod/items/8', requestContext: { path: '/prod/items/8', stage: 'prod' } });
  });

  it('infers a 200 JSON response from a bare value in 2.0, decodes base64 bodies, and sends binary requests base64', async () => {
    const apiId = await httpApi();
    await route(apiId, 'GET /bare', await fn('bare', `exports.handler = async () => ({ hello: 'world' });`));
    await route(apiId, 'GET /text', await fn('text', `exports.handler = async () => 'plain';`));
    await route(
      apiId,
      'POST /bin',
      await fn('bin', `exports.handler = async (e) => ({ statusCode: 200, isBase64Encoded: true, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from(JSON.stringify({ b64: e.isBase64Encoded, body: e.body })).toString('base64'), cookies: ['s=1', 'exp=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT'] });`),
    );
    await client.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
    const bare = await fetch(url(apiId, '/bare'));
    expect(bare.status).toBe(200);
    expect(bare.headers.get('content-type')).toBe('application/json');
    expect(await json(bare)).toEqual({ hello: 'world' });
    expect(await (await fetch(url(apiId, '/text'))).text()).toBe('plain');
    const bin = await fetch(url(apiId, '/bin'), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 2]) });
    // Payload 2.0 `cookies`: one Set-Cookie header each, as API Gateway sends them.
    expect(bin.headers.getSetCookie()).toEqual(['s=1', 'exp=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT']);
    expect(JSON.parse(Buffer.from(await bin.arrayBuffer()).toString())).toEqual({ b64: true, body: 'AAEC' });
  });

  it('answers 500 {"message":"Internal Server Error"} for a function error or a malformed result', async () => {
    const apiId = await httpApi();
    await route(apiId, 'GET /throws', await fn('throws', `exports.handler = async () => { throw new Error('boom'); };`));
    await route(apiId, 'GET /badstatus', await fn('badstatus', `exports.handler = async () => ({ statusCode: 'abc', body: 'x' });`));
    await route(apiId, 'GET /v1nostatus', await fn('v1nostatus', `exports.handler = async () => ({ body: 'x' });`), '1.0');
    await client.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
    for (const path of ['/throws', '/badstatus', '/v1nostatus']) {
      const res = await fetch(url(apiId, path));
      expect(res.status).toBe(500);
      expect(await json(res)).toEqual({ message: 'Internal Server Error' });
    }
  });

  it('answers CORS preflights itself and adds allow-origin to responses', async () => {
    const arn = await fn('echo', ECHO);
    const apiId = (
      await client.send(
        new CreateApiCommand({
          Name: 'cors',
          ProtocolType: 'HTTP',
          Target: arn,
          CorsConfiguration: { AllowOrigins: ['https://app.example'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['content-type'], MaxAge: 600 },
        }),
      )
    ).ApiId as string;
    const pre = await fetch(url(apiId, '/x'), {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(pre.headers.get('access-control-max-age')).toBe('600');
    const other = await fetch(url(apiId, '/x'), { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(url(apiId, '/x'), { headers: { origin: 'https://app.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });

  it('answers 403 Forbidden on the default endpoint once DisableExecuteApiEndpoint is set', async () => {
    const arn = await fn('echo', ECHO);
    const apiId = (await client.send(new CreateApiCommand({ Name: 'off', ProtocolType: 'HTTP', Target: arn }))).ApiId as string;
    expect((await fetch(url(apiId, '/x'))).status).toBe(200);
    await client.send(new UpdateApiCommand({ ApiId: apiId, DisableExecuteApiEndpoint: true }));
    const res = await fetch(url(apiId, '/x'));
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual({ message: 'Forbidden' });
  });

  it('answers 404 for an API id that exists nowhere', async () => {
    const res = await fetch(url('zzzzzzzzzz', '/anything'));
    expect(res.status).toBe(404);
    expect(await json(res)).toEqual({ message: 'Not Found' });
  });
});
