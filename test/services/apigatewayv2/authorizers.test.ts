/**
 * HTTP API authorizers on the data plane: JWT (RS256 tokens checked against
 * the issuer's JWKS, served here by a local server), and Lambda REQUEST
 * authorizers with simple responses.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { json } from './support';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });
const lambda = lambdaClient();
const ECHO = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer ?? null) });`;

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

function sign(claims: Record<string, unknown>, key = privateKey, kid = 'k1'): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${enc({ alg: 'RS256', kid, typ: 'JWT' })}.${enc(claims)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(key).toString('base64url')}`;
}

let server: Server;
let issuer: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks.json` }));
    else res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const url = (apiId: string, path: string) => `https://${apiId}.execute-api.us-east-1.amazonaws.com${path}`;

async function apiWith(routeKey: string, authorizer: Omit<ConstructorParameters<typeof CreateAuthorizerCommand>[0], 'ApiId'>, scopes?: string[]) {
  const fn = await createNodeFunction(lambda, 'backend', { 'index.js': ECHO });
  const apiId = (await client.send(new CreateApiCommand({ Name: 'auth', ProtocolType: 'HTTP' }))).ApiId as string;
  const auth = await client.send(new CreateAuthorizerCommand({ ApiId: apiId, ...authorizer }));
  const integ = await client.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: fn.FunctionArn, PayloadFormatVersion: '2.0' }));
  await client.send(
    new CreateRouteCommand({
      ApiId: apiId,
      RouteKey: routeKey,
      Target: `integrations/${integ.IntegrationId}`,
      AuthorizationType: authorizer.AuthorizerType === 'JWT' ? 'JWT' : 'CUSTOM',
      AuthorizerId: auth.AuthorizerId,
      AuthorizationScopes: scopes,
    }),
  );
  await client.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
  return apiId;
}

describe('JWT authorizers', () => {
  useMockAws();
  useLambdaRole();

  const jwt = () => ({
    Name: 'jwt',
    AuthorizerType: 'JWT' as const,
    IdentitySource: ['$request.header.Authorization'],
    JwtConfiguration: { Issuer: issuer, Audience: ['app-client'] },
  });
  const now = () => Math.floor(Date.now() / 1000);

  it('lets a valid token through and hands its claims and scopes to the function', async () => {
    const apiId = await apiWith('GET /me', jwt());
    const token = sign({ iss: issuer, aud: 'app-client', sub: 'user-1', exp: now() + 3600, scope: 'read write' });
    const res = await fetch(url(apiId, '/me'), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const authorizer = await json(res);
    expect(authorizer.jwt.claims).toMatchObject({ iss: issuer, aud: 'app-client', sub: 'user-1' });
    expect(authorizer.jwt.scopes).toEqual(['read', 'write']);
    // Without "Bearer " too.
    expect((await fetch(url(apiId, '/me'), { headers: { authorization: token } })).status).toBe(200);
  });

  it('answers 401 {"message":"Unauthorized"} without a token, with a bad signature, a wrong audience or issuer, or an expired token', async () => {
    const apiId = await apiWith('GET /me', jwt());
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: sign({ iss: issuer, aud: 'app-client', exp: now() + 60 }, other.privateKey) },
      { authorization: sign({ iss: issuer, aud: 'someone-else', exp: now() + 60 }) },
      { authorization: sign({ iss: 'https://other.example', aud: 'app-client', exp: now() + 60 }) },
      { authorization: sign({ iss: issuer, aud: 'app-client', exp: now() - 1 }) },
      { authorization: 'not.a.jwt' },
    ];
    for (const headers of cases) {
      const res = await fetch(url(apiId, '/me'), { headers });
      expect(res.status).toBe(401);
      expect(await json(res)).toEqual({ message: 'Unauthorized' });
    }
  });

  it('accepts a Cognito-style access token by client_id, and expires it on the core clock', async () => {
    const apiId = await apiWith('GET /me', jwt());
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const token = sign({ iss: issuer, client_id: 'app-client', token_use: 'access', exp: now() + 60 });
    expect((await fetch(url(apiId, '/me'), { headers: { authorization: token } })).status).toBe(200);
    jest.setSystemTime(Date.now() + 61_000);
    expect((await fetch(url(apiId, '/me'), { headers: { authorization: token } })).status).toBe(401);
  });

  it('answers 403 {"message":"Forbidden"} when the token lacks every scope the route requires', async () => {
    const apiId = await apiWith('GET /admin', jwt(), ['admin']);
    const token = sign({ iss: issuer, aud: 'app-client', exp: now() + 60, scope: 'read' });
    const res = await fetch(url(apiId, '/admin'), { headers: { authorization: token } });
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual({ message: 'Forbidden' });
  });

  it('refuses tokens from an issuer that is neither AWS nor local with 401: the fake never fetches keys from the internet', async () => {
    const apiId = await apiWith('GET /me', { ...jwt(), JwtConfiguration: { Issuer: 'https://login.example.com', Audience: ['app-client'] } });
    const token = sign({ iss: 'https://login.example.com', aud: 'app-client', exp: now() + 60 });
    expect((await fetch(url(apiId, '/me'), { headers: { authorization: token } })).status).toBe(401);
  });
});

describe('Lambda REQUEST authorizers', () => {
  useMockAws();
  useLambdaRole();

  it('allows on isAuthorized true with its context, 403 on false, 401 without the identity source', async () => {
    const authFn = await createNodeFunction(lambda, 'authz', {
      'index.js': `exports.handler = async (e) => ({ isAuthorized: e.headers['x-token'] === 'good', context: { user: 'u1', routeArn: e.routeArn, type: e.type } });`,
    });
    const apiId = await apiWith('GET /secret', {
      Name: 'lambda',
      AuthorizerType: 'REQUEST' as const,
      AuthorizerUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${authFn.FunctionArn}/invocations`,
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.x-token'],
    });
    const ok = await fetch(url(apiId, '/secret'), { headers: { 'x-token': 'good' } });
    expect(ok.status).toBe(200);
    expect((await json(ok)).lambda).toEqual({ user: 'u1', type: 'REQUEST', routeArn: `arn:aws:execute-api:us-east-1:123456789012:${apiId}/$default/GET/secret` });
    const denied = await fetch(url(apiId, '/secret'), { headers: { 'x-token': 'bad' } });
    expect(denied.status).toBe(403);
    expect(await json(denied)).toEqual({ message: 'Forbidden' });
    const missing = await fetch(url(apiId, '/secret'));
    expect(missing.status).toBe(401);
    expect(await json(missing)).toEqual({ message: 'Unauthorized' });
  });
});
