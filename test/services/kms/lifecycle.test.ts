import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeyPoliciesCommand,
  ListKeyRotationsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  ListRetirableGrantsCommand,
  PutKeyPolicyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  GetKeyLastUsageCommand,
} from '@aws-sdk/client-kms';
import { useMockAws } from '../lifecycle';

const DAY = 86_400_000;
const T0 = new Date('2026-01-01T00:00:00Z');

describe('KMS key lifecycle, aliases, grants, policies, rotation, tags', () => {
  useMockAws();
  const kms = new KMSClient({ region: 'us-east-1' });

  async function newKey(): Promise<string> {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    return KeyMetadata?.KeyId as string;
  }
  const arnOf = (id: string) => `arn:aws:kms:us-east-1:123456789012:key/${id}`;

  it('schedules deletion on the clock: PendingDeletion refuses use, cancel brings the key back disabled', async () => {
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const keyId = await newKey();
    const out = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(out).toMatchObject({ KeyId: arnOf(keyId), KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(out.DeletionDate?.getTime()).toBe(T0.getTime() + 7 * DAY);
    await expect(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }))).rejects.toMatchObject({
      name: 'KMSInvalidStateException',
      message: `${arnOf(keyId)} is pending deletion.`,
    });
    await expect(kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId }))).rejects.toMatchObject({
      name: 'KMSInvalidStateException',
    });
    await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(KeyMetadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    expect(KeyMetadata?.DeletionDate).toBeUndefined();
    await expect(kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }))).rejects.toMatchObject({
      name: 'KMSInvalidStateException',
      message: `${arnOf(keyId)} is not pending deletion.`,
    });
  });

  it('a key disappears when its pending window has passed', async () => {
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const keyId = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/gone', TargetKeyId: keyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 30 }));
    jest.setSystemTime(T0.getTime() + 30 * DAY - 1000);
    await expect(kms.send(new DescribeKeyCommand({ KeyId: keyId }))).resolves.toBeDefined();
    jest.setSystemTime(T0.getTime() + 30 * DAY + 1000);
    await expect(kms.send(new DescribeKeyCommand({ KeyId: keyId }))).rejects.toMatchObject({ name: 'NotFoundException' });
    const keys = await kms.send(new ListKeysCommand({}));
    expect(keys.Keys?.map((k) => k.KeyId)).not.toContain(keyId);
    const aliases = await kms.send(new ListAliasesCommand({}));
    expect(aliases.Aliases?.map((a) => a.AliasName)).not.toContain('alias/gone');
  });

  it('rejects a pending window outside 7-30 days', async () => {
    const keyId = await newKey();
    await expect(kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 6 }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 31 }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('aliases: create, list, update, delete, and the reserved prefixes', async () => {
    const a = await newKey();
    const b = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: a }));
    await expect(kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: b }))).rejects.toMatchObject({
      name: 'AlreadyExistsException',
      message: 'An alias with the name arn:aws:kms:us-east-1:123456789012:alias/app already exists',
    });
    await expect(kms.send(new CreateAliasCommand({ AliasName: 'app2', TargetKeyId: a }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: a }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/app', TargetKeyId: b }));
    const listed = await kms.send(new ListAliasesCommand({ KeyId: b }));
    expect(listed.Aliases).toEqual([
      expect.objectContaining({ AliasName: 'alias/app', TargetKeyId: b, AliasArn: 'arn:aws:kms:us-east-1:123456789012:alias/app' }),
    ]);
    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/app' }));
    await expect(kms.send(new DeleteAliasCommand({ AliasName: 'alias/app' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('alias/aws/<service> names an AWS managed key created on first use', async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: 'alias/aws/s3', Plaintext: Buffer.from('x') }));
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
    expect(KeyMetadata).toMatchObject({ KeyManager: 'AWS', Arn: enc.KeyId });
    const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: KeyMetadata?.KeyId }));
    expect(rotation.KeyRotationEnabled).toBe(true);
    await expect(kms.send(new ScheduleKeyDeletionCommand({ KeyId: KeyMetadata?.KeyId }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('lists keys with real markers', async () => {
    const ids = [await newKey(), await newKey(), await newKey()];
    const first = await kms.send(new ListKeysCommand({ Limit: 2 }));
    expect(first.Keys).toHaveLength(2);
    expect(first.Truncated).toBe(true);
    const second = await kms.send(new ListKeysCommand({ Limit: 2, Marker: first.NextMarker }));
    expect(second.Truncated).toBe(false);
    expect([...(first.Keys ?? []), ...(second.Keys ?? [])].map((k) => k.KeyId).sort()).toEqual(ids.sort());
    await expect(kms.send(new ListKeysCommand({ Marker: 'bogus' }))).rejects.toMatchObject({ name: 'InvalidMarkerException' });
  });

  it('grants: create (idempotent by name), list, retire by token, revoke by id, retirable listing', async () => {
    const keyId = await newKey();
    const grantee = 'arn:aws:iam::123456789012:role/worker';
    const retiring = 'arn:aws:iam::123456789012:role/admin';
    const g = await kms.send(
      new CreateGrantCommand({
        KeyId: keyId,
        GranteePrincipal: grantee,
        RetiringPrincipal: retiring,
        Operations: ['Encrypt', 'Decrypt'],
        Constraints: { EncryptionContextSubset: { tenant: 'a' } },
        Name: 'g1',
      }),
    );
    expect(g.GrantId).toMatch(/^[0-9a-f]{64}$/);
    const again = await kms.send(
      new CreateGrantCommand({
        KeyId: keyId,
        GranteePrincipal: grantee,
        RetiringPrincipal: retiring,
        Operations: ['Decrypt', 'Encrypt'],
        Constraints: { EncryptionContextSubset: { tenant: 'a' } },
        Name: 'g1',
      }),
    );
    expect(again.GrantId).toBe(g.GrantId);
    const listed = await kms.send(new ListGrantsCommand({ KeyId: keyId }));
    expect(listed.Grants).toEqual([
      expect.objectContaining({
        GrantId: g.GrantId,
        GranteePrincipal: grantee,
        Operations: ['Encrypt', 'Decrypt'],
        Constraints: { EncryptionContextSubset: { tenant: 'a' } },
        KeyId: arnOf(keyId),
      }),
    ]);
    const retirable = await kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retiring }));
    expect(retirable.Grants?.map((x) => x.GrantId)).toEqual([g.GrantId]);
    // The grant token works as a grant token in a cryptographic request.
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x'), GrantTokens: [g.GrantToken as string] }));
    await expect(
      kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x'), GrantTokens: ['nope'] })),
    ).rejects.toMatchObject({ name: 'InvalidGrantTokenException' });
    await kms.send(new RetireGrantCommand({ GrantToken: g.GrantToken }));
    expect((await kms.send(new ListGrantsCommand({ KeyId: keyId }))).Grants).toEqual([]);
    const h = await kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: grantee, Operations: ['Decrypt'] }));
    await kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: h.GrantId }));
    await expect(kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: h.GrantId }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    await expect(
      kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: grantee, Operations: ['Sign'] })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('key policies: the default policy, PutKeyPolicy and its validation', async () => {
    const keyId = await newKey();
    const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
    expect(JSON.parse(Policy as string)).toEqual({
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:root' },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    });
    expect((await kms.send(new ListKeyPoliciesCommand({ KeyId: keyId }))).PolicyNames).toEqual(['default']);
    const decryptOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }],
    });
    // The lockout safety check: the caller could never change this policy again.
    await expect(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: decryptOnly }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'The new key policy will not allow you to update the key policy in the future.',
    });
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: decryptOnly, BypassPolicyLockoutSafetyCheck: true }));
    const mine = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: ['kms:Put*', 'kms:Decrypt'], Resource: '*' }],
    });
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: mine }));
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(mine);
    await expect(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: '{not json' }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
    });
    await expect(
      kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: JSON.stringify({ Statement: [{ Effect: 'Allow' }] }) })),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
  });

  it('automatic rotation on the clock and on-demand rotation keep old material for decryption', async () => {
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const keyId = await newKey();
    const old = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('before') }));
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    expect(status).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });
    expect(status.NextRotationDate?.getTime()).toBe(T0.getTime() + 90 * DAY);
    jest.setSystemTime(T0.getTime() + 91 * DAY);
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    const rotations = await kms.send(new ListKeyRotationsCommand({ KeyId: keyId }));
    expect(rotations.Rotations?.map((r) => r.RotationType)).toEqual(['AUTOMATIC', 'ON_DEMAND']);
    expect(rotations.Rotations?.[0].RotationDate?.getTime()).toBe(T0.getTime() + 90 * DAY);
    const fresh = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('after') }));
    const a = await kms.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }));
    expect(Buffer.from(a.Plaintext as Uint8Array).toString()).toBe('before');
    const b = await kms.send(new DecryptCommand({ CiphertextBlob: fresh.CiphertextBlob }));
    expect(Buffer.from(b.Plaintext as Uint8Array).toString()).toBe('after');
    expect(b.KeyMaterialId).toBe(rotations.Rotations?.[1].KeyMaterialId);
    expect(a.KeyMaterialId).not.toBe(b.KeyMaterialId);
  });

  it('rotation is only for symmetric keys', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }));
    await expect(kms.send(new EnableKeyRotationCommand({ KeyId: KeyMetadata?.KeyId }))).rejects.toMatchObject({
      name: 'UnsupportedOperationException',
    });
  });

  it('tags, description and last usage', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'team', TagValue: 'a' }] }));
    const keyId = KeyMetadata?.KeyId as string;
    await kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'env', TagValue: 'prod' }] }));
    await kms.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['team'] }));
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: 'env', TagValue: 'prod' }]);
    await expect(
      kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'aws:x', TagValue: 'y' }] })),
    ).rejects.toMatchObject({ name: 'TagException' });
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: 'new' }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.Description).toBe('new');
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }));
    const used = await kms.send(new GetKeyLastUsageCommand({ KeyId: keyId }));
    expect(used.KeyLastUsage?.Operation).toBe('Encrypt');
  });
});
