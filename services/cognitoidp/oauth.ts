/**
 * The hosted UI's token endpoint, POST https://<domain>.auth.<region>.amazoncognito.com/oauth2/token
 * (or /_aws/cognito-idp/<domain>/oauth2/token on the server's own address):
 * the client credentials grant, with OAuth's JSON errors (RFC 6749 section 5.2).
 */
import type { AwsRequest, AwsResponse } from '../../src/core/request';
import type { CognitoIdpBackend } from './models/backend';
import { clientCredentialsToken } from './models/tokens';

function oauthJson(status: number, body: Record<string, unknown>): AwsResponse {
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store' }, body: Buffer.from(JSON.stringify(body)) };
}

const oauthError = (status: number, error: string) => oauthJson(status, { error });

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

export function tokenEndpoint(req: AwsRequest, backend: CognitoIdpBackend, domain: string, region: string): AwsResponse {
  if (req.method !== 'POST') return oauthJson(405, { error: 'invalid_request', error_description: 'Method not allowed' });
  const pool = backend.domains.get(domain);
  if (!pool) return oauthJson(404, { error: 'invalid_request', error_description: 'Unknown domain' });
  const form = new URLSearchParams(req.body.toString('utf8'));
  const grant = form.get('grant_type');
  const { id, secret } = clientCredentials(req, form);
  const client = id ? pool.clients.get(id) : undefined;
  if (!client?.ClientSecret || client.ClientSecret !== secret) return oauthError(401, 'invalid_client');
  if (grant !== 'client_credentials') {
    return oauthError(400, grant === 'authorization_code' || grant === 'refresh_token' ? 'unauthorized_client' : 'unsupported_grant_type');
  }
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
