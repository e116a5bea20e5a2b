/**
 * Server mode: the same user pool served over HTTP to another process. The
 * JWKS answers on the server's own address at /<poolId>/.well-known/jwks.json
 * and verifies the tokens a sign-in through the server returned; the hosted
 * domain's token endpoint answers at /_aws/cognito-idp/<prefix>/oauth2/token;
 * a user import job's pre-signed URL path takes its CSV.
 */
import { createPublicKey, createVerify } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserImportJobCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserImportJobCommand,
  InitiateAuthCommand,
  StartUserImportJobCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { clock } from '../../../src/core/clock';
import { type MockServer, startServer } from '../../../src/server/server';
import { PASSWORD } from './support';

let server: MockServer;
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  server = await startServer({ port: 0 });
  client = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: server.url,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
  });
});
afterAll(async () => {
  client.destroy();
  await server.stop();
  clock.reset();
});

describe('cognito-idp in server mode', () => {
  it('serves the JWKS that verifies a token issued through the server', async () => {
    const poolId = (await client.send(new CreateUserPoolCommand({ PoolName: 'served' }))).UserPool?.Id as string;
    const clientId = (
      await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))
    ).UserPoolClient?.ClientId as string;
    await client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'yan', MessageAction: 'SUPPRESS' }));
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'yan', Password: PASSWORD, Permanent: true }));
    const out = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'yan', PASSWORD } }));

    const res = await fetch(`${server.url}/${poolId}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: Array<Record<string, string>> };
    const [h, p, s] = String(out.AuthenticationResult?.IdToken).split('.');
    const jwk = keys.find((k) => k.kid === JSON.parse(Buffer.from(h, 'base64url').toString()).kid) as Record<string, string>;
    expect(createVerify('RSA-SHA256').update(`${h}.${p}`).verify(createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'))).toBe(true);
  });

  it('answers the client credentials grant at /_aws/cognito-idp/<prefix>/oauth2/token', async () => {
    const poolId = (await client.send(new CreateUserPoolCommand({ PoolName: 'm2m' }))).UserPool?.Id as string;
    await client.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'api', Name: 'API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }));
    const app = (
      await client.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'svc', GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['api/read'], AllowedOAuthFlowsUserPoolClient: true }),
      )
    ).UserPoolClient;
    await client.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'served-m2m' }));
    const res = await fetch(`${server.url}/_aws/cognito-idp/served-m2m/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${app?.ClientId}:${app?.ClientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
  });

  it('serves the hosted UI sign-in under /_aws/cognito-idp/<prefix>: authorize, the login form, the callback code', async () => {
    const poolId = (await client.send(new CreateUserPoolCommand({ PoolName: 'ui' }))).UserPool?.Id as string;
    const app = (
      await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: 'web',
          AllowedOAuthFlows: ['code'],
          AllowedOAuthScopes: ['openid'],
          AllowedOAuthFlowsUserPoolClient: true,
          CallbackURLs: ['https://app.example.com/cb'],
        }),
      )
    ).UserPoolClient;
    await client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'zed', MessageAction: 'SUPPRESS' }));
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'zed', Password: PASSWORD, Permanent: true }));
    await client.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'served-ui' }));
    const query = new URLSearchParams({ response_type: 'code', client_id: app?.ClientId as string, redirect_uri: 'https://app.example.com/cb', state: 'q' });
    const authorize = await fetch(`${server.url}/_aws/cognito-idp/served-ui/oauth2/authorize?${query}`, { redirect: 'manual' });
    const login = new URL(authorize.headers.get('location') as string, server.url);
    expect(login.pathname).toBe('/_aws/cognito-idp/served-ui/login');
    expect(await (await fetch(login)).text()).toContain(`action="/_aws/cognito-idp/served-ui/login?`);
    const posted = await fetch(login, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'zed', password: PASSWORD }).toString(),
    });
    expect(posted.status).toBe(302);
    expect(posted.headers.get('location')).toMatch(/^https:\/\/app\.example\.com\/cb\?code=[0-9a-f]+&state=q$/);
  });

  it('takes a user import CSV at the pre-signed URL’s path on the server’s address, and imports it', async () => {
    const poolId = (await client.send(new CreateUserPoolCommand({ PoolName: 'imported', AutoVerifiedAttributes: ['email'] }))).UserPool?.Id as string;
    const { UserImportJob } = await client.send(
      new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'served', CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/CognitoImport' }),
    );
    const presigned = new URL(UserImportJob?.PreSignedUrl as string);
    const put = await fetch(`${server.url}${presigned.pathname}${presigned.search}`, {
      method: 'PUT',
      body: 'cognito:username,cognito:mfa_enabled,email,email_verified\njo,false,jo@example.com,true\n',
    });
    expect(put.status).toBe(200);
    await client.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: UserImportJob?.JobId }));
    clock.advance(2000);
    const done = await client.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: UserImportJob?.JobId }));
    expect(done.UserImportJob).toMatchObject({ Status: 'Succeeded', ImportedUsers: 1 });
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'jo' }))).UserStatus).toBe('RESET_REQUIRED');
  });
});
