/**
 * The hosted UI's token endpoint, POST https://<domain>.auth.<region>.amazoncognito.com/oauth2/token
 * (or /_aws/cognito-idp/<domain>/oauth2/token on the server's own address):
 * the client credentials, authorization code (PKCE S256 checked) and refresh
 * token grants, with OAuth's JSON errors (RFC 6749 section 5.2).
 */
import { createHash } from 'node:crypto';
import { clock } from '../../src/core/clock';
import type { AwsRequest, AwsResponse } from '../../src/core/request';
import type { CognitoIdpBackend } from './models/backend';
import { type AppClient, activeSecrets, type UserPool } from './models/pool';
import { clientCredentialsToken, issueTokens, validity } from './models/tokens';

export function oauthJson(status: number, body: Record<string, unknown>): AwsResponse {
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store' }, body: Buffer.from(JSON.stringify(body)) };
}

export const oauthError = (status: number, error: string) => oauthJson(status, { error });

/** client_id and client_secret from HTTP Basic authentication, else from the form. */
function clientCredentials(req: AwsRequest, form: URLSearchParams): { id?: string; secret?: string } {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

/** The authenticated app client: a client with a secret must present it; a public client need not. */
export function clientOf(req: AwsRequest, form: URLSearchParams, pool: UserPool): AppClient | undefined {
  const { id, secret } = clientCredentials(req, form);
  const client = id ? pool.clients.get(id) : undefined;
  if (!client || (client.ClientSecret !== undefined && !activeSecrets(client).includes(secret ?? ''))) return undefined;
  return client;
}

/** RFC 7009: revoking a token the client does not own (or an unknown one) changes nothing. */
export function revokeRefreshToken(pool: UserPool, client: AppClient, token: string): void {
  const session = pool.refreshTokens.get(token);
  if (session && session.clientId === client.ClientId) {
    session.revoked = true;
    pool.revokedOrigins.add(session.originJti);
  }
}

/** Access token scopes for a hosted UI sign-in: the granted ones (aws.cognito.signin.user.admin only if granted). */
function scopeOverrides(scopes: string[]) {
  return { scopesAdd: scopes, scopesSuppress: scopes.includes('aws.cognito.signin.user.admin') ? [] : ['aws.cognito.signin.user.admin'] };
}

function authorizationCodeGrant(backend: CognitoIdpBackend, pool: UserPool, client: AppClient, form: URLSearchParams, region: string): AwsResponse {
  const code = form.get('code') ?? '';
  const grant = backend.authCodes.get(code);
  backend.authCodes.delete(code); // one use, even when the exchange fails
  if (!grant || grant.poolId !== pool.id || grant.clientId !== client.ClientId || grant.expires <= clock.now()) return oauthError(400, 'invalid_grant');
  if (form.get('redirect_uri') !== grant.redirectUri) return oauthError(400, 'invalid_grant');
  if (grant.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) return oauthError(400, 'invalid_grant');
  }
  const user = pool.byUsername(grant.username);
  if (!user?.enabled) return oauthError(400, 'invalid_grant');
  const tokens = issueTokens(pool, user, client, { region, authTime: grant.authTime, withRefreshToken: true, overrides: scopeOverrides(grant.scopes) });
  return oauthJson(200, {
    ...(grant.scopes.includes('openid') ? { id_token: tokens.IdToken } : {}),
    access_token: tokens.AccessToken,
    refresh_token: tokens.RefreshToken,
    expires_in: tokens.ExpiresIn,
    token_type: 'Bearer',
  });
}

function refreshTokenGrant(pool: UserPool, client: AppClient, form: URLSearchParams, region: string): AwsResponse {
  const session = pool.refreshTokens.get(form.get('refresh_token') ?? '');
  if (!session || session.revoked || session.clientId !== client.ClientId) return oauthError(400, 'invalid_grant');
  if (session.issuedAt + validity(client).refresh * 1000 <= clock.now()) return oauthError(400, 'invalid_grant');
  const user = pool.byUsername(session.username);
  if (!user?.enabled) return oauthError(400, 'invalid_grant');
  const scopes = client.AllowedOAuthScopes ?? [];
  const tokens = issueTokens(pool, user, client, {
    region,
    authTime: session.authTime,
    originJti: session.originJti,
    withRefreshToken: false,
    overrides: scopeOverrides(scopes),
  });
  return oauthJson(200, { id_token: tokens.IdToken, access_token: tokens.AccessToken, expires_in: tokens.ExpiresIn, token_type: 'Bearer' });
}

export function tokenEndpoint(req: AwsRequest, backend: CognitoIdpBackend, domain: string, region: string): AwsResponse {
  if (req.method !== 'POST') return oauthJson(405, { error: 'invalid_request', error_description: 'Method not allowed' });
  const pool = backend.domains.get(domain);
  if (!pool) return oauthJson(404, { error: 'invalid_request', error_description: 'Unknown domain' });
  const form = new URLSearchParams(req.body.toString('utf8'));
  const grant = form.get('grant_type');
  const client = clientOf(req, form, pool);
  if (!client) return oauthError(401, 'invalid_client');
  if (grant === 'authorization_code' || grant === 'refresh_token') {
    if (!client.AllowedOAuthFlowsUserPoolClient || (grant === 'authorization_code' && !client.AllowedOAuthFlows?.includes('code'))) {
      return oauthError(400, 'unauthorized_client');
    }
    return grant === 'authorization_code' ? authorizationCodeGrant(backend, pool, client, form, region) : refreshTokenGrant(pool, client, form, region);
  }
  if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');
  if (!client.ClientSecret) return oauthError(401, 'invalid_client');
  if (!client.AllowedOAuthFlowsUserPoolClient || !client.AllowedOAuthFlows?.includes('client_credentials')) {
    return oauthError(400, 'unauthorized_client');
  }
  const allowed = client.AllowedOAuthScopes ?? [];
  const requested = form.get('scope')?.split(/\s+/).filter(Boolean);
  if (requested?.some((s) => !allowed.includes(s))) return oauthError(400, 'invalid_scope');
  const scopes = requested ?? allowed;
  if (!scopes.length) return oauthError(400, 'invalid_scope');
  const { token, expiresIn } = clientCredentialsToken(pool, client, region, scopes);
  return oauthJson(200, { access_token: token, expires_in: expiresIn, token_type: 'Bearer' });
}
