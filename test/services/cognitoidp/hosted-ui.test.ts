/**
 * The hosted UI's authorization code grant, driven with fetch (redirect:
 * 'manual') through the HTTP fallback at the pool's domain: /oauth2/authorize
 * → the login form → the callback with `code` and `state`, the token endpoint
 * with PKCE (S256), refresh, /oauth2/userInfo, /oauth2/revoke and /logout.
 */
import {
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
  GetUICustomizationCommand,
  SetUICustomizationCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { createHash, randomBytes } from 'node:crypto';
import { useMockAws } from '../lifecycle';
import { claims, createConfirmedUser, createPool, idp, PASSWORD } from './support';

const CALLBACK = 'https://app.example.com/cb';
const BYE = 'https://app.example.com/bye';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('cognito-idp hosted UI: authorization code grant', () => {
  useMockAws();

  async function setup(domain: string) {
    const client = idp();
    const { poolId, clientId } = await createPool(
      client,
      {},
      {
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        AllowedOAuthFlowsUserPoolClient: true,
        CallbackURLs: [CALLBACK],
        LogoutURLs: [BYE],
        SupportedIdentityProviders: ['COGNITO'],
      },
    );
    await createConfirmedUser(client, poolId, 'hana');
    await client.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
    const base = `https://${domain}.auth.us-east-1.amazoncognito.com`;
    return { poolId, clientId, base };
  }

  function pkce() {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  }

  /** authorize → login form → POST the password; the callback URL the browser would follow. */
  async function signIn(base: string, clientId: string, challenge: string, password = PASSWORD): Promise<Response> {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: CALLBACK,
      scope: 'openid email',
      state: 'st-123',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const authorize = await fetch(`${base}/oauth2/authorize?${query}`, { redirect: 'manual' });
    expect(authorize.status).toBe(302);
    const loginUrl = new URL(authorize.headers.get('location') as string, base);
    expect(loginUrl.pathname).toBe('/login');
    const page = await fetch(loginUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<form method="post"[\s\S]*name="username"[\s\S]*name="password"/);
    return fetch(loginUrl, { method: 'POST', redirect: 'manual', headers: FORM, body: new URLSearchParams({ username: 'hana', password }).toString() });
  }

  const token = (base: string, body: Record<string, string>) =>
    fetch(`${base}/oauth2/token`, { method: 'POST', headers: FORM, body: new URLSearchParams(body).toString() });

  it('signs in through the login form and trades the code (PKCE S256) for tokens, once', async () => {
    const { poolId, clientId, base } = await setup('ui-code');
    const { verifier, challenge } = pkce();

    const wrong = await signIn(base, clientId, challenge, 'Wr0ng-password!');
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain('Incorrect username or password.');

    const done = await signIn(base, clientId, challenge);
    expect(done.status).toBe(302);
    const callback = new URL(done.headers.get('location') as string);
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe('st-123');
    const code = callback.searchParams.get('code') as string;

    // A wrong verifier fails, and spends the code.
    const bad = await token(base, { grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: CALLBACK, code_verifier: 'nope' });
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'invalid_grant' }]);
    const spent = await token(base, { grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect([spent.status, await spent.json()]).toEqual([400, { error: 'invalid_grant' }]);

    const again = new URL((await signIn(base, clientId, challenge)).headers.get('location') as string).searchParams.get('code') as string;
    const ok = await token(base, { grant_type: 'authorization_code', client_id: clientId, code: again, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as Record<string, string | number>;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, refresh_token: expect.any(String), id_token: expect.any(String) });
    expect(claims(tokens.id_token as string)).toMatchObject({ 'cognito:username': 'hana', aud: clientId, token_use: 'id', email: 'hana@example.com' });
    expect(claims(tokens.access_token as string).scope).toBe('openid email');
    const verify = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId });
    await expect(verify.verify(tokens.access_token as string)).resolves.toMatchObject({ username: 'hana' });
    const replay = await token(base, { grant_type: 'authorization_code', client_id: clientId, code: again, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(replay.status).toBe(400);

    // userInfo with the access token.
    const info = await fetch(`${base}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await info.json()).toMatchObject({ sub: claims(tokens.id_token as string).sub, email: 'hana@example.com', email_verified: 'true', username: 'hana' });
    expect((await fetch(`${base}/oauth2/userInfo`)).status).toBe(401);

    // Refresh, revoke, refresh refused.
    const refreshed = await token(base, { grant_type: 'refresh_token', client_id: clientId, refresh_token: tokens.refresh_token as string });
    const fresh = (await refreshed.json()) as Record<string, unknown>;
    expect(fresh).toMatchObject({ access_token: expect.any(String), id_token: expect.any(String), token_type: 'Bearer' });
    expect(fresh.refresh_token).toBeUndefined();
    const revoked = await fetch(`${base}/oauth2/revoke`, { method: 'POST', headers: FORM, body: new URLSearchParams({ token: tokens.refresh_token as string, client_id: clientId }).toString() });
    expect(revoked.status).toBe(200);
    const refused = await token(base, { grant_type: 'refresh_token', client_id: clientId, refresh_token: tokens.refresh_token as string });
    expect([refused.status, await refused.json()]).toEqual([400, { error: 'invalid_grant' }]);
  });

  it('updates the managed login version of the domain', async () => {
    const { poolId } = await setup('ui-version');
    const client = idp();
    expect(await client.send(new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'ui-version', ManagedLoginVersion: 2 }))).toMatchObject({ ManagedLoginVersion: 2 });
    expect((await client.send(new DescribeUserPoolDomainCommand({ Domain: 'ui-version' }))).DomainDescription?.ManagedLoginVersion).toBe(2);
    await expect(client.send(new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'other-domain', ManagedLoginVersion: 1 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('keeps classic hosted UI branding per client over the pool default, and styles the login form with it', async () => {
    const { poolId, clientId, base } = await setup('ui-brand');
    const client = idp();
    expect((await client.send(new GetUICustomizationCommand({ UserPoolId: poolId }))).UICustomization).toEqual({});
    const all = await client.send(new SetUICustomizationCommand({ UserPoolId: poolId, CSS: '.banner-customizable { background: navy; }' }));
    expect(all.UICustomization).toMatchObject({ UserPoolId: poolId, ClientId: 'ALL', CSS: '.banner-customizable { background: navy; }' });
    expect((await client.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }))).UICustomization?.ClientId).toBe('ALL');
    const own = await client.send(
      new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: '.submitButton-customizable { color: red; }', ImageFile: Buffer.from('png') }),
    );
    expect(own.UICustomization?.ImageUrl).toMatch(new RegExp(`^https://ui-brand\\.auth\\.us-east-1\\.amazoncognito\\.com/${clientId}/`));
    expect((await client.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }))).UICustomization?.CSS).toBe('.submitButton-customizable { color: red; }');
    const page = await fetch(`${base}/login?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK })}`);
    expect(await page.text()).toContain('<style>.submitButton-customizable { color: red; }</style>');

    await expect(client.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: 'nosuchclient', CSS: '' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const bare = (await client.send(new CreateUserPoolCommand({ PoolName: 'no-domain' }))).UserPool?.Id as string;
    await expect(client.send(new SetUICustomizationCommand({ UserPoolId: bare, CSS: '' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'There has to be an existing domain associated with this user pool',
    });
  });

  it('answers authorize errors, and logout redirects only to a registered sign-out URL', async () => {
    const { clientId, base } = await setup('ui-errors');
    const authorize = (params: Record<string, string>) =>
      fetch(`${base}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, state: 's', ...params })}`, {
        redirect: 'manual',
      });
    expect((await authorize({ redirect_uri: 'https://evil.example.com/cb' })).status).toBe(400);
    expect((await authorize({ client_id: 'nope' })).status).toBe(400);
    const implicit = await authorize({ response_type: 'token' });
    expect(implicit.status).toBe(302);
    expect(implicit.headers.get('location')).toBe(`${CALLBACK}?error=unsupported_response_type&state=s`);
    const scope = await authorize({ scope: 'phone' });
    expect(new URL(scope.headers.get('location') as string).searchParams.get('error')).toBe('invalid_scope');
    const plain = await authorize({ code_challenge: 'abc', code_challenge_method: 'plain' });
    expect(new URL(plain.headers.get('location') as string).searchParams.get('error')).toBe('invalid_request');

    const out = await fetch(`${base}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: BYE })}`, { redirect: 'manual' });
    expect([out.status, out.headers.get('location')]).toEqual([302, BYE]);
    expect((await fetch(`${base}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: 'https://evil.example.com' })}`, { redirect: 'manual' })).status).toBe(400);
  });
});
