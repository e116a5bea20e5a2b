/**
 * Encapsulate and Decapsulate with ML-KEM keys (API reference; FIPS 203).
 * Decapsulate refuses only a ciphertext whose length does not fit the key
 * spec (InvalidCiphertextException); any other ciphertext yields a 32-byte
 * value, wrong when the ciphertext is (implicit rejection), as KMS documents.
 */
import { invalidCiphertext, invalidKeyUsage } from '../exceptions';
import type { KmsKey } from '../models/key';
import { CIPHERTEXT_BYTES, mlKemDecapsulate, mlKemEncapsulate } from '../models/post-quantum';
import type * as T from '../types';
import { type Ctx, checkGrantTokens, stopIfDryRun } from './common';

async function encapsulationKey(ctx: Ctx, keyId: string, algorithm: string, operation: string): Promise<KmsKey> {
  const key = await ctx.backend.findKey(keyId, { crossAccount: true });
  ctx.backend.checkUsable(key, 'encapsulate', operation);
  if (algorithm !== 'ML_KEM') throw invalidKeyUsage(`Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`);
  return key;
}

export async function encapsulate(input: T.EncapsulateRequest, ctx: Ctx) {
  checkGrantTokens(ctx, input.GrantTokens);
  const key = await encapsulationKey(ctx, input.KeyId, input.EncapsulationAlgorithm, 'Encapsulate');
  stopIfDryRun(input);
  const pair = key.current?.pq;
  if (!pair) throw invalidKeyUsage(`${key.arn} has no ML-KEM key material.`);
  const { sharedSecret, ciphertext } = mlKemEncapsulate(key.keySpec, pair.publicKey);
  ctx.backend.recordUse(key, 'Encapsulate', ctx.requestId);
  return { KeyId: key.arn, SharedSecret: sharedSecret, SharedSecretCiphertextBlob: ciphertext, EncapsulationAlgorithm: input.EncapsulationAlgorithm };
}

export async function decapsulate(input: T.DecapsulateRequest, ctx: Ctx) {
  checkGrantTokens(ctx, input.GrantTokens);
  const key = await encapsulationKey(ctx, input.KeyId, input.EncapsulationAlgorithm, 'Decapsulate');
  const blob = input.SharedSecretCiphertextBlob as Buffer;
  if (blob.length !== CIPHERTEXT_BYTES[key.keySpec]) throw invalidCiphertext();
  stopIfDryRun(input);
  const pair = key.current?.pq;
  if (!pair) throw invalidKeyUsage(`${key.arn} has no ML-KEM key material.`);
  const sharedSecret = mlKemDecapsulate(key.keySpec, blob, pair.secretKey);
  ctx.backend.recordUse(key, 'Decapsulate', ctx.requestId);
  return { KeyId: key.arn, SharedSecret: sharedSecret, EncapsulationAlgorithm: input.EncapsulationAlgorithm };
}
