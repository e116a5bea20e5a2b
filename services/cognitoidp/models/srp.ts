/**
 * The server half of Cognito's SRP-6a (USER_SRP_AUTH): the 3072-bit MODP
 * group of RFC 3526 with g = 2, SHA-256, k = H(N | g), x = H(salt | H(poolName
 * | username | ":" | password)), and the password-claim signature keyed by
 * HKDF(S, u, "Caldera Derived Key"). Numbers are hashed in their padded
 * big-endian hex form (even length, a leading 00 when the top bit is set), as
 * Cognito's clients hash them.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 3526 section 4, the 3072-bit MODP group's prime. */
const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const g = 2n;

export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const hexHash = (hex: string) => sha256(Buffer.from(hex, 'hex')).toString('hex');
const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

/** What the server keeps between InitiateAuth and the PASSWORD_VERIFIER answer. */
export interface SrpServerState {
  A: bigint;
  b: bigint;
  B: bigint;
  salt: bigint;
  v: bigint;
}

function x(poolName: string, username: string, password: string, salt: bigint): bigint {
  const inner = sha256(`${poolName}${username}:${password}`).toString('hex');
  return BigInt(`0x${hexHash(padHex(salt) + inner)}`);
}

/** Null when A is not acceptable (A mod N = 0). The verifier is derived from the stored password. */
export function srpStart(srpA: string, poolName: string, username: string, password: string): SrpServerState | null {
  if (!/^[0-9a-fA-F]+$/.test(srpA)) return null;
  const A = BigInt(`0x${srpA}`);
  if (A % N === 0n) return null;
  const salt = BigInt(`0x${randomBytes(16).toString('hex')}`);
  return srpStartWithVerifier(srpA, modPow(g, x(poolName, username, password, salt), N), salt);
}

/**
 * The server's half for a verifier the client registered (a remembered
 * device's DeviceSecretVerifierConfig: v = g^x with x over the device group
 * key, device key and the device's random password). Null when A is not acceptable.
 */
export function srpStartWithVerifier(srpA: string, v: bigint, salt: bigint): SrpServerState | null {
  if (!/^[0-9a-fA-F]+$/.test(srpA)) return null;
  const A = BigInt(`0x${srpA}`);
  if (A % N === 0n) return null;
  const b = BigInt(`0x${randomBytes(128).toString('hex')}`) % N;
  const B = (k * v + modPow(g, b, N)) % N;
  return { A, b, B, salt, v };
}

function hkdf(ikm: Buffer, salt: Buffer): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
}

/** The signature a client that knows the password computes over the secret block and timestamp. */
export function expectedSignature(
  state: SrpServerState,
  poolName: string,
  username: string,
  secretBlock: Buffer,
  timestamp: string,
): Buffer {
  const u = BigInt(`0x${hexHash(padHex(state.A) + padHex(state.B))}`);
  const S = modPow((state.A * modPow(state.v, u, N)) % N, state.b, N);
  const key = hkdf(Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'));
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName, 'utf8'), Buffer.from(username, 'utf8'), secretBlock, Buffer.from(timestamp, 'utf8')]))
    .digest();
}

export function signatureMatches(expected: Buffer, claimed: string): boolean {
  const got = Buffer.from(claimed, 'base64');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** Cognito's TIMESTAMP format, "ddd MMM d HH:mm:ss UTC yyyy" (day of month not zero-padded). */
export const SRP_TIMESTAMP = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d UTC \d{4}$/;
