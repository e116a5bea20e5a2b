/** SSH public keys and X.509 certificates as IAM reads them. */
import { createHash, createPublicKey, X509Certificate } from 'node:crypto';

/** An OpenSSH `ssh-rsa AAAA...` key: its blob, MD5 fingerprint and PEM form; undefined when unreadable. */
export function readSshKey(body: string): { fingerprint: string; pem: string; blob: Buffer } | undefined {
  const m = /^ssh-rsa\s+([A-Za-z0-9+/=]+)(\s.*)?$/.exec(body.trim());
  if (!m) return undefined;
  const blob = Buffer.from(m[1], 'base64');
  try {
    let at = 0;
    const chunk = () => {
      const len = blob.readUInt32BE(at);
      const out = blob.subarray(at + 4, at + 4 + len);
      at += 4 + len;
      return out;
    };
    if (chunk().toString() !== 'ssh-rsa') return undefined;
    const strip = (b: Buffer) => (b[0] === 0 ? b.subarray(1) : b);
    const e = strip(chunk());
    const n = strip(chunk());
    const pem = createPublicKey({ key: { kty: 'RSA', e: e.toString('base64url'), n: n.toString('base64url') }, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const fingerprint = createHash('md5').update(blob).digest('hex').match(/../g)!.join(':');
    return { fingerprint, pem, blob };
  } catch {
    return undefined;
  }
}

/** A PEM X.509 certificate, or undefined. */
export function readCertificate(body: string): X509Certificate | undefined {
  try {
    return new X509Certificate(body);
  } catch {
    return undefined;
  }
}
