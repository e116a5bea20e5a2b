/**
 * Imported key material (Origin EXTERNAL): GetParametersForImport hands out a
 * real RSA wrapping key; ImportKeyMaterial unwraps with its private half.
 */
import { constants, createDecipheriv, createHash, createPublicKey, generateKeyPairSync, privateDecrypt, randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { invalidCiphertext, invalidState, kmsError, unsupported, validationException } from '../exceptions';
import type { KmsKey } from '../models/key';
import { KEY_SPECS } from '../models/key-specs';
import { type KeyMaterial, newMaterialId, privateKeyFromPkcs8 } from '../models/material';
import type * as T from '../types';
import type { Ctx } from './common';

const DAY = 86_400_000;
const WRAPPING_BITS: Record<string, number> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
const WRAPPING_HASH: Record<string, string> = {
  RSAES_OAEP_SHA_1: 'sha1',
  RSAES_OAEP_SHA_256: 'sha256',
  RSA_AES_KEY_WRAP_SHA_1: 'sha1',
  RSA_AES_KEY_WRAP_SHA_256: 'sha256',
};

function checkExternal(key: KmsKey, operation: string): void {
  if (key.origin !== 'EXTERNAL') {
    throw unsupported(`${key.arn} origin is ${key.origin} which is not valid for this operation (${operation}).`);
  }
}

export async function getParametersForImport(input: T.GetParametersForImportRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  checkExternal(key, 'GetParametersForImport');
  ctx.backend.checkNotPendingDeletion(key);
  const bits = WRAPPING_BITS[input.WrappingKeySpec];
  if (!bits) throw unsupported(`WrappingKeySpec ${input.WrappingKeySpec} is not supported in this Region.`);
  if (!WRAPPING_HASH[input.WrappingAlgorithm]) {
    throw unsupported(`WrappingAlgorithm ${input.WrappingAlgorithm} is not supported.`);
  }
  const pair = generateKeyPairSync('rsa', { modulusLength: bits });
  const token = randomBytes(48).toString('hex');
  const validTo = clock.now() + DAY;
  ctx.backend.importParameters.set(token, {
    keyId: key.id,
    token,
    wrappingAlgorithm: input.WrappingAlgorithm,
    privateKey: pair.privateKey,
    validTo,
  });
  return {
    KeyId: key.arn,
    ImportToken: Buffer.from(token, 'hex'),
    PublicKey: pair.publicKey.export({ format: 'der', type: 'spki' }),
    ParametersValidTo: new Date(validTo),
  };
}

function unwrap(wrappingAlgorithm: string, privateKey: import('node:crypto').KeyObject, wrapped: Buffer): Buffer {
  const oaepHash = WRAPPING_HASH[wrappingAlgorithm];
  try {
    if (wrappingAlgorithm.startsWith('RSA_AES_KEY_WRAP')) {
      // RSA-OAEP of an ephemeral AES key, then the material wrapped with it (RFC 5649).
      const modulusBytes = (privateKey.asymmetricKeyDetails?.modulusLength ?? 2048) / 8;
      const aesKey = privateDecrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
        wrapped.subarray(0, modulusBytes),
      );
      const decipher = createDecipheriv(`id-aes${aesKey.length * 8}-wrap-pad`, aesKey, Buffer.from('A65959A6', 'hex'));
      return Buffer.concat([decipher.update(wrapped.subarray(modulusBytes)), decipher.final()]);
    }
    return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, wrapped);
  } catch {
    throw invalidCiphertext();
  }
}

/** Checks the unwrapped bytes fit the key spec and turns them into material. */
function toMaterial(key: KmsKey, bytes: Buffer): KeyMaterial {
  const spec = KEY_SPECS[key.keySpec];
  const base = { id: newMaterialId(), createdAt: clock.now() };
  if (spec.kind === 'symmetric') {
    if (bytes.length !== 32) throw kmsError('IncorrectKeyMaterialException', 'The key material must be 256 bits (32 bytes) for a SYMMETRIC_DEFAULT key.');
    return { ...base, secret: bytes };
  }
  if (spec.kind === 'hmac') {
    if (bytes.length < (spec.size as number) || bytes.length > 64) {
      throw kmsError('IncorrectKeyMaterialException', `The key material length is not valid for key spec ${key.keySpec}.`);
    }
    return { ...base, secret: bytes };
  }
  try {
    const privateKey = privateKeyFromPkcs8(bytes);
    const details = privateKey.asymmetricKeyDetails;
    const fits = spec.kind === 'rsa' ? details?.modulusLength === spec.size : details?.namedCurve === spec.curve;
    if (!fits) throw new Error('spec mismatch');
    return { ...base, privateKey, publicKey: createPublicKey(privateKey) };
  } catch {
    throw kmsError('IncorrectKeyMaterialException', `The key material is not a PKCS #8 private key of key spec ${key.keySpec}.`);
  }
}

/** A digest of the material, kept after DeleteImportedKeyMaterial so only the same material comes back. */
function fingerprint(m: KeyMaterial): string {
  const bytes = m.secret ?? m.privateKey?.export({ format: 'der', type: 'pkcs8' }) ?? Buffer.alloc(0);
  return createHash('sha256').update(bytes).digest('hex');
}

export async function importKeyMaterial(input: T.ImportKeyMaterialRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  checkExternal(key, 'ImportKeyMaterial');
  ctx.backend.checkNotPendingDeletion(key);
  const token = Buffer.from(input.ImportToken as Buffer).toString('hex');
  const params = ctx.backend.importParameters.get(token);
  if (!params || params.keyId !== key.id) {
    throw kmsError('InvalidImportTokenException', 'The import token is not valid for this KMS key.');
  }
  if (params.validTo <= clock.now()) {
    throw kmsError('ExpiredImportTokenException', 'The import token has expired. Use GetParametersForImport to get a new one.');
  }
  const model = input.ExpirationModel ?? (input.ValidTo ? 'KEY_MATERIAL_EXPIRES' : 'KEY_MATERIAL_DOES_NOT_EXPIRE');
  if (model === 'KEY_MATERIAL_EXPIRES' && !input.ValidTo) {
    throw validationException('A ValidTo date is required when ExpirationModel is KEY_MATERIAL_EXPIRES.');
  }
  if (model === 'KEY_MATERIAL_DOES_NOT_EXPIRE' && input.ValidTo) {
    throw validationException('ValidTo must be omitted when ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE.');
  }
  const validTo = input.ValidTo ? new Date(input.ValidTo as Date).getTime() : undefined;
  if (validTo !== undefined && validTo <= clock.now()) {
    throw validationException('ValidTo must be a date in the future.');
  }
  const material = toMaterial(key, unwrap(params.wrappingAlgorithm, params.privateKey, input.EncryptedKeyMaterial as Buffer));
  material.fingerprint = fingerprint(material);
  const previous = key.materials[0];
  if (previous && previous.fingerprint !== material.fingerprint) {
    throw kmsError(
      'IncorrectKeyMaterialException',
      'The key material in the request is, expired, invalid, or is not the same key material that was previously imported into this KMS key.',
    );
  }
  if (previous) {
    previous.secret = material.secret;
    previous.privateKey = material.privateKey;
    previous.publicKey = material.publicKey;
    previous.description = input.KeyMaterialDescription ?? previous.description;
  } else {
    material.description = input.KeyMaterialDescription;
    key.materials.push(material);
  }
  ctx.backend.importParameters.delete(token);
  key.validTo = validTo;
  if (validTo !== undefined) ctx.backend.watch(key);
  key.expirationModel = model as 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';
  if (key.state === 'PendingImport') key.state = 'Enabled';
  return { KeyId: key.arn, KeyMaterialId: key.materials[0].id };
}

export async function deleteImportedKeyMaterial(input: T.DeleteImportedKeyMaterialRequest, ctx: Ctx) {
  const key = await ctx.backend.ownKey(input.KeyId);
  checkExternal(key, 'DeleteImportedKeyMaterial');
  ctx.backend.checkNotPendingDeletion(key);
  const material = key.materials[0];
  if (!material?.secret && !material?.privateKey) throw invalidState(`${key.arn} is pending import.`);
  material.secret = undefined;
  material.privateKey = undefined;
  // The fingerprint stays: only the same material can be imported again (KMS developer guide).
  material.publicKey = undefined;
  key.validTo = undefined;
  key.state = 'PendingImport';
  return { KeyId: key.arn, KeyMaterialId: material.id };
}
