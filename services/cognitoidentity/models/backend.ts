/**
 * Identity pools for one account and region: the pools, the identities they
 * handed out (one per distinct login, a fresh one per unauthenticated GetId),
 * and the key that signs Cognito identity's OpenID tokens.
 */
import { createSign, generateKeyPairSync, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
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
  /** Each pool's identity ids in order, for ListIdentities pages. */
  readonly poolIdentities = new Map<string, SortedKeySet>();
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
    const identity: Identity = { id: `${this.ctx.region}:${randomUUID()}`, poolId, logins: new Set(), created: clock.now(), modified: clock.now() };
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
  }

  /**
   * An OpenID token for the identity, as GetOpenIdToken issues it: issuer
   * cognito-identity.amazonaws.com, audience the identity pool, subject the identity.
   */
  openIdToken(identity: Identity, durationSeconds = 600): string {
    this.key ??= { kid: `${this.ctx.region}-1`, privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey };
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
    };
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const head = `${enc({ kid: this.key.kid, typ: 'JWS', alg: 'RS512' })}.${enc(payload)}`;
    return `${head}.${createSign('RSA-SHA512').update(head).sign(this.key.privateKey).toString('base64url')}`;
  }
}
