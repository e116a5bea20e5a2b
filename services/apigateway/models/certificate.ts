/**
 * The self-signed X.509 certificate (PEM) of GenerateClientCertificate: a fresh RSA-2048 key,
 * the certificate built by the core's DER encoder (src/core/x509.ts), since node cannot issue
 * certificates itself. `new X509Certificate(pem)` parses and verifies it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { certificatePem, selfSignedCertificate as buildCertificate } from '../../../src/core/x509';

/** A PEM certificate for `commonName`, valid from `notBefore` to `notAfter`. */
export function selfSignedCertificate(commonName: string, notBefore: Date, notAfter: Date): string {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = buildCertificate({ subject: [['CN', commonName]], notBefore, notAfter, publicKey, privateKey });
  return certificatePem(der).trimEnd();
}
