/**
 * Post-quantum keys.
 *
 * ML-KEM keys (API reference: CreateKey, GetPublicKey, Encapsulate, Decapsulate; FIPS 203):
 * KeySpec ML_KEM_512/768/1024 with KeyUsage ENCAPSULATE_DECAPSULATE; GetPublicKey answers a DER
 * SubjectPublicKeyInfo; a party encapsulates offline with that public key and KMS decapsulates to the
 * same 32-byte shared secret; Decapsulate answers InvalidCiphertextException only for a ciphertext
 * length inconsistent with the key spec, and otherwise 32 pseudo-random bytes (implicit rejection).
 *
 * ML-DSA keys (API reference: Sign, Verify; FIPS 204): KeySpec ML_DSA_44/65/87, SIGN_VERIFY, signing
 * algorithm ML_DSA_SHAKE_256; a RAW message is signed with pure ML-DSA, which any FIPS 204 verifier checks
 * against the public key; DIGEST is not a message type for ML-DSA.
 */
import {
  CreateKeyCommand,
  DecapsulateCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncapsulateCommand,
  EncryptCommand,
  GetPublicKeyCommand,
  KMSClient,
  SignCommand,
  VerifyCommand,
} from '@aws-sdk/client-kms';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem';
import { useMockAws } from '../lifecycle';

/** The raw encapsulation key inside a SubjectPublicKeyInfo, and the last arc of its algorithm OID. */
function parseSpki(der: Uint8Array, family = 0x04): { oidLastArc: number; publicKey: Uint8Array } {
  const buf = Buffer.from(der);
  const lengthAt = (i: number): [number, number] => {
    const b = buf[i];
    if (b < 0x80) return [b, i + 1];
    const n = b & 0x7f;
    return [buf.readUIntBE(i + 1, n), i + 1 + n];
  };
  expect(buf[0]).toBe(0x30);
  const [, afterOuter] = lengthAt(1);
  expect(buf[afterOuter]).toBe(0x30);
  const [algLen, algBody] = lengthAt(afterOuter + 1);
  const oid = buf.subarray(algBody + 2, algBody + algLen);
  // 2.16.840.1.101.3.4.4 (KEMs) or 2.16.840.1.101.3.4.3 (signatures)
  expect([...oid.subarray(0, 8)]).toEqual([0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, family]);
  const bitsAt = algBody + algLen;
  expect(buf[bitsAt]).toBe(0x03);
  const [bitsLen, bitsBody] = lengthAt(bitsAt + 1);
  expect(buf[bitsBody]).toBe(0); // no unused bits
  return { oidLastArc: oid[8], publicKey: buf.subarray(bitsBody + 1, bitsBody + bitsLen) };
}

describe('KMS ML-KEM keys', () => {
  useMockAws();
  const kms = new KMSClient({ region: 'us-east-1' });
  const create = (KeySpec: 'ML_KEM_512' | 'ML_KEM_768' | 'ML_KEM_1024') =>
    kms.send(new CreateKeyCommand({ KeySpec, KeyUsage: 'ENCAPSULATE_DECAPSULATE' })).then((r) => r.KeyMetadata!);

  it.each([
    ['ML_KEM_512', ml_kem512, 1, 800],
    ['ML_KEM_768', ml_kem768, 2, 1184],
    ['ML_KEM_1024', ml_kem1024, 3, 1568],
  ] as const)('%s: a secret encapsulated offline with GetPublicKey decapsulates to the same secret in KMS', async (spec, scheme, arc, keyBytes) => {
    const meta = await create(spec);
    expect(meta.KeySpec).toBe(spec);
    expect(meta.EncapsulationAlgorithms).toEqual(['ML_KEM']);
    const pub = await kms.send(new GetPublicKeyCommand({ KeyId: meta.KeyId }));
    expect(pub.KeyUsage).toBe('ENCAPSULATE_DECAPSULATE');
    expect(pub.EncapsulationAlgorithms).toEqual(['ML_KEM']);
    const { oidLastArc, publicKey } = parseSpki(pub.PublicKey!);
    expect(oidLastArc).toBe(arc);
    expect(publicKey.length).toBe(keyBytes);
    const { cipherText, sharedSecret } = scheme.encapsulate(publicKey);
    const out = await kms.send(
      new DecapsulateCommand({ KeyId: meta.KeyId, SharedSecretCiphertextBlob: cipherText, EncapsulationAlgorithm: 'ML_KEM' }),
    );
    expect(out.KeyId).toBe(meta.Arn);
    expect(Buffer.from(out.SharedSecret!).equals(Buffer.from(sharedSecret))).toBe(true);
  });

  it('Encapsulate answers a secret and ciphertext that decapsulate to the same secret', async () => {
    const meta = await create('ML_KEM_768');
    const enc = await kms.send(new EncapsulateCommand({ KeyId: meta.Arn, EncapsulationAlgorithm: 'ML_KEM' }));
    expect(enc.SharedSecret?.length).toBe(32);
    expect(enc.SharedSecretCiphertextBlob?.length).toBe(1088);
    const dec = await kms.send(
      new DecapsulateCommand({ KeyId: meta.KeyId, SharedSecretCiphertextBlob: enc.SharedSecretCiphertextBlob, EncapsulationAlgorithm: 'ML_KEM' }),
    );
    expect(Buffer.from(dec.SharedSecret!).equals(Buffer.from(enc.SharedSecret!))).toBe(true);
  });

  it('refuses a ciphertext of the wrong length, answers another secret for an altered one (implicit rejection)', async () => {
    const meta = await create('ML_KEM_512');
    const enc = await kms.send(new EncapsulateCommand({ KeyId: meta.KeyId, EncapsulationAlgorithm: 'ML_KEM' }));
    const short = enc.SharedSecretCiphertextBlob!.subarray(1);
    await expect(
      kms.send(new DecapsulateCommand({ KeyId: meta.KeyId, SharedSecretCiphertextBlob: short, EncapsulationAlgorithm: 'ML_KEM' })),
    ).rejects.toMatchObject({ name: 'InvalidCiphertextException', $metadata: { httpStatusCode: 400 } });
    const altered = Buffer.from(enc.SharedSecretCiphertextBlob!);
    altered[0] ^= 1;
    const dec = await kms.send(new DecapsulateCommand({ KeyId: meta.KeyId, SharedSecretCiphertextBlob: altered, EncapsulationAlgorithm: 'ML_KEM' }));
    expect(dec.SharedSecret?.length).toBe(32);
    expect(Buffer.from(dec.SharedSecret!).equals(Buffer.from(enc.SharedSecret!))).toBe(false);
  });

  it('checks key usage and key state as for any key', async () => {
    await expect(kms.send(new CreateKeyCommand({ KeySpec: 'ML_KEM_768' }))).rejects.toMatchObject({ name: 'ValidationException' });
    const symmetric = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await expect(kms.send(new EncapsulateCommand({ KeyId: symmetric.KeyId, EncapsulationAlgorithm: 'ML_KEM' }))).rejects.toMatchObject({
      name: 'InvalidKeyUsageException',
    });
    const meta = await create('ML_KEM_1024');
    await expect(kms.send(new EncryptCommand({ KeyId: meta.KeyId, Plaintext: Buffer.from('x') }))).rejects.toMatchObject({
      name: 'InvalidKeyUsageException',
    });
    await kms.send(new DisableKeyCommand({ KeyId: meta.KeyId }));
    await expect(kms.send(new EncapsulateCommand({ KeyId: meta.KeyId, EncapsulationAlgorithm: 'ML_KEM' }))).rejects.toMatchObject({
      name: 'DisabledException',
      message: `${meta.Arn} is disabled.`,
    });
    expect((await kms.send(new DescribeKeyCommand({ KeyId: meta.KeyId }))).KeyMetadata?.KeyState).toBe('Disabled');
  });
});

describe('KMS ML-DSA keys', () => {
  useMockAws();
  const kms = new KMSClient({ region: 'us-east-1' });

  it.each([
    ['ML_DSA_44', ml_dsa44, 17],
    ['ML_DSA_65', ml_dsa65, 18],
    ['ML_DSA_87', ml_dsa87, 19],
  ] as const)('%s: a KMS signature verifies offline with the public key, and Verify checks it', async (spec, scheme, arc) => {
    const meta = (await kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
    expect(meta.SigningAlgorithms).toEqual(['ML_DSA_SHAKE_256']);
    const message = Buffer.from('release v1.2.3');
    const { Signature } = await kms.send(new SignCommand({ KeyId: meta.KeyId, Message: message, SigningAlgorithm: 'ML_DSA_SHAKE_256' }));
    const pub = await kms.send(new GetPublicKeyCommand({ KeyId: meta.KeyId }));
    const { oidLastArc, publicKey } = parseSpki(pub.PublicKey!, 0x03);
    expect(oidLastArc).toBe(arc);
    expect(scheme.verify(publicKey, message, Signature!)).toBe(true);
    const ok = await kms.send(new VerifyCommand({ KeyId: meta.KeyId, Message: message, Signature, SigningAlgorithm: 'ML_DSA_SHAKE_256' }));
    expect(ok.SignatureValid).toBe(true);
    await expect(
      kms.send(new VerifyCommand({ KeyId: meta.KeyId, Message: Buffer.from('release v6.6.6'), Signature, SigningAlgorithm: 'ML_DSA_SHAKE_256' })),
    ).rejects.toMatchObject({ name: 'KMSInvalidSignatureException' });
  });

  it('refuses DIGEST messages and other algorithms', async () => {
    const meta = (await kms.send(new CreateKeyCommand({ KeySpec: 'ML_DSA_65', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
    await expect(
      kms.send(new SignCommand({ KeyId: meta.KeyId, Message: Buffer.alloc(32), MessageType: 'DIGEST', SigningAlgorithm: 'ML_DSA_SHAKE_256' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      kms.send(new SignCommand({ KeyId: meta.KeyId, Message: Buffer.from('x'), SigningAlgorithm: 'ECDSA_SHA_256' })),
    ).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
  });
});
