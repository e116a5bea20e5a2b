/**
 * Passkeys (WebAuthn Level 2) as a Cognito user pool checks them: the
 * registration response's attestation (`none`, and `packed` self or x5c
 * attestation with ES256 / RS256) and the sign-in assertion's signature over
 * authenticatorData || SHA-256(clientDataJSON), with the challenge, origin,
 * relying party hash, user presence / verification flags and signature
 * counter. Keys are kept as JWKs (plain data) made from the COSE key.
 */
import { createHash, createPublicKey, type JsonWebKey, type KeyObject, timingSafeEqual, verify, X509Certificate } from 'node:crypto';
import { AwsError } from '../../../src/core/errors';
import { type CborValue, decodeCbor } from './cbor';

const err = (code: string) => (message: string) => new AwsError(code, message, { status: 400 });
export const webAuthnNotEnabled = err('WebAuthnNotEnabledException');
export const webAuthnConfigurationMissing = err('WebAuthnConfigurationMissingException');
export const webAuthnChallengeNotFound = err('WebAuthnChallengeNotFoundException');
export const webAuthnRelyingPartyMismatch = err('WebAuthnRelyingPartyMismatchException');
export const webAuthnOriginNotAllowed = err('WebAuthnOriginNotAllowedException');
export const webAuthnClientMismatch = err('WebAuthnClientMismatchException');
export const webAuthnCredentialNotSupported = err('WebAuthnCredentialNotSupportedException');
const invalid = err('InvalidParameterException');

/** A registered passkey of a user. */
export class Passkey {
  signCount: number;
  constructor(
    readonly credentialId: string,
    readonly publicKey: JsonWebKey,
    /** COSE algorithm: -7 ES256, -257 RS256. */
    readonly alg: number,
    signCount: number,
    readonly rpId: string,
    readonly transports: string[],
    readonly attachment: string | undefined,
    readonly createdAt: number,
    readonly friendlyName: string,
  ) {
    this.signCount = signCount;
  }
}

/** A StartWebAuthnRegistration waiting for its CompleteWebAuthnRegistration. */
export interface PendingRegistration {
  challenge: string;
  clientId: string;
  rpId: string;
  expires: number;
}

export const FLAG_UP = 0x01;
export const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const b64url = (value: unknown, what: string): Buffer => {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*={0,2}$/.test(value)) throw invalid(`${what} must be base64url-encoded.`);
  return Buffer.from(value, 'base64url');
};

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** The origin rule: https on the relying party id or one of its subdomains. */
function originAllowed(origin: unknown, rpId: string): boolean {
  if (typeof origin !== 'string') return false;
  try {
    const url = new URL(origin);
    return url.protocol === 'https:' && (url.hostname === rpId || url.hostname.endsWith(`.${rpId}`));
  } catch {
    return false;
  }
}

/** clientDataJSON: its type, challenge and origin. */
function checkClientData(raw: Buffer, type: string, challenge: string, rpId: string, mismatch: () => Error): void {
  let data: { type?: unknown; challenge?: unknown; origin?: unknown };
  try {
    data = JSON.parse(raw.toString('utf8'));
  } catch {
    throw invalid('clientDataJSON is not valid JSON.');
  }
  if (data.type !== type) throw invalid(`clientDataJSON type must be ${type}.`);
  if (typeof data.challenge !== 'string' || !sameBytes(Buffer.from(data.challenge, 'base64url'), Buffer.from(challenge, 'base64url'))) throw mismatch();
  if (!originAllowed(data.origin, rpId)) throw webAuthnOriginNotAllowed(`Origin ${String(data.origin)} is not allowed for relying party ${rpId}.`);
}

interface AuthData {
  rpIdHash: Buffer;
  flags: number;
  signCount: number;
  credentialId?: Buffer;
  coseKey?: Map<CborValue, CborValue>;
}

function parseAuthData(buf: Buffer): AuthData {
  if (buf.length < 37) throw invalid('authenticatorData is too short.');
  const out: AuthData = { rpIdHash: buf.subarray(0, 32), flags: buf[32], signCount: buf.readUInt32BE(33) };
  if (out.flags & FLAG_AT) {
    if (buf.length < 55) throw invalid('authenticatorData is too short.');
    const idLength = buf.readUInt16BE(53);
    out.credentialId = buf.subarray(55, 55 + idLength);
    const key = decodeCbor(buf, 55 + idLength);
    if (!(key.value instanceof Map)) throw invalid('The credential public key is not a COSE key.');
    out.coseKey = key.value;
  }
  return out;
}

/** The flags the pool asks for: user presence always, user verification when UserVerification is required. */
function checkFlags(flags: number, userVerification: string, refuse: (m: string) => Error): void {
  if (!(flags & FLAG_UP)) throw refuse('The authenticator did not confirm user presence.');
  if (userVerification === 'required' && !(flags & FLAG_UV)) throw refuse('The user pool requires user verification and the authenticator did not verify the user.');
}

/** A COSE_Key (RFC 9053) as a JWK: EC2 P-256 for ES256, RSA for RS256; anything else is not supported. */
function coseToJwk(key: Map<CborValue, CborValue>): { jwk: JsonWebKey; alg: number } {
  const kty = key.get(1);
  const alg = key.get(3);
  const bytes = (label: number) => {
    const v = key.get(label);
    if (!Buffer.isBuffer(v)) throw invalid('The credential public key is malformed.');
    return v.toString('base64url');
  };
  if (kty === 2 && alg === -7 && key.get(-1) === 1) return { jwk: { kty: 'EC', crv: 'P-256', x: bytes(-2), y: bytes(-3) }, alg };
  if (kty === 3 && alg === -257) return { jwk: { kty: 'RSA', n: bytes(-1), e: bytes(-2) }, alg };
  throw webAuthnCredentialNotSupported('The passkey uses a public key algorithm that is not supported (ES256 and RS256 are).');
}

function signatureValid(key: JsonWebKey | KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    const publicKey = 'kty' in key ? createPublicKey({ key: key as JsonWebKey, format: 'jwk' }) : (key as KeyObject);
    return verify('sha256', data, publicKey, signature);
  } catch {
    return false;
  }
}

/** The parts of a PublicKeyCredential JSON (RegistrationResponseJSON / AuthenticationResponseJSON) that matter. */
function credentialParts(credential: unknown, fields: string[]): { id: string; response: Record<string, unknown>; raw: Record<string, unknown> } {
  const c = credential as Record<string, unknown> | null;
  if (!c || typeof c !== 'object' || typeof c.id !== 'string' || !c.response || typeof c.response !== 'object') {
    throw invalid('The credential is not a public key credential.');
  }
  if (c.type !== undefined && c.type !== 'public-key') throw invalid('The credential type must be public-key.');
  const response = c.response as Record<string, unknown>;
  for (const f of fields) if (typeof response[f] !== 'string') throw invalid(`The credential response has no ${f}.`);
  return { id: c.id, response, raw: c };
}

export interface RegistrationCheck {
  challenge: string;
  rpId: string;
  userVerification: string;
  now: number;
}

/** CompleteWebAuthnRegistration's checks, in order; the passkey to store when they pass. */
export function verifyRegistration(credential: unknown, check: RegistrationCheck): Passkey {
  const { id, response, raw } = credentialParts(credential, ['clientDataJSON', 'attestationObject']);
  const clientData = b64url(response.clientDataJSON, 'clientDataJSON');
  checkClientData(clientData, 'webauthn.create', check.challenge, check.rpId, () =>
    webAuthnChallengeNotFound('The registration challenge was not found or has expired.'),
  );
  let attestation: CborValue;
  try {
    attestation = decodeCbor(b64url(response.attestationObject, 'attestationObject')).value;
  } catch (e) {
    if (e instanceof AwsError) throw e;
    throw invalid('attestationObject is not valid CBOR.');
  }
  if (!(attestation instanceof Map) || !Buffer.isBuffer(attestation.get('authData'))) throw invalid('attestationObject has no authData.');
  const authDataBytes = attestation.get('authData') as Buffer;
  const authData = parseAuthData(authDataBytes);
  if (!sameBytes(authData.rpIdHash, sha256(check.rpId))) {
    throw webAuthnRelyingPartyMismatch(`The passkey was created for another relying party than ${check.rpId}.`);
  }
  checkFlags(authData.flags, check.userVerification, invalid);
  if (!authData.credentialId || !authData.coseKey) throw invalid('authenticatorData has no attested credential data.');
  if (authData.credentialId.toString('base64url') !== Buffer.from(id, 'base64url').toString('base64url')) {
    throw invalid('The credential id does not match the attested credential.');
  }
  const { jwk, alg } = coseToJwk(authData.coseKey);
  const fmt = attestation.get('fmt');
  const statement = attestation.get('attStmt');
  if (!(statement instanceof Map)) throw invalid('attestationObject has no attStmt.');
  if (fmt === 'packed') {
    const sig = statement.get('sig');
    if (statement.get('alg') !== alg || !Buffer.isBuffer(sig)) throw invalid('The packed attestation statement is malformed.');
    const x5c = statement.get('x5c');
    let key: JsonWebKey | KeyObject = jwk;
    if (Array.isArray(x5c) && Buffer.isBuffer(x5c[0])) key = new X509Certificate(x5c[0]).publicKey;
    if (!signatureValid(key, Buffer.concat([authDataBytes, sha256(clientData)]), sig)) throw invalid('The attestation signature is not valid.');
  } else if (fmt !== 'none' || statement.size !== 0) {
    throw webAuthnCredentialNotSupported(`Attestation format ${String(fmt)} is not supported.`);
  }
  const transports = Array.isArray(response.transports) ? response.transports.filter((t): t is string => typeof t === 'string') : [];
  const attachment = typeof raw.authenticatorAttachment === 'string' ? raw.authenticatorAttachment : undefined;
  return new Passkey(authData.credentialId.toString('base64url'), jwk, alg, authData.signCount, check.rpId, transports, attachment, check.now, 'Passkey');
}

/**
 * A sign-in assertion for one of the user's passkeys: signature, challenge,
 * origin, relying party, flags, and a signature counter that must grow when
 * the authenticator keeps one (a clone shows an old count). Updates the count.
 */
export function verifyAssertion(credential: unknown, passkeys: Map<string, Passkey>, check: { challenge: string; rpId: string; userVerification: string }, refuse: (m: string) => Error): Passkey {
  const { id, response } = credentialParts(credential, ['clientDataJSON', 'authenticatorData', 'signature']);
  const passkey = passkeys.get(Buffer.from(id, 'base64url').toString('base64url'));
  if (!passkey) throw refuse('The passkey is not registered for the user.');
  const clientData = b64url(response.clientDataJSON, 'clientDataJSON');
  checkClientData(clientData, 'webauthn.get', check.challenge, check.rpId, () => refuse('The passkey answered another challenge.'));
  const authDataBytes = b64url(response.authenticatorData, 'authenticatorData');
  const authData = parseAuthData(authDataBytes);
  if (!sameBytes(authData.rpIdHash, sha256(passkey.rpId))) throw refuse('The passkey answered for another relying party.');
  checkFlags(authData.flags, check.userVerification, refuse);
  const signature = b64url(response.signature, 'signature');
  if (!signatureValid(passkey.publicKey, Buffer.concat([authDataBytes, sha256(clientData)]), signature)) throw refuse('The passkey signature is not valid.');
  if ((authData.signCount !== 0 || passkey.signCount !== 0) && authData.signCount <= passkey.signCount) {
    throw refuse('The passkey signature counter did not increase.');
  }
  passkey.signCount = authData.signCount;
  return passkey;
}
