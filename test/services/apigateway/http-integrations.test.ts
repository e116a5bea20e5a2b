/** HTTP and HTTP_PROXY integrations: routed to endpoints the mock answers, never the network. */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });
const url = (apiId: string, path: string) => `https://${apiId}.execute-api.us-east-1.amazonaws.com${path}`;

/** A backend API: GET /items/{id} answers `{"id": ..., "q": ...}` with status 201 (MOCK). */
async function backendApi() {
  const api = await client.send(new CreateRestApiCommand({ name: 'backend' }));
  const restApiId = api.id as string;
  const items = (await client.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'items' }))).id as string;
  const resourceId = (await client.send(new CreateResourceCommand({ restApiId, parentId: items, pathPart: '{id}' }))).id as string;
  await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await client.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '201' }));
  await client.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":201}' } }));
  await client.send(
    new PutIntegrationResponseCommand({
      restApiId,
      resourceId,
      httpMethod: 'GET',
      statusCode: '201',
      responseTemplates: { 'application/json': `{"id":"$input.params('id')","q":"$input.params('q')"}` },
      responseParameters: { 'method.response.header.X-Backend': "'yes'" },
    }),
  );
  await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'v1' }));
  return restApiId;
}

/** A front API with ANY /{proxy+} → `target` through an integration of `type`. */
async function frontApi(type: 'HTTP_PROXY' | 'HTTP', target: string) {
  const api = await client.send(new CreateRestApiCommand({ name: 'front' }));
  const restApiId = api.id as string;
  const resourceId = (await client.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: '{proxy+}' }))).id as string;
  await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE', requestParameters: { 'method.request.path.proxy': true } }));
  await client.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId,
      httpMethod: 'GET',
      type,
      integrationHttpMethod: 'GET',
      uri: target,
      requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
    }),
  );
  if (type === 'HTTP') {
    await client.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
    await client.send(
      new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200', selectionPattern: '2\\d\\d', responseTemplates: { 'application/json': '{"wrapped":$input.json(\'$\')}' } }),
    );
  }
  await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  return restApiId;
}

describe('HTTP integrations', () => {
  useMockAws();

  it('HTTP_PROXY to another execute-api stage passes path, query, status and headers through', async () => {
    const backend = await backendApi();
    const front = await frontApi('HTTP_PROXY', `${url(backend, '/v1')}/{proxy}`);
    const res = await fetch(url(front, '/prod/items/42?q=dogs'));
    expect(res.status).toBe(201);
    expect(res.headers.get('x-backend')).toBe('yes');
    expect(await res.json()).toEqual({ id: '42', q: 'dogs' });
  });

  it('HTTP (non-proxy) maps the answer through the integration response selected by its status', async () => {
    const backend = await backendApi();
    const front = await frontApi('HTTP', `${url(backend, '/v1')}/{proxy}`);
    const res = await fetch(url(front, '/prod/items/7'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ wrapped: { id: '7', q: '' } });
  });

  it('an endpoint outside the mock is never called: 504 as an unreachable integration', async () => {
    const front = await frontApi('HTTP_PROXY', 'https://example.com/{proxy}');
    const res = await fetch(url(front, '/prod/anything'));
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({ message: 'Internal server error' });
  });
});
