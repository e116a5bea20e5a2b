/**
 * Federated sign-in through an OIDC identity provider of the pool:
 * /oauth2/authorize with `identity_provider=<name>` (or `idp_identifier`)
 * redirects to the provider's authorization endpoint; /oauth2/idpresponse
 * takes the provider's code, trades it at the provider's token endpoint,
 * checks the ID token against the provider's keys, adds the provider's
 * userInfo answer (fetched with its access token), maps the claims
 * (AttributeMapping) onto the federated user `<ProviderName>_<sub>` (status
 * EXTERNAL_PROVIDER, `identities` attribute) or the local user an
 * AdminLinkProviderForUser link names, and finishes the code grant to the app
 * client's callback. Every request to the provider goes through
 * ctx.backends.http: a provider the mock serves (another user pool, an API
 * Gateway stage...) answers; anything else is refused, never the network.
 */
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { clock } from '../../src/core/clock';
import { AwsError } from '../../src/core/errors';
import type { AwsRequest, AwsResponse } from '../../src/core/request';
import type { DataPlaneContext } from '../../src/core/service';
import type { IdentityProviderType } from './types';
import { escapeHtml, grantCode, html, redirect, withParams } from './hosted-ui';
import type { CognitoIdpBackend } from './models/backend';
import { decodeJwt } from './models/jwt';
import type { AppClient, UserPool } from './models/pool';
import { runTrigger } from './models/triggers';

type Dp = DataPlaneContext<CognitoIdpBackend>;

/** How long the round trip through the provider may take. */
const FEDERATION_TTL_MS = 10 * 60_000;

const errorPage = (message: string) => html(400, `<h1>An error was encountered with the requested page.</h1><p>${escapeHtml(message)}</p>`);

class FederationError extends Error {}

/** The provider an authorize request names, by name or by IdP identifier. */
function providerNamed(pool: UserPool, q: URLSearchParams): IdentityProviderType | undefined {
  const name = q.get('identity_provider');
  if (name) return pool.identityProviders.get(name);
  const identifier = q.get('idp_identifier');
  return [...pool.identityProviders.values()].find((p) => p.IdpIdentifiers?.includes(identifier ?? ''));
}

export const wantsFederation = (q: URLSearchParams) => (q.has('identity_provider') && q.get('identity_provider') !== 'COGNITO') || q.has('idp_identifier');

async function httpJson(dp: Dp, method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new FederationError(`The provider endpoint ${url} is not a URL.`);
  }
  const request: AwsRequest = { method, url: target, headers: { accept: 'application/json', host: target.host, ...headers }, body: Buffer.from(body ?? '') };
  let response: AwsResponse;
  try {
    response = await dp.backends.http(request);
  } catch (e) {
    throw new FederationError(`The identity provider at ${target.host} could not be reached: ${(e as Error).message}`);
  }
  const text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : String(response.body ?? '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FederationError(`The identity provider answered ${response.status} with a body that is not JSON.`);
  }
  if (response.status >= 400) throw new FederationError(`The identity provider answered ${response.status}: ${text}`);
  return parsed as Record<string, unknown>;
}

/** The provider's endpoints: as configured, else from its OpenID discovery document (userInfo is optional). */
async function endpoints(dp: Dp, details: Record<string, string>): Promise<{ authorize: string; token: string; jwks: string; userInfo?: string }> {
  let found = { authorize: details.authorize_url, token: details.token_url, jwks: details.jwks_uri, userInfo: details.attributes_url };
  if (!found.authorize || !found.token || !found.jwks || !found.userInfo) {
    const doc = await httpJson(dp, 'GET', `${details.oidc_issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    const from = (key: string) => (typeof doc[key] === 'string' ? (doc[key] as string) : '');
    found = {
      authorize: found.authorize ?? from('authorization_endpoint'),
      token: found.token ?? from('token_endpoint'),
      jwks: found.jwks ?? from('jwks_uri'),
      userInfo: found.userInfo ?? (from('userinfo_endpoint') || undefined),
    };
  }
  if (!found.authorize || !found.token || !found.jwks) throw new FederationError('The identity provider publishes no authorization, token or key endpoint.');
  return found;
}

const callbackUrl = (req: AwsRequest, prefix: string) => `${req.url.origin}${prefix}/oauth2/idpresponse`;

/** /oauth2/authorize naming a provider: remember the request, send the browser to the provider. */
export async function federatedAuthorize(req: AwsRequest, dp: Dp, pool: UserPool, client: AppClient, prefix: string): Promise<AwsResponse> {
  const q = req.url.searchParams;
  const provider = providerNamed(pool, q);
  if (!provider?.ProviderName || !client.SupportedIdentityProviders?.includes(provider.ProviderName)) {
    return errorPage('Login option is not available. Please try another one');
  }
  if (provider.ProviderType !== 'OIDC') return errorPage(`mockaws signs in through OIDC providers only, not ${provider.ProviderType}.`);
  const details = (provider.ProviderDetails ?? {}) as Record<string, string>;
  let where: Awaited<ReturnType<typeof endpoints>>;
  try {
    where = await endpoints(dp, details);
  } catch (e) {
    if (e instanceof FederationError) return errorPage(e.message);
    throw e;
  }
  // Round trips the browser never finished are swept now and then rather than kept forever.
  if (pool.federationRequests.size >= 1000) {
    for (const [key, pending] of pool.federationRequests) if (pending.expires <= clock.now()) pool.federationRequests.delete(key);
  }
  const state = randomBytes(24).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  pool.federationRequests.set(state, { query: q.toString(), provider: provider.ProviderName, nonce, redirectUri: callbackUrl(req, prefix), expires: clock.now() + FEDERATION_TTL_MS });
  return redirect(
    withParams(where.authorize, {
      response_type: 'code',
      client_id: details.client_id,
      redirect_uri: callbackUrl(req, prefix),
      scope: details.authorize_scopes,
      state,
      nonce,
    }),
  );
}

/** An RS256 ID token signed by one of the provider's keys, for this client, unexpired, with our nonce. */
async function verifiedClaims(dp: Dp, token: unknown, jwksUri: string, details: Record<string, string>, nonce: string): Promise<Record<string, unknown>> {
  const decoded = typeof token === 'string' ? decodeJwt(token) : undefined;
  if (!decoded) throw new FederationError('The identity provider returned no ID token.');
  const keys = (await httpJson(dp, 'GET', jwksUri)).keys;
  const jwk = Array.isArray(keys) ? keys.find((k) => k && (k as { kid?: string }).kid === decoded.header.kid) : undefined;
  const [head, body, signature] = (token as string).split('.');
  let valid = false;
  try {
    valid = decoded.header.alg === 'RS256' && Boolean(jwk) && verify('RSA-SHA256', Buffer.from(`${head}.${body}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(signature, 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) throw new FederationError('The ID token signature is not valid.');
  const claims = decoded.payload as Record<string, unknown>;
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (details.oidc_issuer && claims.iss !== details.oidc_issuer) throw new FederationError(`The ID token issuer ${String(claims.iss)} is not ${details.oidc_issuer}.`);
  if (!audience.includes(details.client_id)) throw new FederationError('The ID token is not for this client.');
  if (typeof claims.exp === 'number' && claims.exp <= clock.epochSeconds()) throw new FederationError('The ID token has expired.');
  if (claims.nonce !== undefined && claims.nonce !== nonce) throw new FederationError('The ID token nonce does not match.');
  if (typeof claims.sub !== 'string' || !claims.sub) throw new FederationError('The ID token has no subject.');
  return claims;
}

/**
 * The user the identity signs in as: a linked local user, else the federated user (made or refreshed).
 * A new federated user first goes through the pre sign-up trigger (PreSignUp_ExternalProvider).
 */
async function federatedUser(dp: Dp, pool: UserPool, client: AppClient, provider: IdentityProviderType, claims: Record<string, unknown>): Promise<string> {
  const name = provider.ProviderName as string;
  const mapping = provider.AttributeMapping ?? {};
  const subject = String(claims[mapping.username ?? 'sub'] ?? claims.sub);
  const linked = pool.providerLinks.get(`${name}|Cognito_Subject|${subject}`);
  if (linked !== undefined && pool.byUsername(linked)) return linked;
  const username = `${name}_${subject}`;
  // Mapped attributes the schema has; Cognito writes them again at each sign-in.
  const attributes = new Map<string, string>();
  for (const [attribute, claim] of Object.entries(mapping)) {
    if (attribute === 'username' || !pool.schema.has(attribute) || claims[claim] === undefined) continue;
    const value = claims[claim];
    attributes.set(attribute, typeof value === 'string' ? value : JSON.stringify(value));
  }
  let user = pool.byUsername(username);
  if (!user) {
    await runTrigger(dp.backend.ctx, {
      pool,
      name: 'PreSignUp',
      source: 'PreSignUp_ExternalProvider',
      clientId: client.ClientId,
      username,
      request: { userAttributes: Object.fromEntries(attributes), validationData: {} },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    user = pool.addUser(username, undefined, 'EXTERNAL_PROVIDER');
    const identity = { dateCreated: String(clock.now()), userId: subject, providerName: name, providerType: provider.ProviderType, issuer: null, primary: 'true' };
    user.attributes.set('identities', JSON.stringify([identity]));
  }
  for (const [attribute, value] of attributes) user.attributes.set(attribute, value);
  user.touch();
  return user.username;
}

/** /oauth2/idpresponse: the provider's answer, traded for tokens, then the code grant to the app client. */
export async function idpResponse(req: AwsRequest, dp: Dp, pool: UserPool): Promise<AwsResponse> {
  const q = req.url.searchParams;
  const state = q.get('state') ?? '';
  const pending = pool.federationRequests.get(state);
  pool.federationRequests.delete(state);
  if (!pending || pending.expires <= clock.now()) return errorPage('Invalid state: the sign-in request is unknown or has expired.');
  const original = new URLSearchParams(pending.query);
  const client = pool.clients.get(original.get('client_id') ?? '');
  const provider = pool.identityProviders.get(pending.provider);
  if (!client || !provider) return errorPage('The app client or identity provider no longer exists.');
  const appCallback = original.get('redirect_uri') ?? '';
  if (q.has('error')) return redirect(withParams(appCallback, { error: 'access_denied', error_description: q.get('error') ?? undefined, state: original.get('state') ?? undefined }));
  const details = (provider.ProviderDetails ?? {}) as Record<string, string>;
  try {
    const where = await endpoints(dp, details);
    const form = new URLSearchParams({ grant_type: 'authorization_code', code: q.get('code') ?? '', redirect_uri: pending.redirectUri, client_id: details.client_id });
    if (details.client_secret) form.set('client_secret', details.client_secret);
    const tokens = await httpJson(dp, 'POST', where.token, form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    const claims = await verifiedClaims(dp, tokens.id_token, where.jwks, details, pending.nonce);
    // The provider's userInfo answer (fetched with its access token) adds to the ID token's claims; the subject stays.
    if (where.userInfo && typeof tokens.access_token === 'string') {
      const bearer = { authorization: `Bearer ${tokens.access_token}` };
      const info = await httpJson(dp, details.attributes_request_method === 'POST' ? 'POST' : 'GET', where.userInfo, undefined, bearer);
      for (const [k, v] of Object.entries(info)) if (k !== 'sub') claims[k] = v;
    }
    const username = await federatedUser(dp, pool, client, provider, claims);
    return grantCode(dp.backend, pool, { client, redirectUri: appCallback }, original, username);
  } catch (e) {
    if (e instanceof FederationError) return errorPage(e.message);
    // A trigger's refusal goes back to the app, as Cognito sends it: invalid_request with the trigger's message.
    if (e instanceof AwsError) return redirect(withParams(appCallback, { error_description: e.message, error: 'invalid_request', state: original.get('state') ?? undefined }));
    throw e;
  }
}
