/**
 * Cryptographic operations, all real: AES-256-GCM for symmetric keys, RSA
 * OAEP, RSA PSS / PKCS#1 v1.5, ECDSA, Ed25519, HMAC and ECDH via node:crypto.
 */
import {
  constants,
  createHash,
  createHmac,
  createPublicKey,
  diffieHellman,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  sign as signRaw,
  timingSafeEqual,
  verify as verifyRaw,
} from 'node:crypto';
import { invalidCiphertext, invalidKeyUsage, kmsError, unsupported, validationException } from '../exceptions';
import type { KeyUse } from '../models/backend';
import type { KmsKey } from '../models/key';
import { DATA_KEY_PAIR_SPECS, KEY_SPECS, MAC_HASH, SIGNING } from '../models/key-specs';
import { generatePair, type KeyMaterial, pkcs8, privateScalar, sealSymmetric, spki } from '../models/material';
import { mlDsaSign, mlDsaVerify, pqSpki } from '../models/post-quantum';
import { ecdsaSignDigest, ecdsaVerifyDigest, pkcs1SignDigest, pkcs1VerifyDigest, pssSignDigest, pssVerifyDigest } from '../models/prehashed';
import type * as T from '../types';
import { type Ctx, checkGrantTokens, stopIfDryRun } from './common';

const OAEP_HASH: Record<string, string> = { RSAES_OAEP_SHA_1: 'sha1', RSAES_OAEP_SHA_256: 'sha256' };

function algorithmsOf(key: KmsKey) {
  return KEY_SPECS[key.keySpec]?.usages[key.keyUsage] ?? {};
}

function checkEncryptionAlgorithm(key: KmsKey, algorithm: string): void {
  if (!(algorithmsOf(key).encryption ?? []).includes(algorithm)) {
    throw invalidKeyUsage(`Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`);
  }
}

function noRecipient(input: { Recipient?: unknown }): void {
  if (input.Recipient) throw unsupported('mockaws does not verify Nitro Enclaves attestation documents (Recipient).');
}

/** Encrypts under a key already checked usable: symmetric blob or raw RSA-OAEP ciphertext. */
function seal(key: KmsKey, plaintext: Buffer, algorithm: string, context?: Record<string, string>): Buffer {
  if (algorithm === 'SYMMETRIC_DEFAULT') return sealSymmetric(key.arn, key.current as KeyMaterial, plaintext, context);
  try {
    return publicEncrypt(
      { key: key.current?.publicKey as never, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[algorithm] },
      plaintext,
    );
  } catch {
    throw validationException(`Plaintext is too long for key spec ${key.keySpec} and algorithm ${algorithm}.`);
  }
}

/** Opens a ciphertext: the key from the blob (symmetric) or the named RSA key. */
async function open(
  ctx: Ctx,
  blob: Buffer,
  keyId: string | undefined,
  algorithm: string | undefined,
  context: Record<string, string> | undefined,
  operation: string,
): Promise<{ key: KmsKey; plaintext: Buffer; algorithm: string; materialId?: string }> {
  const alg = algorithm ?? 'SYMMETRIC_DEFAULT';
  if (alg === 'SYMMETRIC_DEFAULT') {
    const { plaintext, key, materialId } = await ctx.backend.decrypt(blob, context, keyId);
    return { key, plaintext, algorithm: alg, materialId };
  }
  if (!keyId) {
    throw validationException('KeyId is required when decrypting with an asymmetric encryption algorithm.');
  }
  const key = await ctx.backend.findKey(keyId, { crossAccount: true });
  ctx.backend.checkUsable(key, 'encrypt', operation);
  checkEncryptionAlgorithm(key, alg);
  try {
    const plaintext = privateDecrypt(
      { key: key.current?.privateKey as never, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg] },
      blob,
    );
    return { key, plaintext, algorithm: alg };
  } catch {
    throw invalidCiphertext();
  }
}

async function encryptionKey(ctx: Ctx, keyId: string, operation: string): Promise<KmsKey> {
  const key = await ctx.backend.findKey(keyId, { crossAccount: true });
  ctx.backend.checkUsable(key, 'encrypt', operation);
  return key;
}

export async function encrypt(input: T.EncryptRequest, ctx: Ctx) {
  checkGrantTokens(ctx, input.GrantTokens);
  const key = await encryptionKey(ctx, input.KeyId, 'Encrypt');
  const algorithm = input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
  checkEncryptionAlgorithm(key, algorithm);
  stopIfDryRun(input);
  const blob = seal(key, input.Plaintext as Buffer, algorithm, input.EncryptionContext);
  ctx.backend.recordUse(key, 'Encrypt', ctx.requestId);
  return {
    CiphertextBlob: blob,
    KeyId: key.arn,
    EncryptionAlgorithm: algorithm,
  };
}

export async function decrypt(input: T.DecryptRequest, ctx: Ctx) {
  checkGrantTokens(ctx, input.GrantTokens);
  noRecipient(input);
  const dryRunIgnoresCiphertext = input.DryRun && (input.DryRunModifiers ?? []).includes('IGNORE_CIPHERTEXT');
  if (dryRunIgnoresCiphertext && input.KeyId) {
    const key = await encryptionKey(ctx, input.KeyId, 'Decrypt');
    if (input.EncryptionAlgorithm) checkEncryptionAlgorithm(key, input.EncryptionAlgorithm);
    stopIfDryRun(input);
  }
  const opened = await open(
    ctx,
    input.CiphertextBlob as Buffer,
    input.KeyId,
    input.EncryptionAlgorithm,
    input.EncryptionContext,
    'Decrypt',
  );
  stopIfDryRun(input);
  ctx.backend.recordUse(opened.key, 'Decrypt', ctx.requestId);
  return {
    KeyId: opened.key.arn,
    Plaintext: opened.plaintext,
    EncryptionAlgorithm: opened.algorithm,
    KeyMaterialId: opened.materialId,
  };
}

export async function reEncrypt(input: T.ReEncryptRequest, ctx: Ctx) {
  checkGrantTokens(ctx, input.GrantTokens);
  const source = await open(
    ctx,
    input.CiphertextBlob as Buffer,
    input.SourceKeyId,
    input.SourceEncryptionAlgorithm,
    input.SourceEncryptionContext,
    'ReEncrypt',
  );
  const destination = await encryptionKey(ctx, input.DestinationKeyId, 'ReEncrypt');
  const algorithm = input.DestinationEncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
  checkEncryptionAlgorithm(destination, algorithm);
  stopIfDryRun(input);
  const blob = seal(destination, source.plaintext, algorithm, input.DestinationEncryptionContext);
  ctx.backend.recordUse(source.key, 'ReEncrypt', ctx.requestId);
  ctx.backend.recordUse(destination, 'ReEncrypt', ctx.requestId);
  return {
    CiphertextBlob: blob,
    SourceKeyId: source.key.arn,
    KeyId: destination.arn,
    SourceEncryptionAlgorithm: source.algorithm,
    DestinationEncryptionAlgorithm: algorithm,
    SourceKeyMaterialId: source.materialId,
    DestinationKeyMaterialId: destination.isSymmetric ? destination.current?.id : undefined,
  };
}

async function symmetricKey(ctx: Ctx, keyId: string, operation: string): Promise<KmsKey> {
  const key = await encryptionKey(ctx, keyId, operation);
  if (!key.isSymmetric) {
    throw invalidKeyUsage(`${key.arn} key usage is ${key.keyUsage} and key spec is ${key.keySpec}; ${operation} requires a symmetric encryption KMS key.`);
  }
  return key;
}

async function dataKey(
  input: T.GenerateDataKeyRequest | T.GenerateDataKeyWithoutPlaintextRequest,
  ctx: Ctx,
  operation: string,
) {
  checkGrantTokens(ctx, input.GrantTokens);
  if ((input.NumberOfBytes === undefined) === (input.KeySpec === undefined)) {
    throw validationException('Please specify either number of bytes or key spec.');
  }
  const key = await symmetricKey(ctx, input.KeyId, operation);
  stopIfDryRun(input);
  const plaintext = randomBytes(input.NumberOfBytes ?? (input.KeySpec === 'AES_128' ? 16 : 32));
  ctx.backend.recordUse(key, operation, ctx.requestId);
  return {
    key,
    plaintext,
    blob: sealSymmetric(key.arn, key.current as KeyMaterial, plaintext, input.EncryptionContext),
  };
}

export async function generateDataKey(input: T.GenerateDataKeyRequest, ctx: Ctx) {
  noRecipient(input);
  const { key, plaintext, blob } = await dataKey(input, ctx, 'GenerateDataKey');
  return { CiphertextBlob: blob, Plaintext: plaintext, KeyId: key.arn, KeyMaterialId: key.current?.id };
}

export async function generateDataKeyWithoutPlaintext(input: T.GenerateDataKeyWithoutPlaintextRequest, ctx: Ctx) {
  const { key, blob } = await dataKey(input, ctx, 'GenerateDataKeyWithoutPlaintext');
  return { CiphertextBlob: blob, KeyId: key.arn, KeyMaterialId: key.current?.id };
}

async function dataKeyPair(input: T.GenerateDataKeyPairRequest, ctx: Ctx, operation: string) {
  checkGrantTokens(ctx, input.GrantTokens);
  if (!DATA_KEY_PAIR_SPECS.has(input.KeyPairSpec)) {
    throw unsupported(`mockaws does not generate data key pairs of spec ${input.KeyPairSpec}.`);
  }
  const key = await symmetricKey(ctx, input.KeyId, operation);
  stopIfDryRun(input);
  const pair = generatePair(input.KeyPairSpec);
  const privateDer = pkcs8(pair.privateKey);
  ctx.backend.recordUse(key, operation, ctx.requestId);
  return {
    key,
    privateDer,
    result: {
      PrivateKeyCiphertextBlob: sealSymmetric(key.arn, key.current as KeyMaterial, privateDer, input.EncryptionContext),
      PublicKey: spki(pair.publicKey),
      KeyId: key.arn,
      KeyPairSpec: input.KeyPairSpec,
      KeyMaterialId: key.current?.id,
    },
  };
}

export async function generateDataKeyPair(input: T.GenerateDataKeyPairRequest, ctx: Ctx) {
  noRecipient(input);
  const { privateDer, result } = await dataKeyPair(input, ctx, 'GenerateDataKeyPair');
  return { ...result, PrivateKeyPlaintext: privateDer };
}

export async function generateDataKeyPairWithoutPlaintext(input: T.GenerateDataKeyPairWithoutPlaintextRequest, ctx: Ctx) {
  const { result } = await dataKeyPair(input, ctx, 'GenerateDataKeyPairWithoutPlaintext');
  return result;
}

export function generateRandom(input: T.GenerateRandomRequest, ctx: Ctx) {
  noRecipient(input);
  if (input.NumberOfBytes === undefined) {
    throw validationException(
      "1 validation error detected: Value null at 'numberOfBytes' failed to satisfy constraint: Member must not be null",
    );
  }
  if (input.CustomKeyStoreId) {
    const store = ctx.backend.customKeyStores.byId.get(input.CustomKeyStoreId);
    if (!store) throw kmsError('CustomKeyStoreNotFoundException', `Custom key store ${input.CustomKeyStoreId} does not exist.`);
    if (store.connectionState !== 'CONNECTED') {
      throw kmsError('CustomKeyStoreInvalidStateException', `Custom key store ${store.id} is not connected.`);
    }
  }
  return { Plaintext: randomBytes(input.NumberOfBytes) };
}

// ── signatures ──────────────────────────────────────────────────────────

async function signingKey(ctx: Ctx, keyId: string, algorithm: string, operation: string) {
  const key = await ctx.backend.findKey(keyId, { crossAccount: true });
  ctx.backend.checkUsable(key, 'sign', operation);
  if (!(algorithmsOf(key).signing ?? []).includes(algorithm)) {
    throw invalidKeyUsage(`Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`);
  }
  return key;
}

/** The message as a digest: hashed here for RAW, checked for length for DIGEST. */
function digestOf(message: Buffer, messageType: string, algorithm: string): Buffer {
  const { hash } = SIGNING[algorithm];
  if (messageType === 'RAW') return createHash(hash).update(message).digest();
  const length = createHash(hash).digest().length;
  if (message.length !== length) throw validationException(`Digest is invalid length for algorithm ${algorithm}.`);
  return message;
}

function checkMessageType(messageType: string, algorithm: string): void {
  const mldsa = SIGNING[algorithm].scheme === 'mldsa';
  if (messageType === 'EXTERNAL_MU' && !mldsa) throw validationException('EXTERNAL_MU message type is only valid for ML-DSA keys.');
  // @noble/post-quantum 0.4 signs messages, not a precomputed mu: refused rather than signed wrongly.
  if (messageType === 'EXTERNAL_MU') throw unsupported('mockaws does not sign or verify EXTERNAL_MU messages.');
  if (messageType === 'DIGEST' && mldsa) {
    throw validationException(`The DIGEST message type is not supported for signing algorithm ${algorithm}.`);
  }
  if (messageType === 'DIGEST' && SIGNING[algorithm].scheme === 'ed25519') {
    throw validationException(`The DIGEST message type is not supported for signing algorithm ${algorithm}.`);
  }
}

function makeSignature(key: KmsKey, algorithm: string, message: Buffer, messageType: string): Buffer {
  const { hash, scheme } = SIGNING[algorithm];
  const material = key.current as KeyMaterial;
  const privateKey = material.privateKey as never;
  if (scheme === 'mldsa') return mlDsaSign(key.keySpec, message, material.pq?.secretKey as Uint8Array);
  if (scheme === 'ed25519') return signRaw(null, message, privateKey);
  if (messageType === 'RAW') {
    if (scheme === 'pss') {
      return signRaw(hash, message, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: createHash(hash).digest().length });
    }
    return signRaw(hash, message, privateKey);
  }
  const digest = digestOf(message, messageType, algorithm);
  if (scheme === 'pss') return pssSignDigest(material.privateKey as never, hash, digest);
  if (scheme === 'pkcs1') return pkcs1SignDigest(material.privateKey as never, hash, digest);
  return ecdsaSignDigest(KEY_SPECS[key.keySpec].curve as string, privateScalar(material.privateKey as never), digest);
}

function checkSignature(key: KmsKey, algorithm: string, message: Buffer, messageType: string, signature: Buffer): boolean {
  const { hash, scheme } = SIGNING[algorithm];
  const material = key.current as KeyMaterial;
  const publicKey = material.publicKey as never;
  if (scheme === 'mldsa') return mlDsaVerify(key.keySpec, message, signature, material.pq?.publicKey as Uint8Array);
  try {
    if (scheme === 'ed25519') return verifyRaw(null, message, publicKey, signature);
    if (messageType === 'RAW') {
      if (scheme === 'pss') {
        return verifyRaw(hash, message, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: createHash(hash).digest().length }, signature);
      }
      return verifyRaw(hash, message, publicKey, signature);
    }
  } catch {
    return false;
  }
  const digest = digestOf(message, messageType, algorithm);
  if (scheme === 'pss') return pssVerifyDigest(publicKey, hash, digest, signature);
  if (scheme === 'pkcs1') return pkcs1VerifyDigest(publicKey, hash, digest, signature);
  return ecdsaVerifyDigest(KEY_SPECS[key.keySpec].curve as string, privateScalar(material.privateKey as never), digest, signature);
}

export async function sign(input: T.SignRequest, ctx: Ctx) {
  checkGrantTokens(ctx, input.GrantTokens);
  const key = await signingKey(ctx, input.KeyId, input.SigningAlgorithm, 'Sign');
  const messageType = input.MessageType ?? 'RAW';
  checkMessageType(messageType, input.SigningAlgorithm);
  if (messageType === 'DIGEST') digestOf(input.Message as Buffer, messageType, input.SigningAlgorithm);
  stopIfDryRun(input);
  const signature = makeSignature(key, input.SigningAlgorithm, input.Message as Buffer, messageType);
  ctx.backend.recordUse(key, 'Sign', ctx.requestId);
  return { KeyId: key.arn, Signature: signature, SigningAlgorithm: input.SigningAlgorithm };
}

export async function verify(input: T.VerifyRequest, ctx: Ctx) {
  checkGrantTokens(ctx, input.GrantTokens);
  const key = await signingKey(ctx, input.KeyId, input.SigningAlgorithm, 'Verify');
  const messageType = input.MessageType ?? 'RAW';
  checkMessageType(messageType, input.SigningAlgorithm);
  if (messageType === 'DIGEST') digestOf(input.Message as Buffer, messageType, input.SigningAlgorithm);
  stopIfDryRun(input);
  ctx.backend.recordUse(key, 'Verify', ctx.requestId);
  if (!checkSignature(key, input.SigningAlgorithm, input.Message as Buffer, messageType, input.Signature as Buffer)) {
    // KMS answers an invalid signature with an error, not SignatureValid false.
    throw kmsError('KMSInvalidSignatureException', '');
  }
  return { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: input.SigningAlgorithm };
}

// ── HMAC ──────────────────────────────────────────────────────────────

async function macKey(ctx: Ctx, keyId: string, algorithm: string, operation: string) {
  const key = await ctx.backend.findKey(keyId, { crossAccount: true });
  ctx.backend.checkUsable(key, 'mac', operation);
  if (!(algorithmsOf(key).mac ?? []).includes(algorithm)) {
    throw invalidKeyUsage(`Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`);
  }
  return key;
}

function hmac(key: KmsKey, algorithm: string, message: Buffer): Buffer {
  return createHmac(MAC_HASH[algorithm], key.current?.secret as Buffer).update(message).digest();
}

export async function generateMac(input: T.GenerateMacRequest, ctx: Ctx) {
  checkGrantTokens(ctx, input.GrantTokens);
  const key = await macKey(ctx, input.KeyId, input.MacAlgorithm, 'GenerateMac');
  stopIfDryRun(input);
  ctx.backend.recordUse(key, 'GenerateMac', ctx.requestId);
  return { Mac: hmac(key, input.MacAlgorithm, input.Message as Buffer), MacAlgorithm: input.MacAlgorithm, KeyId: key.arn };
}

export async function verifyMac(input: T.VerifyMacRequest, ctx: Ctx) {
  checkGrantTokens(ctx, input.GrantTokens);
  const key = await macKey(ctx, input.KeyId, input.MacAlgorithm, 'VerifyMac');
  stopIfDryRun(input);
  ctx.backend.recordUse(key, 'VerifyMac', ctx.requestId);
  const expected = hmac(key, input.MacAlgorithm, input.Message as Buffer);
  const given = input.Mac as Buffer;
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw kmsError('KMSInvalidMacException', '');
  }
  return { KeyId: key.arn, MacValid: true, MacAlgorithm: input.MacAlgorithm };
}

// ── public keys and key agreement ─────────────────────────────────────

export async function getPublicKey(input: T.GetPublicKeyRequest, ctx: Ctx) {
  checkGrantTokens(ctx, input.GrantTokens);
  const key = await ctx.backend.findKey(input.KeyId, { crossAccount: true });
  const kind = KEY_SPECS[key.keySpec]?.kind;
  if (kind !== 'rsa' && kind !== 'ec' && kind !== 'ed25519' && kind !== 'mlkem' && kind !== 'mldsa') {
    throw unsupported(`${key.arn} key usage is ${key.keyUsage} and key spec is ${key.keySpec}; GetPublicKey requires an asymmetric KMS key.`);
  }
  ctx.backend.checkUsable(key, USE_OF_USAGE[key.keyUsage] ?? 'encrypt', 'GetPublicKey');
  const algorithms = algorithmsOf(key);
  const pq = key.current?.pq;
  return {
    KeyId: key.arn,
    PublicKey: pq ? pqSpki(key.keySpec, pq.publicKey) : spki(key.current?.publicKey as never),
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    KeyUsage: key.keyUsage,
    EncryptionAlgorithms: algorithms.encryption,
    SigningAlgorithms: algorithms.signing,
    KeyAgreementAlgorithms: algorithms.agreement,
    EncapsulationAlgorithms: algorithms.encapsulation,
  };
}

/** The use GetPublicKey checks a key's state and usage for. */
const USE_OF_USAGE: Record<string, KeyUse> = {
  SIGN_VERIFY: 'sign',
  KEY_AGREEMENT: 'agreement',
  ENCAPSULATE_DECAPSULATE: 'encapsulate',
};

export async function deriveSharedSecret(input: T.DeriveSharedSecretRequest, ctx: Ctx) {
  checkGrantTokens(ctx, input.GrantTokens);
  noRecipient(input);
  const key = await ctx.backend.findKey(input.KeyId, { crossAccount: true });
  ctx.backend.checkUsable(key, 'agreement', 'DeriveSharedSecret');
  let publicKey: ReturnType<typeof createPublicKey>;
  try {
    publicKey = createPublicKey({ key: input.PublicKey as Buffer, format: 'der', type: 'spki' });
  } catch {
    throw validationException('PublicKey is not a valid DER-encoded X.509 SubjectPublicKeyInfo.');
  }
  const curve = KEY_SPECS[key.keySpec].curve;
  if (publicKey.asymmetricKeyDetails?.namedCurve !== curve) {
    throw validationException(`The public key must be on the same curve as ${key.arn} (${key.keySpec}).`);
  }
  stopIfDryRun(input);
  const secret = diffieHellman({ privateKey: key.current?.privateKey as never, publicKey });
  ctx.backend.recordUse(key, 'DeriveSharedSecret', ctx.requestId);
  return { KeyId: key.arn, SharedSecret: secret, KeyAgreementAlgorithm: input.KeyAgreementAlgorithm, KeyOrigin: key.origin };
}
