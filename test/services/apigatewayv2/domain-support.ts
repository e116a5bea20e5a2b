/** Helpers for the custom domain tests: clients, a REGIONAL domain, an HTTP API and a REST API to map. */
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
import { ApiGatewayV2Client, CreateApiCommand, CreateDomainNameCommand } from '@aws-sdk/client-apigatewayv2';
import { createNodeFunction, lambdaClient } from '../lambda/support';

export const v2 = new ApiGatewayV2Client({ region: 'us-east-1' });
export const v1 = new APIGatewayClient({ region: 'us-east-1' });
export const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

export const regional = (name: string, extra: { SecurityPolicy?: 'TLS_1_0' | 'TLS_1_2' } = {}) =>
  v2.send(new CreateDomainNameCommand({ DomainName: name, DomainNameConfigurations: [{ CertificateArn: CERT, EndpointType: 'REGIONAL', ...extra }] }));

/** An HTTP API quick-created on a function answering `{tag, rawPath, stage}`: its $default stage auto-deploys. */
export async function httpApi(tag: string): Promise<string> {
  const fn = await createNodeFunction(lambdaClient(), `fn-${tag}`, {
    'index.js': `exports.handler = async (e) => ({ statusCode: 200, body: JSON.stringify({ tag: ${JSON.stringify(tag)}, rawPath: e.rawPath, stage: e.requestContext.stage, domain: e.requestContext.domainName }) });`,
  });
  return (await v2.send(new CreateApiCommand({ Name: tag, ProtocolType: 'HTTP', Target: fn.FunctionArn }))).ApiId as string;
}

/** A REST API whose GET /hello answers `{"api": "<tag>", "stage": ...}` (MOCK) on stage `prod`. */
export async function restApi(tag: string): Promise<string> {
  const api = await v1.send(new CreateRestApiCommand({ name: tag }));
  const restApiId = api.id as string;
  const resourceId = (await v1.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'hello' }))).id as string;
  await v1.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await v1.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
  await v1.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":200}' } }));
  await v1.send(
    new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200', responseTemplates: { 'application/json': `{"api":"${tag}","stage":"$context.stage"}` } }),
  );
  await v1.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  return restApiId;
}

