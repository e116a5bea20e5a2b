import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteCustomKeyStoreCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  UpdatePrimaryRegionCommand,
} from '@aws-sdk/client-kms';
import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { useMockAws } from '../lifecycle';

describe('KMS imported key material, multi-Region keys, custom key stores', () => {
  useMockAws();
  const kms = new KMSClient({ region: 'us-east-1' });
  const west = new KMSClient({ region: 'us-west-2' });

  async function externalKey(): Promise<string> {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    expect(KeyMetadata).toMatchObject({ KeyState: 'PendingImport', Enabled: false, Origin: 'EXTERNAL' });
    return KeyMetadata?.KeyId as string;
  }

  it('imports key material wrapped with RSAES_OAEP_SHA_256 under the real wrapping key', async () => {
    const keyId = await externalKey();
    await expect(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }))).rejects.toMatchObject({
      name: 'KMSInvalidStateException',
      message: `arn:aws:kms:us-east-1:123456789012:key/${keyId} is pending import.`,
    });
    const params = await kms.send(
      new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }),
    );
    const wrappingKey = createPublicKey({ key: Buffer.from(params.PublicKey as Uint8Array), format: 'der', type: 'spki' });
    expect(wrappingKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const material = randomBytes(32);
    const wrapped = publicEncrypt({ key: wrappingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material);
    await kms.send(
      new ImportKeyMaterialCommand({
        KeyId: keyId,
        ImportToken: params.ImportToken,
        EncryptedKeyMaterial: wrapped,
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      }),
    );
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(KeyMetadata?.KeyState).toBe('Enabled');
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('imported') }));

    // Delete the material: the key waits for an import again, and only the same material is accepted.
    await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: keyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe('PendingImport');
    const again = await kms.send(
      new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_1', WrappingKeySpec: 'RSA_3072' }),
    );
    const key2 = createPublicKey({ key: Buffer.from(again.PublicKey as Uint8Array), format: 'der', type: 'spki' });
    const wrongWrap = publicEncrypt({ key: key2, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, randomBytes(32));
    await expect(
      kms.send(new ImportKeyMaterialCommand({ KeyId: keyId, ImportToken: again.ImportToken, EncryptedKeyMaterial: wrongWrap })),
    ).rejects.toMatchObject({ name: 'IncorrectKeyMaterialException' });
    const rightWrap = publicEncrypt({ key: key2, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, material);
    await kms.send(new ImportKeyMaterialCommand({ KeyId: keyId, ImportToken: again.ImportToken, EncryptedKeyMaterial: rightWrap }));
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext as Uint8Array).toString()).toBe('imported');
  });

  it('unwraps RSA_AES_KEY_WRAP_SHA_256 (RSA-OAEP of an AES key, then AES key wrap with padding)', async () => {
    const keyId = await externalKey();
    const params = await kms.send(
      new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256', WrappingKeySpec: 'RSA_4096' }),
    );
    const wrappingKey = createPublicKey({ key: Buffer.from(params.PublicKey as Uint8Array), format: 'der', type: 'spki' });
    const aesKey = randomBytes(32);
    const cipher = createCipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('A65959A6', 'hex'));
    const wrappedMaterial = Buffer.concat([cipher.update(randomBytes(32)), cipher.final()]);
    const wrappedKey = publicEncrypt({ key: wrappingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, aesKey);
    await kms.send(
      new ImportKeyMaterialCommand({
        KeyId: keyId,
        ImportToken: params.ImportToken,
        EncryptedKeyMaterial: Buffer.concat([wrappedKey, wrappedMaterial]),
      }),
    );
    await expect(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }))).resolves.toBeDefined();
  });

  it('import tokens expire after 24 hours; KEY_MATERIAL_EXPIRES material expires on the clock', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const keyId = await externalKey();
    const wrapFor = async () => {
      const params = await kms.send(
        new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }),
      );
      expect(params.ParametersValidTo?.toISOString()).toBe(new Date(Date.now() + 86_400_000).toISOString());
      const key = createPublicKey({ key: Buffer.from(params.PublicKey as Uint8Array), format: 'der', type: 'spki' });
      return { params, wrapped: publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material) };
    };
    const material = randomBytes(32);
    const stale = await wrapFor();
    jest.setSystemTime(new Date('2026-01-02T00:00:01Z'));
    await expect(
      kms.send(new ImportKeyMaterialCommand({ KeyId: keyId, ImportToken: stale.params.ImportToken, EncryptedKeyMaterial: stale.wrapped })),
    ).rejects.toMatchObject({ name: 'ExpiredImportTokenException' });
    const fresh = await wrapFor();
    await kms.send(
      new ImportKeyMaterialCommand({
        KeyId: keyId,
        ImportToken: fresh.params.ImportToken,
        EncryptedKeyMaterial: fresh.wrapped,
        ExpirationModel: 'KEY_MATERIAL_EXPIRES',
        ValidTo: new Date('2026-01-10T00:00:00Z'),
      }),
    );
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({
      KeyState: 'Enabled',
      ExpirationModel: 'KEY_MATERIAL_EXPIRES',
    });
    jest.setSystemTime(new Date('2026-01-10T00:00:01Z'));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe('PendingImport');
    await expect(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }))).rejects.toMatchObject({
      name: 'KMSInvalidStateException',
    });
  });

  it('refuses a token of another key and import on a key KMS generated', async () => {
    const a = await externalKey();
    const b = await externalKey();
    const params = await kms.send(
      new GetParametersForImportCommand({ KeyId: a, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }),
    );
    await expect(
      kms.send(new ImportKeyMaterialCommand({ KeyId: b, ImportToken: params.ImportToken, EncryptedKeyMaterial: Buffer.alloc(256) })),
    ).rejects.toMatchObject({ name: 'InvalidImportTokenException' });
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await expect(
      kms.send(new GetParametersForImportCommand({ KeyId: KeyMetadata?.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' })),
    ).rejects.toMatchObject({ name: 'UnsupportedOperationException' });
  });

  it('replicates a multi-Region key: the replica decrypts the primary ciphertext', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ MultiRegion: true }));
    const keyId = KeyMetadata?.KeyId as string;
    expect(keyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(KeyMetadata?.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: KeyMetadata?.Arn, Region: 'us-east-1' },
      ReplicaKeys: [],
    });
    const replica = await kms.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-west-2' }));
    expect(replica.ReplicaKeyMetadata).toMatchObject({
      KeyId: keyId,
      Arn: `arn:aws:kms:us-west-2:123456789012:key/${keyId}`,
      MultiRegionConfiguration: { MultiRegionKeyType: 'REPLICA' },
    });
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('everywhere') }));
    const dec = await west.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext as Uint8Array).toString()).toBe('everywhere');
    expect(dec.KeyId).toBe(`arn:aws:kms:us-west-2:123456789012:key/${keyId}`);
    await expect(kms.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-west-2' }))).rejects.toMatchObject({
      name: 'AlreadyExistsException',
    });
    const primary = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(primary.KeyMetadata?.MultiRegionConfiguration?.ReplicaKeys).toEqual([
      { Arn: `arn:aws:kms:us-west-2:123456789012:key/${keyId}`, Region: 'us-west-2' },
    ]);
    await kms.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'us-west-2' }));
    const after = await west.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(after.KeyMetadata?.MultiRegionConfiguration?.MultiRegionKeyType).toBe('PRIMARY');
    const single = await kms.send(new CreateKeyCommand({}));
    await expect(
      kms.send(new ReplicateKeyCommand({ KeyId: single.KeyMetadata?.KeyId, ReplicaRegion: 'eu-west-1' })),
    ).rejects.toMatchObject({ name: 'UnsupportedOperationException' });
  });

  it('a primary with replicas waits in PendingReplicaDeletion until they are gone', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ MultiRegion: true }));
    const keyId = KeyMetadata?.KeyId as string;
    await kms.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-west-2' }));
    const primary = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(primary).toMatchObject({ KeyState: 'PendingReplicaDeletion', PendingWindowInDays: 7 });
    expect(primary.DeletionDate).toBeUndefined();
    await west.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    jest.setSystemTime(new Date('2026-01-08T00:00:01Z'));
    await expect(west.send(new DescribeKeyCommand({ KeyId: keyId }))).rejects.toMatchObject({ name: 'NotFoundException' });
    const waiting = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(waiting.KeyMetadata).toMatchObject({ KeyState: 'PendingDeletion' });
    expect(waiting.KeyMetadata?.DeletionDate?.toISOString()).toBe('2026-01-15T00:00:01.000Z');
  });

  it('decrypts by key ARN across accounts', async () => {
    const other = new KMSClient({ region: 'us-east-1', credentials: { accessKeyId: '210987654321', secretAccessKey: 'x' } });
    const { KeyMetadata } = await other.send(new CreateKeyCommand({}));
    const enc = await kms.send(new EncryptCommand({ KeyId: KeyMetadata?.Arn, Plaintext: Buffer.from('shared') }));
    expect(enc.KeyId).toBe(KeyMetadata?.Arn);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext as Uint8Array).toString()).toBe('shared');
  });

  it('custom key stores: an external key store is created disconnected and cannot reach its proxy', async () => {
    const { CustomKeyStoreId } = await kms.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: 'xks',
        CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
        XksProxyUriEndpoint: 'https://xks.example.com',
        XksProxyUriPath: '/kms/xks/v1',
        XksProxyConnectivity: 'PUBLIC_ENDPOINT',
        XksProxyAuthenticationCredential: { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST', RawSecretAccessKey: 'a'.repeat(43) },
      }),
    );
    await expect(
      kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId, XksKeyId: 'k1' })),
    ).rejects.toMatchObject({ name: 'CustomKeyStoreInvalidStateException' });
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    const described = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }));
    expect(described.CustomKeyStores?.[0]).toMatchObject({
      CustomKeyStoreName: 'xks',
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'XKS_PROXY_NOT_REACHABLE',
    });
    await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId }));
    await expect(kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }))).rejects.toMatchObject({
      name: 'CustomKeyStoreNotFoundException',
    });
    await expect(
      kms.send(
        new CreateCustomKeyStoreCommand({
          CustomKeyStoreName: 'hsm',
          CloudHsmClusterId: 'cluster-234567abcde',
          TrustAnchorCertificate: 'cert',
          KeyStorePassword: 'password1',
        }),
      ),
    ).rejects.toMatchObject({ name: 'CloudHsmClusterNotFoundException' });
  });
});
