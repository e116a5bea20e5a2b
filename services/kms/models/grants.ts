/** Grants: who may use a key for which operations, under which encryption-context constraints. */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';

export interface GrantConstraints {
  EncryptionContextSubset?: Record<string, string>;
  EncryptionContextEquals?: Record<string, string>;
}

export interface Grant {
  grantId: string;
  token: string;
  keyId: string;
  keyArn: string;
  name?: string;
  granteePrincipal?: string;
  retiringPrincipal?: string;
  issuingAccount: string;
  operations: string[];
  constraints?: GrantConstraints;
  createdAt: number;
}

export class GrantStore {
  private readonly byId = new Map<string, Grant>();
  private readonly byToken = new Map<string, string>();

  create(fields: Omit<Grant, 'grantId' | 'token' | 'createdAt'>): Grant {
    // CreateGrant with the same name, key, grantee, operations and constraints answers the same grant (idempotent).
    if (fields.name) {
      for (const g of this.byId.values()) {
        if (g.keyId === fields.keyId && g.name === fields.name && sameGrant(g, fields)) return g;
      }
    }
    const grant: Grant = {
      ...fields,
      grantId: randomBytes(32).toString('hex'),
      token: randomBytes(96).toString('base64url'),
      createdAt: clock.now(),
    };
    this.byId.set(grant.grantId, grant);
    this.byToken.set(grant.token, grant.grantId);
    return grant;
  }

  get(grantId: string): Grant | undefined {
    return this.byId.get(grantId);
  }

  byGrantToken(token: string): Grant | undefined {
    const id = this.byToken.get(token);
    return id ? this.byId.get(id) : undefined;
  }

  remove(grant: Grant): void {
    this.byId.delete(grant.grantId);
    this.byToken.delete(grant.token);
  }

  forKey(keyId: string): Grant[] {
    return [...this.byId.values()].filter((g) => g.keyId === keyId);
  }

  retirableBy(principal: string): Grant[] {
    return [...this.byId.values()].filter((g) => g.retiringPrincipal === principal);
  }

  dropKey(keyId: string): void {
    for (const g of this.forKey(keyId)) this.remove(g);
  }
}

function sameGrant(a: Grant, b: Omit<Grant, 'grantId' | 'token' | 'createdAt'>): boolean {
  return (
    a.granteePrincipal === b.granteePrincipal &&
    a.retiringPrincipal === b.retiringPrincipal &&
    JSON.stringify([...a.operations].sort()) === JSON.stringify([...b.operations].sort()) &&
    JSON.stringify(a.constraints ?? {}) === JSON.stringify(b.constraints ?? {})
  );
}

/** Whether an encryption context satisfies a grant's constraints. */
export function contextAllowed(constraints: GrantConstraints | undefined, context: Record<string, string> | undefined): boolean {
  if (!constraints) return true;
  const ctx = context ?? {};
  if (constraints.EncryptionContextEquals) {
    const want = constraints.EncryptionContextEquals;
    const keys = Object.keys(ctx);
    if (keys.length !== Object.keys(want).length) return false;
    if (!keys.every((k) => Object.hasOwn(want, k) && want[k] === ctx[k])) return false;
  }
  if (constraints.EncryptionContextSubset) {
    const subset = constraints.EncryptionContextSubset;
    if (!Object.keys(subset).every((k) => Object.hasOwn(ctx, k) && ctx[k] === subset[k])) return false;
  }
  return true;
}
