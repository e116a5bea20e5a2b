/**
 * Hosted UI domains and the token endpoint's client credentials grant:
 * resource servers define the custom scopes, the domain's
 * /oauth2/token answers a machine client with an access token the JWKS
 * verifies, and OAuth's errors for bad clients, grants and scopes.
 */
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
  ListResourceServersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { useMockAws } from '../lifecycle';
import { claims, idp } from './support';

describe('cognito-idp hosted domain token endpoint', () => {
  useMockAws();

  async function machineClient(domain: string) {
    const client = idp();
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'm2m' }));
    const poolId = UserPool?.Id as string;
    await client.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'orders',
        Name: 'Orders API',
        Scopes: [
          { ScopeName: 'read', ScopeDescription: 'read orders' },
          { ScopeName: 'write', ScopeDescription: 'write orders' },
        ],
      }),
    );
    await expect(
      client.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'nosecret', AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read'], AllowedOAuthFlowsUserPoolClient: true }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidOAuthFlowException' });
    await expect(
      client.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'bad', GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/delete'], AllowedOAuthFlowsUserPoolClient: true }),
      ),
    ).rejects.toMatchObject({ name: 'ScopeDoesNotExistException', message: 'Invalid scope requested: orders/delete' });
    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'worker',
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['orders/read', 'orders/write'],
        AllowedOAuthFlowsUserPoolClient: true,
      }),
    );
    await client.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
    return { poolId, clientId: UserPoolClient?.ClientId as string, secret: UserPoolClient?.ClientSecret as string };
  }

  const token = (domain: string, body: string, auth?: string) =>
    fetch(`https://${domain}.auth.us-east-1.amazoncognito.com/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: `Basic ${auth}` } : {}) },
      body,
    });

  it('issues an access token for the client credentials grant that aws-jwt-verify accepts', async () => {
    const { poolId, clientId, secret } = await machineClient('acme-auth');
    const described = await idp().send(new DescribeUserPoolDomainCommand({ Domain: 'acme-auth' }));
    expect(described.DomainDescription).toMatchObject({ UserPoolId: poolId, Domain: 'acme-auth', Status: 'ACTIVE' });
    expect((await idp().send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 10 }))).ResourceServers?.map((r) => r.Identifier)).toEqual(['orders']);

    const res = await token('acme-auth', 'grant_type=client_credentials&scope=orders%2Fread', Buffer.from(`${clientId}:${secret}`).toString('base64'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    expect(claims(body.access_token)).toMatchObject({ sub: clientId, client_id: clientId, token_use: 'access', scope: 'orders/read' });
    const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId, scope: 'orders/read' });
    await expect(verifier.verify(body.access_token)).resolves.toMatchObject({ client_id: clientId });

    const all = await token('acme-auth', `grant_type=client_credentials&client_id=${clientId}&client_secret=${secret}`);
    expect(claims(((await all.json()) as { access_token: string }).access_token).scope).toBe('orders/read orders/write');
  });

  it('answers OAuth errors: invalid_client 401, unsupported_grant_type and invalid_scope 400', async () => {
    const { clientId, secret } = await machineClient('errs-auth');
    const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
    const bad = await token('errs-auth', 'grant_type=client_credentials', Buffer.from(`${clientId}:nope`).toString('base64'));
    expect([bad.status, await bad.json()]).toEqual([401, { error: 'invalid_client' }]);
    const grant = await token('errs-auth', 'grant_type=password', basic);
    expect([grant.status, await grant.json()]).toEqual([400, { error: 'unsupported_grant_type' }]);
    const scope = await token('errs-auth', 'grant_type=client_credentials&scope=orders%2Fadmin', basic);
    expect([scope.status, await scope.json()]).toEqual([400, { error: 'invalid_scope' }]);
    await expect(idp().send(new CreateUserPoolDomainCommand({ UserPoolId: (await idp().send(new CreateUserPoolCommand({ PoolName: 'x' }))).UserPool?.Id, Domain: 'errs-auth' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Domain already associated with another user pool.',
    });
  });
});
