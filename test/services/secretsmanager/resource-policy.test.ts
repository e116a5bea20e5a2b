/**
 * Secrets Manager resource policies decide access under `mockAws({ iam: 'enforce' })`
 * (Secrets Manager user guide, "Authentication and access control", "Access AWS Secrets Manager
 * secrets from a different account"; IAM user guide, "Policy evaluation logic"):
 * - within the account, an identity policy or a resource policy naming the principal allows;
 * - an explicit Deny in the resource policy wins;
 * - a principal of another account needs both its own IAM policy and the secret's resource policy,
 *   and names the secret by its full ARN.
 */
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutResourcePolicyCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockAws } from '../../../src/mock';

const A = '123456789012';
const B = '210987654321';
type Creds = { accessKeyId: string; secretAccessKey: string };
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

async function user(account: string, name: string, allow?: string): Promise<Creds> {
  const iam = new IAMClient({ region: 'us-east-1', credentials: { accessKeyId: account, secretAccessKey: 'x' } });
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (allow) {
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy({ Effect: 'Allow', Action: allow, Resource: '*' }) }));
  }
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

const client = (credentials: Creds) => new SecretsManagerClient({ region: 'us-east-1', credentials, maxAttempts: 1 });
const fail = (p: Promise<unknown>) => p.then(() => undefined, (e) => e);

describe('Secrets Manager resource policies under enforcement', () => {
  const m = mockAws({ iam: 'enforce' });
  afterEach(() => m.reset());
  afterAll(() => m.stop());
  const root = new SecretsManagerClient({ region: 'us-east-1' });

  it('allows a user its identity policy allows, and one the resource policy names; an explicit Deny wins', async () => {
    const secret = await root.send(new CreateSecretCommand({ Name: 'db/password', SecretString: 's3cret' }));
    const alice = client(await user(A, 'alice', 'secretsmanager:GetSecretValue'));
    const bob = client(await user(A, 'bob'));
    expect((await alice.send(new GetSecretValueCommand({ SecretId: 'db/password' }))).SecretString).toBe('s3cret');
    const e = await fail(bob.send(new GetSecretValueCommand({ SecretId: 'db/password' })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.$metadata.httpStatusCode).toBe(400);
    // The resource is the secret's full ARN (with its suffix), even when the caller named it by name.
    expect(e.message).toBe(
      `User: arn:aws:iam::${A}:user/bob is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secret.ARN} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
    );
    await root.send(
      new PutResourcePolicyCommand({
        SecretId: 'db/password',
        ResourcePolicy: policy(
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' },
          { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' },
        ),
      }),
    );
    expect((await bob.send(new GetSecretValueCommand({ SecretId: 'db/password' }))).SecretString).toBe('s3cret');
    const denied = await fail(alice.send(new GetSecretValueCommand({ SecretId: secret.ARN })));
    expect(denied.message).toBe(
      `User: arn:aws:iam::${A}:user/alice is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secret.ARN} with an explicit deny in a resource-based policy`,
    );
  });

  it('lets another account read a secret by ARN once the resource policy allows its account', async () => {
    const kms = new KMSClient({ region: 'us-east-1' });
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const secret = await root.send(new CreateSecretCommand({ Name: 'shared', SecretString: 'for-b', KmsKeyId: KeyMetadata!.Arn }));
    const carol = client(await user(B, 'carol', 'secretsmanager:GetSecretValue'));
    const e = await fail(carol.send(new GetSecretValueCommand({ SecretId: secret.ARN })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toBe(
      `User: arn:aws:iam::${B}:user/carol is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secret.ARN} because no resource-based policy allows the secretsmanager:GetSecretValue action`,
    );
    await root.send(
      new PutResourcePolicyCommand({
        SecretId: 'shared',
        ResourcePolicy: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
      }),
    );
    const got = await carol.send(new GetSecretValueCommand({ SecretId: secret.ARN }));
    expect(got.SecretString).toBe('for-b');
    expect(got.ARN).toBe(secret.ARN);
    // By name, the secret is looked up in the caller's own account, where there is none.
    const byName = await fail(carol.send(new GetSecretValueCommand({ SecretId: 'shared' })));
    expect(byName.name).toBe('ResourceNotFoundException');
  });

  it('evaluates Secrets Manager condition keys: secretsmanager:VersionStage and the secret\'s tags', async () => {
    await root.send(new CreateSecretCommand({ Name: 'api-key', SecretString: 'v1', Tags: [{ Key: 'env', Value: 'prod' }] }));
    const bob = client(await user(A, 'bob'));
    await root.send(
      new PutResourcePolicyCommand({
        SecretId: 'api-key',
        ResourcePolicy: policy({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${A}:user/bob` },
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
          Condition: { StringEquals: { 'secretsmanager:VersionStage': 'AWSCURRENT', 'secretsmanager:ResourceTag/env': 'prod' } },
        }),
      }),
    );
    expect((await bob.send(new GetSecretValueCommand({ SecretId: 'api-key', VersionStage: 'AWSCURRENT' }))).SecretString).toBe('v1');
    // Without VersionStage in the request the key is absent, so the StringEquals condition does not match.
    const none = await fail(bob.send(new GetSecretValueCommand({ SecretId: 'api-key' })));
    expect(none.name).toBe('AccessDeniedException');
    const previous = await fail(bob.send(new GetSecretValueCommand({ SecretId: 'api-key', VersionStage: 'AWSPREVIOUS' })));
    expect(previous.name).toBe('AccessDeniedException');
  });
});
