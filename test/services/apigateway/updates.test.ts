/** REST APIs' Update* operations: JSON-patch semantics through the real SDK. */
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
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetAccountCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourceCommand,
  GetUsageCommand,
  GetUsagePlanKeyCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateAccountCommand,
  UpdateAuthorizerCommand,
  UpdateDeploymentCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateMethodCommand,
  UpdateMethodResponseCommand,
  UpdateModelCommand,
  UpdateRequestValidatorCommand,
  UpdateResourceCommand,
  UpdateUsageCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });

async function mockApi() {
  const api = await client.send(new CreateRestApiCommand({ name: 'api' }));
  const restApiId = api.id as string;
  const res = await client.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'pets' }));
  const resourceId = res.id as string;
  await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await client.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
  await client.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
  await client.send(new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
  return { restApiId, resourceId, root: api.rootResourceId as string };
}

describe('REST API updates (patch operations)', () => {
  useMockAws();

  it('UpdateMethod replaces scalars, adds map keys (with ~1 escapes) and refuses unknown paths without applying anything', async () => {
    const { restApiId, resourceId } = await mockApi();
    const m = await client.send(
      new UpdateMethodCommand({
        restApiId,
        resourceId,
        httpMethod: 'GET',
        patchOperations: [
          { op: 'replace', path: '/apiKeyRequired', value: 'true' },
          { op: 'add', path: '/requestParameters/method.request.querystring.q', value: 'false' },
          { op: 'add', path: '/requestModels/application~1json', value: 'Empty' },
          { op: 'replace', path: '/operationName', value: 'ListPets' },
        ],
      }),
    );
    expect(m).toMatchObject({ apiKeyRequired: true, operationName: 'ListPets', requestParameters: { 'method.request.querystring.q': false }, requestModels: { 'application/json': 'Empty' } });
    const err = await client
      .send(new UpdateMethodCommand({ restApiId, resourceId, httpMethod: 'GET', patchOperations: [{ op: 'replace', path: '/operationName', value: 'X' }, { op: 'replace', path: '/bogus', value: 'x' }] }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(BadRequestException);
    expect(err.message).toBe('Invalid patch path /bogus for operation replace');
    expect((await client.send(new GetMethodCommand({ restApiId, resourceId, httpMethod: 'GET' }))).operationName).toBe('ListPets');
    const bad = await client.send(new UpdateMethodCommand({ restApiId, resourceId, httpMethod: 'GET', patchOperations: [{ op: 'replace', path: '/apiKeyRequired', value: 'yes' }] })).catch((e) => e);
    expect(bad).toBeInstanceOf(BadRequestException);
  });

  it('UpdateMethod checks the authorizer a CUSTOM method names', async () => {
    const { restApiId, resourceId } = await mockApi();
    const err = await client
      .send(new UpdateMethodCommand({ restApiId, resourceId, httpMethod: 'GET', patchOperations: [{ op: 'replace', path: '/authorizationType', value: 'CUSTOM' }] }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(BadRequestException);
    expect(err.message).toMatch(/^Invalid authorizer ID specified/);
  });

  it('UpdateIntegration and UpdateIntegrationResponse patch templates, timeouts and selection patterns', async () => {
    const { restApiId, resourceId } = await mockApi();
    const i = await client.send(
      new UpdateIntegrationCommand({
        restApiId,
        resourceId,
        httpMethod: 'GET',
        patchOperations: [
          { op: 'replace', path: '/requestTemplates/application~1json', value: '{"statusCode": 201}' },
          { op: 'add', path: '/requestTemplates/text~1plain', value: '{}' },
          { op: 'replace', path: '/timeoutInMillis', value: '5000' },
          { op: 'add', path: '/cacheKeyParameters/method.request.path.id' },
        ],
      }),
    );
    expect(i).toMatchObject({ timeoutInMillis: 5000, requestTemplates: { 'application/json': '{"statusCode": 201}', 'text/plain': '{}' }, cacheKeyParameters: ['method.request.path.id'] });
    const tooLong = await client
      .send(new UpdateIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', patchOperations: [{ op: 'replace', path: '/timeoutInMillis', value: '30000' }] }))
      .catch((e) => e);
    expect(tooLong).toBeInstanceOf(BadRequestException);
    expect((await client.send(new GetIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET' }))).timeoutInMillis).toBe(5000);
    await client.send(
      new UpdateIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', patchOperations: [{ op: 'remove', path: '/requestTemplates/text~1plain' }] }),
    );
    expect((await client.send(new GetIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET' }))).requestTemplates).toEqual({ 'application/json': '{"statusCode": 201}' });
    const ir = await client.send(
      new UpdateIntegrationResponseCommand({
        restApiId,
        resourceId,
        httpMethod: 'GET',
        statusCode: '200',
        patchOperations: [
          { op: 'replace', path: '/selectionPattern', value: '2\\d{2}' },
          { op: 'add', path: '/responseParameters/method.response.header.X-A', value: "'a'" },
        ],
      }),
    );
    expect(ir).toMatchObject({ selectionPattern: '2\\d{2}', responseParameters: { 'method.response.header.X-A': "'a'" } });
    const mr = await client.send(
      new UpdateMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200', patchOperations: [{ op: 'add', path: '/responseParameters/method.response.header.X-A', value: 'true' }] }),
    );
    expect(mr.responseParameters).toEqual({ 'method.response.header.X-A': true });
    const missing = await client.send(new UpdateMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '404', patchOperations: [] })).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
  });

  it('UpdateResource renames and moves a resource, its subtree following; siblings still conflict', async () => {
    const { restApiId, resourceId, root } = await mockApi();
    const child = await client.send(new CreateResourceCommand({ restApiId, parentId: resourceId, pathPart: '{id}' }));
    const other = await client.send(new CreateResourceCommand({ restApiId, parentId: root, pathPart: 'cats' }));
    await client.send(new UpdateResourceCommand({ restApiId, resourceId, patchOperations: [{ op: 'replace', path: '/pathPart', value: 'dogs' }] }));
    expect((await client.send(new GetResourceCommand({ restApiId, resourceId: child.id }))).path).toBe('/dogs/{id}');
    await client.send(new UpdateResourceCommand({ restApiId, resourceId, patchOperations: [{ op: 'replace', path: '/parentId', value: other.id }] }));
    expect((await client.send(new GetResourceCommand({ restApiId, resourceId: child.id }))).path).toBe('/cats/dogs/{id}');
    const clash = await client.send(new UpdateResourceCommand({ restApiId, resourceId: other.id, patchOperations: [{ op: 'replace', path: '/parentId', value: child.id }] })).catch((e) => e);
    expect(clash).toBeInstanceOf(BadRequestException);
    const dog2 = await client.send(new CreateResourceCommand({ restApiId, parentId: other.id, pathPart: 'birds' }));
    const dup = await client.send(new UpdateResourceCommand({ restApiId, resourceId: dog2.id, patchOperations: [{ op: 'replace', path: '/pathPart', value: 'dogs' }] })).catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup.message).toBe('Another resource with the same parent already has this name: dogs');
  });

  it('updates models (schema must stay JSON), validators, authorizers and deployments', async () => {
    const { restApiId } = await mockApi();
    await client.send(new CreateModelCommand({ restApiId, name: 'Pet', contentType: 'application/json', schema: '{}' }));
    const model = await client.send(new UpdateModelCommand({ restApiId, modelName: 'Pet', patchOperations: [{ op: 'replace', path: '/schema', value: '{"type":"object"}' }] }));
    expect(model.schema).toBe('{"type":"object"}');
    const badSchema = await client.send(new UpdateModelCommand({ restApiId, modelName: 'Pet', patchOperations: [{ op: 'replace', path: '/schema', value: '{' }] })).catch((e) => e);
    expect(badSchema).toBeInstanceOf(BadRequestException);
    const v = await client.send(new CreateRequestValidatorCommand({ restApiId, name: 'v' }));
    const v2 = await client.send(new UpdateRequestValidatorCommand({ restApiId, requestValidatorId: v.id, patchOperations: [{ op: 'replace', path: '/validateRequestBody', value: 'true' }] }));
    expect(v2).toMatchObject({ name: 'v', validateRequestBody: true, validateRequestParameters: false });
    const a = await client.send(new CreateAuthorizerCommand({ restApiId, name: 'c', type: 'COGNITO_USER_POOLS', providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_a'] }));
    const a2 = await client.send(
      new UpdateAuthorizerCommand({
        restApiId,
        authorizerId: a.id,
        patchOperations: [
          { op: 'add', path: '/providerARNs', value: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_b' },
          { op: 'replace', path: '/authorizerResultTtlInSeconds', value: '60' },
        ],
      }),
    );
    expect(a2.providerARNs).toHaveLength(2);
    expect(a2.authorizerResultTtlInSeconds).toBe(60);
    const ttl = await client.send(new UpdateAuthorizerCommand({ restApiId, authorizerId: a.id, patchOperations: [{ op: 'replace', path: '/authorizerResultTtlInSeconds', value: '4000' }] })).catch((e) => e);
    expect(ttl).toBeInstanceOf(BadRequestException);
    const d = await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
    const d2 = await client.send(new UpdateDeploymentCommand({ restApiId, deploymentId: d.id, patchOperations: [{ op: 'replace', path: '/description', value: 'first' }] }));
    expect(d2.description).toBe('first');
  });

  it('usage plans: UpdateUsagePlan, GetUsagePlanKey, GetUsage and UpdateUsage', async () => {
    const { restApiId } = await mockApi();
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
    const plan = await client.send(new CreateUsagePlanCommand({ name: 'p', quota: { limit: 10, period: 'DAY' } }));
    const p2 = await client.send(
      new UpdateUsagePlanCommand({
        usagePlanId: plan.id,
        patchOperations: [
          { op: 'add', path: '/apiStages', value: `${restApiId}:dev` },
          { op: 'replace', path: '/throttle/rateLimit', value: '12.5' },
          { op: 'replace', path: '/quota/limit', value: '100' },
        ],
      }),
    );
    expect(p2).toMatchObject({ apiStages: [{ apiId: restApiId, stage: 'dev' }], throttle: { rateLimit: 12.5 }, quota: { limit: 100, period: 'DAY' } });
    const noStage = await client.send(new UpdateUsagePlanCommand({ usagePlanId: plan.id, patchOperations: [{ op: 'add', path: '/apiStages', value: `${restApiId}:prod` }] })).catch((e) => e);
    expect(noStage).toBeInstanceOf(BadRequestException);
    const key = await client.send(new CreateApiKeyCommand({ name: 'k', enabled: true }));
    await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
    expect(await client.send(new GetUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id }))).toMatchObject({ id: key.id, type: 'API_KEY', name: 'k' });
    const today = new Date().toISOString().slice(0, 10);
    const usage = await client.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: today, endDate: today }));
    expect(usage.items).toEqual({ [key.id as string]: [[0, 100]] });
    const extended = await client.send(new UpdateUsageCommand({ usagePlanId: plan.id, keyId: key.id, patchOperations: [{ op: 'replace', path: '/remaining', value: '150' }] }));
    expect(extended.items?.[key.id as string]).toEqual([[0, 150]]);
    const badDate = await client.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: 'yesterday', endDate: today })).catch((e) => e);
    expect(badDate).toBeInstanceOf(BadRequestException);
  });

  it('GetAccount / UpdateAccount', async () => {
    expect(await client.send(new GetAccountCommand({}))).toMatchObject({ throttleSettings: { burstLimit: 5000, rateLimit: 10000 }, apiKeyVersion: '4' });
    const arn = 'arn:aws:iam::123456789012:role/apigw-logs';
    const updated = await client.send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: arn }, { op: 'add', path: '/features', value: 'UsagePlans' }] }));
    expect(updated).toMatchObject({ cloudwatchRoleArn: arn, features: ['UsagePlans'] });
    const bad = await client.send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: 'nope' }] })).catch((e) => e);
    expect(bad).toBeInstanceOf(BadRequestException);
    expect((await client.send(new GetAccountCommand({}))).cloudwatchRoleArn).toBe(arn);
  });
});
