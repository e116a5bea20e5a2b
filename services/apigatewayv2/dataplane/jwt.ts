/**
 * The JWT authorizer of HTTP APIs: an RS256 token whose signature verifies
 * against the issuer's JWKS, whose `iss` is the issuer, whose `aud` (or
 * `client_id`, for Cognito access tokens) is one of the audiences, and which
 * has not expired on the core clock. Keys come from the Cognito backend for
 * a Cognito issuer, else from the issuer's OpenID configuration, fetched
 * only from a local address (the fake never reaches the internet).
 */
import { createPublicKey, type JsonWebKey, verify } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { BackendAccess } from '../../../src/core/service';

export type JwtOutcome = { ok: true; claims: Record<string, unknown>; scopes?: string[] } | { ok: false; status: 401 | 403 };

const COGNITO_ISSUER = /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([\w-]+_[0-9A-Za-z]+)$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

interface Jwks {
  keys: Array<JsonWebKey & { kid?: string }>;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The issuer's keys: Cognito's from its backend, a local issuer's over HTTP, nothing for any other. */
async function keysOf(issuer: string, backends: BackendAccess, account: string): Promise<Jwks | undefined> {
  const cognito = COGNITO_ISSUER.exec(issuer);
  if (cognito) {
    try {
      const idp = await backends.get<{ jwks?(poolId: string): Jwks | undefined }>('cognitoidp', account, cognito[1]);
      return idp.jwks?.(cognito[2]);
    } catch {
      return undefined;
    }
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return undefined;
  }
  if (!LOCAL_HOSTS.has(url.hostname)) return undefined;
  try {
    const base = issuer.replace(/\/$/, '');
    const config = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as { jwks_uri?: string };
    const jwksUri = config.jwks_uri ? new URL(config.jwks_uri) : undefined;
    if (!jwksUri || !LOCAL_HOSTS.has(jwksUri.hostname)) return undefined;
    return (await (await fetch(jwksUri)).json()) as Jwks;
  } catch {
    return undefined;
  }
}

/** Checks `token` (with or without `Bearer `) against the authorizer's issuer and audiences and the route's scopes. */
export async function checkJwt(
  rawToken: string | undefined,
  config: { Issuer?: string; Audience?: string[] },
  routeScopes: string[] | undefined,
  backends: BackendAccess,
  account: string,
): Promise<JwtOutcome> {
  if (!rawToken) return { ok: false, status: 401 };
  const token = rawToken.replace(/^Bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, status: 401 };
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  if (!header || !claims || header.alg !== 'RS256' || !config.Issuer) return { ok: false, status: 401 };
  const jwks = await keysOf(config.Issuer, backends, account);
  const jwk = jwks?.keys.find((k) => (header.kid === undefined ? true : k.kid === header.kid));
  if (!jwk) return { ok: false, status: 401 };
  let valid = false;
  try {
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    valid = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, status: 401 };
  const now = clock.epochSeconds();
  if (claims.iss !== config.Issuer) return { ok: false, status: 401 };
  if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, status: 401 };
  if (typeof claims.nbf === 'number' && claims.nbf > now) return { ok: false, status: 401 };
  const aud = Array.isArray(claims.aud) ? claims.aud : claims.aud !== undefined ? [claims.aud] : [claims.client_id];
  // REST API Cognito authorizers name no audience: any app client of the pool will do.
  if (config.Audience && !aud.some((a) => config.Audience?.includes(String(a)))) return { ok: false, status: 401 };
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : Array.isArray(claims.scp) ? claims.scp.map(String) : undefined;
  if (routeScopes?.length && !routeScopes.some((s) => scopes?.includes(s))) return { ok: false, status: 403 };
  return { ok: true, claims, scopes };
}
