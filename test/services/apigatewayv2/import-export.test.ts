/**
 * ImportApi / ReimportApi / ExportApi for HTTP APIs: OpenAPI 3.0 in JSON or YAML
 * with API Gateway's extensions, base path modes, warnings, and round trips.
 */
import {
  ApiGatewayV2Client,
  BadRequestException,
  CreateDeploymentCommand,
  CreateRouteCommand,
  CreateStageCommand,
  ExportApiCommand,
  GetApiCommand,
  GetApisCommand,
  GetAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  ImportApiCommand,
  NotFoundException,
  ReimportApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:items';

const DEFINITION = `openapi: "3.0.1"
info:
  title: items-api   # the API's name
  version: "2024-05-01"
  description: |
    Items service
servers:
  - url: https://example.com/{basePath}
    variables:
      basePath:
        default: v1
tags:
  - name: team
    x-amazon-apigateway-tag-value: blue
paths:
  /items/{id}:
    get:
      operationId: getItem
      security:
        - cognito: [items/read]
      x-amazon-apigateway-integration:
        $ref: '#/components/x-amazon-apigateway-integrations/items'
    delete:
      security:
        - lambdaAuth: []
      x-amazon-apigateway-integration:
        $ref: '#/components/x-amazon-apigateway-integrations/items'
  /items:
    post:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: ${FN}
        payloadFormatVersion: "1.0"
        timeoutInMillis: 10000
  $default:
    x-amazon-apigateway-any-method:
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: ANY
        uri: https://backend.example.com/{proxy}
components:
  securitySchemes:
    cognito:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $request.header.Authorization
        jwtConfiguration:
          issuer: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc
          audience: [client1]
    lambdaAuth:
      type: apiKey
      name: Auth
      in: header
      x-amazon-apigateway-authorizer:
        type: request
        identitySource: $request.header.Auth, $request.querystring.k
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations
        authorizerPayloadFormatVersion: "2.0"
        enableSimpleResponses: true
  x-amazon-apigateway-integrations:
    items:
      type: aws_proxy
      httpMethod: POST
      uri: ${FN}
      payloadFormatVersion: "2.0"
x-amazon-apigateway-cors:
  allowOrigins: ["https://app.example"]
  allowMethods: [GET, POST]
  maxAge: 300
x-amazon-apigateway-importexport-version: "1.0"
`;

async function routesOf(ApiId: string) {
  const { Items = [] } = await client.send(new GetRoutesCommand({ ApiId }));
  return Items.sort((a, b) => ((a.RouteKey ?? '') < (b.RouteKey ?? '') ? -1 : 1));
}

describe('ImportApi, ReimportApi and ExportApi', () => {
  useMockAws();
  useLambdaRole();

  it('imports a YAML definition: routes, shared and inline integrations, JWT and Lambda authorizers, CORS, tags', async () => {
    const api = await client.send(new ImportApiCommand({ Body: DEFINITION }));
    expect(api).toMatchObject({ Name: 'items-api', Version: '2024-05-01', Description: 'Items service\n', ProtocolType: 'HTTP', Tags: { team: 'blue' } });
    expect(api.CorsConfiguration).toEqual({ AllowOrigins: ['https://app.example'], AllowMethods: ['GET', 'POST'], MaxAge: 300 });
    expect(api.Warnings).toBeUndefined();
    const ApiId = api.ApiId as string;
    const authorizers = (await client.send(new GetAuthorizersCommand({ ApiId }))).Items ?? [];
    const jwt = authorizers.find((a) => a.Name === 'cognito');
    const lambda = authorizers.find((a) => a.Name === 'lambdaAuth');
    expect(jwt).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: { Audience: ['client1'] } });
    expect(lambda).toMatchObject({ AuthorizerType: 'REQUEST', IdentitySource: ['$request.header.Auth', '$request.querystring.k'], AuthorizerPayloadFormatVersion: '2.0', EnableSimpleResponses: true });
    const integrations = (await client.send(new GetIntegrationsCommand({ ApiId }))).Items ?? [];
    expect(integrations).toHaveLength(3);
    const routes = await routesOf(ApiId);
    expect(routes.map((r) => [r.RouteKey, r.AuthorizationType, r.AuthorizationScopes])).toEqual([
      ['$default', 'NONE', undefined],
      ['DELETE /items/{id}', 'CUSTOM', undefined],
      ['GET /items/{id}', 'JWT', ['items/read']],
      ['POST /items', 'NONE', undefined],
    ]);
    // Both operations that $ref the same component share one integration.
    const byKey = Object.fromEntries(routes.map((r) => [r.RouteKey, r.Target]));
    expect(byKey['GET /items/{id}']).toBe(byKey['DELETE /items/{id}']);
    const post = integrations.find((i) => `integrations/${i.IntegrationId}` === byKey['POST /items']);
    expect(post).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '1.0', TimeoutInMillis: 10000, IntegrationUri: FN });
    expect(routes.find((r) => r.RouteKey === 'GET /items/{id}')).toMatchObject({ AuthorizerId: jwt?.AuthorizerId, OperationName: 'getItem' });
  });

  it('Basepath prepend puts the server path before every route; ignore (the default) drops it', async () => {
    const prepended = await client.send(new ImportApiCommand({ Body: DEFINITION, Basepath: 'prepend' }));
    expect((await routesOf(prepended.ApiId as string)).map((r) => r.RouteKey)).toEqual(['$default', 'DELETE /v1/items/{id}', 'GET /v1/items/{id}', 'POST /v1/items']);
    const bad = await client.send(new ImportApiCommand({ Body: DEFINITION, Basepath: 'sideways' })).catch((e) => e);
    expect(bad).toBeInstanceOf(BadRequestException);
  });

  it('reports what it skips as warnings; FailOnWarnings and broken definitions create nothing', async () => {
    const body = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'w', version: '1' },
      paths: { '/m': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } }, trace: {} } },
      components: { securitySchemes: { basic: { type: 'http', scheme: 'basic' } } },
    });
    const api = await client.send(new ImportApiCommand({ Body: body }));
    expect(api.Warnings).toEqual([
      'Unsupported security scheme basic: it has no x-amazon-apigateway-authorizer and was ignored',
      'Unsupported integration type mock at get /m; the route was imported without an integration',
      'Unsupported method trace at /m; it was ignored',
    ]);
    expect((await routesOf(api.ApiId as string)).map((r) => [r.RouteKey, r.Target])).toEqual([['GET /m', undefined]]);
    const before = (await client.send(new GetApisCommand({}))).Items?.length;
    const failed = await client.send(new ImportApiCommand({ Body: body, FailOnWarnings: true })).catch((e) => e);
    expect(failed).toBeInstanceOf(BadRequestException);
    expect(failed.message).toMatch(/^Warnings found during import:/);
    for (const broken of [
      'swagger: "2.0"\ninfo: {title: x}\npaths: {}',
      'openapi: 3.0.1\ninfo:\n  title: [unclosed\npaths: {}',
      JSON.stringify({ openapi: '3.0.1', info: { version: '1' }, paths: {} }),
      JSON.stringify({ openapi: '3.0.1', info: { title: 't' }, paths: { '/a': { get: { security: [{ nope: [] }] } } } }),
      // An integration the API's own rules refuse: AWS_PROXY without a URI.
      JSON.stringify({ openapi: '3.0.1', info: { title: 't' }, paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', payloadFormatVersion: '2.0' } } } } }),
    ]) {
      const e = await client.send(new ImportApiCommand({ Body: broken })).catch((x) => x);
      expect(e).toBeInstanceOf(BadRequestException);
    }
    expect((await client.send(new GetApisCommand({}))).Items?.length).toBe(before);
  });

  it('exports JSON and YAML that import back to the same API; IncludeExtensions false drops the extensions', async () => {
    const ApiId = (await client.send(new ImportApiCommand({ Body: DEFINITION }))).ApiId as string;
    const json = JSON.parse(Buffer.from((await client.send(new ExportApiCommand({ ApiId, OutputType: 'JSON', Specification: 'OAS30' }))).body as Uint8Array).toString());
    expect(json).toMatchObject({
      openapi: '3.0.1',
      info: { title: 'items-api', version: '2024-05-01' },
      servers: [{ url: `https://${ApiId}.execute-api.us-east-1.amazonaws.com/{basePath}`, variables: { basePath: { default: '' } } }],
      'x-amazon-apigateway-importexport-version': '1.0',
      'x-amazon-apigateway-cors': { allowOrigins: ['https://app.example'], maxAge: 300 },
    });
    expect(json.paths['/items/{id}'].get).toMatchObject({
      parameters: [{ name: 'id', in: 'path', required: true }],
      security: [{ cognito: ['items/read'] }],
      'x-amazon-apigateway-integration': { type: 'aws_proxy', payloadFormatVersion: '2.0', uri: FN, httpMethod: 'POST' },
    });
    expect(json.paths.$default['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration']).toMatchObject({ type: 'http_proxy' });
    expect(json.components.securitySchemes.lambdaAuth['x-amazon-apigateway-authorizer']).toMatchObject({ type: 'request', identitySource: '$request.header.Auth, $request.querystring.k' });

    const yaml = Buffer.from((await client.send(new ExportApiCommand({ ApiId, OutputType: 'YAML', Specification: 'OAS30' }))).body as Uint8Array).toString();
    expect(yaml).toMatch(/^openapi: "3\.0\.1"\ninfo:\n {2}title: items-api\n/);
    const shape = async (id: string) => {
      const routes = await routesOf(id);
      const integrations = (await client.send(new GetIntegrationsCommand({ ApiId: id }))).Items ?? [];
      const authorizers = (await client.send(new GetAuthorizersCommand({ ApiId: id }))).Items ?? [];
      const authName = (aid?: string) => authorizers.find((a) => a.AuthorizerId === aid)?.Name;
      const integ = (t?: string) => {
        const { IntegrationId: _i, ...rest } = integrations.find((i) => `integrations/${i.IntegrationId}` === t) ?? {};
        return rest;
      };
      return {
        routes: routes.map((r) => ({ key: r.RouteKey, auth: r.AuthorizationType, scopes: r.AuthorizationScopes, authorizer: authName(r.AuthorizerId), integration: integ(r.Target) })),
        authorizers: authorizers.map(({ AuthorizerId: _a, ...rest }) => rest).sort((a, b) => ((a.Name ?? '') < (b.Name ?? '') ? -1 : 1)),
      };
    };
    const original = await shape(ApiId);
    for (const body of [JSON.stringify(json), yaml]) {
      const again = await client.send(new ImportApiCommand({ Body: body }));
      expect(again).toMatchObject({ Name: 'items-api', Version: '2024-05-01', Tags: { team: 'blue' } });
      expect(await shape(again.ApiId as string)).toEqual(original);
    }
    const bare = JSON.parse(Buffer.from((await client.send(new ExportApiCommand({ ApiId, OutputType: 'JSON', Specification: 'OAS30', IncludeExtensions: false }))).body as Uint8Array).toString());
    expect(JSON.stringify(bare)).not.toContain('x-amazon-apigateway');
    const bad = await client.send(new ExportApiCommand({ ApiId, OutputType: 'XML', Specification: 'OAS30' })).catch((e) => e);
    expect(bad).toBeInstanceOf(BadRequestException);
    const missing = await client.send(new ExportApiCommand({ ApiId: 'zzzzzzzzzz', OutputType: 'JSON', Specification: 'OAS30' })).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
  });

  it('exports a stage as its deployment froze it; reimport replaces the definition and keeps the id and stages', async () => {
    const ApiId = (await client.send(new ImportApiCommand({ Body: DEFINITION }))).ApiId as string;
    await client.send(new CreateStageCommand({ ApiId, StageName: 'prod' }));
    await client.send(new CreateDeploymentCommand({ ApiId, StageName: 'prod' }));
    await client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /later' }));
    const staged = JSON.parse(Buffer.from((await client.send(new ExportApiCommand({ ApiId, OutputType: 'JSON', Specification: 'OAS30', StageName: 'prod' }))).body as Uint8Array).toString());
    expect(Object.keys(staged.paths).sort()).toEqual(['$default', '/items', '/items/{id}']);
    expect(staged.servers[0].variables.basePath.default).toBe('prod');
    const latest = JSON.parse(Buffer.from((await client.send(new ExportApiCommand({ ApiId, OutputType: 'JSON', Specification: 'OAS30' }))).body as Uint8Array).toString());
    expect(Object.keys(latest.paths)).toContain('/later');
    const noStage = await client.send(new ExportApiCommand({ ApiId, OutputType: 'JSON', Specification: 'OAS30', StageName: 'nope' })).catch((e) => e);
    expect(noStage).toBeInstanceOf(BadRequestException);

    const fn = await createNodeFunction(lambdaClient(), 'hello', { 'index.js': `exports.handler = async (e) => ({ statusCode: 200, body: 'hi ' + e.rawPath });` });
    const next = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'renamed', version: '2' },
      paths: { '/hello': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: fn.FunctionArn, payloadFormatVersion: '2.0' } } } },
    });
    const re = await client.send(new ReimportApiCommand({ ApiId, Body: next }));
    expect(re).toMatchObject({ ApiId, Name: 'renamed', Version: '2', Tags: { team: 'blue' } });
    expect(re.CorsConfiguration).toBeUndefined();
    expect((await routesOf(ApiId)).map((r) => r.RouteKey)).toEqual(['GET /hello']);
    expect((await client.send(new GetAuthorizersCommand({ ApiId }))).Items).toEqual([]);
    expect((await client.send(new GetApiCommand({ ApiId }))).Name).toBe('renamed');
    // The reimported routes serve once deployed.
    await client.send(new CreateDeploymentCommand({ ApiId, StageName: 'prod' }));
    const res = await fetch(`https://${ApiId}.execute-api.us-east-1.amazonaws.com/prod/hello`);
    expect(await res.text()).toBe('hi /prod/hello');
    const missing = await client.send(new ReimportApiCommand({ ApiId: 'zzzzzzzzzz', Body: next })).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
  });
});
