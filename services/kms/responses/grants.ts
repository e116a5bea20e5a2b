/** Grants: create, list, retire, revoke. */
import { invalidGrantId, invalidGrantToken, notFound, validationException } from '../exceptions';
import type { Grant } from '../models/grants';
import type * as T from '../types';
import { type Ctx, page, stopIfDryRun } from './common';

/** Operations a grant may allow, by key usage (KMS developer guide, "Grant operations"). */
const CRYPTO_OPS: Record<string, string[]> = {
  ENCRYPT_DECRYPT: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo'],
  SIGN_VERIFY: ['Sign', 'Verify', 'GetPublicKey'],
  GENERATE_VERIFY_MAC: ['GenerateMac', 'VerifyMac'],
  KEY_AGREEMENT: ['DeriveSharedSecret', 'GetPublicKey'],
  ENCAPSULATE_DECAPSULATE: ['Encapsulate', 'Decapsulate', 'GetPublicKey'],
};
const ALWAYS = new Set(['CreateGrant', 'RetireGrant', 'DescribeKey']);

function entry(g: Grant) {
  return {
    KeyId: g.keyArn,
    GrantId: g.grantId,
    Name: g.name,
    CreationDate: new Date(g.createdAt),
    GranteePrincipal: g.granteePrincipal,
    RetiringPrincipal: g.retiringPrincipal,
    IssuingAccount: `arn:aws:iam::${g.issuingAccount}:root`,
    Operations: g.operations,
    Constraints: g.constraints,
  };
}

export async function createGrant(input: T.CreateGrantRequest, ctx: Ctx) {
  const key = await ctx.backend.findKey(input.KeyId, { aliases: false, crossAccount: true });
  ctx.backend.checkNotPendingDeletion(key);
  if (!input.GranteePrincipal && !input.GranteeServicePrincipal) {
    throw validationException('GranteePrincipal or GranteeServicePrincipal is required.');
  }
  const allowed = new Set([...ALWAYS, ...(CRYPTO_OPS[key.keyUsage] ?? [])]);
  const invalid = input.Operations.filter((op) => !allowed.has(op));
  if (invalid.length > 0) {
    throw validationException(`Grant operations ${invalid.join(', ')} are not supported for KMS key ${key.arn} with key usage ${key.keyUsage}.`);
  }
  const constraints = input.Constraints;
  if ((constraints?.EncryptionContextEquals || constraints?.EncryptionContextSubset) && !key.isSymmetric) {
    throw validationException('Encryption context grant constraints are supported only on symmetric encryption KMS keys.');
  }
  stopIfDryRun(input);
  const grant = (await ctx.backend.grantsOf(key)).create({
    keyId: key.id,
    keyArn: key.arn,
    name: input.Name,
    granteePrincipal: input.GranteePrincipal ?? input.GranteeServicePrincipal,
    retiringPrincipal: input.RetiringPrincipal ?? input.RetiringServicePrincipal,
    issuingAccount: ctx.account,
    operations: [...input.Operations],
    constraints: constraints
      ? { EncryptionContextEquals: constraints.EncryptionContextEquals, EncryptionContextSubset: constraints.EncryptionContextSubset }
      : undefined,
  });
  return { GrantToken: grant.token, GrantId: grant.grantId };
}

export async function listGrants(input: T.ListGrantsRequest, ctx: Ctx) {
  const key = await ctx.backend.findKey(input.KeyId, { aliases: false, crossAccount: true });
  let grants = (await ctx.backend.grantsOf(key)).forKey(key.id);
  if (input.GrantId) {
    grants = grants.filter((g) => g.grantId === input.GrantId);
  }
  if (input.GranteePrincipal) grants = grants.filter((g) => g.granteePrincipal === input.GranteePrincipal);
  const { items, ...rest } = page(grants, input.Limit, input.Marker, 50);
  return { Grants: items.map(entry), ...rest };
}

export function listRetirableGrants(input: T.ListRetirableGrantsRequest, ctx: Ctx) {
  const { items, ...rest } = page(ctx.backend.grants.retirableBy(input.RetiringPrincipal ?? input.RetiringServicePrincipal ?? ""), input.Limit, input.Marker, 50);
  return { Grants: items.map(entry), ...rest };
}

export async function retireGrant(input: T.RetireGrantRequest, ctx: Ctx) {
  let grant: Grant | undefined;
  if (input.GrantToken) {
    grant = ctx.backend.grants.byGrantToken(input.GrantToken);
    if (!grant) throw invalidGrantToken();
  } else {
    if (!input.KeyId || !input.GrantId) {
      throw validationException('Either GrantToken or both KeyId and GrantId must be specified.');
    }
    const key = await ctx.backend.findKey(input.KeyId, { aliases: false });
    grant = ctx.backend.grants.get(input.GrantId);
    if (!grant || grant.keyId !== key.id) throw notFound(`Grant ID ${input.GrantId} not found`);
  }
  stopIfDryRun(input);
  ctx.backend.grants.remove(grant);
}

export async function revokeGrant(input: T.RevokeGrantRequest, ctx: Ctx) {
  const key = await ctx.backend.findKey(input.KeyId, { aliases: false });
  if (!/^[a-f0-9]{64}$/.test(input.GrantId)) throw invalidGrantId();
  const grant = ctx.backend.grants.get(input.GrantId);
  if (!grant || grant.keyId !== key.id) throw notFound(`Grant ID ${input.GrantId} not found`);
  stopIfDryRun(input);
  ctx.backend.grants.remove(grant);
}

