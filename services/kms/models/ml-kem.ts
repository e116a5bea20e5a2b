/**
 * ML-KEM (FIPS 203) key pairs for KMS keys of spec ML_KEM_512/768/1024 and
 * usage ENCAPSULATE_DECAPSULATE. node:crypto in Node 20 has no ML-KEM, so the
 * lattice arithmetic comes from @noble/post-quantum (MIT).
 *
 * GetPublicKey answers a DER SubjectPublicKeyInfo, as for every asymmetric KMS
 * key: the algorithm identifier is the NIST OID id-alg-ml-kem-512/768/1024
 * (2.16.840.1.101.3.4.4.1/2/3) without parameters, and the subject public key
 * is the raw encapsulation key.
 */
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem';

export interface MlKemPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

const SCHEMES = { ML_KEM_512: ml_kem512, ML_KEM_768: ml_kem768, ML_KEM_1024: ml_kem1024 } as const;
const OID_LAST_ARC: Record<string, number> = { ML_KEM_512: 1, ML_KEM_768: 2, ML_KEM_1024: 3 };
/** Ciphertext lengths of FIPS 203, table 3: Decapsulate checks them. */
export const CIPHERTEXT_BYTES: Record<string, number> = { ML_KEM_512: 768, ML_KEM_768: 1088, ML_KEM_1024: 1568 };

function scheme(keySpec: string) {
  const s = SCHEMES[keySpec as keyof typeof SCHEMES];
  if (!s) throw new RangeError(`not an ML-KEM key spec: ${keySpec}`);
  return s;
}

export function mlKemKeygen(keySpec: string): MlKemPair {
  return scheme(keySpec).keygen();
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
export function mlKemSpki(keySpec: string, publicKey: Uint8Array): Buffer {
  const oid = der(0x06, Buffer.from([0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x04, OID_LAST_ARC[keySpec]]));
  const algorithm = der(0x30, oid);
  const bits = der(0x03, Buffer.concat([Buffer.from([0]), Buffer.from(publicKey)]));
  return der(0x30, Buffer.concat([algorithm, bits]));
}
