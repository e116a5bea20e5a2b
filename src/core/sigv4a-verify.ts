/**
 * SigV4a (`AWS4-ECDSA-P256-SHA256`): the asymmetric variant of SigV4 that
 * Multi-Region Access Points and other multi-region endpoints take. The
 * canonical request is SigV4's (with `x-amz-region-set` among the signed
 * headers); the scope drops the region (`<date>/<service>/aws4_request`); the
 * signature is an ECDSA P-256 signature (DER, hex) over SHA-256 of the string
 * to sign, made with a key pair derived from the secret. The verifier derives
 * the same key pair and checks the signature against its public half.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { createECDH, createHmac, createPublicKey, type KeyObject, verify } from 'node:crypto';

export const SIGV4A_ALGORITHM = 'AWS4-ECDSA-P256-SHA256';

/** The order of the P-256 group, minus two: the largest candidate the derivation keeps. */
const N_MINUS_TWO = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551') - 2n;

/** The derivation gives up after this many counters (each retry has odds of about 2^-32). */
const MAX_COUNTER = 254;

/**
 * The SigV4a private key of an access key pair: NIST SP 800-108 KDF in counter
 * mode with HMAC-SHA256 keyed by "AWS4A" + secret, one 256-bit block whose
 * fixed input is i=1 (4 bytes) || label "AWS4-ECDSA-P256-SHA256" || 0x00 ||
 * context (access key id || counter byte) || L=256 (4 bytes). A candidate
 * above n-2 is retried with the next counter; the private key is candidate + 1,
 * so it always lies in [1, n-1].
 */
export function sigV4aPrivateKey(accessKeyId: string, secret: string): Buffer {
  const hmacKey = Buffer.from(`AWS4A${secret}`, 'utf8');
  for (let counter = 1; counter < MAX_COUNTER; counter++) {
    const fixedInput = Buffer.concat([
      Buffer.from([0, 0, 0, 1]),
      Buffer.from(SIGV4A_ALGORITHM, 'utf8'),
      Buffer.from([0]),
      Buffer.from(accessKeyId, 'utf8'),
      Buffer.from([counter]),
      Buffer.from([0, 0, 1, 0]),
    ]);
    const candidate = BigInt(`0x${createHmac('sha256', hmacKey).update(fixedInput).digest('hex')}`);
    if (candidate > N_MINUS_TWO) continue;
    return Buffer.from((candidate + 1n).toString(16).padStart(64, '0'), 'hex');
  }
  throw new Error('SigV4a key derivation exhausted its counters');
}

/** The public half of the derived key pair, as a KeyObject node:crypto verifies with. */
export function sigV4aPublicKey(accessKeyId: string, secret: string): KeyObject {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(sigV4aPrivateKey(accessKeyId, secret));
  const point = ecdh.getPublicKey(); // 0x04 || X (32 bytes) || Y (32 bytes)
  return createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
}

/**
 * Whether `signatureHex` (a DER ECDSA signature, hex) signs `stringToSign`
 * with the key pair derived from this access key and secret. ECDSA signatures
 * are randomised, so they are verified, never recomputed and compared.
 */
export function verifySigV4a(accessKeyId: string, secret: string, stringToSign: string, signatureHex: string): boolean {
  if (!/^(?:[0-9a-f]{2})+$/i.test(signatureHex)) return false;
  try {
    return verify(
      'sha256',
      Buffer.from(stringToSign, 'utf8'),
      { key: sigV4aPublicKey(accessKeyId, secret), dsaEncoding: 'der' },
      Buffer.from(signatureHex, 'hex'),
    );
  } catch {
    // A signature that is not valid DER is a signature that does not match.
    return false;
  }
}
