/**
 * The hosted UI's self-service pages (sign-up with the confirmation code, forgot / reset password, the terms
 * links) and federated sign-in: pool A signs a user of pool B in through B as its OIDC provider, entirely
 * in-process (fetch with redirect: 'manual' through the HTTP fallback).
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  CreateIdentityProviderCommand,
  CreateTermsCommand,
  CreateUserPoolDomainCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { backend, claims, createConfirmedUser, createPool, idp, PASSWORD } from './support';

const CALLBACK = 'https://app.example.com/cb';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const NEW_PASSWORD = 'N3w-passw0rd!';

const oauthClient = (extra: Record<string, unknown> = {}) => ({
  AllowedOAuthFlows: ['code' as const],
  AllowedOAuthScopes: ['openid', 'email', 'profile'],
  AllowedOAuthFlowsUserPoolClient: true,
  CallbackURLs: [CALLBACK],
  SupportedIdentityProviders: ['COGNITO'],
  ...extra,
});

const post = (url: string | URL, body: Record<string, string>) =>
  fetch(url, { method: 'POST', redirect: 'manual', headers: FORM, body: new URLSearchParams(body).toString() });

const location = (res: Response, base: string) => new URL(res.headers.get('location') as string, base);

async function tradeCode(base: string, clientId: string, code: string) {
  const res = await post(`${base}/oauth2/token`, { grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: CALLBACK });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, string>;
}

describe('cognito-idp hosted UI pages', () => {
  const m = useMockAws();

  async function setup(domain: string, app: Record<string, unknown> = {}) {
    const client = idp();
    const { poolId, clientId } = await createPool(client, {}, oauthClient(app));
    await client.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
    const base = `https://${domain}.auth.us-east-1.amazoncognito.com`;
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope: 'openid email', state: 'st-9' });
    return { client, poolId, clientId, base, query };
  }

  it('signs up, confirms with the code sent, and lands on the callback with a code', async () => {
    const { client, poolId, clientId, base, query } = await setup('ui-signup');
    const login = await fetch(`${base}/login?${query}`);
    expect((await login.text()).replace(/&#38;/g, '&')).toContain(`/signup?${query}`);

    const page = await fetch(`${base}/signup?${query}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/name="username"[\s\S]*name="email"[\s\S]*name="password"/);

    // The pool's password policy, as SignUp enforces it, shown on the page.
    const weak = await post(`${base}/signup?${query}`, { username: 'sam', email: 'sam@example.com', password: 'short' });
    expect(weak.status).toBe(200);
    expect(await weak.text()).toContain('Password did not conform with policy');

    const signedUp = await post(`${base}/signup?${query}`, { username: 'sam', email: 'sam@example.com', password: PASSWORD });
    expect(signedUp.status).toBe(302);
    const confirmUrl = location(signedUp, base);
    expect(confirmUrl.pathname).toBe('/confirmUser');
    expect(confirmUrl.searchParams.get('username')).toBe('sam');
    expect(await (await fetch(confirmUrl)).text()).toContain('We have sent a code');

    const code = (await backend(m)).lastCode(poolId, 'sam', 'SIGN_UP') as string;
    const wrong = await post(confirmUrl, { code: code === '000000' ? '111111' : '000000' });
    expect(await wrong.text()).toContain('Invalid verification code provided, please try again.');
    const confirmed = await post(confirmUrl, { code });
    expect(confirmed.status).toBe(302);
    const callback = location(confirmed, base);
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe('st-9');
    const tokens = await tradeCode(base, clientId, callback.searchParams.get('code') as string);
    expect(claims(tokens.id_token)).toMatchObject({ 'cognito:username': 'sam', email: 'sam@example.com', email_verified: true });

    // The same user again is SignUp's UsernameExistsException message.
    const again = await post(`${base}/signup?${query}`, { username: 'sam', email: 'sam@example.com', password: PASSWORD });
    expect(await again.text()).toContain('User already exists');
    // And the account works through the API.
    const api = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'sam', PASSWORD } }));
    expect(claims(api.AuthenticationResult?.IdToken).sub).toBe(claims(tokens.id_token).sub);
  });

  it('resets a forgotten password and signs in with the new one', async () => {
    const { client, poolId, base, query } = await setup('ui-forgot');
    await createConfirmedUser(client, poolId, 'fay');
    const asked = await post(`${base}/forgotPassword?${query}`, { username: 'fay' });
    expect(asked.status).toBe(302);
    const resetUrl = location(asked, base);
    expect(resetUrl.pathname).toBe('/confirmForgotPassword');
    const code = (await backend(m)).lastCode(poolId, 'fay', 'FORGOT_PASSWORD') as string;
    const bad = await post(resetUrl, { code: code === '000000' ? '111111' : '000000', password: NEW_PASSWORD });
    expect(await bad.text()).toContain('Invalid verification code provided');
    const reset = await post(resetUrl, { code, password: NEW_PASSWORD });
    expect(reset.status).toBe(302);
    const back = location(reset, base);
    expect(back.pathname).toBe('/login');
    const signedIn = await post(back, { username: 'fay', password: NEW_PASSWORD });
    expect(location(signedIn, base).searchParams.get('code')).toBeTruthy();
    const old = await post(back, { username: 'fay', password: PASSWORD });
    expect(await old.text()).toContain('Incorrect username or password.');

    const unknown = await post(`${base}/forgotPassword?${query}`, { username: 'nobody' });
    expect(await unknown.text()).toContain('User does not exist.');
  });

  it('serves the pages under the server form /_aws/cognito-idp/<domain>/ too', async () => {
    const { poolId, query } = await setup('ui-server');
    const base = 'https://cognito-idp.us-east-1.amazonaws.com/_aws/cognito-idp/ui-server';
    const page = await fetch(`${base}/signup?${query}`);
    expect(page.status).toBe(200);
    expect((await page.text()).replace(/&#38;/g, '&')).toContain(`action="/_aws/cognito-idp/ui-server/signup?${query}"`);
    const signedUp = await post(`${base}/signup?${query}`, { username: 'sid', email: 'sid@example.com', password: PASSWORD });
    expect(signedUp.headers.get('location')).toBe(`/_aws/cognito-idp/ui-server/confirmUser?${query}&username=sid`);
    expect((await backend(m)).lastCode(poolId, 'sid', 'SIGN_UP')).toMatch(/^\d{6}$/);
  });

  it('links the terms documents on the sign-up page once both exist, and checks the client', async () => {
    const { client, poolId, clientId, base, query } = await setup('ui-terms');
    const base2 = { UserPoolId: poolId, ClientId: clientId, TermsSource: 'LINK' as const, Enforcement: 'NONE' as const };
    await client.send(new CreateTermsCommand({ ...base2, TermsName: 'terms-of-use', Links: { 'cognito:default': 'https://example.com/terms' } }));
    expect(await (await fetch(`${base}/signup?${query}`)).text()).not.toContain('id="terms"');
    await client.send(new CreateTermsCommand({ ...base2, TermsName: 'privacy-policy', Links: { 'cognito:default': 'https://example.com/privacy' } }));
    const page = await (await fetch(`${base}/signup?${query}`)).text();
    expect(page).toContain('href="https://example.com/terms"');
    expect(page).toContain('href="https://example.com/privacy"');

    const foreign = new URLSearchParams(query);
    foreign.set('redirect_uri', 'https://evil.example.net/cb');
    expect((await fetch(`${base}/signup?${foreign}`)).status).toBe(400);
  });
});

describe('cognito-idp federated sign-in through an OIDC provider', () => {
  const m = useMockAws();
  useLambdaRole();

  /** Pool B (the provider, with its own hosted UI and a user) and pool A (the app's pool, trusting B). */
  async function setup(mapping: Record<string, string> = { email: 'email', name: 'name' }, lambdaConfig: Record<string, string> = {}) {
    const client = idp();
    const b = await createPool(client, {}, { ...oauthClient({ CallbackURLs: ['https://pool-a.auth.us-east-1.amazoncognito.com/oauth2/idpresponse'] }), GenerateSecret: true });
    await client.send(new CreateUserPoolDomainCommand({ UserPoolId: b.poolId, Domain: 'pool-b' }));
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: b.poolId,
        Username: 'bea',
        UserAttributes: [
          { Name: 'email', Value: 'bea@example.com' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: 'Bea B' },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
    const { AdminSetUserPasswordCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: b.poolId, Username: 'bea', Password: PASSWORD, Permanent: true }));
    const beaSub = (await client.send(new AdminGetUserCommand({ UserPoolId: b.poolId, Username: 'bea' }))).UserAttributes?.find((x) => x.Name === 'sub')?.Value as string;

    const { UserPool } = await client.send(new (await import('@aws-sdk/client-cognito-identity-provider')).CreateUserPoolCommand({ PoolName: 'app', LambdaConfig: lambdaConfig }));
    const aPool = UserPool?.Id as string;
    await client.send(
      new CreateIdentityProviderCommand({
        UserPoolId: aPool,
        ProviderName: 'PoolB',
        ProviderType: 'OIDC',
        ProviderDetails: {
          client_id: b.clientId,
          client_secret: b.clientSecret as string,
          authorize_scopes: 'openid email',
          attributes_request_method: 'GET',
          oidc_issuer: `https://cognito-idp.us-east-1.amazonaws.com/${b.poolId}`,
        },
        AttributeMapping: mapping,
        IdpIdentifiers: ['example.com'],
      }),
    );
    const { UserPoolClient } = await client.send(
      new (await import('@aws-sdk/client-cognito-identity-provider')).CreateUserPoolClientCommand({
        UserPoolId: aPool,
        ClientName: 'app',
        ...oauthClient({ SupportedIdentityProviders: ['COGNITO', 'PoolB'] }),
      }),
    );
    await client.send(new CreateUserPoolDomainCommand({ UserPoolId: aPool, Domain: 'pool-a' }));
    return { client, b, beaSub, aPool, aClient: UserPoolClient?.ClientId as string, aBase: 'https://pool-a.auth.us-east-1.amazoncognito.com', bBase: 'https://pool-b.auth.us-east-1.amazoncognito.com' };
  }

  /** The browser's trip: A's authorize → B's authorize → B's login → A's idpresponse → the app's callback. */
  async function federate(s: Awaited<ReturnType<typeof setup>>, select: Record<string, string> = { identity_provider: 'PoolB' }) {
    const query = new URLSearchParams({ response_type: 'code', client_id: s.aClient, redirect_uri: CALLBACK, scope: 'openid email profile', state: 'app-state', ...select });
    const toB = await fetch(`${s.aBase}/oauth2/authorize?${query}`, { redirect: 'manual' });
    const plain = new URLSearchParams(query);
    plain.delete('identity_provider');
    plain.delete('idp_identifier');
    // A's login page offers the provider as a button leading to the same authorize request.
    const aLogin = (await (await fetch(`${s.aBase}/login?${plain}`)).text()).replace(/&#38;/g, '&');
    expect(aLogin).toContain(`href="/oauth2/authorize?${plain}&identity_provider=PoolB">Sign in with PoolB</a>`);
    expect(toB.status).toBe(302);
    const bAuthorize = location(toB, s.aBase);
    expect(`${bAuthorize.origin}${bAuthorize.pathname}`).toBe(`${s.bBase}/oauth2/authorize`);
    expect(bAuthorize.searchParams.get('client_id')).toBe(s.b.clientId);
    expect(bAuthorize.searchParams.get('redirect_uri')).toBe(`${s.aBase}/oauth2/idpresponse`);
    expect(bAuthorize.searchParams.get('scope')).toBe('openid email');
    const bLogin = location(await fetch(bAuthorize, { redirect: 'manual' }), s.bBase);
    const backToA = await post(bLogin, { username: 'bea', password: PASSWORD });
    const idpResponse = location(backToA, s.bBase);
    expect(`${idpResponse.origin}${idpResponse.pathname}`).toBe(`${s.aBase}/oauth2/idpresponse`);
    return Object.assign(await fetch(idpResponse, { redirect: 'manual' }), { idpResponse });
  }

  it('signs a user of pool B into pool A as <ProviderName>_<sub> with mapped attributes and identities', async () => {
    const s = await setup();
    const done = await federate(s);
    expect(done.status).toBe(302);
    const callback = location(done, s.aBase);
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe('app-state');
    const tokens = await tradeCode(s.aBase, s.aClient, callback.searchParams.get('code') as string);
    const id = claims(tokens.id_token);
    expect(id).toMatchObject({
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${s.aPool}`,
      'cognito:username': `PoolB_${s.beaSub}`,
      email: 'bea@example.com',
      name: 'Bea B',
      identities: [{ userId: s.beaSub, providerName: 'PoolB', providerType: 'OIDC', issuer: null, primary: 'true', dateCreated: expect.any(String) }],
    });
    const user = await s.client.send(new AdminGetUserCommand({ UserPoolId: s.aPool, Username: `PoolB_${s.beaSub}` }));
    expect(user.UserStatus).toBe('EXTERNAL_PROVIDER');

    // A second sign-in (chosen by IdP identifier) finds the same user.
    const again = await federate(s, { idp_identifier: 'example.com' });
    const second = await tradeCode(s.aBase, s.aClient, location(again, s.aBase).searchParams.get('code') as string);
    expect(claims(second.id_token).sub).toBe(id.sub);
  });

  it("adds the provider's userInfo answer to the ID token's claims", async () => {
    // B's userInfo has `username`, which B's ID token does not (it says cognito:username).
    const s = await setup({ email: 'email', preferred_username: 'username' });
    const done = await federate(s);
    const tokens = await tradeCode(s.aBase, s.aClient, location(done, s.aBase).searchParams.get('code') as string);
    expect(claims(tokens.id_token)).toMatchObject({ email: 'bea@example.com', preferred_username: 'bea' });
  });

  it('signs in as the local user an AdminLinkProviderForUser link names', async () => {
    const s = await setup();
    await createConfirmedUser(s.client, s.aPool, 'local-bea');
    await s.client.send(
      new AdminLinkProviderForUserCommand({
        UserPoolId: s.aPool,
        DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'local-bea' },
        SourceUser: { ProviderName: 'PoolB', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: s.beaSub },
      }),
    );
    const done = await federate(s);
    const tokens = await tradeCode(s.aBase, s.aClient, location(done, s.aBase).searchParams.get('code') as string);
    expect(claims(tokens.id_token)['cognito:username']).toBe('local-bea');
  });

  it('refuses unknown providers, replayed or forged responses, and providers the mock does not serve', async () => {
    const s = await setup();
    const query = new URLSearchParams({ response_type: 'code', client_id: s.aClient, redirect_uri: CALLBACK, identity_provider: 'Nope' });
    const unknown = await fetch(`${s.aBase}/oauth2/authorize?${query}`, { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Login option is not available');

    const forged = await fetch(`${s.aBase}/oauth2/idpresponse?code=abc&state=made-up`, { redirect: 'manual' });
    expect(forged.status).toBe(400);

    // A provider's answer is used once: the state is gone after the first trip.
    const done = await federate(s);
    expect(done.status).toBe(302);
    const replay = await fetch(done.idpResponse, { redirect: 'manual' });
    expect(replay.status).toBe(400);

    // A provider outside the mock is never contacted.
    await s.client.send(
      new CreateIdentityProviderCommand({
        UserPoolId: s.aPool,
        ProviderName: 'Outside',
        ProviderType: 'OIDC',
        ProviderDetails: { client_id: 'x', authorize_scopes: 'openid', attributes_request_method: 'GET', oidc_issuer: 'https://idp.example.org' },
      }),
    );
    const { UpdateUserPoolClientCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await s.client.send(new UpdateUserPoolClientCommand({ UserPoolId: s.aPool, ClientId: s.aClient, ...oauthClient({ SupportedIdentityProviders: ['COGNITO', 'PoolB', 'Outside'] }) }));
    query.set('identity_provider', 'Outside');
    const outside = await fetch(`${s.aBase}/oauth2/authorize?${query}`, { redirect: 'manual' });
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain('could not be reached');
  });

  it('runs the pre sign-up trigger (PreSignUp_ExternalProvider) for a new federated user; its refusal goes back to the app', async () => {
    await createNodeFunction(lambdaClient(), 'ext', { 'index.js': 'exports.handler = async (event) => event;' });
    const events: any[] = [];
    let refuse = true;
    (await m.backends.lambda()).setHandler('ext', async (event: any) => {
      events.push(structuredClone(event));
      if (refuse) throw new Error('Not invited');
      return event;
    });
    const s = await setup(undefined, { PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:ext' });
    const refused = await federate(s);
    const back = location(refused, s.aBase);
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toBe('PreSignUp failed with error Not invited.');
    expect(back.searchParams.get('state')).toBe('app-state');
    await expect(s.client.send(new AdminGetUserCommand({ UserPoolId: s.aPool, Username: `PoolB_${s.beaSub}` }))).rejects.toMatchObject({ name: 'UserNotFoundException' });

    refuse = false;
    const done = await federate(s);
    expect(location(done, s.aBase).searchParams.get('code')).toBeTruthy();
    expect(events[1]).toMatchObject({
      triggerSource: 'PreSignUp_ExternalProvider',
      userName: `PoolB_${s.beaSub}`,
      callerContext: { clientId: s.aClient },
      request: { userAttributes: { email: 'bea@example.com', name: 'Bea B' } },
    });
  });
});
