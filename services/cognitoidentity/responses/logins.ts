/**
 * The Logins map of GetId / GetCredentialsForIdentity / GetOpenIdToken:
 * provider name → token. Tokens from a Cognito user pool
 * (`cognito-idp.<region>.amazonaws.com/<poolId>`) are verified by that pool's
 * backend (signature, expiry, revocation, audience); OpenID tokens of this
 * service (`cognito-identity.amazonaws.com`) by this backend; other providers'
 * tokens cannot be checked by the fake and are taken as the subject they name.
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../../src/core/service';
import { notAuthorized } from '../exceptions';
import type { CognitoIdentityBackend, StoredPool } from '../models/backend';

export type Ctx = RequestContext<CognitoIdentityBackend>;

/** What identity pools need of the user pool backend (reached through backends, not imports). */
interface UserPools {
  verifyToken(token: string, use: 'id' | 'access'): Record<string, unknown>;
}

export interface VerifiedLogin {
  provider: string;
  subject: string;
  claims: Record<string, unknown>;
}

/** The login of the developer-authenticated flow: an OpenID token GetOpenIdTokenForDeveloperIdentity issued. */
export const COGNITO_IDENTITY_PROVIDER = 'cognito-identity.amazonaws.com';

const USER_POOL_PROVIDER = /^cognito-idp\.(?<region>[a-z0-9-]+)\.amazonaws\.com\/(?<poolId>[\w-]+_[0-9A-Za-z]+)$/;

export async function verifyLogins(ctx: Ctx, pool: StoredPool, logins: Record<string, string> | undefined): Promise<VerifiedLogin[]> {
  const out: VerifiedLogin[] = [];
  for (const [provider, token] of Object.entries(logins ?? {})) {
    if (provider === COGNITO_IDENTITY_PROVIDER) {
      const claims = ctx.backend.verifyOpenIdToken(token);
      if (!claims) throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
      if (claims.aud !== pool.IdentityPoolId) throw notAuthorized('Invalid login token. Incorrect token audience.');
      out.push({ provider, subject: String(claims.sub), claims });
      continue;
    }
    const userPool = USER_POOL_PROVIDER.exec(provider);
    if (userPool?.groups) {
      const configured = (pool.CognitoIdentityProviders ?? []).find((p) => p.ProviderName === provider);
      if (!configured) throw notAuthorized('Invalid login token. Token is not from a supported provider of this identity pool.');
      const idp = await ctx.backends.get<UserPools>('cognitoidp', ctx.account, userPool.groups.region);
      let claims: Record<string, unknown>;
      try {
        claims = idp.verifyToken(token, 'id');
      } catch (err) {
        const why = err instanceof Error && /expired/.test(err.message) ? 'Token expired.' : 'Not a valid OpenId Connect identity token.';
        throw notAuthorized(`Invalid login token. ${why}`);
      }
      if (claims.iss !== `https://${provider}`) throw notAuthorized("Invalid login token. Issuer doesn't match providerName");
      if (configured.ClientId && claims.aud !== configured.ClientId) throw notAuthorized('Invalid login token. Incorrect token audience.');
      out.push({ provider, subject: String(claims.sub), claims });
      continue;
    }
    const supported = pool.SupportedLoginProviders ?? {};
    if (!(provider in supported) && provider !== pool.DeveloperProviderName) {
      throw notAuthorized('Invalid login token. Token is not from a supported provider of this identity pool.');
    }
    out.push({ provider, subject: createHash('sha256').update(token).digest('hex'), claims: {} });
  }
  return out;
}

export function loginKey(poolId: string, login: VerifiedLogin): string {
  return `${poolId}|${login.provider}|${login.subject}`;
}
