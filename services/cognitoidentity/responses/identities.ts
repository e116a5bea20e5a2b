/**
 * Identities: GetId (one per login, new for each unauthenticated caller),
 * GetOpenIdToken, and GetCredentialsForIdentity, which assumes the pool's
 * authenticated or unauthenticated role through STS so the credentials it
 * returns are ones the fake knows (calls signed with them run as that role).
 */
import { clock } from '../../../src/core/clock';
import { isAwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { invalidPoolConfiguration, notAuthorized } from '../exceptions';
import type { CognitoIdentityBackend, Identity, StoredPool } from '../models/backend';
import type { CognitoidentityOperations, RoleMapping } from '../types';
import { COGNITO_IDENTITY_PROVIDER, type Ctx, loginKey, type VerifiedLogin, verifyLogins } from './logins';
import { principalTags } from './principal-tags';

const UNAUTH_REFUSED = 'Unauthenticated access is not supported for this identity pool.';
const LOGINS_MISMATCH = "Logins don't match. Please include at least one valid login for this identity or identity pool.";

/** The verified logins of a request for an existing identity; they must belong to it. */
export async function loginsFor(ctx: Ctx, identity: Identity, logins: Record<string, string> | undefined): Promise<VerifiedLogin[]> {
  const pool = ctx.backend.pool(identity.poolId);
  const verified = await verifyLogins(ctx, pool, logins);
  if (identity.logins.size && !verified.length) throw notAuthorized(LOGINS_MISMATCH);
  for (const login of verified) {
    // An OpenID token of the developer flow proves the identity it was issued for, and no other.
    if (login.provider === COGNITO_IDENTITY_PROVIDER) {
      if (login.subject !== identity.id) throw notAuthorized(LOGINS_MISMATCH);
      continue;
    }
    const owner = ctx.backend.byLogin.get(loginKey(pool.IdentityPoolId, login));
    if (owner !== undefined && owner !== identity.id) throw notAuthorized(LOGINS_MISMATCH);
  }
  if (!verified.length && !pool.AllowUnauthenticatedIdentities) throw notAuthorized(UNAUTH_REFUSED);
  return verified;
}

export function link(ctx: Ctx, identity: Identity, logins: VerifiedLogin[]): void {
  for (const login of logins) {
    if (login.provider === COGNITO_IDENTITY_PROVIDER) continue;
    ctx.backend.byLogin.set(loginKey(identity.poolId, login), identity.id);
    identity.logins.add(login.provider);
  }
  if (logins.length) identity.modified = clock.now();
}

/** Rules role mapping: the first rule whose claim test matches. */
function ruleRole(mapping: RoleMapping, claims: Record<string, unknown>): string | undefined {
  for (const rule of mapping.RulesConfiguration?.Rules ?? []) {
    const raw = claims[rule.Claim];
    const value = Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)];
    const hit =
      (rule.MatchType === 'Equals' && value.includes(rule.Value)) ||
      (rule.MatchType === 'NotEqual' && !value.includes(rule.Value)) ||
      (rule.MatchType === 'Contains' && value.some((v) => v.includes(rule.Value))) ||
      (rule.MatchType === 'StartsWith' && value.some((v) => v.startsWith(rule.Value)));
    if (hit) return rule.RoleARN;
  }
  return undefined;
}

/** Which role the credentials are for: role mappings for the login's provider, else the pool's default roles. */
function chooseRole(pool: StoredPool, logins: VerifiedLogin[], customRoleArn: string | undefined): string {
  if (!logins.length) {
    const role = pool.roles.unauthenticated;
    if (!role) throw invalidPoolConfiguration();
    return role;
  }
  for (const login of logins) {
    const mapping = pool.roleMappings[login.provider];
    if (!mapping) continue;
    let role: string | undefined;
    if (mapping.Type === 'Token') {
      const roles = (login.claims['cognito:roles'] as string[] | undefined) ?? [];
      role = customRoleArn && roles.includes(customRoleArn) ? customRoleArn : (login.claims['cognito:preferred_role'] as string | undefined);
    } else if (mapping.Type === 'Rules') {
      role = ruleRole(mapping, login.claims);
    }
    if (role) return role;
    if (mapping.AmbiguousRoleResolution === 'Deny') throw notAuthorized('Unable to resolve a role for the identity; the role mapping denies ambiguous logins.');
  }
  const role = pool.roles.authenticated;
  if (!role) throw invalidPoolConfiguration();
  return role;
}

export const identities: HandlerTable<CognitoidentityOperations, CognitoIdentityBackend> = {
  async GetId(input, ctx) {
    const pool = ctx.backend.pool(input.IdentityPoolId);
    const logins = await verifyLogins(ctx, pool, input.Logins);
    if (!logins.length) {
      if (!pool.AllowUnauthenticatedIdentities) throw notAuthorized(UNAUTH_REFUSED);
      return { IdentityId: ctx.backend.newIdentity(pool.IdentityPoolId).id };
    }
    for (const login of logins) {
      const known =
        login.provider === COGNITO_IDENTITY_PROVIDER
          ? ctx.backend.identities.get(login.subject)?.poolId === pool.IdentityPoolId ? login.subject : undefined
          : ctx.backend.byLogin.get(loginKey(pool.IdentityPoolId, login));
      if (known) {
        link(ctx, ctx.backend.identity(known), logins);
        return { IdentityId: known };
      }
    }
    const identity = ctx.backend.newIdentity(pool.IdentityPoolId);
    link(ctx, identity, logins);
    return { IdentityId: identity.id };
  },

  async GetOpenIdToken(input, ctx) {
    const identity = ctx.backend.identity(input.IdentityId);
    link(ctx, identity, await loginsFor(ctx, identity, input.Logins));
    return { IdentityId: identity.id, Token: ctx.backend.openIdToken(identity) };
  },

  async GetCredentialsForIdentity(input, ctx) {
    const identity = ctx.backend.identity(input.IdentityId);
    const pool = ctx.backend.pool(identity.poolId);
    const logins = await loginsFor(ctx, identity, input.Logins);
    const roleArn = chooseRole(pool, logins, input.CustomRoleArn);
    let out: { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } };
    try {
      out = await ctx.backends.call('sts', 'AssumeRoleWithWebIdentity', {
        RoleArn: roleArn,
        RoleSessionName: 'CognitoIdentityCredentials',
        WebIdentityToken: ctx.backend.openIdToken(identity, 600, principalTags(ctx, pool, logins)),
      }, { account: ctx.account, region: ctx.region });
    } catch (err) {
      // A role that does not exist (or cannot be assumed) is a pool configuration problem to the caller.
      if (isAwsError(err)) throw invalidPoolConfiguration();
      throw err;
    }
    link(ctx, identity, logins);
    const c = out.Credentials ?? {};
    return {
      IdentityId: identity.id,
      Credentials: { AccessKeyId: c.AccessKeyId, SecretKey: c.SecretAccessKey, SessionToken: c.SessionToken, Expiration: c.Expiration },
    };
  },

  DescribeIdentity(input, ctx) {
    const identity = ctx.backend.identity(input.IdentityId);
    return {
      IdentityId: identity.id,
      Logins: identity.logins.size ? [...identity.logins] : undefined,
      CreationDate: new Date(identity.created),
      LastModifiedDate: new Date(identity.modified),
    };
  },

  ListIdentities(input, ctx) {
    ctx.backend.pool(input.IdentityPoolId);
    const after = input.NextToken ? Buffer.from(input.NextToken, 'base64').toString() : undefined;
    const items: string[] = [];
    let more = false;
    for (const id of ctx.backend.poolIdentities.get(input.IdentityPoolId)?.from(after, true) ?? []) {
      if (items.length === input.MaxResults) {
        more = true;
        break;
      }
      items.push(id);
    }
    return {
      IdentityPoolId: input.IdentityPoolId,
      Identities: items.map((id) => {
        const i = ctx.backend.identity(id);
        return { IdentityId: id, Logins: i.logins.size ? [...i.logins] : undefined, CreationDate: new Date(i.created), LastModifiedDate: new Date(i.modified) };
      }),
      NextToken: more ? Buffer.from(items[items.length - 1]).toString('base64') : undefined,
    };
  },

  DeleteIdentities(input, ctx) {
    const unprocessed: Array<{ IdentityId: string; ErrorCode: string }> = [];
    for (const id of input.IdentityIdsToDelete) {
      const identity = ctx.backend.identities.get(id);
      if (!identity) {
        unprocessed.push({ IdentityId: id, ErrorCode: 'InternalServerError' });
        continue;
      }
      ctx.backend.deleteIdentity(identity);
    }
    return { UnprocessedIdentityIds: unprocessed };
  },
};
