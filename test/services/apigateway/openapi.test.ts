/**
 * ImportRestApi, PutRestApi and GetExport through the SDK: OpenAPI 3.0 and
 * Swagger 2.0 documents with API Gateway's extensions become resources,
 * methods, integrations, models, authorizers, validators and gateway
 * responses; a deployed stage exports to a document that imports back to the
 * same API.
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  GetAuthorizersCommand,
  GetExportCommand,
  GetGatewayResponseCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetModelCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });
const body = (doc: unknown) => Buffer.from(JSON.stringify(doc));
const url = (apiId: string, path: string) => `https://${apiId}.execute-api.us-east-1.amazonaws.com${path}`;

const PETS = {
  openapi: '3.0.1',
  info: { title: 'pets', version: '1.0' },
  servers: [{ url: 'https://example.com/{basePath}', variables: { basePath: { default: 'v1' } } }],
  'x-amazon-apigateway-binary-media-types': ['image/png'],
  'x-amazon-apigateway-request-validators': { all: { validateRequestBody: true, validateRequestParameters: true } },
  'x-amazon-apigateway-gateway-responses': {
    MISSING_AUTHENTICATION_TOKEN: { statusCode: 404, responseTemplates: { 'application/json': '{"error":"no route"}' } },
  },
  paths: {
    '/pets': {
      get: {
        operationId: 'ListPets',
        parameters: [{ name: 'limit', in: 'query', required: true, schema: { type: 'integer' } }],
        responses: { '200': { description: 'ok', headers: { 'x-total': { schema: { type: 'string' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Pets' } } } } },
        'x-amazon-apigateway-request-validator': 'all',
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '[{"name":"rex"}]' } } },
          passthroughBehavior: 'when_no_match',
        },
      },
      post: {
        security: [{ tokenAuth: [] }, { api_key: [] }],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
        responses: { '201': { description: 'created' } },
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations',
        },
      },
    },
    '/pets/{petId}': {
      parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
      'x-amazon-apigateway-any-method': {
        responses: { '404': { description: 'missing' } },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 404}' },
          responses: { '4\\d{2}': { statusCode: '404' }, default: { statusCode: '404' } },
        },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
    },
    securitySchemes: {
      api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
      tokenAuth: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {
          type: 'token',
          authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations',
          authorizerResultTtlInSeconds: 60,
        },
      },
    },
  },
};

async function resourcesOf(restApiId: string): Promise<Record<string, Resource>> {
  const { items } = await client.send(new GetResourcesCommand({ restApiId, embed: ['methods'] }));
  return Object.fromEntries((items ?? []).map((r) => [r.path as string, r]));
}

/** Resources and methods in a comparable form: path → verb → the method's shape without ids. */
async function shapeOf(restApiId: string) {
  const resources = await resourcesOf(restApiId);
  const authorizers = new Map(((await client.send(new GetAuthorizersCommand({ restApiId }))).items ?? []).map((a) => [a.id, a.name]));
  const validators = new Map(((await client.send(new GetRequestValidatorsCommand({ restApiId }))).items ?? []).map((v) => [v.id, v.name]));
  return Object.fromEntries(
    Object.entries(resources).map(([path, r]) => [
      path,
      Object.fromEntries(
        Object.entries(r.resourceMethods ?? {}).map(([verb, m]) => {
          const { authorizerId, requestValidatorId, methodIntegration, ...rest } = m;
          const { cacheNamespace: _ns, ...integration } = methodIntegration ?? {};
          return [verb, { ...rest, authorizer: authorizers.get(authorizerId), validator: validators.get(requestValidatorId), integration }];
        }),
      ),
    ]),
  );
}

describe('ImportRestApi / PutRestApi', () => {
  useMockAws();

  it('imports an OpenAPI 3.0 document with its extensions into resources, methods, models and settings', async () => {
    const api = await client.send(new ImportRestApiCommand({ body: body(PETS) }));
    expect(api.name).toBe('pets');
    expect(api.version).toBe('1.0');
    expect(api.binaryMediaTypes).toEqual(['image/png']);
    expect(api.warnings).toBeUndefined();
    const restApiId = api.id as string;
    const resources = await resourcesOf(restApiId);
    // basepath=ignore (the default): the server's base path is not a resource.
    expect(Object.keys(resources).sort()).toEqual(['/', '/pets', '/pets/{petId}']);
    const get = await client.send(new GetMethodCommand({ restApiId, resourceId: resources['/pets'].id, httpMethod: 'GET' }));
    expect(get.operationName).toBe('ListPets');
    expect(get.requestParameters).toEqual({ 'method.request.querystring.limit': true });
    expect(get.methodResponses?.['200']).toEqual({
      statusCode: '200',
      responseParameters: { 'method.response.header.x-total': false },
      responseModels: { 'application/json': 'Pets' },
    });
    expect(get.methodIntegration).toMatchObject({ type: 'MOCK', passthroughBehavior: 'WHEN_NO_MATCH', requestTemplates: { 'application/json': '{"statusCode": 200}' } });
    const validators = (await client.send(new GetRequestValidatorsCommand({ restApiId }))).items ?? [];
    expect(validators).toEqual([{ id: get.requestValidatorId, name: 'all', validateRequestBody: true, validateRequestParameters: true }]);

    const post = await client.send(new GetMethodCommand({ restApiId, resourceId: resources['/pets'].id, httpMethod: 'POST' }));
    expect(post).toMatchObject({ authorizationType: 'CUSTOM', apiKeyRequired: true, requestModels: { 'application/json': 'Pet' } });
    const [authorizer] = (await client.send(new GetAuthorizersCommand({ restApiId }))).items ?? [];
    expect(authorizer).toMatchObject({ id: post.authorizerId, name: 'tokenAuth', type: 'TOKEN', identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 60 });

    const any = await client.send(new GetIntegrationCommand({ restApiId, resourceId: resources['/pets/{petId}'].id, httpMethod: 'ANY' }));
    expect(any.integrationResponses?.['404']).toMatchObject({ statusCode: '404' });
    const anyMethod = await client.send(new GetMethodCommand({ restApiId, resourceId: resources['/pets/{petId}'].id, httpMethod: 'ANY' }));
    expect(anyMethod.requestParameters).toEqual({ 'method.request.path.petId': true });

    // Models keep their schema, with $refs in the form API Gateway stores.
    const pets = await client.send(new GetModelCommand({ restApiId, modelName: 'Pets' }));
    expect(JSON.parse(pets.schema as string)).toEqual({ type: 'array', items: { $ref: `https://apigateway.amazonaws.com/restapis/${restApiId}/models/Pet` } });
    expect(pets.contentType).toBe('application/json');
    const gw = await client.send(new GetGatewayResponseCommand({ restApiId, responseType: 'MISSING_AUTHENTICATION_TOKEN' }));
    expect(gw).toMatchObject({ statusCode: '404', defaultResponse: false, responseTemplates: { 'application/json': '{"error":"no route"}' } });
  });

  it('serves what it imported once deployed', async () => {
    const { id } = await client.send(new ImportRestApiCommand({ body: body(PETS) }));
    const restApiId = id as string;
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
    const ok = await fetch(url(restApiId, '/prod/pets?limit=2'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual([{ name: 'rex' }]);
    const missing = await fetch(url(restApiId, '/prod/pets/7'));
    expect(missing.status).toBe(404);
    const unknown = await fetch(url(restApiId, '/prod/nothing'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'no route' });
  });

  it('reads Swagger 2.0 with body parameters, and applies basepath prepend and split', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 'sw', version: '2' },
      basePath: '/a/b',
      consumes: ['application/json'],
      definitions: { Item: { type: 'object' } },
      paths: {
        '/items': {
          put: {
            parameters: [
              { in: 'body', name: 'Item', schema: { $ref: '#/definitions/Item' } },
              { in: 'header', name: 'x-trace', required: false, type: 'string' },
            ],
            responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Item' } } },
            'x-amazon-apigateway-integration': { type: 'mock', responses: { default: { statusCode: '200' } } },
          },
        },
      },
    };
    const plain = await client.send(new ImportRestApiCommand({ body: body(swagger) }));
    const paths = await resourcesOf(plain.id as string);
    expect(Object.keys(paths).sort()).toEqual(['/', '/items']);
    const put = paths['/items'].resourceMethods?.PUT;
    expect(put?.requestModels).toEqual({ 'application/json': 'Item' });
    expect(put?.requestParameters).toEqual({ 'method.request.header.x-trace': false });
    expect(put?.methodResponses?.['200']?.responseModels).toEqual({ 'application/json': 'Item' });

    const prepended = await client.send(new ImportRestApiCommand({ body: body(swagger), parameters: { basepath: 'prepend' } }));
    expect(Object.keys(await resourcesOf(prepended.id as string)).sort()).toEqual(['/', '/a', '/a/b', '/a/b/items']);
    const split = await client.send(new ImportRestApiCommand({ body: body(swagger), parameters: { basepath: 'split', endpointConfigurationTypes: 'REGIONAL' } }));
    expect(Object.keys(await resourcesOf(split.id as string)).sort()).toEqual(['/', '/b', '/b/items']);
    expect(split.endpointConfiguration?.types).toEqual(['REGIONAL']);
  });

  it('refuses documents that are not OpenAPI, and leaves nothing behind', async () => {
    const before = (await client.send(new GetRestApisCommand({}))).items?.length ?? 0;
    await expect(client.send(new ImportRestApiCommand({ body: Buffer.from('not: json') }))).rejects.toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });
    await expect(client.send(new ImportRestApiCommand({ body: body({ info: { title: 'x' }, paths: {} }) }))).rejects.toMatchObject({ name: 'BadRequestException' });
    const badIntegration = { ...PETS, paths: { '/x': { get: { 'x-amazon-apigateway-integration': { type: 'http', httpMethod: 'GET', uri: 'ftp://nope' } } } } };
    await expect(client.send(new ImportRestApiCommand({ body: body(badIntegration) }))).rejects.toThrow(
      "Errors found during import:\n\tUnable to put integration on 'GET' for resource at path '/x': Invalid HTTP endpoint specified for URI",
    );
    await expect(client.send(new ImportRestApiCommand({ body: body(PETS), parameters: { basepath: 'sideways' } }))).rejects.toMatchObject({ name: 'BadRequestException' });
    expect((await client.send(new GetRestApisCommand({}))).items?.length ?? 0).toBe(before);
  });

  it('returns warnings, or fails on them with failOnWarnings', async () => {
    const doc = {
      ...PETS,
      paths: { '/w': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } }, 'x-amazon-apigateway-integration': { type: 'mock' } } } },
    };
    const api = await client.send(new ImportRestApiCommand({ body: body(doc) }));
    expect(api.warnings).toEqual(["Unable to put method 'POST' for resource at path '/w': the request body of application/json references an unknown model #/components/schemas/Nope"]);
    const before = (await client.send(new GetRestApisCommand({}))).items?.length;
    await expect(client.send(new ImportRestApiCommand({ body: body(doc), failOnWarnings: true }))).rejects.toThrow(/^Warnings found during import:/);
    expect((await client.send(new GetRestApisCommand({}))).items?.length).toBe(before);
  });

  it('PutRestApi merges by default and replaces everything in overwrite mode', async () => {
    const { id } = await client.send(new ImportRestApiCommand({ body: body(PETS) }));
    const restApiId = id as string;
    const extra = {
      openapi: '3.0.1',
      info: { title: 'pets', version: '2.0' },
      paths: { '/owners': { get: { 'x-amazon-apigateway-integration': { type: 'mock', responses: { default: { statusCode: '200' } } } } } },
    };
    const merged = await client.send(new PutRestApiCommand({ restApiId, body: body(extra) }));
    expect(merged.version).toBe('2.0');
    expect(Object.keys(await resourcesOf(restApiId)).sort()).toEqual(['/', '/owners', '/pets', '/pets/{petId}']);
    await client.send(new PutRestApiCommand({ restApiId, mode: 'overwrite', body: body(extra) }));
    expect(Object.keys(await resourcesOf(restApiId)).sort()).toEqual(['/', '/owners']);
    expect((await client.send(new GetAuthorizersCommand({ restApiId }))).items).toEqual([]);
    expect((await client.send(new GetRestApiCommand({ restApiId }))).binaryMediaTypes).toBeUndefined();
    await expect(client.send(new PutRestApiCommand({ restApiId: 'nope123456', body: body(extra) }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});

describe('GetExport', () => {
  useMockAws();

  async function deployed() {
    const { id } = await client.send(new ImportRestApiCommand({ body: body(PETS) }));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'prod' }));
    return id as string;
  }

  it('exports a deployed stage as OpenAPI 3.0 that imports back to the same API', async () => {
    const restApiId = await deployed();
    const exported = await client.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'oas30', parameters: { extensions: 'apigateway' }, accepts: 'application/json' }));
    expect(exported.contentType).toBe('application/json');
    const doc = JSON.parse(Buffer.from(exported.body as Uint8Array).toString('utf8'));
    expect(doc.openapi).toBe('3.0.1');
    expect(doc.info).toEqual({ title: 'pets', version: '1.0' });
    expect(doc.servers[0]).toEqual({ url: `https://${restApiId}.execute-api.us-east-1.amazonaws.com/{basePath}`, variables: { basePath: { default: 'prod' } } });
    expect(doc.components.schemas.Pets).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Pet' } });
    expect(doc.paths['/pets'].get['x-amazon-apigateway-integration']).toMatchObject({ type: 'mock', passthroughBehavior: 'when_no_match' });
    expect(doc.components.securitySchemes.tokenAuth['x-amazon-apigateway-authorizer']).toMatchObject({ type: 'token', authorizerResultTtlInSeconds: 60 });

    const again = await client.send(new ImportRestApiCommand({ body: exported.body as Uint8Array }));
    expect(await shapeOf(again.id as string)).toEqual(await shapeOf(restApiId));
  });

  it('exports Swagger 2.0 that imports back the same, and YAML on request', async () => {
    const restApiId = await deployed();
    const swagger = await client.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'swagger', parameters: { extensions: 'integrations,authorizers' } }));
    const doc = JSON.parse(Buffer.from(swagger.body as Uint8Array).toString('utf8'));
    expect(doc).toMatchObject({ swagger: '2.0', host: `${restApiId}.execute-api.us-east-1.amazonaws.com`, basePath: '/prod' });
    expect(doc.definitions.Pets.items).toEqual({ $ref: '#/definitions/Pet' });
    const again = await client.send(new ImportRestApiCommand({ body: swagger.body as Uint8Array }));
    expect(await shapeOf(again.id as string)).toEqual(await shapeOf(restApiId));

    const yaml = await client.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'oas30', accepts: 'application/yaml' }));
    expect(yaml.contentType).toBe('application/yaml');
    const text = Buffer.from(yaml.body as Uint8Array).toString('utf8');
    expect(text.startsWith('openapi: "3.0.1"\ninfo:\n  title: pets\n')).toBe(true);
    // Without extensions the document is plain OpenAPI.
    expect(text).not.toContain('x-amazon-apigateway-integration');
  });

  it('imports YAML: a YAML export with extensions imports back the same', async () => {
    const restApiId = await deployed();
    const yaml = await client.send(
      new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'oas30', accepts: 'application/yaml', parameters: { extensions: 'integrations,authorizers' } }),
    );
    const text = Buffer.from(yaml.body as Uint8Array).toString('utf8');
    expect(text.trimStart().startsWith('{')).toBe(false);
    const again = await client.send(new ImportRestApiCommand({ body: yaml.body as Uint8Array }));
    expect(await shapeOf(again.id as string)).toEqual(await shapeOf(restApiId));
    await expect(client.send(new ImportRestApiCommand({ body: Buffer.from('openapi: "3.0.1"\npaths: [unclosed\n') }))).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringMatching(/^Invalid OpenAPI input: the document is neither valid JSON nor YAML/),
    });
  });

  it('exports what the stage serves, not later changes, and refuses what it cannot export', async () => {
    const restApiId = await deployed();
    await client.send(new PutRestApiCommand({ restApiId, mode: 'overwrite', body: body({ openapi: '3.0.1', info: { title: 'pets' }, paths: { '/later': { get: {} } } }) }));
    const exported = await client.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'oas30' }));
    expect(Object.keys(JSON.parse(Buffer.from(exported.body as Uint8Array).toString('utf8')).paths).sort()).toEqual(['/', '/pets', '/pets/{petId}']);
    await expect(client.send(new GetExportCommand({ restApiId, stageName: 'nope', exportType: 'oas30' }))).rejects.toMatchObject({ name: 'NotFoundException', message: 'Invalid Stage identifier specified' });
    await expect(client.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'raml' }))).rejects.toMatchObject({ name: 'BadRequestException' });
    await expect(client.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'oas30', parameters: { extensions: 'postman' } }))).rejects.toMatchObject({ name: 'BadRequestException' });
  });
});
