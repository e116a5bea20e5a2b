/**
 * A software WebAuthn authenticator for the passkey tests: an ES256 (or RS256) key made with node:crypto,
 * the few CBOR items WebAuthn needs encoded by hand, and the JSON a browser's navigator.credentials hands
 * to Cognito (RegistrationResponseJSON / AuthenticationResponseJSON).
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

type Cbor = number | string | Buffer | Cbor[] | Map<Cbor, Cbor>;

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
export const UP = 0x01;
export const UV = 0x04;
const AT = 0x40;

export interface RegisterOptions {
  origin?: string;
  rpId?: string;
  flags?: number;
  fmt?: 'none' | 'packed' | 'fido-u2f';
  challenge?: string;
}

export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(16);
  signCount = 0;
  private readonly privateKey: KeyObject;
  private readonly cose: Map<Cbor, Cbor>;

  constructor(readonly alg: 'ES256' | 'RS256' = 'ES256') {
    if (alg === 'ES256') {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      this.privateKey = privateKey;
      this.cose = new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]);
    } else {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const jwk = publicKey.export({ format: 'jwk' });
      this.privateKey = privateKey;
      this.cose = new Map<Cbor, Cbor>([
        [1, 3],
        [3, -257],
        [-1, Buffer.from(jwk.n as string, 'base64url')],
        [-2, Buffer.from(jwk.e as string, 'base64url')],
      ]);
    }
  }

  get id(): string {
    return this.credentialId.toString('base64url');
  }

  private authData(rpId: string, flags: number, attested: boolean): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.signCount);
    const parts: Buffer[] = [sha256(rpId), Buffer.from([flags | (attested ? AT : 0)]), count];
    if (attested) {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), len, this.credentialId, cbor(this.cose));
    }
    return Buffer.concat(parts);
  }

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** navigator.credentials.create() for Cognito's CredentialCreationOptions. */
  register(options: Record<string, any>, opts: RegisterOptions = {}): Record<string, unknown> {
    const rpId = opts.rpId ?? options.rp.id;
    const clientData = this.clientData('webauthn.create', opts.challenge ?? options.challenge, opts.origin ?? `https://${options.rp.id}`);
    const authData = this.authData(rpId, opts.flags ?? UP | UV, true);
    const fmt = opts.fmt ?? 'none';
    const attStmt =
      fmt === 'packed'
        ? new Map<Cbor, Cbor>([
            ['alg', this.alg === 'ES256' ? -7 : -257],
            ['sig', sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.privateKey)],
          ])
        : fmt === 'fido-u2f'
          ? new Map<Cbor, Cbor>([['sig', Buffer.alloc(8)]])
          : new Map<Cbor, Cbor>();
    const attestationObject = cbor(new Map<Cbor, Cbor>([['fmt', fmt], ['attStmt', attStmt], ['authData', authData]]));
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: clientData.toString('base64url'), attestationObject: attestationObject.toString('base64url'), transports: ['internal', 'hybrid'] },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get() for Cognito's CREDENTIAL_REQUEST_OPTIONS. */
  assert(options: Record<string, any>, opts: { origin?: string; flags?: number; bump?: boolean; badSignature?: boolean } = {}): Record<string, unknown> {
    if (opts.bump !== false) this.signCount++;
    const clientData = this.clientData('webauthn.get', options.challenge, opts.origin ?? `https://${options.rpId}`);
    const authData = this.authData(options.rpId, opts.flags ?? UP | UV, false);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.privateKey);
    if (opts.badSignature) signature[signature.length - 1] ^= 1;
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: clientData.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
      },
      clientExtensionResults: {},
    };
  }
}
