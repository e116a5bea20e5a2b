/**
 * mockAPIGateway() alone serves its REST APIs over execute-api, although the
 * data plane lives in the apigatewayv2 module (DataPlaneRoute.alsoFor).
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway';
import { mockAPIGateway } from '../../../src/api/per-service';

it('answers a MOCK integration of a REST API under mockAPIGateway()', async () => {
  const aws = mockAPIGateway();
  try {
    const client = new APIGatewayClient({ region: 'us-east-1' });
    const { id } = await client.send(new CreateRestApiCommand({ name: 'solo' }));
    const root = (await client.send(new GetResourcesCommand({ restApiId: id }))).items?.[0]?.id as string;
    await client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' }));
    await client.send(
      new PutIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }),
    );
    await client.send(new PutMethodResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', statusCode: '200' }));
    await client.send(
      new PutIntegrationResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', statusCode: '200', responseTemplates: { 'application/json': '{"solo": true}' } }),
    );
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'dev' }));
    const res = await fetch(`https://${id}.execute-api.us-east-1.amazonaws.com/dev/`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ solo: true });
  } finally {
    aws.stop();
  }
});
