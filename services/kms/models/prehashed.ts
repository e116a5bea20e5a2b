/**
 * Signatures over a digest the caller already computed (MessageType DIGEST).
 * node:crypto hashes the message itself in sign()/verify(), so a precomputed
 * digest needs the primitives below. Every signature they make verifies with
 * crypto.verify() over the original message, and the other way round.
 */
import { createECDH, createHash, constants, type KeyObject, privateEncrypt, publicDecrypt, randomBytes } from 'node:crypto';

/** Order n of each curve's base point (SEC 2 / FIPS 186-4); the point maths is left to createECDH. */
const CURVE_ORDER: Record<string, bigint> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  secp521r1:
    0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
  secp256k1: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
};

const SCALAR_BYTES: Record<string, number> = { prime256v1: 32, secp384r1: 48, secp521r1: 66, secp256k1: 32 };

function toBig(buf: Buffer): bigint {
  return buf.length === 0 ? 0n : BigInt(`0x${buf.toString('hex')}`);
}

function toBuf(value: bigint, length: number): Buffer {
  return Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex');
}

function mod(a: bigint, n: bigint): bigint {
  const r = a % n;
  return r < 0n ? r + n : r;
}

function invert(a: bigint, n: bigint): bigint {
  let [t, newT, r, newR] = [0n, 1n, n, mod(a, n)];
  while (newR !== 0n) {
    const q = r / newR;
    [t, newT] = [newT, t - q * newT];
    [r, newR] = [newR, r - q * newR];
  }
  return mod(t, n);
}

/** x coordinate of scalar·G, through OpenSSL's point multiplication. */
function baseMultiplyX(curve: string, scalar: bigint): bigint {
  const ecdh = createECDH(curve);
  ecdh.setPrivateKey(toBuf(scalar, SCALAR_BYTES[curve]));
  const point = ecdh.getPublicKey(); // 04 || x || y
  return toBig(point.subarray(1, 1 + (point.length - 1) / 2));
}

/** The digest as an integer, truncated to the bit length of n (SEC 1 §4.1.3). */
function digestInteger(digest: Buffer, n: bigint): bigint {
  const nBits = n.toString(2).length;
  const e = toBig(digest);
  const excess = digest.length * 8 - nBits;
  return excess > 0 ? e >> BigInt(excess) : e;
}

function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02]), derLength(bytes.length), bytes]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  return length < 0x100 ? Buffer.from([0x81, length]) : Buffer.from([0x82, length >> 8, length & 0xff]);
}

function readDerLength(buf: Buffer, at: number): [number, number] {
  const first = buf[at];
  if (first < 0x80) return [first, at + 1];
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = (length << 8) | buf[at + 1 + i];
  return [length, at + 1 + count];
}

/** r and s of a DER ECDSA-Sig-Value, or undefined when it is not one. */
function parseDerSignature(sig: Buffer): [bigint, bigint] | undefined {
  try {
    if (sig[0] !== 0x30) return undefined;
    let [, at] = readDerLength(sig, 1);
    const out: bigint[] = [];
    for (let i = 0; i < 2; i++) {
      if (sig[at] !== 0x02) return undefined;
      const [len, start] = readDerLength(sig, at + 1);
      out.push(toBig(sig.subarray(start, start + len)));
      at = start + len;
    }
    return at === sig.length ? [out[0], out[1]] : undefined;
  } catch {
    return undefined;
  }
}

export function ecdsaSignDigest(curve: string, privateScalar: Buffer, digest: Buffer): Buffer {
  const n = CURVE_ORDER[curve];
  const d = toBig(privateScalar);
  const e = digestInteger(digest, n);
  for (;;) {
    const k = mod(toBig(randomBytes(SCALAR_BYTES[curve] + 8)), n - 1n) + 1n;
    const r = mod(baseMultiplyX(curve, k), n);
    if (r === 0n) continue;
    const s = mod(invert(k, n) * (e + r * d), n);
    if (s === 0n) continue;
    const body = Buffer.concat([derInteger(r), derInteger(s)]);
    return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
  }
}

/**
 * Verifies with the private scalar KMS holds: u1·G + u2·Q = (u1 + u2·d)·G,
 * so one base-point multiplication answers it.
 */
export function ecdsaVerifyDigest(curve: string, privateScalar: Buffer, digest: Buffer, signature: Buffer): boolean {
  const n = CURVE_ORDER[curve];
  const parsed = parseDerSignature(signature);
  if (!parsed) return false;
  const [r, s] = parsed;
  if (r <= 0n || r >= n || s <= 0n || s >= n) return false;
  const w = invert(s, n);
  const t = mod(digestInteger(digest, n) * w + r * w * toBig(privateScalar), n);
  if (t === 0n) return false;
  return mod(baseMultiplyX(curve, t), n) === r;
}

/** DER DigestInfo prefixes (RFC 8017 §9.2 note 1). */
const DIGEST_INFO: Record<string, string> = {
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

export function pkcs1SignDigest(key: KeyObject, hash: string, digest: Buffer): Buffer {
  const info = Buffer.concat([Buffer.from(DIGEST_INFO[hash], 'hex'), digest]);
  return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, info);
}

export function pkcs1VerifyDigest(key: KeyObject, hash: string, digest: Buffer, signature: Buffer): boolean {
  try {
    const info = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
    return info.equals(Buffer.concat([Buffer.from(DIGEST_INFO[hash], 'hex'), digest]));
  } catch {
    return false;
  }
}

function mgf1(hash: string, seed: Buffer, length: number): Buffer {
  const parts: Buffer[] = [];
  for (let counter = 0, total = 0; total < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(hash).update(seed).update(c).digest();
    parts.push(block);
    total += block.length;
  }
  return Buffer.concat(parts).subarray(0, length);
}

function modulusBits(key: KeyObject): number {
  return key.asymmetricKeyDetails?.modulusLength ?? 2048;
}

/** EMSA-PSS (RFC 8017 §9.1) with MGF1 of the same hash and a salt as long as the digest, as KMS signs. */
export function pssSignDigest(key: KeyObject, hash: string, digest: Buffer): Buffer {
  const emBits = modulusBits(key) - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = digest.length;
  const salt = randomBytes(hLen);
  const h = createHash(hash).update(Buffer.alloc(8)).update(digest).update(salt).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - 2 * hLen - 2), Buffer.from([1]), salt]);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  const em = Buffer.concat([db, h, Buffer.from([0xbc])]);
  const k = Math.ceil(modulusBits(key) / 8);
  return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, Buffer.concat([Buffer.alloc(k - emLen), em]));
}

export function pssVerifyDigest(key: KeyObject, hash: string, digest: Buffer, signature: Buffer): boolean {
  try {
    const emBits = modulusBits(key) - 1;
    const emLen = Math.ceil(emBits / 8);
    const hLen = digest.length;
    const em = publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, signature).subarray(-emLen);
    if (em[em.length - 1] !== 0xbc) return false;
    const db = Buffer.from(em.subarray(0, emLen - hLen - 1));
    const h = em.subarray(emLen - hLen - 1, emLen - 1);
    const mask = mgf1(hash, h, db.length);
    for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
    db[0] &= 0xff >> (8 * emLen - emBits);
    const psLen = emLen - 2 * hLen - 2;
    if (!db.subarray(0, psLen).equals(Buffer.alloc(psLen)) || db[psLen] !== 1) return false;
    const salt = db.subarray(psLen + 1);
    return createHash(hash).update(Buffer.alloc(8)).update(digest).update(salt).digest().equals(h);
  } catch {
    return false;
  }
}
