/**
 * Lambda REQUEST authorizer answers cached per stage and identity for
 * AuthorizerResultTtlInSeconds on the clock; ResetAuthorizersCache drops a stage's.
 */
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  NotFoundException,
  ResetAuthorizersCacheCommand,
} from '@aws-sdk/client-apigatewayv2';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { json } from './support';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });

/** An API whose GET /me is guarded by an authorizer answering a fresh random `n` in its context each time it runs. */
async function cachedApi(ttl: number): Promise<string> {
  const lambda = lambdaClient();
  const authFn = await createNodeFunction(lambda, `authz${ttl}`, {
    'index.js': `exports.handler = async (e) => ({ isAuthorized: e.headers['x-token'] !== 'bad', context: { n: String(Math.random()) } });`,
  });
  const backend = await createNodeFunction(lambda, `backend${ttl}`, {
    'index.js': `exports.handler = async (e) => ({ statusCode: 200, body: JSON.stringify(e.requestContext.authorizer.lambda) });`,
  });
  const ApiId = (await client.send(new CreateApiCommand({ Name: 'cache', ProtocolType: 'HTTP' }))).ApiId as string;
  const auth = await client.send(
    new CreateAuthorizerCommand({
      ApiId,
      Name: 'lambda',
      AuthorizerType: 'REQUEST',
      AuthorizerUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${authFn.FunctionArn}/invocations`,
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.x-token'],
      AuthorizerResultTtlInSeconds: ttl,
    }),
  );
  const integ = await client.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: backend.FunctionArn, PayloadFormatVersion: '2.0' }));
  await client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /me', Target: `integrations/${integ.IntegrationId}`, AuthorizationType: 'CUSTOM', AuthorizerId: auth.AuthorizerId }));
  await client.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  return ApiId;
}

const call = async (apiId: string, token: string) => {
  const res = await fetch(`https://${apiId}.execute-api.us-east-1.amazonaws.com/me`, { headers: { 'x-token': token } });
  return res.status === 200 ? ((await json(res)).n as string) : res.status;
};

describe('Lambda authorizer caching', () => {
  useMockAws();
  useLambdaRole();

  it('reuses an answer per identity until the TTL passes or the stage cache is reset', async () => {
    const apiId = await cachedApi(60);
    const t0 = Date.now();
    jest.useFakeTimers({ now: t0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const first = await call(apiId, 'a');
    expect(await call(apiId, 'a')).toBe(first);
    const other = await call(apiId, 'b');
    expect(other).not.toBe(first);
    // A refusal is cached too.
    expect(await call(apiId, 'bad')).toBe(403);
    jest.setSystemTime(t0 + 61_000);
    const later = await call(apiId, 'a');
    expect(later).not.toBe(first);
    expect(await call(apiId, 'a')).toBe(later);
    await client.send(new ResetAuthorizersCacheCommand({ ApiId: apiId, StageName: '$default' }));
    expect(await call(apiId, 'a')).not.toBe(later);
    const noStage = await client.send(new ResetAuthorizersCacheCommand({ ApiId: apiId, StageName: 'nope' })).catch((e) => e);
    expect(noStage).toBeInstanceOf(NotFoundException);
  });

  it('calls the function every time with a TTL of 0', async () => {
    const apiId = await cachedApi(0);
    expect(await call(apiId, 'a')).not.toBe(await call(apiId, 'a'));
  });
});
