/**
 * The tokens a successful sign-in returns: ID and access tokens as RS256 JWTs
 * with the claims Cognito puts in them, times from the core clock, and an
 * opaque refresh token the pool remembers (so sign-out and RevokeToken can
 * invalidate it).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { AuthenticationResultType } from '../types';
import { signJwt, type JwtPayload } from './jwt';
import type { AppClient, UserPool } from './pool';
import type { PoolUser } from './user';

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** A client's token lifetimes in seconds (defaults: 1 hour for ID and access tokens, 30 days for refresh). */
export function validity(client: AppClient): { access: number; id: number; refresh: number } {
  const units = client.TokenValidityUnits ?? {};
  return {
    access: (client.AccessTokenValidity ?? 60) * UNIT_SECONDS[units.AccessToken ?? (client.AccessTokenValidity ? 'hours' : 'minutes')],
    id: (client.IdTokenValidity ?? 60) * UNIT_SECONDS[units.IdToken ?? (client.IdTokenValidity ? 'hours' : 'minutes')],
    refresh: (client.RefreshTokenValidity ?? 30) * UNIT_SECONDS[units.RefreshToken ?? 'days'],
  };
}

export function issuer(region: string, poolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
}

/** What a pre token generation trigger asked to change (v1: ID token only; v2: both tokens and scopes). */
export interface ClaimOverrides {
  idAdd?: Record<string, unknown>;
  idSuppress?: string[];
  accessAdd?: Record<string, unknown>;
  accessSuppress?: string[];
  scopesAdd?: string[];
  scopesSuppress?: string[];
  groups?: { groupsToOverride?: string[]; iamRolesToOverride?: string[]; preferredRole?: string };
}

export interface IssueOptions {
  region: string;
  authTime: number;
  /** Kept across refreshes: the sign-in session the tokens belong to. */
  originJti?: string;
  withRefreshToken: boolean;
  overrides?: ClaimOverrides;
}

function parseIdentities(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The ID token's claims before overrides (exported for the pre token generation trigger's event). */
export function idTokenAttributes(user: PoolUser): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const [name, value] of user.attributes) {
    if (name.startsWith('dev:')) continue;
    // A federated user's identities attribute is a JSON string; the token carries the array.
    claims[name] = name.endsWith('_verified') ? value === 'true' : name === 'identities' ? parseIdentities(value) : value;
  }
  return claims;
}

function apply(claims: JwtPayload, add: Record<string, unknown> | undefined, suppress: string[] | undefined): JwtPayload {
  for (const name of suppress ?? []) delete claims[name];
  Object.assign(claims, add ?? {});
  return claims;
}

export function issueTokens(pool: UserPool, user: PoolUser, client: AppClient, opts: IssueOptions): AuthenticationResultType {
  const keys = pool.signingKeys();
  const life = validity(client);
  const iat = clock.epochSeconds();
  const originJti = opts.originJti ?? randomUUID();
  const eventId = randomUUID();
  const o = opts.overrides ?? {};
  const groupNames = o.groups?.groupsToOverride ?? sortedGroups(pool, user);
  const common: JwtPayload = { sub: user.sub };
  if (groupNames.length) common['cognito:groups'] = groupNames;
  const roles = o.groups?.iamRolesToOverride ?? groupNames.map((g) => pool.groups.get(g)?.RoleArn).filter(Boolean);
  const preferredRole = o.groups?.preferredRole ?? preferredRoleOf(pool, groupNames);

  const idClaims = apply(
    {
      ...idTokenAttributes(user),
      ...common,
      ...(roles.length ? { 'cognito:roles': roles } : {}),
      ...(preferredRole ? { 'cognito:preferred_role': preferredRole } : {}),
      iss: issuer(opts.region, pool.id),
      'cognito:username': user.username,
      origin_jti: originJti,
      aud: client.ClientId,
      event_id: eventId,
      token_use: 'id',
      auth_time: opts.authTime,
      exp: iat + life.id,
      iat,
      jti: randomUUID(),
    },
    o.idAdd,
    o.idSuppress,
  );
  const scopes = new Set(['aws.cognito.signin.user.admin']);
  for (const s of o.scopesAdd ?? []) scopes.add(s);
  for (const s of o.scopesSuppress ?? []) scopes.delete(s);
  const accessClaims = apply(
    {
      ...common,
      iss: issuer(opts.region, pool.id),
      version: 2,
      client_id: client.ClientId,
      origin_jti: originJti,
      event_id: eventId,
      token_use: 'access',
      scope: [...scopes].join(' '),
      auth_time: opts.authTime,
      exp: iat + life.access,
      iat,
      jti: randomUUID(),
      username: user.username,
    },
    o.accessAdd,
    o.accessSuppress,
  );
  const result: AuthenticationResultType = {
    AccessToken: signJwt(keys.access, accessClaims),
    ExpiresIn: life.access,
    TokenType: 'Bearer',
    IdToken: signJwt(keys.id, idClaims),
  };
  if (opts.withRefreshToken) {
    const token = newRefreshToken();
    pool.refreshTokens.set(token, {
      username: user.username,
      clientId: client.ClientId,
      originJti,
      authTime: opts.authTime,
      issuedAt: clock.now(),
      revoked: false,
    });
    result.RefreshToken = token;
  }
  return result;
}

/** Groups in precedence order (lowest first; groups without precedence last), as the token lists them. */
function sortedGroups(pool: UserPool, user: PoolUser): string[] {
  return [...user.groups].sort((a, b) => (pool.groups.get(a)?.Precedence ?? Infinity) - (pool.groups.get(b)?.Precedence ?? Infinity));
}

function preferredRoleOf(pool: UserPool, groups: string[]): string | undefined {
  for (const name of groups) {
    const role = pool.groups.get(name)?.RoleArn;
    if (role) return role;
  }
  return undefined;
}

/**
 * Cognito's refresh tokens are encrypted JWTs (JWE, five dot-separated parts);
 * this one has the same shape and is only ever looked up.
 */
function newRefreshToken(): string {
  const header = Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })).toString('base64url');
  const part = (n: number) => randomBytes(n).toString('base64url');
  return `${header}.${part(256)}.${part(12)}.${part(400)}.${part(16)}`;
}

/** The access token of the client credentials grant: the client is the subject; no user, no ID or refresh token. */
export function clientCredentialsToken(pool: UserPool, client: AppClient, region: string, scopes: string[]): { token: string; expiresIn: number } {
  const life = validity(client);
  const iat = clock.epochSeconds();
  const payload: JwtPayload = {
    sub: client.ClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: iat,
    iss: issuer(region, pool.id),
    exp: iat + life.access,
    iat,
    version: 2,
    jti: randomUUID(),
    client_id: client.ClientId,
  };
  return { token: signJwt(pool.signingKeys().access, payload), expiresIn: life.access };
}
