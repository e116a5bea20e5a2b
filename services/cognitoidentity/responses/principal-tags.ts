/**
 * Attributes for access control: per provider of a pool, which token claims
 * become principal tags (Set/GetPrincipalTagAttributeMap), and the tags a
 * GetCredentialsForIdentity call passes to STS as session tags (in the web
 * identity token's `https://aws.amazon.com/tags` claim, where STS reads them).
 */
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter } from '../exceptions';
import type { CognitoIdentityBackend, StoredPool } from '../models/backend';
import type { CognitoidentityOperations } from '../types';
import { COGNITO_IDENTITY_PROVIDER, type Ctx, type VerifiedLogin } from './logins';

/** The documented default mapping: tag `username` from the `sub` claim, tag `client` from `aud`. */
const DEFAULT_TAGS: Record<string, string> = { username: 'sub', client: 'aud' };

/** Whether the provider is one the pool is configured with (a user pool, a social/OIDC/SAML provider). */
function isPoolProvider(pool: StoredPool, name: string): boolean {
  return (
    (pool.CognitoIdentityProviders ?? []).some((p) => p.ProviderName === name) ||
    Object.hasOwn(pool.SupportedLoginProviders ?? {}, name) ||
    (pool.OpenIdConnectProviderARNs ?? []).includes(name) ||
    (pool.SamlProviderARNs ?? []).includes(name)
  );
}

/** The session tags for credentials of these logins. */
export function principalTags(ctx: Ctx, pool: StoredPool, logins: VerifiedLogin[]): Record<string, string> {
  const tags: Record<string, string> = Object.create(null);
  for (const login of logins) {
    if (login.provider === COGNITO_IDENTITY_PROVIDER) {
      // The developer's backend chose these tags when it asked for the token.
      const carried = (login.claims['https://aws.amazon.com/tags'] as { principal_tags?: Record<string, string[]> } | undefined)?.principal_tags;
      for (const [key, values] of Object.entries(carried ?? {})) tags[key] = values[0];
      continue;
    }
    const map = ctx.backend.principalTagMaps.get(`${pool.IdentityPoolId}|${login.provider}`);
    if (!map) continue;
    for (const [tag, claim] of Object.entries(map.UseDefaults ? DEFAULT_TAGS : map.PrincipalTags)) {
      const value = login.claims[claim];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') tags[tag] = String(value);
    }
  }
  return tags;
}

export const principalTagHandlers: HandlerTable<CognitoidentityOperations, CognitoIdentityBackend> = {
  SetPrincipalTagAttributeMap(input, ctx) {
    const pool = ctx.backend.pool(input.IdentityPoolId);
    if (!isPoolProvider(pool, input.IdentityProviderName)) {
      throw invalidParameter(`Identity provider ${input.IdentityProviderName} is not configured for identity pool ${pool.IdentityPoolId}.`);
    }
    const map = { UseDefaults: input.UseDefaults ?? false, PrincipalTags: { ...(input.PrincipalTags ?? {}) } };
    ctx.backend.principalTagMaps.set(`${pool.IdentityPoolId}|${input.IdentityProviderName}`, map);
    return { IdentityPoolId: pool.IdentityPoolId, IdentityProviderName: input.IdentityProviderName, ...map };
  },

  GetPrincipalTagAttributeMap(input, ctx) {
    const pool = ctx.backend.pool(input.IdentityPoolId);
    if (!isPoolProvider(pool, input.IdentityProviderName)) {
      throw invalidParameter(`Identity provider ${input.IdentityProviderName} is not configured for identity pool ${pool.IdentityPoolId}.`);
    }
    const map = ctx.backend.principalTagMaps.get(`${pool.IdentityPoolId}|${input.IdentityProviderName}`);
    return {
      IdentityPoolId: pool.IdentityPoolId,
      IdentityProviderName: input.IdentityProviderName,
      UseDefaults: map?.UseDefaults ?? false,
      PrincipalTags: map ? { ...map.PrincipalTags } : undefined,
    };
  },
};
