/**
 * Post-quantum key pairs: ML-KEM (FIPS 203) for KMS keys of spec
 * ML_KEM_512/768/1024 (usage ENCAPSULATE_DECAPSULATE) and ML-DSA (FIPS 204)
 * for ML_DSA_44/65/87 (SIGN_VERIFY). node:crypto in Node 20 has neither, so the
 * lattice arithmetic comes from @noble/post-quantum (MIT).
 *
 * GetPublicKey answers a DER SubjectPublicKeyInfo, as for every asymmetric KMS
 * key: the algorithm identifier is the NIST OID without parameters
 * (id-alg-ml-kem-512/768/1024 = 2.16.840.1.101.3.4.4.1/2/3, id-ml-dsa-44/65/87
 * = 2.16.840.1.101.3.4.3.17/18/19), the subject public key the raw key.
 */
import { randomBytes } from 'node:crypto';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem';

export interface PqPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

const SCHEMES = { ML_KEM_512: ml_kem512, ML_KEM_768: ml_kem768, ML_KEM_1024: ml_kem1024 } as const;
const DSA = { ML_DSA_44: ml_dsa44, ML_DSA_65: ml_dsa65, ML_DSA_87: ml_dsa87 } as const;
/** The last two arcs of each spec's OID under 2.16.840.1.101.3.4 (NIST algorithms). */
const OID_ARCS: Record<string, [number, number]> = {
  ML_KEM_512: [4, 1],
  ML_KEM_768: [4, 2],
  ML_KEM_1024: [4, 3],
  ML_DSA_44: [3, 17],
  ML_DSA_65: [3, 18],
  ML_DSA_87: [3, 19],
};
/** Ciphertext lengths of FIPS 203, table 3: Decapsulate checks them. */
export const CIPHERTEXT_BYTES: Record<string, number> = { ML_KEM_512: 768, ML_KEM_768: 1088, ML_KEM_1024: 1568 };

function scheme(keySpec: string) {
  const s = SCHEMES[keySpec as keyof typeof SCHEMES];
  if (!s) throw new RangeError(`not an ML-KEM key spec: ${keySpec}`);
  return s;
}

function dsa(keySpec: string) {
  const s = DSA[keySpec as keyof typeof DSA];
  if (!s) throw new RangeError(`not an ML-DSA key spec: ${keySpec}`);
  return s;
}

export function pqKeygen(keySpec: string): PqPair {
  return keySpec.startsWith('ML_DSA_') ? dsa(keySpec).keygen(randomBytes(32)) : scheme(keySpec).keygen();
}

/** ML-DSA.Sign of FIPS 204 over the message itself (pure, empty context), hedged. */
export function mlDsaSign(keySpec: string, message: Uint8Array, secretKey: Uint8Array): Buffer {
  return Buffer.from(dsa(keySpec).sign(secretKey, message));
}

export function mlDsaVerify(keySpec: string, message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return dsa(keySpec).verify(publicKey, message, signature);
  } catch {
    return false;
  }
}

export function mlKemEncapsulate(keySpec: string, publicKey: Uint8Array): { sharedSecret: Buffer; ciphertext: Buffer } {
  const { cipherText, sharedSecret } = scheme(keySpec).encapsulate(publicKey);
  return { sharedSecret: Buffer.from(sharedSecret), ciphertext: Buffer.from(cipherText) };
}

/** Implicit rejection: a ciphertext of the right length always yields 32 bytes, right or wrong. */
export function mlKemDecapsulate(keySpec: string, ciphertext: Uint8Array, secretKey: Uint8Array): Buffer {
  return Buffer.from(scheme(keySpec).decapsulate(ciphertext, secretKey));
}

/** DER length octets. */
function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

function der(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

/** SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier { OID }, BIT STRING (0 unused bits) key }. */
export function pqSpki(keySpec: string, publicKey: Uint8Array): Buffer {
  const oid = der(0x06, Buffer.from([0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, ...OID_ARCS[keySpec]]));
  const algorithm = der(0x30, oid);
  const bits = der(0x03, Buffer.concat([Buffer.from([0]), Buffer.from(publicKey)]));
  return der(0x30, Buffer.concat([algorithm, bits]));
}
