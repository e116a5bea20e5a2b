/**
 * The hosted UI's browser endpoints at https://<domain>.auth.<region>.amazoncognito.com:
 * /oauth2/authorize (checks the app client, then the login page), /login (a
 * plain HTML form; its POST checks the password and redirects to the
 * client's callback with `code` and `state`), /oauth2/userInfo, /logout and
 * /oauth2/revoke. The token endpoint's grants are in oauth.ts, the sign-up and
 * password reset pages in hosted-ui-pages.ts, sign-in through a third-party
 * provider in hosted-ui-federation.ts.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../src/core/clock';
import type { AwsRequest, AwsResponse } from '../../src/core/request';
import type { CognitoIdpBackend } from './models/backend';
import type { AppClient, UserPool } from './models/pool';
import { clientOf, oauthError, oauthJson, revokeRefreshToken } from './oauth';

/** Authorization codes live five minutes, as the developer guide has it. */
const CODE_TTL_MS = 5 * 60_000;

export const redirect = (location: string): AwsResponse => ({ status: 302, headers: { location }, body: Buffer.alloc(0) });
export const html = (status: number, body: string): AwsResponse => ({ status, headers: { 'content-type': 'text/html;charset=UTF-8' }, body: Buffer.from(body) });
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * The authorize request's checks. A client or callback that is not the app's
 * own cannot be redirected to: that is an error page; other errors go back to
 * the callback as `error` (RFC 6749 section 4.1.2.1).
 */
export function checkAuthorize(pool: UserPool, q: URLSearchParams): { client: AppClient; redirectUri: string } | AwsResponse {
  const client = pool.clients.get(q.get('client_id') ?? '');
  if (!client) return html(400, '<h1>An error was encountered with the requested page.</h1><p>invalid_request: client_id</p>');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!client.CallbackURLs?.includes(redirectUri)) return html(400, '<h1>An error was encountered with the requested page.</h1><p>redirect_mismatch</p>');
  const back = (error: string) => redirect(withParams(redirectUri, { error, state: q.get('state') ?? undefined }));
  if (q.get('response_type') !== 'code') return back('unsupported_response_type');
  if (!client.AllowedOAuthFlowsUserPoolClient || !client.AllowedOAuthFlows?.includes('code')) return back('unauthorized_client');
  const scopes = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
  if (scopes.some((s) => !client.AllowedOAuthScopes?.includes(s))) return back('invalid_scope');
  if (q.has('code_challenge') && q.get('code_challenge_method') !== 'S256') return back('invalid_request');
  return { client, redirectUri };
}

/** The login form, styled with the client's (else the pool's) classic hosted UI CSS. */
function loginPage(pool: UserPool, prefix: string, q: URLSearchParams, message?: string): AwsResponse {
  const action = `${prefix}/login?${q.toString()}`;
  const css = (pool.uiCustomizations.get(q.get('client_id') ?? '') ?? pool.uiCustomizations.get('ALL'))?.CSS;
  // One button per third-party provider the client offers: the authorize request again, naming the provider.
  const providers = (pool.clients.get(q.get('client_id') ?? '')?.SupportedIdentityProviders ?? []).filter((p) => p !== 'COGNITO' && pool.identityProviders.has(p));
  const buttons = providers
    .map((p) => {
      const via = new URLSearchParams(q);
      via.set('identity_provider', p);
      return `<a class="idp" href="${escapeHtml(`${prefix}/oauth2/authorize?${via.toString()}`)}">Sign in with ${escapeHtml(p)}</a>`;
    })
    .join('\n');
  return html(
    200,
    `<!doctype html><html><head><title>Signin</title>${css ? `<style>${css.replace(/<\//g, '<\\/')}</style>` : ''}</head><body>
${buttons}
<form method="post" action="${escapeHtml(action)}">
${message ? `<p class="error" id="loginErrorMessage">${escapeHtml(message)}</p>` : ''}
<label>Username <input name="username" type="text" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit" name="signInSubmitButton">Sign in</button>
</form>
<a href="${escapeHtml(`${prefix}/forgotPassword?${q.toString()}`)}">Forgot your password?</a>
${pool.settings.AdminCreateUserConfig?.AllowAdminCreateUserOnly ? '' : `<a href="${escapeHtml(`${prefix}/signup?${q.toString()}`)}">Sign up</a>`}
</body></html>`,
  );
}

function login(req: AwsRequest, backend: CognitoIdpBackend, pool: UserPool, prefix: string): AwsResponse {
  const q = req.url.searchParams;
  const checked = checkAuthorize(pool, q);
  if ('status' in checked) return checked;
  if (req.method === 'GET') return loginPage(pool, prefix, q);
  const form = new URLSearchParams(req.body.toString('utf8'));
  const user = pool.find(form.get('username') ?? '');
  if (!user || user.password === undefined || user.password !== form.get('password') || !user.enabled) {
    return loginPage(pool, prefix, q, user && !user.enabled ? 'User is disabled.' : 'Incorrect username or password.');
  }
  if (user.status !== 'CONFIRMED') return loginPage(pool, prefix, q, user.status === 'UNCONFIRMED' ? 'User is not confirmed.' : 'Password change required.');
  return grantCode(backend, pool, checked, q, user.username);
}

/** The end of a hosted UI sign-in: a one-use authorization code, and the redirect to the callback with it. */
export function grantCode(backend: CognitoIdpBackend, pool: UserPool, checked: { client: AppClient; redirectUri: string }, q: URLSearchParams, username: string): AwsResponse {
  const code = randomBytes(18).toString('hex');
  const allowed = checked.client.AllowedOAuthScopes ?? [];
  const requested = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
  backend.authCodes.set(code, {
    poolId: pool.id,
    clientId: checked.client.ClientId,
    username,
    redirectUri: checked.redirectUri,
    scopes: requested.length ? requested : allowed,
    codeChallenge: q.get('code_challenge') ?? undefined,
    authTime: clock.epochSeconds(),
    expires: clock.now() + CODE_TTL_MS,
  });
  return redirect(withParams(checked.redirectUri, { code, state: q.get('state') ?? undefined }));
}

/** The user's attributes for an access token with the openid scope (verified flags as strings, as Cognito sends them). */
function userInfo(req: AwsRequest, backend: CognitoIdpBackend): AwsResponse {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const refuse = (description: string) => ({ ...oauthJson(401, { error: 'invalid_token', error_description: description }), headers: { 'www-authenticate': 'Bearer' } });
  if (!bearer) return refuse('Access token is missing');
  let found: ReturnType<CognitoIdpBackend['accessTokenUser']>;
  try {
    found = backend.accessTokenUser(bearer);
  } catch {
    return refuse('Access token is expired, disabled, or deleted, or the user has globally signed out.');
  }
  if (!String(found.claims.scope ?? '').split(' ').includes('openid')) return oauthJson(403, { error: 'insufficient_scope' });
  const out: Record<string, string> = {};
  for (const [name, value] of found.user.attributes) if (!name.startsWith('dev:')) out[name] = value;
  out.username = found.user.username;
  return oauthJson(200, out);
}

function logout(req: AwsRequest, pool: UserPool): AwsResponse {
  const q = req.url.searchParams;
  const client = pool.clients.get(q.get('client_id') ?? '');
  const target = q.get('logout_uri');
  if (!client || !target || !client.LogoutURLs?.includes(target)) {
    return html(400, '<h1>An error was encountered with the requested page.</h1><p>Required String parameter \'redirect_uri\' is not present</p>');
  }
  return redirect(target);
}

function revoke(req: AwsRequest, pool: UserPool): AwsResponse {
  if (req.method !== 'POST') return oauthError(405, 'invalid_request');
  const form = new URLSearchParams(req.body.toString('utf8'));
  const client = clientOf(req, form, pool);
  if (!client) return oauthError(400, 'invalid_client');
  if (client.EnableTokenRevocation === false) return oauthError(400, 'unsupported_token_type');
  const token = form.get('token');
  if (!token) return oauthError(400, 'invalid_request');
  revokeRefreshToken(pool, client, token);
  return { status: 200, headers: {}, body: Buffer.alloc(0) };
}

/**
 * Routes the hosted UI's paths other than /oauth2/token. `prefix` is the path
 * the domain's pages live under: empty on the domain's own host,
 * `/_aws/cognito-idp/<domain>` on the server's address.
 */
export function hostedUi(req: AwsRequest, backend: CognitoIdpBackend, pool: UserPool, path: string, prefix: string): AwsResponse | undefined {
  switch (path) {
    case '/oauth2/authorize': {
      const checked = checkAuthorize(pool, req.url.searchParams);
      if ('status' in checked) return checked;
      return redirect(`${prefix}/login?${req.url.searchParams.toString()}`);
    }
    case '/login':
      return login(req, backend, pool, prefix);
    case '/oauth2/userInfo':
      return userInfo(req, backend);
    case '/logout':
      return logout(req, pool);
    case '/oauth2/revoke':
      return revoke(req, pool);
    default:
      return undefined;
  }
}
