/**
 * The unauthenticated documents a pool publishes: jwks.json (its public
 * signing keys) and openid-configuration. Verifiers such as aws-jwt-verify
 * fetch them over HTTPS; in-process that arrives through the HTTP fallback.
 * Also the routing of a domain's hosted UI: the token endpoint (oauth.ts),
 * federated sign-in (hosted-ui-federation.ts), the self-service pages
 * (hosted-ui-pages.ts) and the rest (hosted-ui.ts).
 */
import type { AwsRequest, AwsResponse } from '../../src/core/request';
import type { DataPlaneContext } from '../../src/core/service';
import type { CognitoIdpBackend } from './models/backend';
import { issuer } from './models/tokens';
import { checkAuthorize, hostedUi } from './hosted-ui';
import { federatedAuthorize, idpResponse, wantsFederation } from './hosted-ui-federation';
import { isSelfServicePage, selfServicePage } from './hosted-ui-pages';
import { importUpload, isImportUpload } from './import-upload';
import { tokenEndpoint } from './oauth';

function json(status: number, body: unknown): AwsResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}

const HOSTED = /^(?<domain>[a-z0-9-]+)\.auth\.[a-z0-9-]+\.amazoncognito\.com$/;
const SERVER_FORM = /^\/_aws\/cognito-idp\/(?<domain>[a-z0-9-]+)(?<rest>\/(?:oauth2\/.*|login|logout|signup|confirmUser|forgotPassword|confirmForgotPassword))$/;

export function dataPlane(req: AwsRequest, ctx: DataPlaneContext<CognitoIdpBackend>): AwsResponse | Promise<AwsResponse> {
  if (isImportUpload(req)) return importUpload(req, ctx);
  const hosted = HOSTED.exec(req.url.hostname)?.groups;
  const serverForm = SERVER_FORM.exec(req.url.pathname)?.groups;
  if (hosted || serverForm) {
    const domain = (hosted?.domain ?? serverForm?.domain) as string;
    const path = serverForm?.rest ?? req.url.pathname;
    if (path === '/oauth2/token') return tokenEndpoint(req, ctx.backend, domain, ctx.region);
    const pool = ctx.backend.domains.get(domain);
    const prefix = serverForm ? `/_aws/cognito-idp/${domain}` : '';
    if (pool && path === '/oauth2/authorize' && wantsFederation(req.url.searchParams)) {
      const checked = checkAuthorize(pool, req.url.searchParams);
      return 'status' in checked ? checked : federatedAuthorize(req, ctx, pool, checked.client, prefix);
    }
    if (pool && path === '/oauth2/idpresponse') return idpResponse(req, ctx, pool);
    if (pool && isSelfServicePage(path)) return selfServicePage(req, ctx, pool, path, prefix);
    const answer = pool ? hostedUi(req, ctx.backend, pool, path, prefix) : undefined;
    return answer ?? json(404, { error: 'not_found', error_description: `mockaws does not serve ${path} of the hosted UI` });
  }
  return wellKnown(req, ctx);
}

function wellKnown(req: AwsRequest, ctx: DataPlaneContext<CognitoIdpBackend>): AwsResponse {
  const [, poolId, , doc] = req.url.pathname.split('/');
  const pool = ctx.backend.pools.get(poolId);
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { message: 'Method Not Allowed' });
  if (!pool) return json(404, { message: `User pool ${poolId} does not exist.` });
  if (doc === 'jwks.json') return json(200, pool.jwks());
  const iss = issuer(ctx.region, poolId);
  const domain = pool.domain ? `https://${pool.domain}.auth.${ctx.region}.amazoncognito.com` : undefined;
  return json(200, {
    issuer: iss,
    jwks_uri: `${iss}/.well-known/jwks.json`,
    ...(domain
      ? {
          authorization_endpoint: `${domain}/oauth2/authorize`,
          token_endpoint: `${domain}/oauth2/token`,
          userinfo_endpoint: `${domain}/oauth2/userInfo`,
          end_session_endpoint: `${domain}/logout`,
          revocation_endpoint: `${domain}/oauth2/revoke`,
        }
      : {}),
    response_types_supported: ['code', 'token'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  });
}
