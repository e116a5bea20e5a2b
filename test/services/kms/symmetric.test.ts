import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  KMSClient,
  ReEncryptCommand,
  CreateAliasCommand,
} from '@aws-sdk/client-kms';
import { createDecipheriv, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, constants } from 'node:crypto';
import { useMockAws } from '../lifecycle';

describe('KMS symmetric encryption', () => {
  useMockAws();
  const kms = new KMSClient({ region: 'us-east-1' });

  async function newKey(): Promise<string> {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'test' }));
    return KeyMetadata?.KeyId as string;
  }

  it('creates a symmetric key with AWS metadata', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'orders' }));
    expect(KeyMetadata).toMatchObject({
      AWSAccountId: '123456789012',
      Enabled: true,
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      MultiRegion: false,
      Description: 'orders',
    });
    expect(KeyMetadata?.KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(KeyMetadata?.Arn).toBe(`arn:aws:kms:us-east-1:123456789012:key/${KeyMetadata?.KeyId}`);
  });

  it('round-trips Encrypt/Decrypt; Decrypt finds the key from the blob', async () => {
    const keyId = await newKey();
    const enc = await kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('secret'), EncryptionContext: { order: '42' } }),
    );
    expect(enc.KeyId).toBe(`arn:aws:kms:us-east-1:123456789012:key/${keyId}`);
    expect(enc.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(Buffer.from(enc.CiphertextBlob as Uint8Array).includes(Buffer.from('secret'))).toBe(false);
    const dec = await kms.send(
      new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { order: '42' } }),
    );
    expect(Buffer.from(dec.Plaintext as Uint8Array).toString()).toBe('secret');
    expect(dec.KeyId).toBe(enc.KeyId);
  });

  it('two encryptions of the same plaintext differ (random IV)', async () => {
    const keyId = await newKey();
    const a = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }));
    const b = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }));
    expect(Buffer.from(a.CiphertextBlob as Uint8Array).equals(Buffer.from(b.CiphertextBlob as Uint8Array))).toBe(false);
  });

  it('binds the encryption context: a wrong or missing context is InvalidCiphertextException', async () => {
    const keyId = await newKey();
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('p'), EncryptionContext: { a: '1', b: '2' } }),
    );
    await expect(kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { a: '1' } }))).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(kms.send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
    // Member order does not matter.
    const ok = await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { b: '2', a: '1' } }));
    expect(Buffer.from(ok.Plaintext as Uint8Array).toString()).toBe('p');
  });

  it('answers a tampered blob with InvalidCiphertextException and another KeyId with IncorrectKeyException', async () => {
    const keyId = await newKey();
    const other = await newKey();
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('p') }));
    const tampered = Buffer.from(CiphertextBlob as Uint8Array);
    tampered[tampered.length - 1] ^= 1;
    await expect(kms.send(new DecryptCommand({ CiphertextBlob: tampered }))).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
    });
    await expect(kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from('garbage') }))).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
    });
    await expect(kms.send(new DecryptCommand({ CiphertextBlob, KeyId: other }))).rejects.toMatchObject({
      name: 'IncorrectKeyException',
    });
    const ok = await kms.send(new DecryptCommand({ CiphertextBlob, KeyId: keyId }));
    expect(Buffer.from(ok.Plaintext as Uint8Array).toString()).toBe('p');
  });

  it('encrypts through an alias name and an alias ARN', async () => {
    const keyId = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/orders', TargetKeyId: keyId }));
    const a = await kms.send(new EncryptCommand({ KeyId: 'alias/orders', Plaintext: Buffer.from('1') }));
    const b = await kms.send(
      new EncryptCommand({ KeyId: 'arn:aws:kms:us-east-1:123456789012:alias/orders', Plaintext: Buffer.from('1') }),
    );
    expect(a.KeyId).toBe(b.KeyId);
    expect(a.KeyId).toContain(keyId);
  });

  it('a disabled key refuses Encrypt and Decrypt with DisabledException, and works again once enabled', async () => {
    const keyId = await newKey();
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('p') }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const arn = `arn:aws:kms:us-east-1:123456789012:key/${keyId}`;
    await expect(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('p') }))).rejects.toMatchObject({
      name: 'DisabledException',
      message: `${arn} is disabled.`,
    });
    await expect(kms.send(new DecryptCommand({ CiphertextBlob }))).rejects.toMatchObject({ name: 'DisabledException' });
    const described = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(described.KeyMetadata).toMatchObject({ Enabled: false, KeyState: 'Disabled' });
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    await expect(kms.send(new DecryptCommand({ CiphertextBlob }))).resolves.toBeDefined();
  });

  it('names a missing key, an unknown alias and a malformed id as AWS does', async () => {
    await expect(
      kms.send(new DescribeKeyCommand({ KeyId: '11111111-2222-3333-4444-555555555555' })),
    ).rejects.toMatchObject({
      name: 'NotFoundException',
      message: "Key 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555' does not exist",
    });
    await expect(kms.send(new DescribeKeyCommand({ KeyId: 'alias/nope' }))).rejects.toMatchObject({
      name: 'NotFoundException',
      message: 'Alias arn:aws:kms:us-east-1:123456789012:alias/nope is not found.',
    });
    await expect(kms.send(new DescribeKeyCommand({ KeyId: 'not-a-key' }))).rejects.toMatchObject({
      name: 'NotFoundException',
      message: "Invalid keyId 'not-a-key'",
    });
  });

  it('GenerateDataKey returns a plaintext key and its blob, which Decrypt opens', async () => {
    const keyId = await newKey();
    const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { t: 'x' } }));
    expect(dk.Plaintext).toHaveLength(32);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: { t: 'x' } }));
    expect(Buffer.from(dec.Plaintext as Uint8Array).equals(Buffer.from(dk.Plaintext as Uint8Array))).toBe(true);
    const small = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 7 }));
    expect(small.Plaintext).toHaveLength(7);
    const aes128 = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_128' }));
    expect(aes128.Plaintext).toHaveLength(16);
    const without = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    expect(without).not.toHaveProperty('Plaintext');
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: without.CiphertextBlob }));
    expect(opened.Plaintext).toHaveLength(32);
    await expect(kms.send(new GenerateDataKeyCommand({ KeyId: keyId }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Please specify either number of bytes or key spec.',
    });
  });

  it('the data key encrypts locally and decrypts after KMS gives it back (envelope encryption)', async () => {
    const keyId = await newKey();
    const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    const { createCipheriv } = await import('node:crypto');
    const iv = Buffer.alloc(12, 1);
    const c = createCipheriv('aes-256-gcm', dk.Plaintext as Uint8Array, iv);
    const body = Buffer.concat([c.update('hello'), c.final()]);
    const tag = c.getAuthTag();
    const back = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob }));
    const d = createDecipheriv('aes-256-gcm', back.Plaintext as Uint8Array, iv);
    d.setAuthTag(tag);
    expect(Buffer.concat([d.update(body), d.final()]).toString()).toBe('hello');
  });

  it('GenerateDataKeyPair returns a usable key pair and a private key blob', async () => {
    const keyId = await newKey();
    const pair = await kms.send(new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'RSA_2048' }));
    expect(pair.KeyPairSpec).toBe('RSA_2048');
    const pub = createPublicKey({ key: Buffer.from(pair.PublicKey as Uint8Array), format: 'der', type: 'spki' });
    const priv = createPrivateKey({ key: Buffer.from(pair.PrivateKeyPlaintext as Uint8Array), format: 'der', type: 'pkcs8' });
    const ct = publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from('m'));
    expect(privateDecrypt({ key: priv, padding: constants.RSA_PKCS1_OAEP_PADDING }, ct).toString()).toBe('m');
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob }));
    expect(Buffer.from(opened.Plaintext as Uint8Array).equals(Buffer.from(pair.PrivateKeyPlaintext as Uint8Array))).toBe(true);
    const ec = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' }));
    expect(ec).not.toHaveProperty('PrivateKeyPlaintext');
    expect(createPublicKey({ key: Buffer.from(ec.PublicKey as Uint8Array), format: 'der', type: 'spki' }).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('ReEncrypt moves a ciphertext to another key and context', async () => {
    const a = await newKey();
    const b = await newKey();
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: a, Plaintext: Buffer.from('move'), EncryptionContext: { x: '1' } }));
    const re = await kms.send(
      new ReEncryptCommand({ CiphertextBlob, SourceEncryptionContext: { x: '1' }, DestinationKeyId: b, DestinationEncryptionContext: { y: '2' } }),
    );
    expect(re.SourceKeyId).toContain(a);
    expect(re.KeyId).toContain(b);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { y: '2' } }));
    expect(Buffer.from(dec.Plaintext as Uint8Array).toString()).toBe('move');
    expect(dec.KeyId).toContain(b);
  });

  it('GenerateRandom returns the requested number of random bytes', async () => {
    const a = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 64 }));
    const b = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 64 }));
    expect(a.Plaintext).toHaveLength(64);
    expect(Buffer.from(a.Plaintext as Uint8Array).equals(Buffer.from(b.Plaintext as Uint8Array))).toBe(false);
  });

  it('DryRun answers DryRunOperationException after the checks, and errors before it', async () => {
    const keyId = await newKey();
    await expect(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('p'), DryRun: true }))).rejects.toMatchObject({
      name: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
    });
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    await expect(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('p'), DryRun: true }))).rejects.toMatchObject({
      name: 'DisabledException',
    });
  });
});
