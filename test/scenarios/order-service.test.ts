/**
 * An "order service" written as a user writes it: at start-up it reads its
 * database password from Secrets Manager and a setting from SSM Parameter
 * Store, and it seals each order with a KMS data key (envelope encryption).
 *
 * It runs under jest exactly as a user's project runs it: this file starts a
 * child jest whose config has `setupFiles: [src/jest/setup.ts]` (mockaws/jest)
 * and `setupFilesAfterEnv: [src/jest/matchers.ts]`, and that child runs the
 * program's tests below (MOCKAWS_ORDER_SERVICE=child). No mockAws() call in
 * the program or its tests: the setup file does it.
 */
import { execFile } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CreateAliasCommand, CreateKeyCommand, DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

const REPO = join(__dirname, '..', '..');

// ── the program ─────────────────────────────────────────────────────────
// Clients at module level, as services create them (captured by the setup file).
const secrets = new SecretsManagerClient({});
const ssm = new SSMClient({});
const kms = new KMSClient({});

interface Config {
  dbPassword: string;
  maxItems: number;
}

async function loadConfig(): Promise<Config> {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: 'prod/orders/db' }));
  const setting = await ssm.send(new GetParameterCommand({ Name: '/orders/max-items', WithDecryption: true }));
  return { dbPassword: JSON.parse(secret.SecretString as string).password, maxItems: Number(setting.Parameter?.Value) };
}

interface SealedOrder {
  encryptedKey: Uint8Array;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

async function sealOrder(order: { id: string; items: string[] }, config: Config): Promise<SealedOrder> {
  if (order.items.length > config.maxItems) throw new Error(`too many items: ${order.items.length} > ${config.maxItems}`);
  const key = await kms.send(
    new GenerateDataKeyCommand({ KeyId: 'alias/orders', KeySpec: 'AES_256', EncryptionContext: { orderId: order.id } }),
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.Plaintext as Uint8Array, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(order)), cipher.final()]);
  return { encryptedKey: key.CiphertextBlob as Uint8Array, iv, tag: cipher.getAuthTag(), body };
}

async function openOrder(sealed: SealedOrder, orderId: string) {
  const key = await kms.send(new DecryptCommand({ CiphertextBlob: sealed.encryptedKey, EncryptionContext: { orderId } }));
  const decipher = createDecipheriv('aes-256-gcm', key.Plaintext as Uint8Array, sealed.iv);
  decipher.setAuthTag(sealed.tag);
  return JSON.parse(Buffer.concat([decipher.update(sealed.body), decipher.final()]).toString('utf8'));
}

// ── the program's tests, run by the child jest ─────────────────────────
if (process.env.MOCKAWS_ORDER_SERVICE === 'child') {
  const { aws } = require('../../src/jest/setup') as typeof import('../../src/jest/setup');

  beforeAll(async () => {
    await secrets.send(new CreateSecretCommand({ Name: 'prod/orders/db', SecretString: JSON.stringify({ username: 'orders', password: 'hunter2' }) }));
    await ssm.send(new PutParameterCommand({ Name: '/orders/max-items', Value: '3', Type: 'SecureString' }));
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'orders data keys' }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/orders', TargetKeyId: KeyMetadata?.KeyId }));
  });

  test('reads its configuration from Secrets Manager and SSM', async () => {
    await expect(loadConfig()).resolves.toEqual({ dbPassword: 'hunter2', maxItems: 3 });
    expect(aws).toHaveReceivedOperation('secretsmanager', 'GetSecretValue', { SecretId: 'prod/orders/db' });
    expect(aws).toHaveReceivedOperation('ssm', 'GetParameter');
  });

  test('seals an order with a KMS data key and opens it again', async () => {
    const config = await loadConfig();
    const sealed = await sealOrder({ id: 'o-1', items: ['book', 'pen'] }, config);
    expect(sealed.body.includes(Buffer.from('book'))).toBe(false);
    await expect(openOrder(sealed, 'o-1')).resolves.toEqual({ id: 'o-1', items: ['book', 'pen'] });
    expect(aws).toHaveReceivedOperationTimes('kms', 'GenerateDataKey', 1);
  });

  test('a data key sealed for one order does not open another', async () => {
    const sealed = await sealOrder({ id: 'o-2', items: ['cup'] }, await loadConfig());
    await expect(openOrder(sealed, 'o-3')).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  });

  test('the configured limit applies', async () => {
    await expect(sealOrder({ id: 'o-4', items: ['a', 'b', 'c', 'd'] }, await loadConfig())).rejects.toThrow('too many items: 4 > 3');
  });

  test('a missing secret fails start-up with the AWS error', async () => {
    await secrets.send(new CreateSecretCommand({ Name: 'unused', SecretString: 'x' }));
    await expect(secrets.send(new GetSecretValueCommand({ SecretId: 'prod/orders/other' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
} else {
  describe('the order service under jest with setupFiles mockaws/jest', () => {
    it('passes its tests in a child jest configured as a user configures it', async () => {
      const config = {
        rootDir: REPO,
        testEnvironment: 'node',
        testMatch: ['<rootDir>/test/scenarios/order-service.test.ts'],
        setupFiles: ['<rootDir>/src/jest/setup.ts'],
        setupFilesAfterEnv: ['<rootDir>/src/jest/matchers.ts'],
        transform: {
          '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
        },
      };
      const output = await new Promise<{ code: number; text: string }>((resolve) => {
        execFile(
          process.execPath,
          [join(REPO, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', JSON.stringify(config), '--runInBand', '--ci'],
          { cwd: REPO, env: { ...process.env, MOCKAWS_ORDER_SERVICE: 'child', NO_COLOR: '1' } },
          (error, stdout, stderr) => resolve({ code: error ? 1 : 0, text: `${stdout}\n${stderr}` }),
        );
      });
      expect(output.text).toMatch(/Tests:\s+5 passed, 5 total/);
      expect(output.code).toBe(0);
    }, 120_000);
  });
}
