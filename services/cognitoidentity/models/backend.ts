/**
 * Identity pools for one account and region: the pools, the identities they
 * handed out (one per distinct login, a fresh one per unauthenticated GetId),
 * and the key that signs Cognito identity's OpenID tokens.
 */
import { createPublicKey, createSign, createVerify, generateKeyPairSync, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { BackendContext } from '../../../src/core/service';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import type { IdentityPool, RoleMapping } from '../types';
import { identityNotFound, poolNotFound } from '../exceptions';

export interface Identity {
  id: string;
  poolId: string;
  /** Login keys (provider names) linked to the identity; empty for an unauthenticated one. */
  logins: Set<string>;
  /** Developer user identifiers (of the pool's developer provider) linked to the identity. */
  developerUsers: Set<string>;
  created: number;
  modified: number;
}

export interface StoredPool extends IdentityPool {
  roles: Record<string, string>;
  roleMappings: Record<string, RoleMapping>;
}

export class CognitoIdentityBackend {
  readonly pools = new Map<string, StoredPool>();
  readonly identities = new Map<string, Identity>();
  /** `<poolId>|<provider>|<subject>` → identity id: the same login always gets the same identity. */
  readonly byLogin = new Map<string, string>();
  /** `<poolId>|<developer provider>|<developer user identifier>` → identity id. */
  readonly byDeveloperUser = new Map<string, string>();
  /** Each pool's identity ids in order, for ListIdentities pages. */
  readonly poolIdentities = new Map<string, SortedKeySet>();
  /** `<poolId>|<provider>` → the provider's claim → principal tag mapping (SetPrincipalTagAttributeMap). */
  readonly principalTagMaps = new Map<string, { UseDefaults: boolean; PrincipalTags: Record<string, string> }>();
  private key?: { kid: string; privateKey: KeyObject };

  constructor(readonly ctx: BackendContext) {}

  pool(id: string): StoredPool {
    const pool = this.pools.get(id);
    if (!pool) throw poolNotFound(id);
    return pool;
  }

  identity(id: string): Identity {
    const identity = this.identities.get(id);
    if (!identity) throw identityNotFound(id);
    return identity;
  }

  newIdentity(poolId: string): Identity {
    const identity: Identity = {
      id: `${this.ctx.region}:${randomUUID()}`,
      poolId,
      logins: new Set(),
      developerUsers: new Set(),
      created: clock.now(),
      modified: clock.now(),
    };
    this.identities.set(identity.id, identity);
    let ids = this.poolIdentities.get(poolId);
    if (!ids) this.poolIdentities.set(poolId, (ids = new SortedKeySet()));
    ids.add(identity.id);
    return identity;
  }

  deleteIdentity(identity: Identity): void {
    this.identities.delete(identity.id);
    this.poolIdentities.get(identity.poolId)?.delete(identity.id);
    for (const [key, owner] of this.byLogin) if (owner === identity.id) this.byLogin.delete(key);
    for (const [key, owner] of this.byDeveloperUser) if (owner === identity.id) this.byDeveloperUser.delete(key);
  }

  developerKey(poolId: string, provider: string, user: string): string {
    return `${poolId}|${provider}|${user}`;
  }

  /**
   * An OpenID token for the identity, as GetOpenIdToken issues it: issuer
   * cognito-identity.amazonaws.com, audience the identity pool, subject the identity.
   */
  openIdToken(identity: Identity, durationSeconds = 600, principalTags?: Record<string, string>): string {
    const key = this.signingKey();
    const iat = clock.epochSeconds();
    const payload = {
      sub: identity.id,
      aud: identity.poolId,
      'https://cognito-identity.amazonaws.com/identity-pool-id': identity.poolId,
      'https://cognito-identity.amazonaws.com/amr': identity.logins.size ? ['authenticated', ...identity.logins] : ['unauthenticated'],
      amr: identity.logins.size ? ['authenticated', ...identity.logins] : ['unauthenticated'],
      iss: 'https://cognito-identity.amazonaws.com',
      exp: iat + durationSeconds,
      iat,
      jti: randomBytes(16).toString('hex'),
      // STS reads session tags from this claim of a web identity token (principal tags for access control).
      ...(principalTags && Object.keys(principalTags).length
        ? { 'https://aws.amazon.com/tags': { principal_tags: Object.fromEntries(Object.entries(principalTags).map(([k, v]) => [k, [v]])) } }
        : {}),
    };
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const head = `${enc({ kid: key.kid, typ: 'JWS', alg: 'RS512' })}.${enc(payload)}`;
    return `${head}.${createSign('RSA-SHA512').update(head).sign(key.privateKey).toString('base64url')}`;
  }

  /**
   * The claims of an OpenID token this region issued (the `cognito-identity.amazonaws.com`
   * login of the developer-authenticated flow), or undefined when its signature or expiry fails.
   */
  verifyOpenIdToken(token: string): Record<string, unknown> | undefined {
    const [head, body, sig] = token.split('.');
    if (!head || !body || !sig || !this.key) return undefined;
    const ok = createVerify('RSA-SHA512').update(`${head}.${body}`).verify(createPublicKey(this.key.privateKey), Buffer.from(sig, 'base64url'));
    if (!ok) return undefined;
    let claims: Record<string, unknown>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    } catch {
      return undefined;
    }
    if (typeof claims.exp !== 'number' || claims.exp <= clock.epochSeconds()) return undefined;
    return claims;
  }

  private signingKey(): { kid: string; privateKey: KeyObject } {
    this.key ??= { kid: `${this.ctx.region}-1`, privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey };
    return this.key;
  }
}
