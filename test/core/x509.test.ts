/** The hand-made DER of src/core/x509.ts, checked by node's own X.509 parser. */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { certificatePem, selfSignedCertificate } from '../../src/core/x509';

describe('self-signed X.509 certificates', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('parses, names its subject as issuer, and verifies with its own key (DER and PEM)', () => {
    const der = selfSignedCertificate({
      subject: [['C', 'US'], ['O', 'Example'], ['CN', 'pool é']],
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2036-01-01T00:00:00Z'),
      publicKey,
      privateKey,
    });
    for (const cert of [new X509Certificate(der), new X509Certificate(certificatePem(der))]) {
      expect(cert.subject).toBe('C=US\nO=Example\nCN=pool é');
      expect(cert.issuer).toBe(cert.subject);
      expect(cert.verify(publicKey)).toBe(true);
      expect(new Date(cert.validFrom).toISOString()).toBe('2026-01-01T00:00:00.000Z');
      expect(BigInt(`0x${cert.serialNumber}`) > 0n).toBe(true);
    }
  });

  it('writes dates from 2050 on as GeneralizedTime, as RFC 5280 requires', () => {
    const der = selfSignedCertificate({ subject: [['CN', 'x']], notBefore: new Date('2049-12-31T23:59:59Z'), notAfter: new Date('2051-06-01T12:00:00Z'), publicKey, privateKey });
    expect(der.includes(Buffer.from('491231235959Z'))).toBe(true); // UTCTime
    expect(der.includes(Buffer.from('20510601120000Z'))).toBe(true); // GeneralizedTime
    expect(new Date(new X509Certificate(der).validTo).toISOString()).toBe('2051-06-01T12:00:00.000Z');
  });
});
