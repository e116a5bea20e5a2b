/**
 * Self-signed X.509 v3 certificates (RSA, SHA-256), DER-encoded by hand:
 * node:crypto signs and parses certificates (X509Certificate) but cannot make
 * one, and no dependency in the tree can. This is the few ASN.1 structures a
 * certificate needs (RFC 5280 section 4.1), nothing more. Used by Cognito's
 * GetSigningCertificate and API Gateway's client certificates.
 *
 * @example
 * const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
 * const der = selfSignedCertificate({ subject: [['CN', 'example']], notBefore, notAfter, publicKey, privateKey });
 * new X509Certificate(der).verify(publicKey); // true
 */
import { createSign, type KeyObject, randomBytes } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), length(content.length), content]);
const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const NULL = Buffer.from([0x05, 0x00]);

function integer(bytes: Buffer): Buffer {
  // DER integers are signed: a leading 1 bit gets a 0x00 byte in front.
  return tlv(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime through 2049, GeneralizedTime after, as RFC 5280 4.1.2.5 requires. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

const ATTRIBUTE_OID: Record<'CN' | 'O' | 'OU' | 'C', string> = { CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11', C: '2.5.4.6' };

function name(parts: Array<['CN' | 'O' | 'OU' | 'C', string]>): Buffer {
  return sequence(...parts.map(([type, value]) => set(sequence(oid(ATTRIBUTE_OID[type]), tlv(0x0c, Buffer.from(value, 'utf8'))))));
}

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), NULL);

export interface CertificateOptions {
  subject: Array<['CN' | 'O' | 'OU' | 'C', string]>;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/** The certificate as DER; issuer = subject (self-signed). */
export function selfSignedCertificate(o: CertificateOptions): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  const spki = o.publicKey.export({ type: 'spki', format: 'der' });
  const subject = name(o.subject);
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))), // version v3
    integer(serial),
    SHA256_WITH_RSA,
    subject,
    sequence(time(o.notBefore), time(o.notAfter)),
    subject,
    spki,
  );
  const signature = createSign('sha256').update(tbs).sign(o.privateKey);
  return sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

/** The PEM armour of a DER certificate (64-character base64 lines). */
export function certificatePem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
