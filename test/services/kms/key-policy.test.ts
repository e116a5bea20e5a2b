/**
 * Key policies and grants decide who may use a key under `mockAws({ iam: 'enforce' })`
 * (KMS developer guide, "KMS key access and permissions"):
 * - "To use an IAM policy to allow access to a KMS key, the key policy must explicitly allow it":
 *   the default key policy allows the account, so IAM policies decide; a key policy that leaves the
 *   account out refuses the account's users whatever their IAM policies say;
 * - a principal of another account needs both its own IAM policy and the key policy naming it or its account;
 * - an explicit Deny in the key policy wins, in the same account too;
 * - a grant allows its grantee its operations within its encryption-context constraints.
 */
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSClient,
  PutKeyPolicyCommand,
} from '@aws-sdk/client-kms';
import { mockAws } from '../../../src/mock';

const A = '123456789012';
const B = '210987654321';
type Creds = { accessKeyId: string; secretAccessKey: string };

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allowAccount = (account: string, actions: string | string[] = 'kms:*') => ({
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${account}:root` },
  Action: actions,
  Resource: '*',
});

/** An IAM user of `account` (made with that account's root keys), optionally with an inline policy. */
async function user(account: string, name: string, allow?: string): Promise<Creds> {
  const iam = new IAMClient({ region: 'us-east-1', credentials: { accessKeyId: account, secretAccessKey: 'x' } });
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (allow) {
    const doc = policy({ Effect: 'Allow', Action: allow, Resource: '*' });
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: doc }));
  }
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

const client = (credentials: Creds) => new KMSClient({ region: 'us-east-1', credentials, maxAttempts: 1 });
const fail = (p: Promise<unknown>) => p.then(() => undefined, (e) => e);

describe('KMS authorization through key policies and grants', () => {
  const m = mockAws({ iam: 'enforce' });
  afterEach(() => m.reset());
  afterAll(() => m.stop());
  const root = new KMSClient({ region: 'us-east-1' });

  it('lets IAM policies decide under the default key policy, refuses users the IAM policy does not allow', async () => {
    const { KeyMetadata } = await root.send(new CreateKeyCommand({}));
    const alice = client(await user(A, 'alice', 'kms:*'));
    const nobody = client(await user(A, 'nobody'));
    const { CiphertextBlob } = await alice.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') }));
    expect(Buffer.from((await alice.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('x');
    // A key that does not exist has no policy to consult: the caller its IAM policy allows gets NotFoundException.
    const missing = await fail(alice.send(new DescribeKeyCommand({ KeyId: '00000000-0000-0000-0000-000000000000' })));
    expect(missing.name).toBe('NotFoundException');
    const e = await fail(nobody.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.message).toBe(
      `User: arn:aws:iam::${A}:user/nobody is not authorized to perform: kms:Encrypt on resource: ${KeyMetadata!.Arn} because no identity-based policy allows the kms:Encrypt action`,
    );
  });

  it('refuses the account\'s users when the key policy leaves the account out, and allows a user it names', async () => {
    const alice = client(await user(A, 'alice', 'kms:*'));
    const bob = client(await user(A, 'bob'));
    const { KeyMetadata } = await root.send(
      new CreateKeyCommand({
        Policy: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: 'kms:*', Resource: '*' }),
        BypassPolicyLockoutSafetyCheck: true,
      }),
    );
    const e = await fail(alice.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toBe(
      `User: arn:aws:iam::${A}:user/alice is not authorized to perform: kms:Encrypt on resource: ${KeyMetadata!.Arn} because no resource-based policy allows the kms:Encrypt action`,
    );
    // An alias names the key: the decision and the message are the key's.
    await root.send(new CreateAliasCommand({ AliasName: 'alias/bobs', TargetKeyId: KeyMetadata!.KeyId }));
    const viaAlias = await fail(alice.send(new EncryptCommand({ KeyId: 'alias/bobs', Plaintext: Buffer.from('x') })));
    expect(viaAlias.message).toBe(e.message);
    // bob has no IAM policy at all: the key policy naming him is enough within the account.
    await expect(bob.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') }))).resolves.toBeDefined();
  });

  it('resolves a ciphertext blob to the key the policy protects', async () => {
    const { KeyMetadata } = await root.send(new CreateKeyCommand({}));
    const alice = client(await user(A, 'alice', 'kms:*'));
    const { CiphertextBlob } = await root.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') }));
    await root.send(
      new PutKeyPolicyCommand({
        KeyId: KeyMetadata!.KeyId,
        PolicyName: 'default',
        Policy: policy(allowAccount(A), { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 'kms:Decrypt', Resource: '*' }),
      }),
    );
    // Decrypt without KeyId: the key is the blob's, and its policy denies alice explicitly.
    const e = await fail(alice.send(new DecryptCommand({ CiphertextBlob })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toBe(
      `User: arn:aws:iam::${A}:user/alice is not authorized to perform: kms:Decrypt on resource: ${KeyMetadata!.Arn} with an explicit deny in a resource-based policy`,
    );
    // Encrypt is still allowed (the Deny names Decrypt only).
    await expect(alice.send(new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: Buffer.from('y') }))).resolves.toBeDefined();
  });

  it('refuses another account\'s principal until the key policy allows its account', async () => {
    const { KeyMetadata } = await root.send(new CreateKeyCommand({}));
    const carol = client(await user(B, 'carol', 'kms:*'));
    const e = await fail(carol.send(new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: Buffer.from('x') })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toBe(
      `User: arn:aws:iam::${B}:user/carol is not authorized to perform: kms:Encrypt on resource: ${KeyMetadata!.Arn} because no resource-based policy allows the kms:Encrypt action`,
    );
    await root.send(
      new PutKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId, PolicyName: 'default', Policy: policy(allowAccount(A), allowAccount(B, ['kms:Encrypt', 'kms:Decrypt'])) }),
    );
    const { CiphertextBlob } = await carol.send(new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: Buffer.from('shared') }));
    expect(Buffer.from((await carol.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('shared');
    // The key policy allows B, but B's user needs its own IAM permission too.
    const dave = client(await user(B, 'dave'));
    const denied = await fail(dave.send(new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: Buffer.from('x') })));
    expect(denied.message).toMatch(/because no identity-based policy allows the kms:Encrypt action$/);
    // Operations the key policy does not list stay refused.
    const gen = await fail(carol.send(new GenerateDataKeyCommand({ KeyId: KeyMetadata!.Arn, KeySpec: 'AES_256' })));
    expect(gen.message).toMatch(/because no resource-based policy allows the kms:GenerateDataKey action$/);
  });

  it('lets a grant allow its grantee its operations within its constraints; an explicit Deny still wins', async () => {
    const alice = await user(A, 'alice');
    const { KeyMetadata } = await root.send(new CreateKeyCommand({}));
    await root.send(
      new CreateGrantCommand({
        KeyId: KeyMetadata!.KeyId,
        GranteePrincipal: `arn:aws:iam::${A}:user/alice`,
        Operations: ['Encrypt', 'Decrypt'],
        Constraints: { EncryptionContextSubset: { app: 'orders' } },
      }),
    );
    const kms = client(alice);
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('g'), EncryptionContext: { app: 'orders' } }),
    );
    const out = await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'orders' } }));
    expect(Buffer.from(out.Plaintext!).toString()).toBe('g');
    // Outside the constraint, or an operation the grant does not list: refused.
    const noContext = await fail(kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('g') })));
    expect(noContext.name).toBe('AccessDeniedException');
    const other = await fail(kms.send(new GenerateDataKeyCommand({ KeyId: KeyMetadata!.KeyId, KeySpec: 'AES_256', EncryptionContext: { app: 'orders' } })));
    expect(other.name).toBe('AccessDeniedException');
    // An explicit Deny in the key policy beats the grant.
    await root.send(
      new PutKeyPolicyCommand({
        KeyId: KeyMetadata!.KeyId,
        PolicyName: 'default',
        Policy: policy(allowAccount(A), { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 'kms:Decrypt', Resource: '*' }),
      }),
    );
    const denied = await fail(kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'orders' } })));
    expect(denied.message).toMatch(/with an explicit deny in a resource-based policy$/);
  });

  it('lets a grant in the key\'s account allow a principal of another account', async () => {
    const { KeyMetadata } = await root.send(new CreateKeyCommand({}));
    const carol = client(await user(B, 'carol', 'kms:*'));
    await root.send(new CreateGrantCommand({ KeyId: KeyMetadata!.KeyId, GranteePrincipal: `arn:aws:iam::${B}:user/carol`, Operations: ['Encrypt'] }));
    await expect(carol.send(new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: Buffer.from('x') }))).resolves.toBeDefined();
  });

  it('evaluates KMS condition keys: kms:CallerAccount, kms:EncryptionContext:*, kms:ViaService, aws:ResourceTag', async () => {
    const { KeyMetadata } = await root.send(new CreateKeyCommand({ Tags: [{ TagKey: 'team', TagValue: 'payments' }] }));
    const carol = client(await user(B, 'carol', 'kms:*'));
    await root.send(
      new PutKeyPolicyCommand({
        KeyId: KeyMetadata!.KeyId,
        PolicyName: 'default',
        Policy: policy(allowAccount(A), {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'kms:Encrypt',
          Resource: '*',
          Condition: {
            StringEquals: { 'kms:CallerAccount': B, 'kms:EncryptionContext:app': 'orders', 'aws:ResourceTag/team': 'payments' },
          },
        }, {
          // The shape of AWS managed key policies: only through a named service. A direct call carries no kms:ViaService.
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringEquals: { 'kms:CallerAccount': B, 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
        }),
      }),
    );
    const { CiphertextBlob } = await carol.send(
      new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: Buffer.from('x'), EncryptionContext: { app: 'orders' } }),
    );
    const other = await fail(carol.send(new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: Buffer.from('x'), EncryptionContext: { app: 'hr' } })));
    expect(other.message).toMatch(/because no resource-based policy allows the kms:Encrypt action$/);
    const direct = await fail(carol.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'orders' } })));
    expect(direct.message).toMatch(/because no resource-based policy allows the kms:Decrypt action$/);
  });
});
