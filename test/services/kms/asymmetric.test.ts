import {
  CreateKeyCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  KMSClient,
  SignCommand,
  type SigningAlgorithmSpec,
  VerifyCommand,
  VerifyMacCommand,
  type KeySpec,
} from '@aws-sdk/client-kms';
import { constants, createHash, createHmac, createPublicKey, diffieHellman, generateKeyPairSync, publicEncrypt, verify } from 'node:crypto';
import { useMockAws } from '../lifecycle';

describe('KMS asymmetric and HMAC keys', () => {
  useMockAws();
  const kms = new KMSClient({ region: 'us-east-1' });

  async function key(KeySpec: KeySpec, KeyUsage: 'SIGN_VERIFY' | 'ENCRYPT_DECRYPT' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT') {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ KeySpec, KeyUsage }));
    return KeyMetadata as NonNullable<typeof KeyMetadata>;
  }

  async function publicKeyOf(keyId: string) {
    const out = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
    return { out, key: createPublicKey({ key: Buffer.from(out.PublicKey as Uint8Array), format: 'der', type: 'spki' }) };
  }

  const HASH: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };
  const cases: [KeySpec, SigningAlgorithmSpec][] = [
    ['RSA_2048', 'RSASSA_PSS_SHA_256'],
    ['RSA_2048', 'RSASSA_PSS_SHA_384'],
    ['RSA_3072', 'RSASSA_PSS_SHA_512'],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256'],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_384'],
    ['RSA_4096', 'RSASSA_PKCS1_V1_5_SHA_512'],
    ['ECC_NIST_P256', 'ECDSA_SHA_256'],
    ['ECC_NIST_P384', 'ECDSA_SHA_384'],
    ['ECC_NIST_P521', 'ECDSA_SHA_512'],
    ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
  ];

  it.each(cases)('%s signs with %s (RAW and DIGEST); node:crypto verifies against GetPublicKey', async (spec, algorithm) => {
    const meta = await key(spec, 'SIGN_VERIFY');
    expect(meta.SigningAlgorithms).toContain(algorithm);
    const { key: pub, out } = await publicKeyOf(meta.KeyId as string);
    expect(out.KeyUsage).toBe('SIGN_VERIFY');
    const hash = HASH[algorithm.slice(-3)];
    const message = Buffer.from('order #42 shipped');
    const options = algorithm.startsWith('RSASSA_PSS')
      ? { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: createHash(hash).digest().length }
      : pub;
    for (const MessageType of ['RAW', 'DIGEST'] as const) {
      const Message = MessageType === 'RAW' ? message : createHash(hash).update(message).digest();
      const { Signature, SigningAlgorithm } = await kms.send(
        new SignCommand({ KeyId: meta.KeyId, Message, MessageType, SigningAlgorithm: algorithm }),
      );
      expect(SigningAlgorithm).toBe(algorithm);
      expect(verify(hash, message, options, Buffer.from(Signature as Uint8Array))).toBe(true);
      const ok = await kms.send(
        new VerifyCommand({ KeyId: meta.KeyId, Message, MessageType, Signature, SigningAlgorithm: algorithm }),
      );
      expect(ok.SignatureValid).toBe(true);
    }
  });

  it('Verify of a wrong signature is KMSInvalidSignatureException', async () => {
    const meta = await key('ECC_NIST_P256', 'SIGN_VERIFY');
    const { Signature } = await kms.send(
      new SignCommand({ KeyId: meta.KeyId, Message: Buffer.from('a'), SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    await expect(
      kms.send(new VerifyCommand({ KeyId: meta.KeyId, Message: Buffer.from('b'), Signature, SigningAlgorithm: 'ECDSA_SHA_256' })),
    ).rejects.toMatchObject({ name: 'KMSInvalidSignatureException', $metadata: { httpStatusCode: 400 } });
  });

  it('checks the digest length and the algorithm against the key', async () => {
    const meta = await key('ECC_NIST_P256', 'SIGN_VERIFY');
    await expect(
      kms.send(new SignCommand({ KeyId: meta.KeyId, Message: Buffer.alloc(10), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'Digest is invalid length for algorithm ECDSA_SHA_256.' });
    await expect(
      kms.send(new SignCommand({ KeyId: meta.KeyId, Message: Buffer.from('m'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' })),
    ).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
    await expect(
      kms.send(new EncryptCommand({ KeyId: meta.KeyId, Plaintext: Buffer.from('m') })),
    ).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
  });

  it('Ed25519 keys sign RAW messages that node:crypto verifies', async () => {
    const meta = await key('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');
    const { key: pub } = await publicKeyOf(meta.KeyId as string);
    const { Signature } = await kms.send(
      new SignCommand({ KeyId: meta.KeyId, Message: Buffer.from('ed'), SigningAlgorithm: 'ED25519_SHA_512' }),
    );
    expect(verify(null, Buffer.from('ed'), pub, Buffer.from(Signature as Uint8Array))).toBe(true);
  });

  it.each(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const)(
    'RSA ENCRYPT_DECRYPT: offline %s encryption with the public key decrypts in KMS',
    async (algorithm) => {
      const meta = await key('RSA_2048', 'ENCRYPT_DECRYPT');
      expect(meta.EncryptionAlgorithms).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
      const { key: pub } = await publicKeyOf(meta.KeyId as string);
      const oaepHash = algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256';
      const blob = publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, Buffer.from('offline'));
      const dec = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: meta.KeyId, EncryptionAlgorithm: algorithm }));
      expect(Buffer.from(dec.Plaintext as Uint8Array).toString()).toBe('offline');
      const enc = await kms.send(new EncryptCommand({ KeyId: meta.KeyId, Plaintext: Buffer.from('in'), EncryptionAlgorithm: algorithm }));
      const back = await kms.send(
        new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: meta.KeyId, EncryptionAlgorithm: algorithm }),
      );
      expect(Buffer.from(back.Plaintext as Uint8Array).toString()).toBe('in');
      await expect(
        kms.send(new EncryptCommand({ KeyId: meta.KeyId, Plaintext: Buffer.from('x') })),
      ).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
    },
  );

  it('GetPublicKey of a symmetric key is UnsupportedOperationException', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await expect(kms.send(new GetPublicKeyCommand({ KeyId: KeyMetadata?.KeyId }))).rejects.toMatchObject({
      name: 'UnsupportedOperationException',
    });
  });

  it('rejects a key usage the key spec does not allow', async () => {
    await expect(kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'ENCRYPT_DECRYPT' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it.each([
    ['HMAC_224', 'HMAC_SHA_224'],
    ['HMAC_256', 'HMAC_SHA_256'],
    ['HMAC_384', 'HMAC_SHA_384'],
    ['HMAC_512', 'HMAC_SHA_512'],
  ] as const)('%s keys generate and verify %s MACs', async (spec, algorithm) => {
    const meta = await key(spec, 'GENERATE_VERIFY_MAC');
    expect(meta.MacAlgorithms).toEqual([algorithm]);
    const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: meta.KeyId, Message: Buffer.from('m'), MacAlgorithm: algorithm }));
    expect(Mac).toHaveLength(createHmac(algorithm.replace('HMAC_SHA_', 'sha'), 'k').digest().length);
    const ok = await kms.send(new VerifyMacCommand({ KeyId: meta.KeyId, Message: Buffer.from('m'), Mac, MacAlgorithm: algorithm }));
    expect(ok.MacValid).toBe(true);
    await expect(
      kms.send(new VerifyMacCommand({ KeyId: meta.KeyId, Message: Buffer.from('other'), Mac, MacAlgorithm: algorithm })),
    ).rejects.toMatchObject({ name: 'KMSInvalidMacException' });
  });

  it('DeriveSharedSecret agrees with ECDH computed locally', async () => {
    const meta = await key('ECC_NIST_P256', 'KEY_AGREEMENT');
    const { key: kmsPublic } = await publicKeyOf(meta.KeyId as string);
    const mine = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const out = await kms.send(
      new DeriveSharedSecretCommand({
        KeyId: meta.KeyId,
        KeyAgreementAlgorithm: 'ECDH',
        PublicKey: mine.publicKey.export({ format: 'der', type: 'spki' }),
      }),
    );
    const local = diffieHellman({ privateKey: mine.privateKey, publicKey: kmsPublic });
    expect(Buffer.from(out.SharedSecret as Uint8Array).equals(local)).toBe(true);
  });
});
