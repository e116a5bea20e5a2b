/**
 * What each KMS key spec is: which usages it allows and which algorithms
 * DescribeKey lists for each usage (AWS KMS developer guide, "Key spec
 * reference"), and how node:crypto generates its material.
 */
export interface SpecInfo {
  kind: 'symmetric' | 'rsa' | 'ec' | 'ed25519' | 'hmac' | 'mlkem' | 'mldsa';
  usages: Partial<
    Record<string, { encryption?: string[]; signing?: string[]; mac?: string[]; agreement?: string[]; encapsulation?: string[] }>
  >;
  /** RSA modulus bits, OpenSSL curve name, or HMAC key bytes. */
  size?: number;
  curve?: string;
}

const RSA_USAGES = {
  ENCRYPT_DECRYPT: { encryption: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] },
  SIGN_VERIFY: {
    signing: [
      'RSASSA_PSS_SHA_256',
      'RSASSA_PSS_SHA_384',
      'RSASSA_PSS_SHA_512',
      'RSASSA_PKCS1_V1_5_SHA_256',
      'RSASSA_PKCS1_V1_5_SHA_384',
      'RSASSA_PKCS1_V1_5_SHA_512',
    ],
  },
};

function ec(curve: string, signing: string, agreement: boolean): SpecInfo {
  return {
    kind: 'ec',
    curve,
    usages: { SIGN_VERIFY: { signing: [signing] }, ...(agreement ? { KEY_AGREEMENT: { agreement: ['ECDH'] } } : {}) },
  };
}

function hmac(bytes: number, algorithm: string): SpecInfo {
  return { kind: 'hmac', size: bytes, usages: { GENERATE_VERIFY_MAC: { mac: [algorithm] } } };
}

export const KEY_SPECS: Record<string, SpecInfo> = {
  SYMMETRIC_DEFAULT: { kind: 'symmetric', usages: { ENCRYPT_DECRYPT: { encryption: ['SYMMETRIC_DEFAULT'] } } },
  RSA_2048: { kind: 'rsa', size: 2048, usages: RSA_USAGES },
  RSA_3072: { kind: 'rsa', size: 3072, usages: RSA_USAGES },
  RSA_4096: { kind: 'rsa', size: 4096, usages: RSA_USAGES },
  ECC_NIST_P256: ec('prime256v1', 'ECDSA_SHA_256', true),
  ECC_NIST_P384: ec('secp384r1', 'ECDSA_SHA_384', true),
  ECC_NIST_P521: ec('secp521r1', 'ECDSA_SHA_512', true),
  ECC_SECG_P256K1: ec('secp256k1', 'ECDSA_SHA_256', false),
  ECC_NIST_EDWARDS25519: { kind: 'ed25519', usages: { SIGN_VERIFY: { signing: ['ED25519_SHA_512'] } } },
  HMAC_224: hmac(28, 'HMAC_SHA_224'),
  HMAC_256: hmac(32, 'HMAC_SHA_256'),
  HMAC_384: hmac(48, 'HMAC_SHA_384'),
  HMAC_512: hmac(64, 'HMAC_SHA_512'),
  ML_KEM_512: { kind: 'mlkem', usages: { ENCAPSULATE_DECAPSULATE: { encapsulation: ['ML_KEM'] } } },
  ML_KEM_768: { kind: 'mlkem', usages: { ENCAPSULATE_DECAPSULATE: { encapsulation: ['ML_KEM'] } } },
  ML_KEM_1024: { kind: 'mlkem', usages: { ENCAPSULATE_DECAPSULATE: { encapsulation: ['ML_KEM'] } } },
  ML_DSA_44: { kind: 'mldsa', usages: { SIGN_VERIFY: { signing: ['ML_DSA_SHAKE_256'] } } },
  ML_DSA_65: { kind: 'mldsa', usages: { SIGN_VERIFY: { signing: ['ML_DSA_SHAKE_256'] } } },
  ML_DSA_87: { kind: 'mldsa', usages: { SIGN_VERIFY: { signing: ['ML_DSA_SHAKE_256'] } } },
};

/** Hash and padding of each signing algorithm. */
export const SIGNING: Record<string, { hash: string; scheme: 'pss' | 'pkcs1' | 'ecdsa' | 'ed25519' | 'mldsa' }> = {
  RSASSA_PSS_SHA_256: { hash: 'sha256', scheme: 'pss' },
  RSASSA_PSS_SHA_384: { hash: 'sha384', scheme: 'pss' },
  RSASSA_PSS_SHA_512: { hash: 'sha512', scheme: 'pss' },
  RSASSA_PKCS1_V1_5_SHA_256: { hash: 'sha256', scheme: 'pkcs1' },
  RSASSA_PKCS1_V1_5_SHA_384: { hash: 'sha384', scheme: 'pkcs1' },
  RSASSA_PKCS1_V1_5_SHA_512: { hash: 'sha512', scheme: 'pkcs1' },
  ECDSA_SHA_256: { hash: 'sha256', scheme: 'ecdsa' },
  ECDSA_SHA_384: { hash: 'sha384', scheme: 'ecdsa' },
  ECDSA_SHA_512: { hash: 'sha512', scheme: 'ecdsa' },
  ED25519_SHA_512: { hash: 'sha512', scheme: 'ed25519' },
  ML_DSA_SHAKE_256: { hash: 'shake256', scheme: 'mldsa' },
};

export const MAC_HASH: Record<string, string> = {
  HMAC_SHA_224: 'sha224',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

/** Data key pair specs GenerateDataKeyPair makes (the ML-KEM and SM2 ones are not). */
export const DATA_KEY_PAIR_SPECS = new Set([
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'ECC_NIST_EDWARDS25519',
]);
