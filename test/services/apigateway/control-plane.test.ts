/** API Gateway REST APIs (v1) control plane through the real SDK. */
import {
  APIGatewayClient,
  BadRequestException,
  ConflictException,
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  GetApiKeyCommand,
  GetMethodCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  GetTagsCommand,
  GetUsagePlanKeysCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });

async function restApi(name = 'api') {
  const api = await client.send(new CreateRestApiCommand({ name }));
  return { id: api.id as string, root: api.rootResourceId as string };
}

describe('REST APIs', () => {
  useMockAws();

  it('creates a REST API with a root resource and AWS defaults', async () => {
    const api = await client.send(new CreateRestApiCommand({ name: 'pets', description: 'd', tags: { a: '1' } }));
    expect(api.id).toMatch(/^[a-z0-9]{10}$/);
    expect(api).toMatchObject({ name: 'pets', apiKeySource: 'HEADER', endpointConfiguration: { types: ['EDGE'] }, disableExecuteApiEndpoint: false, tags: { a: '1' } });
    const resources = await client.send(new GetResourcesCommand({ restApiId: api.id }));
    expect(resources.items).toEqual([{ id: api.rootResourceId, path: '/' }]);
  });

  it('answers NotFoundException with the account in the message for an unknown API', async () => {
    const err = await client.send(new GetRestApiCommand({ restApiId: 'abcdefghij' })).catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundException);
    expect(err.message).toBe('Invalid API identifier specified 123456789012:abcdefghij');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('pages GetRestApis with position and limit', async () => {
    for (let i = 0; i < 5; i++) await client.send(new CreateRestApiCommand({ name: `a${i}` }));
    const first = await client.send(new GetRestApisCommand({ limit: 3 }));
    expect(first.items).toHaveLength(3);
    expect(first.position).toBeDefined();
    const second = await client.send(new GetRestApisCommand({ limit: 3, position: first.position }));
    expect(second.items).toHaveLength(2);
    expect(second.position).toBeUndefined();
    expect(new Set([...(first.items ?? []), ...(second.items ?? [])].map((a) => a.name))).toEqual(new Set(['a0', 'a1', 'a2', 'a3', 'a4']));
  });

  it('updates with patch operations and deletes', async () => {
    const { id } = await restApi();
    const updated = await client.send(new UpdateRestApiCommand({ restApiId: id, patchOperations: [{ op: 'replace', path: '/name', value: 'renamed' }] }));
    expect(updated.name).toBe('renamed');
    await expect(client.send(new UpdateRestApiCommand({ restApiId: id, patchOperations: [{ op: 'replace', path: '/nope', value: 'x' }] }))).rejects.toBeInstanceOf(BadRequestException);
    await client.send(new DeleteRestApiCommand({ restApiId: id }));
    await expect(client.send(new GetRestApiCommand({ restApiId: id }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('tags REST APIs and stages by ARN', async () => {
    const { id } = await restApi();
    const arn = `arn:aws:apigateway:us-east-1::/restapis/${id}`;
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: { k: 'v', x: 'y' } }));
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['x'] }));
    expect((await client.send(new GetTagsCommand({ resourceArn: arn }))).tags).toEqual({ k: 'v' });
  });
});

describe('resources, methods and integrations', () => {
  useMockAws();

  it('builds the path tree, refusing bad path parts, duplicates and a second variable sibling', async () => {
    const { id, root } = await restApi();
    const items = await client.send(new CreateResourceCommand({ restApiId: id, parentId: root, pathPart: 'items' }));
    expect(items).toMatchObject({ path: '/items', pathPart: 'items', parentId: root });
    const item = await client.send(new CreateResourceCommand({ restApiId: id, parentId: items.id, pathPart: '{id}' }));
    expect(item.path).toBe('/items/{id}');
    const dup = await client.send(new CreateResourceCommand({ restApiId: id, parentId: root, pathPart: 'items' })).catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup.message).toBe('Another resource with the same parent already has this name: items');
    await expect(client.send(new CreateResourceCommand({ restApiId: id, parentId: items.id, pathPart: '{other}' }))).rejects.toBeInstanceOf(BadRequestException);
    await expect(client.send(new CreateResourceCommand({ restApiId: id, parentId: root, pathPart: 'a b' }))).rejects.toBeInstanceOf(BadRequestException);
    await expect(client.send(new CreateResourceCommand({ restApiId: id, parentId: 'nope', pathPart: 'x' }))).rejects.toBeInstanceOf(NotFoundException);
    await client.send(new DeleteResourceCommand({ restApiId: id, resourceId: items.id as string }));
    expect((await client.send(new GetResourcesCommand({ restApiId: id }))).items?.map((r) => r.path)).toEqual(['/']);
  });

  it('puts methods with integrations and responses, refusing a second method and an unknown authorizer', async () => {
    const { id, root } = await restApi();
    const method = await client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }));
    expect(method).toMatchObject({ httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true });
    const again = await client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' })).catch((e) => e);
    expect(again).toBeInstanceOf(ConflictException);
    expect(again.message).toBe('Method already exists for this resource');
    await expect(
      client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'POST', authorizationType: 'CUSTOM', authorizerId: 'nope' })),
    ).rejects.toBeInstanceOf(BadRequestException);
    const missingMethod = await client.send(new GetMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'DELETE' })).catch((e) => e);
    expect(missingMethod).toBeInstanceOf(NotFoundException);
    expect(missingMethod.message).toBe('Invalid Method identifier specified');
    const noHttpMethod = await client
      .send(new PutIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', type: 'AWS_PROXY', uri: 'arn:aws:apigateway:us-east-1:lambda:path/x' }))
      .catch((e) => e);
    expect(noHttpMethod.message).toBe('Enumeration value for HttpMethod must be non-empty');
    const integ = await client.send(new PutIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
    expect(integ).toMatchObject({ type: 'MOCK', passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000, cacheNamespace: root });
    await expect(
      client.send(new PutIntegrationResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', statusCode: '200' })),
    ).rejects.toBeInstanceOf(NotFoundException);
    await client.send(new PutMethodResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', statusCode: '200' }));
    await client.send(new PutIntegrationResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', statusCode: '200', responseTemplates: { 'application/json': '{}' } }));
    const got = await client.send(new GetMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET' }));
    expect(got.methodIntegration?.integrationResponses?.['200']).toMatchObject({ statusCode: '200', responseTemplates: { 'application/json': '{}' } });
    expect(got.methodResponses?.['200']).toMatchObject({ statusCode: '200' });
  });
});

describe('deployments, stages, keys and plans', () => {
  useMockAws();

  async function deployable() {
    const { id, root } = await restApi();
    await client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' }));
    return { id, root };
  }

  it('refuses to deploy without methods or with a method lacking its integration', async () => {
    const { id, root } = await restApi();
    const empty = await client.send(new CreateDeploymentCommand({ restApiId: id })).catch((e) => e);
    expect(empty).toBeInstanceOf(BadRequestException);
    expect(empty.message).toBe("The REST API doesn't contain any methods");
    await client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' }));
    const noIntegration = await client.send(new CreateDeploymentCommand({ restApiId: id })).catch((e) => e);
    expect(noIntegration.message).toBe('No integration defined for method');
  });

  it('deploys to a new stage with variables, creates and updates stages, refuses duplicates', async () => {
    const { id, root } = await deployable();
    await client.send(new PutIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', type: 'MOCK' }));
    const dep = await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev', variables: { v: '1' } }));
    expect(dep.id).toBeDefined();
    expect(await client.send(new GetStageCommand({ restApiId: id, stageName: 'dev' }))).toMatchObject({ stageName: 'dev', deploymentId: dep.id, variables: { v: '1' } });
    await client.send(new CreateStageCommand({ restApiId: id, stageName: 'prod', deploymentId: dep.id as string }));
    const dup = await client.send(new CreateStageCommand({ restApiId: id, stageName: 'prod', deploymentId: dep.id as string })).catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup.message).toBe('Stage already exists');
    const updated = await client.send(
      new UpdateStageCommand({ restApiId: id, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/color', value: 'red' }] }),
    );
    expect(updated.variables).toEqual({ color: 'red' });
    expect((await client.send(new GetStagesCommand({ restApiId: id }))).item?.map((s) => s.stageName).sort()).toEqual(['dev', 'prod']);
    await expect(client.send(new GetStageCommand({ restApiId: id, stageName: 'nope' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('creates API keys (value hidden unless asked), usage plans on stages, and plan keys', async () => {
    const { id, root } = await deployable();
    await client.send(new PutIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', type: 'MOCK' }));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'prod' }));
    const key = await client.send(new CreateApiKeyCommand({ name: 'k', enabled: true, value: 'abcdefghijklmnopqrstuvwxyz' }));
    expect(key).toMatchObject({ name: 'k', enabled: true, value: 'abcdefghijklmnopqrstuvwxyz' });
    expect((await client.send(new GetApiKeyCommand({ apiKey: key.id as string }))).value).toBeUndefined();
    expect((await client.send(new GetApiKeyCommand({ apiKey: key.id as string, includeValue: true }))).value).toBe('abcdefghijklmnopqrstuvwxyz');
    await expect(client.send(new CreateApiKeyCommand({ value: 'short' }))).rejects.toBeInstanceOf(BadRequestException);
    const plan = await client.send(new CreateUsagePlanCommand({ name: 'p', apiStages: [{ apiId: id, stage: 'prod' }], throttle: { rateLimit: 10, burstLimit: 5 }, quota: { limit: 100, period: 'DAY' } }));
    expect(plan).toMatchObject({ name: 'p', throttle: { rateLimit: 10, burstLimit: 5 }, quota: { limit: 100, period: 'DAY' } });
    await expect(client.send(new CreateUsagePlanCommand({ name: 'bad', apiStages: [{ apiId: id, stage: 'nope' }] }))).rejects.toBeInstanceOf(BadRequestException);
    const planKey = await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id as string, keyId: key.id as string, keyType: 'API_KEY' }));
    expect(planKey).toMatchObject({ id: key.id, type: 'API_KEY', name: 'k' });
    expect((await client.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id as string }))).items?.map((k) => k.id)).toEqual([key.id]);
  });

  it('creates authorizers, request validators and models with their checks', async () => {
    const { id } = await restApi();
    await expect(client.send(new CreateAuthorizerCommand({ restApiId: id, name: 'c', type: 'COGNITO_USER_POOLS' }))).rejects.toBeInstanceOf(BadRequestException);
    const auth = await client.send(
      new CreateAuthorizerCommand({ restApiId: id, name: 'c', type: 'COGNITO_USER_POOLS', providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc'] }),
    );
    expect(auth).toMatchObject({ type: 'COGNITO_USER_POOLS', identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 300 });
    const validator = await client.send(new CreateRequestValidatorCommand({ restApiId: id, name: 'body', validateRequestBody: true }));
    expect(validator).toMatchObject({ name: 'body', validateRequestBody: true, validateRequestParameters: false });
    const model = await client.send(new CreateModelCommand({ restApiId: id, name: 'Pet', contentType: 'application/json', schema: '{"type":"object"}' }));
    expect(model).toMatchObject({ name: 'Pet', contentType: 'application/json' });
    await expect(client.send(new CreateModelCommand({ restApiId: id, name: 'Pet', contentType: 'application/json' }))).rejects.toBeInstanceOf(ConflictException);
    await expect(client.send(new CreateModelCommand({ restApiId: id, name: 'Bad', contentType: 'application/json', schema: '{' }))).rejects.toBeInstanceOf(BadRequestException);
  });
});
