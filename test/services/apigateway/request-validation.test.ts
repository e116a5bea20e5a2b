/**
 * Request validation on the REST API data plane (request validators with
 * required parameters and JSON Schema draft-4 request models), and what a
 * deployment freezes: changes reach a stage only through CreateDeployment or
 * UpdateStage's /deploymentId.
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateMethodCommand,
  UpdateRequestValidatorCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { validateSchema } from '../../../services/apigateway/models/json-schema';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });
const url = (apiId: string, path: string) => `https://${apiId}.execute-api.us-east-1.amazonaws.com${path}`;
const post = (u: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(u, { method: 'POST', body, headers });

/** An API with POST /pets (body model Pet) and GET /pets (required `limit` query and `x-tenant` header), MOCK answering 200. */
async function validatedApi() {
  const api = await client.send(new CreateRestApiCommand({ name: 'validated' }));
  const restApiId = api.id as string;
  const resourceId = (await client.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'pets' }))).id as string;
  await client.send(
    new CreateModelCommand({
      restApiId,
      name: 'Tag',
      contentType: 'application/json',
      schema: JSON.stringify({ type: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z]+$' }),
    }),
  );
  await client.send(
    new CreateModelCommand({
      restApiId,
      name: 'Pet',
      contentType: 'application/json',
      schema: JSON.stringify({
        $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'object',
        required: ['name', 'age'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          age: { type: 'integer', minimum: 0, maximum: 30 },
          kind: { enum: ['cat', 'dog'] },
          tags: { type: 'array', items: { $ref: `https://apigateway.amazonaws.com/restapis/${restApiId}/models/Tag` } },
        },
      }),
    }),
  );
  const all = await client.send(new CreateRequestValidatorCommand({ restApiId, name: 'all', validateRequestBody: true, validateRequestParameters: true }));
  for (const httpMethod of ['GET', 'POST']) {
    await client.send(
      new PutMethodCommand({
        restApiId,
        resourceId,
        httpMethod,
        authorizationType: 'NONE',
        requestValidatorId: all.id,
        requestParameters: httpMethod === 'GET' ? { 'method.request.querystring.limit': true, 'method.request.header.x-tenant': true, 'method.request.querystring.page': false } : undefined,
        requestModels: httpMethod === 'POST' ? { 'application/json': 'Pet' } : undefined,
      }),
    );
    await client.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod, statusCode: '200' }));
    await client.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":200}' } }));
    await client.send(new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod, statusCode: '200', responseTemplates: { 'application/json': '{"ok":true}' } }));
  }
  await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
  return { restApiId, resourceId, validatorId: all.id as string };
}

describe('REST API request validation', () => {
  useMockAws();

  it('refuses a request without its required parameters (absent or blank) with 400 BAD_REQUEST_PARAMETERS', async () => {
    const { restApiId } = await validatedApi();
    const none = await fetch(url(restApiId, '/dev/pets'));
    expect(none.status).toBe(400);
    expect(none.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    expect(await none.json()).toEqual({ message: 'Missing required request parameters: [limit, x-tenant]' });
    const blank = await fetch(url(restApiId, '/dev/pets?limit=1'), { headers: { 'x-tenant': ' ' } });
    expect(await blank.json()).toEqual({ message: 'Missing required request parameters: [x-tenant]' });
    const ok = await fetch(url(restApiId, '/dev/pets?limit=1'), { headers: { 'x-tenant': 'acme' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
  });

  it('validates the body against the request model (draft 4, $ref to another model) with 400 BAD_REQUEST_BODY', async () => {
    const { restApiId } = await validatedApi();
    const u = url(restApiId, '/dev/pets');
    expect((await post(u, JSON.stringify({ name: 'rex', age: 3, kind: 'dog', tags: ['good'] }))).status).toBe(200);
    for (const bad of [
      { name: 'rex' },
      { name: 'rex', age: 3.5 },
      { name: 'rex', age: 31 },
      { name: 'rex', age: 3, kind: 'cow' },
      { name: 'rex', age: 3, extra: 1 },
      { name: 'rex', age: 3, tags: ['x'] },
      { name: 'rex', age: 3, tags: ['UPPER'] },
      [1, 2],
    ]) {
      const res = await post(u, JSON.stringify(bad));
      expect([res.status, await res.json()]).toEqual([400, { message: 'Invalid request body' }]);
      expect(res.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    }
    expect((await post(u, '{not json')).status).toBe(400);
    // A content type with no model mapped has nothing to be validated against.
    expect((await post(u, '<pet/>', { 'content-type': 'application/xml' })).status).toBe(200);
  });

  it('shapes the refusal through the BAD_REQUEST_BODY gateway response with $context.error.validationErrorString', async () => {
    const { restApiId } = await validatedApi();
    await client.send(
      new PutGatewayResponseCommand({
        restApiId,
        responseType: 'BAD_REQUEST_BODY',
        statusCode: '422',
        responseTemplates: { 'application/json': '{"message":$context.error.messageString,"detail":"$util.escapeJavaScript($context.error.validationErrorString)"}' },
      }),
    );
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
    const res = await post(url(restApiId, '/dev/pets'), JSON.stringify({ age: -1 }));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      message: 'Invalid request body',
      detail: '[object has missing required properties (["name"]), numeric instance is lower than the required minimum (minimum: 0, found: -1)]',
    });
  });

  it('serves what was deployed: validator and method changes wait for a deployment, UpdateStage can point back', async () => {
    const { restApiId, resourceId, validatorId } = await validatedApi();
    const first = (await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }))).id as string;
    await client.send(new UpdateRequestValidatorCommand({ restApiId, requestValidatorId: validatorId, patchOperations: [{ op: 'replace', path: '/validateRequestParameters', value: 'false' }] }));
    // A method change after the deployment: the stage keeps the method it was deployed with.
    await client.send(new UpdateMethodCommand({ restApiId, resourceId, httpMethod: 'GET', patchOperations: [{ op: 'remove', path: '/requestParameters/method.request.header.x-tenant' }] }));
    expect((await fetch(url(restApiId, '/dev/pets'))).status).toBe(400);
    const second = (await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }))).id as string;
    expect(second).not.toBe(first);
    expect((await fetch(url(restApiId, '/dev/pets'))).status).toBe(200);
    await client.send(new UpdateStageCommand({ restApiId, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/deploymentId', value: first }] }));
    expect((await fetch(url(restApiId, '/dev/pets'))).status).toBe(400);
  });
});

describe('REST API deployments across a snapshot', () => {
  const aws = useMockAws();

  it('a restored snapshot serves the deployment it held, validators and models included', async () => {
    const { restApiId } = await validatedApi();
    const saved = await aws.snapshot();
    aws.reset();
    expect((await fetch(url(restApiId, '/dev/pets'))).status).toBe(404);
    await aws.restore(saved);
    expect(await (await fetch(url(restApiId, '/dev/pets'))).json()).toEqual({ message: 'Missing required request parameters: [limit, x-tenant]' });
    expect((await post(url(restApiId, '/dev/pets'), JSON.stringify({ name: 'rex', age: 3, tags: ['ok'] }))).status).toBe(200);
    expect((await post(url(restApiId, '/dev/pets'), JSON.stringify({ name: 'rex', age: 3, tags: ['UP'] }))).status).toBe(400);
  });
});

describe('JSON Schema draft 4 validator', () => {
  const none = () => undefined;

  it('checks types, numbers, strings, arrays and objects with the validator wording', () => {
    expect(validateSchema('x', { type: 'integer' }, none)).toEqual(['instance type (string) does not match any allowed primitive type (allowed: ["integer"])']);
    expect(validateSchema(3, { type: 'number' }, none)).toEqual([]);
    expect(validateSchema(null, { type: ['string', 'null'] }, none)).toEqual([]);
    expect(validateSchema(5, { minimum: 5, exclusiveMinimum: true }, none)).toEqual(['numeric instance is not strictly greater than the required minimum 5']);
    expect(validateSchema(7, { multipleOf: 2 }, none)).toHaveLength(1);
    expect(validateSchema('ab', { minLength: 3 }, none)).toEqual(['string "ab" is too short (length: 2, required minimum: 3)']);
    expect(validateSchema('😀😀', { maxLength: 2 }, none)).toEqual([]);
    expect(validateSchema([1, 1], { uniqueItems: true, maxItems: 1 }, none)).toHaveLength(2);
    expect(validateSchema([1, 'a'], { items: [{ type: 'integer' }], additionalItems: false }, none)).toHaveLength(1);
    expect(validateSchema({ a: 1, x1: 'no' }, { patternProperties: { '^x': { type: 'integer' } }, additionalProperties: { type: 'integer' } }, none)).toHaveLength(1);
    expect(validateSchema({}, { minProperties: 1 }, none)).toHaveLength(1);
  });

  it('combines schemas and resolves local and model $refs', () => {
    expect(validateSchema(3, { anyOf: [{ type: 'string' }, { minimum: 5 }] }, none)).toHaveLength(1);
    expect(validateSchema(6, { oneOf: [{ type: 'integer' }, { minimum: 5 }] }, none)).toEqual(['instance failed to match exactly one schema (matched 2 out of 2)']);
    expect(validateSchema('a', { not: { type: 'string' } }, none)).toHaveLength(1);
    expect(validateSchema({ p: 'x' }, { definitions: { P: { type: 'integer' } }, properties: { p: { $ref: '#/definitions/P' } } }, none)).toHaveLength(1);
    const models = (name: string) => (name === 'Id' ? { type: 'string', pattern: '^[0-9]+$' } : undefined);
    const ref = { $ref: 'https://apigateway.amazonaws.com/restapis/abc/models/Id' };
    expect(validateSchema('12', ref, models)).toEqual([]);
    expect(validateSchema('a', ref, models)).toEqual(['ECMA 262 regex "^[0-9]+$" does not match input string "a"']);
    expect(validateSchema('a', { $ref: 'https://apigateway.amazonaws.com/restapis/abc/models/Gone' }, models)).toHaveLength(1);
  });
});
