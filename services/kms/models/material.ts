/**
 * Key material and the symmetric ciphertext format.
 *
 * A symmetric ciphertext blob is AES-256-GCM under one version of the key's
 * material, laid out as
 *
 *   0x01 | arnLength(2) | key ARN | materialId(32) | iv(12) | tag(16) | ciphertext
 *
 * with the key ARN and the canonical encryption context as additional
 * authenticated data: a blob opens only under the key and context it was made
 * with, and Decrypt without a KeyId finds the key (and the material version,
 * after rotations) from the blob itself, as KMS does.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { KEY_SPECS } from './key-specs';
import { type PqPair, pqKeygen } from './post-quantum';

export interface KeyMaterial {
  /** 64 hex digits, as KeyMaterialId. */
  id: string;
  /** AES key (symmetric) or HMAC key. */
  secret?: Buffer;
  privateKey?: KeyObject;
  publicKey?: KeyObject;
  /** ML-KEM and ML-DSA keys: node:crypto has no KeyObject for them. */
  pq?: PqPair;
  createdAt: number;
  rotationType?: 'AUTOMATIC' | 'ON_DEMAND';
  /** Imported material only. */
  validTo?: number;
  description?: string;
  /** Imported material: sha256 of the bytes, to recognise a re-import of the same material. */
  fingerprint?: string;
}

const VERSION = 0x01;

export function newMaterialId(): string {
  return randomBytes(32).toString('hex');
}

export function generateMaterial(keySpec: string): KeyMaterial {
  const spec = KEY_SPECS[keySpec];
  const base = { id: newMaterialId(), createdAt: clock.now() };
  switch (spec.kind) {
    case 'symmetric':
      return { ...base, secret: randomBytes(32) };
    case 'hmac':
      return { ...base, secret: randomBytes(spec.size as number) };
    case 'mlkem':
    case 'mldsa':
      return { ...base, pq: pqKeygen(keySpec) };
    default:
      return { ...base, ...generatePair(keySpec) };
  }
}

export function generatePair(keySpec: string): { privateKey: KeyObject; publicKey: KeyObject } {
  const spec = KEY_SPECS[keySpec];
  if (spec.kind === 'rsa') return generateKeyPairSync('rsa', { modulusLength: spec.size as number });
  if (spec.kind === 'ed25519') return generateKeyPairSync('ed25519');
  return generateKeyPairSync('ec', { namedCurve: spec.curve as string });
}

/** The private scalar of an EC key, big-endian. */
export function privateScalar(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.d as string, 'base64url');
}

export function pkcs8(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'pkcs8' });
}

export function spki(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' });
}

export function privateKeyFromPkcs8(der: Buffer): KeyObject {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** Encryption context in a canonical form: sorted keys, so member order never matters. */
export function canonicalContext(context: Record<string, string> | undefined): Buffer {
  const entries = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(entries), 'utf8');
}

export function sealSymmetric(
  keyArn: string,
  material: KeyMaterial,
  plaintext: Buffer,
  context: Record<string, string> | undefined,
): Buffer {
  const arn = Buffer.from(keyArn, 'utf8');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', material.secret as Buffer, iv);
  cipher.setAAD(Buffer.concat([arn, canonicalContext(context)]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const header = Buffer.alloc(3);
  header[0] = VERSION;
  header.writeUInt16BE(arn.length, 1);
  return Buffer.concat([header, arn, Buffer.from(material.id, 'hex'), iv, cipher.getAuthTag(), body]);
}

export interface ParsedBlob {
  keyArn: string;
  materialId: string;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

export function parseBlob(blob: Buffer): ParsedBlob | undefined {
  if (blob.length < 3 || blob[0] !== VERSION) return undefined;
  const arnLength = blob.readUInt16BE(1);
  const arnEnd = 3 + arnLength;
  if (blob.length < arnEnd + 32 + 12 + 16) return undefined;
  const keyArn = blob.subarray(3, arnEnd).toString('utf8');
  if (!keyArn.startsWith('arn:')) return undefined;
  return {
    keyArn,
    materialId: blob.subarray(arnEnd, arnEnd + 32).toString('hex'),
    iv: blob.subarray(arnEnd + 32, arnEnd + 44),
    tag: blob.subarray(arnEnd + 44, arnEnd + 60),
    body: blob.subarray(arnEnd + 60),
  };
}

/** The plaintext, or undefined when the blob does not open under this material and context. */
export function openSymmetric(
  parsed: ParsedBlob,
  material: KeyMaterial,
  context: Record<string, string> | undefined,
): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', material.secret as Buffer, parsed.iv);
    decipher.setAAD(Buffer.concat([Buffer.from(parsed.keyArn, 'utf8'), canonicalContext(context)]));
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.body), decipher.final()]);
  } catch {
    return undefined;
  }
}
