/**
 * Developer-authenticated identities: the developer's backend (with AWS
 * credentials) registers its own users under the pool's developer provider
 * and gets an OpenID token for them (GetOpenIdTokenForDeveloperIdentity); the
 * client trades the token, as the `cognito-identity.amazonaws.com` login, for
 * credentials. Lookup, merge and unlink of developer users, and UnlinkIdentity
 * for the other providers' logins.
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { identityNotFound, invalidParameter, notAuthorized, resourceNotFound } from '../exceptions';
import type { CognitoIdentityBackend, Identity, StoredPool } from '../models/backend';
import type { CognitoidentityOperations } from '../types';
import { link, loginsFor } from './identities';
import { COGNITO_IDENTITY_PROVIDER, type Ctx, loginKey, verifyLogins } from './logins';

const conflict = (message: string) => new AwsError('ResourceConflictException', message, { status: 400 });
/** GetOpenIdTokenForDeveloperIdentity's token lives 15 minutes unless TokenDuration says otherwise. */
const DEFAULT_TOKEN_SECONDS = 900;

/** The pool's developer provider, which the request must name. */
function developerProvider(pool: StoredPool, named: string): string {
  if (!pool.DeveloperProviderName) throw notAuthorized(`Identity pool ${pool.IdentityPoolId} does not have a developer provider.`);
  if (named !== pool.DeveloperProviderName) throw notAuthorized(`Developer provider ${named} does not match the identity pool's developer provider.`);
  return named;
}

/** An identity of this pool (an identity of another pool is as unknown as a missing one). */
function poolIdentity(ctx: Ctx, pool: StoredPool, id: string): Identity {
  const identity = ctx.backend.identities.get(id);
  if (!identity || identity.poolId !== pool.IdentityPoolId) throw identityNotFound(id);
  return identity;
}

/** The identity a developer user is linked to. */
function developerIdentity(ctx: Ctx, pool: StoredPool, provider: string, user: string): Identity {
  const id = ctx.backend.byDeveloperUser.get(ctx.backend.developerKey(pool.IdentityPoolId, provider, user));
  if (!id) throw resourceNotFound(`Developer user ${user} not found.`);
  return ctx.backend.identity(id);
}

function linkDeveloperUser(ctx: Ctx, identity: Identity, provider: string, user: string): void {
  ctx.backend.byDeveloperUser.set(ctx.backend.developerKey(identity.poolId, provider, user), identity.id);
  identity.developerUsers.add(user);
  identity.logins.add(provider);
  identity.modified = clock.now();
}

function unlinkDeveloperUser(ctx: Ctx, identity: Identity, provider: string, user: string): void {
  ctx.backend.byDeveloperUser.delete(ctx.backend.developerKey(identity.poolId, provider, user));
  identity.developerUsers.delete(user);
  if (!identity.developerUsers.size) identity.logins.delete(provider);
  identity.modified = clock.now();
}

export const developer: HandlerTable<CognitoidentityOperations, CognitoIdentityBackend> = {
  async GetOpenIdTokenForDeveloperIdentity(input, ctx) {
    const pool = ctx.backend.pool(input.IdentityPoolId);
    const provider = pool.DeveloperProviderName;
    const user = provider !== undefined && Object.hasOwn(input.Logins, provider) ? input.Logins[provider] : undefined;
    if (provider === undefined || user === undefined) {
      throw invalidParameter('Logins must contain the developer provider of the identity pool.');
    }
    if (!user.length || user.length > 1024) throw invalidParameter('The developer user identifier must be 1 to 1024 characters.');
    const { [provider]: _developer, ...others } = input.Logins;
    if (COGNITO_IDENTITY_PROVIDER in others) throw invalidParameter(`${COGNITO_IDENTITY_PROVIDER} is not a login this operation links.`);
    const verified = await verifyLogins(ctx, pool, others);

    // Everything is checked before anything is linked.
    const owner = ctx.backend.byDeveloperUser.get(ctx.backend.developerKey(pool.IdentityPoolId, provider, user));
    let identity: Identity | undefined;
    if (input.IdentityId !== undefined) {
      identity = poolIdentity(ctx, pool, input.IdentityId);
      if (owner !== undefined && owner !== identity.id) {
        throw new AwsError('DeveloperUserAlreadyRegisteredException', `Developer user ${user} is already registered with a different identity.`, { status: 400 });
      }
    } else if (owner !== undefined) {
      identity = ctx.backend.identity(owner);
    }
    for (const login of verified) {
      const linked = ctx.backend.byLogin.get(loginKey(pool.IdentityPoolId, login));
      if (linked === undefined) continue;
      if (identity && linked !== identity.id) throw conflict(`Login for ${login.provider} is already linked to another identity.`);
      identity ??= ctx.backend.identity(linked);
    }

    identity ??= ctx.backend.newIdentity(pool.IdentityPoolId);
    linkDeveloperUser(ctx, identity, provider, user);
    link(ctx, identity, verified);
    return {
      IdentityId: identity.id,
      Token: ctx.backend.openIdToken(identity, input.TokenDuration ?? DEFAULT_TOKEN_SECONDS, input.PrincipalTags),
    };
  },

  LookupDeveloperIdentity(input, ctx) {
    const pool = ctx.backend.pool(input.IdentityPoolId);
    if (input.IdentityId === undefined && input.DeveloperUserIdentifier === undefined) {
      throw invalidParameter('Either IdentityId or DeveloperUserIdentifier must be provided.');
    }
    let identity: Identity;
    if (input.DeveloperUserIdentifier !== undefined) {
      identity = developerIdentity(ctx, pool, pool.DeveloperProviderName ?? '', input.DeveloperUserIdentifier);
      if (input.IdentityId !== undefined && input.IdentityId !== identity.id) {
        throw conflict(`Developer user ${input.DeveloperUserIdentifier} is not linked to identity ${input.IdentityId}.`);
      }
    } else {
      identity = poolIdentity(ctx, pool, input.IdentityId as string);
    }
    // A page of the identity's developer users, in order; the token is the last one returned.
    const users = [...identity.developerUsers].sort();
    const after = input.NextToken ? Buffer.from(input.NextToken, 'base64url').toString() : undefined;
    const start = after === undefined ? 0 : users.findIndex((u) => u > after);
    const limit = input.MaxResults ?? 60;
    const page = start < 0 ? [] : users.slice(start, start + limit);
    const more = start >= 0 && start + limit < users.length;
    return {
      IdentityId: identity.id,
      DeveloperUserIdentifierList: page,
      NextToken: more ? Buffer.from(page[page.length - 1]).toString('base64url') : undefined,
    };
  },

  MergeDeveloperIdentities(input, ctx) {
    const pool = ctx.backend.pool(input.IdentityPoolId);
    const provider = developerProvider(pool, input.DeveloperProviderName);
    const source = developerIdentity(ctx, pool, provider, input.SourceUserIdentifier);
    const destination = developerIdentity(ctx, pool, provider, input.DestinationUserIdentifier);
    if (source.id === destination.id) return { IdentityId: destination.id };
    // Two different users of one public provider cannot become one identity.
    for (const name of source.logins) {
      if (name !== provider && destination.logins.has(name)) throw conflict(`Both identities have a login for ${name}; they cannot be merged.`);
    }
    if (source.logins.size + destination.logins.size > 20) throw invalidParameter('The merged identity would have more than 20 linked logins.');
    // The source identity's logins and developer users move to the destination, and the source identity is gone.
    const moved: string[] = [];
    for (const [key, owner] of ctx.backend.byLogin) if (owner === source.id) moved.push(key);
    for (const key of moved) ctx.backend.byLogin.set(key, destination.id);
    for (const user of [...source.developerUsers]) linkDeveloperUser(ctx, destination, provider, user);
    for (const name of source.logins) destination.logins.add(name);
    source.developerUsers.clear();
    ctx.backend.deleteIdentity(source);
    return { IdentityId: destination.id };
  },

  UnlinkDeveloperIdentity(input, ctx) {
    const pool = ctx.backend.pool(input.IdentityPoolId);
    const provider = developerProvider(pool, input.DeveloperProviderName);
    const identity = poolIdentity(ctx, pool, input.IdentityId);
    if (!identity.developerUsers.has(input.DeveloperUserIdentifier)) {
      throw conflict(`Developer user ${input.DeveloperUserIdentifier} is not linked to identity ${identity.id}.`);
    }
    unlinkDeveloperUser(ctx, identity, provider, input.DeveloperUserIdentifier);
  },

  async UnlinkIdentity(input, ctx) {
    const identity = ctx.backend.identity(input.IdentityId);
    const pool = ctx.backend.pool(identity.poolId);
    // The caller proves it is the identity with one of its current logins.
    if (!Object.keys(input.Logins).length) throw notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");
    await loginsFor(ctx, identity, input.Logins);
    for (const name of input.LoginsToRemove) {
      if (!identity.logins.has(name) || name === pool.DeveloperProviderName) {
        throw invalidParameter(`Login ${name} is not linked to identity ${identity.id}.`);
      }
    }
    for (const name of input.LoginsToRemove) {
      for (const [key, owner] of ctx.backend.byLogin) if (owner === identity.id && key.startsWith(`${pool.IdentityPoolId}|${name}|`)) ctx.backend.byLogin.delete(key);
      identity.logins.delete(name);
    }
    identity.modified = clock.now();
  },
};
