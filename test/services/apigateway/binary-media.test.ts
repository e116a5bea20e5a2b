/**
 * Binary media on a REST API's Lambda proxy integration (developer guide, "Binary media types for REST
 * APIs"): a request body reaches the function base64-encoded only when its Content-Type is one of the API's
 * binaryMediaTypes (otherwise as text), and an `isBase64Encoded` answer is decoded to bytes only when the
 * client's first Accept type is one of them (otherwise the client gets the base64 text).
 */
import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });
const lambda = lambdaClient();
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]);
// Answers a PNG (base64, isBase64Encoded) and reports what it was given.
const SOURCE = `exports.handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'image/png', 'x-was-base64': String(event.isBase64Encoded), 'x-body': Buffer.from(event.body ?? '').toString('base64') },
  body: '${PNG.toString('base64')}',
  isBase64Encoded: true,
});`;

async function restApi(binaryMediaTypes?: string[]): Promise<string> {
  const created = await client.send(new CreateRestApiCommand({ name: 'binary', binaryMediaTypes }));
  const restApiId = created.id as string;
  const resourceId = created.rootResourceId as string;
  const arn = (await createNodeFunction(lambda, `bin-${restApiId}`, { 'index.js': SOURCE })).FunctionArn as string;
  await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'POST', authorizationType: 'NONE' }));
  await client.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId,
      httpMethod: 'POST',
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`,
    }),
  );
  await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  return restApiId;
}

const post = (id: string, headers: Record<string, string>) =>
  fetch(`https://${id}.execute-api.us-east-1.amazonaws.com/prod/`, { method: 'POST', headers, body: PNG });

describe('REST API binary media types (Lambda proxy)', () => {
  useMockAws();
  useLambdaRole();

  it('without binaryMediaTypes: the request body is text to the function and the answer is the base64 text', async () => {
    const id = await restApi();
    const res = await post(id, { 'content-type': 'image/png', accept: 'image/png' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-was-base64')).toBe('false');
    // The body went through as UTF-8 text: the bytes that are not UTF-8 did not survive.
    expect(Buffer.from(res.headers.get('x-body') as string, 'base64').equals(PNG)).toBe(false);
    expect(await res.text()).toBe(PNG.toString('base64'));
  });

  it('with image/* listed: the function gets base64 and a client accepting image/png gets the bytes', async () => {
    const id = await restApi(['image/*']);
    const res = await post(id, { 'content-type': 'image/png', accept: 'image/png, application/json' });
    expect(res.headers.get('x-was-base64')).toBe('true');
    expect(Buffer.from(res.headers.get('x-body') as string, 'base64').toString('utf8')).toBe(PNG.toString('base64'));
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    // The first Accept type decides: application/json first gets the base64 text.
    const text = await post(id, { 'content-type': 'image/png', accept: 'application/json, image/png' });
    expect(await text.text()).toBe(PNG.toString('base64'));
    // A Content-Type that is not listed reaches the function as text.
    const plain = await post(id, { 'content-type': 'application/octet-stream', accept: 'image/png' });
    expect(plain.headers.get('x-was-base64')).toBe('false');
  });
});
