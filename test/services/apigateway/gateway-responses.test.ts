/** Gateway responses: the control plane (defaults, put, update, delete) and the data plane answering with them. */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteGatewayResponseCommand,
  GetGatewayResponseCommand,
  GetGatewayResponsesCommand,
  NotFoundException,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateGatewayResponseCommand,
} from '@aws-sdk/client-api-gateway';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });
const url = (apiId: string, path: string) => `https://${apiId}.execute-api.us-east-1.amazonaws.com${path}`;

/** A deployed API with GET /pets (MOCK) on stage `dev`. */
async function deployedApi() {
  const api = await client.send(new CreateRestApiCommand({ name: 'gr' }));
  const restApiId = api.id as string;
  const resourceId = (await client.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'pets' }))).id as string;
  await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }));
  await client.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
  await client.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":200}' } }));
  await client.send(new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
  await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
  return restApiId;
}

describe('gateway responses', () => {
  useMockAws();

  it('every API has the default responses, with their status codes and the default template', async () => {
    const restApiId = await deployedApi();
    const all = await client.send(new GetGatewayResponsesCommand({ restApiId, limit: 500 }));
    expect(all.items).toHaveLength(21);
    const missing = await client.send(new GetGatewayResponseCommand({ restApiId, responseType: 'MISSING_AUTHENTICATION_TOKEN' }));
    expect(missing).toMatchObject({
      responseType: 'MISSING_AUTHENTICATION_TOKEN',
      statusCode: '403',
      defaultResponse: true,
      responseTemplates: { 'application/json': '{"message":$context.error.messageString}' },
    });
    const d4 = await client.send(new GetGatewayResponseCommand({ restApiId, responseType: 'DEFAULT_4XX' }));
    expect(d4.statusCode).toBeUndefined();
  });

  it('put, update and delete a response; deleting one never customized is NotFoundException', async () => {
    const restApiId = await deployedApi();
    const put = await client.send(
      new PutGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED', statusCode: '401', responseTemplates: { 'application/json': '{"error":"no"}' } }),
    );
    expect(put).toMatchObject({ responseType: 'UNAUTHORIZED', statusCode: '401', defaultResponse: false });
    const updated = await client.send(
      new UpdateGatewayResponseCommand({
        restApiId,
        responseType: 'UNAUTHORIZED',
        patchOperations: [
          { op: 'replace', path: '/statusCode', value: '403' },
          { op: 'add', path: '/responseParameters/gatewayresponse.header.X-Why', value: "'token'" },
        ],
      }),
    );
    expect(updated).toMatchObject({ statusCode: '403', responseParameters: { 'gatewayresponse.header.X-Why': "'token'" } });
    await client.send(new DeleteGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED' }));
    expect((await client.send(new GetGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED' }))).defaultResponse).toBe(true);
    const err = await client.send(new DeleteGatewayResponseCommand({ restApiId, responseType: 'THROTTLED' })).catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundException);
  });

  it('the data plane answers refusals with the customized gateway response (status, headers, rendered template)', async () => {
    const restApiId = await deployedApi();
    const before = await fetch(url(restApiId, '/dev/nothing'));
    expect(before.status).toBe(403);
    expect(await before.json()).toEqual({ message: 'Missing Authentication Token' });
    await client.send(
      new PutGatewayResponseCommand({
        restApiId,
        responseType: 'MISSING_AUTHENTICATION_TOKEN',
        statusCode: '404',
        responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'", 'gatewayresponse.header.X-Asked': 'method.request.header.x-ask' },
        responseTemplates: { 'application/json': '{"error":$context.error.messageString,"type":"$context.error.responseType"}' },
      }),
    );
    // A gateway response takes effect with the next deployment, as everything a stage serves.
    expect((await fetch(url(restApiId, '/dev/nothing'))).status).toBe(403);
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
    const after = await fetch(url(restApiId, '/dev/nothing'), { headers: { 'x-ask': 'why' } });
    expect(after.status).toBe(404);
    expect(after.headers.get('access-control-allow-origin')).toBe('*');
    expect(after.headers.get('x-asked')).toBe('why');
    expect(await after.json()).toEqual({ error: 'Missing Authentication Token', type: 'MISSING_AUTHENTICATION_TOKEN' });
  });

  it('a customized DEFAULT_4XX shapes the 4xx types not customized themselves, keeping their status', async () => {
    const restApiId = await deployedApi();
    await client.send(new PutGatewayResponseCommand({ restApiId, responseType: 'DEFAULT_4XX', responseTemplates: { 'application/json': '{"oops":"$context.error.message"}' } }));
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
    const res = await fetch(url(restApiId, '/dev/pets'));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ oops: 'Forbidden' });
  });
});
