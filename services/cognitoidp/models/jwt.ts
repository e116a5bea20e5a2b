/**
 * RS256 JSON Web Tokens with node:crypto: the signing keys of a pool (one for
 * ID tokens, one for access tokens, as Cognito publishes two in its JWKS) and
 * the token encoding. Verification is what the fake's own operations need to
 * accept an access token (GetUser, GlobalSignOut...).
 */
import { createSign, createVerify, generateKeyPair, generateKeyPairSync, type JsonWebKey, type KeyObject, randomBytes } from 'node:crypto';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export type JwtPayload = Record<string, unknown>;

// Cognito's kids are base64 of a 32-byte digest; the value only has to be unique per key.
const keyOf = (privateKey: KeyObject, publicKey: KeyObject): SigningKey => ({ kid: randomBytes(32).toString('base64'), privateKey, publicKey });

/**
 * RSA-2048 generation takes hundreds of milliseconds, so keys are made ahead
 * in libuv's thread pool once Cognito is in use (warmSigningKeys) and each pool
 * takes fresh ones from this reserve; no key is ever handed out twice.
 */
const reserve: SigningKey[] = [];
const RESERVE_SIZE = 4;
let generating = 0;

export function warmSigningKeys(): void {
  while (reserve.length + generating < RESERVE_SIZE) {
    generating++;
    generateKeyPair('rsa', { modulusLength: 2048 }, (err, publicKey, privateKey) => {
      generating--;
      if (!err) reserve.push(keyOf(privateKey, publicKey));
    });
  }
}

export function newSigningKey(): SigningKey {
  const ready = reserve.shift();
  warmSigningKeys();
  if (ready) return ready;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return keyOf(privateKey, publicKey);
}

/** The public half as a JWKS entry, in the members Cognito's jwks.json lists. */
export function publicJwk(key: SigningKey): JsonWebKey & { kid: string } {
  const jwk = key.publicKey.export({ format: 'jwk' }) as JsonWebKey;
  return { alg: 'RS256', e: jwk.e, kid: key.kid, kty: 'RSA', n: jwk.n, use: 'sig' };
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signJwt(key: SigningKey, payload: JwtPayload): string {
  const head = b64url(JSON.stringify({ kid: key.kid, alg: 'RS256' }));
  const body = b64url(JSON.stringify(payload));
  const signer = createSign('RSA-SHA256');
  signer.update(`${head}.${body}`);
  return `${head}.${body}.${signer.sign(key.privateKey).toString('base64url')}`;
}

export function decodeJwt(token: string): { header: JwtPayload; payload: JwtPayload } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')),
      payload: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')),
    };
  } catch {
    return undefined;
  }
}

/** The payload when `token` carries a valid signature by one of `keys`, else undefined. */
export function verifyJwt(keys: SigningKey[], token: string): JwtPayload | undefined {
  const decoded = decodeJwt(token);
  const key = keys.find((k) => k.kid === decoded?.header.kid);
  if (!decoded || !key) return undefined;
  const [head, body, sig] = token.split('.');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${head}.${body}`);
  return verifier.verify(key.publicKey, Buffer.from(sig, 'base64url')) ? decoded.payload : undefined;
}
