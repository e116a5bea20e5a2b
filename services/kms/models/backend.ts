/**
 * The KMS backend for one account and region: keys, aliases, grants, import
 * parameters and custom key stores, plus the public API other services
 * encrypt through (`encrypt`, `decrypt`, `ensureAwsManagedKey`, `describe`,
 * `usableKey`), reached with ctx.backends.get('kms', account, region).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { arn as makeArn, parseArn, partitionOf } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import {
  aliasNotFound,
  disabled,
  incorrectKey,
  invalidCiphertext,
  invalidKeyId,
  invalidKeyUsage,
  invalidState,
  keyNotFound,
} from '../exceptions';
import { grantAllows, kmsConditionContext, resolveKeyResource } from './authority';
import { CustomKeyStores } from './custom-key-stores';
import { GrantStore } from './grants';
import { KmsKey } from './key';
import { generateMaterial, type KeyMaterial, openSymmetric, parseBlob, sealSymmetric } from './material';
import { defaultKeyPolicy } from './policy';

export interface Alias {
  name: string;
  keyId: string;
  createdAt: number;
  updatedAt: number;
}

export interface ImportParameters {
  keyId: string;
  token: string;
  wrappingAlgorithm: string;
  privateKey: import('node:crypto').KeyObject;
  validTo: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MRK = /^mrk-[0-9a-f]{32}$/i;
const DAY = 86_400_000;

/** Descriptions AWS gives its managed keys. */
const MANAGED_DESCRIPTIONS: Record<string, string> = {
  secretsmanager: 'Default key that protects my Secrets Manager data when no other key is defined',
  ssm: 'Default key that protects my SSM parameters when no other key is defined',
  s3: 'Default key that protects my S3 objects when no other key is defined',
  sqs: 'Default key that protects my SQS messages when no other key is defined',
  sns: 'Default key that protects my SNS data when no other key is defined',
  dynamodb: 'Default key that protects my DynamoDB data when no other key is defined',
  lambda: 'Default key that protects my Lambda functions when no other key is defined',
};

export type KeyUse = 'encrypt' | 'sign' | 'mac' | 'agreement' | 'encapsulate';

const USAGE_FOR: Record<KeyUse, string> = {
  encrypt: 'ENCRYPT_DECRYPT',
  sign: 'SIGN_VERIFY',
  mac: 'GENERATE_VERIFY_MAC',
  agreement: 'KEY_AGREEMENT',
  encapsulate: 'ENCAPSULATE_DECAPSULATE',
};

export class KmsBackend {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly keys = new Map<string, KmsKey>();
  readonly aliases = new Map<string, Alias>();
  readonly grants = new GrantStore();
  readonly importParameters = new Map<string, ImportParameters>();
  readonly customKeyStores = new CustomKeyStores();
  private readonly backends: BackendAccess;

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.partition = partitionOf(ctx.region);
    this.backends = ctx.backends;
  }

  keyArn(id: string): string {
    return makeArn({ service: 'kms', region: this.region, account: this.account, resource: `key/${id}` });
  }

  aliasArn(name: string): string {
    return makeArn({ service: 'kms', region: this.region, account: this.account, resource: name });
  }

  // ── keys ──────────────────────────────────────────────────────────────

  createKey(options: {
    keySpec: string;
    keyUsage: string;
    origin: string;
    description?: string;
    policy?: string;
    tags?: { TagKey: string; TagValue: string }[];
    multiRegion?: boolean;
    keyManager?: 'AWS' | 'CUSTOMER';
    customKeyStoreId?: string;
    id?: string;
    materials?: KeyMaterial[];
  }): KmsKey {
    const id = options.id ?? (options.multiRegion ? `mrk-${randomBytes(16).toString('hex')}` : randomUUID());
    const materials = options.materials ?? (options.origin === 'EXTERNAL' ? [] : [generateMaterial(options.keySpec)]);
    const key = new KmsKey(
      id,
      this.keyArn(id),
      this.account,
      options.keySpec,
      options.keyUsage,
      options.origin,
      options.keyManager ?? 'CUSTOMER',
      {
        description: options.description,
        policy: options.policy ?? defaultKeyPolicy(this.partition, this.account),
        materials,
        customKeyStoreId: options.customKeyStoreId,
      },
    );
    for (const t of options.tags ?? []) key.tags.set(t.TagKey, t.TagValue);
    if (options.multiRegion && !options.id) {
      key.multiRegion = { type: 'PRIMARY', group: { primary: { arn: key.arn, region: this.region }, replicas: [] } };
    }
    this.keys.set(id, key);
    return key;
  }

  /**
   * The AWS managed key of a service (`alias/aws/<service>`), created on first
   * use as AWS does. Its rotation is on, yearly, and cannot be changed.
   */
  ensureAwsManagedKey(service: string): KmsKey {
    const name = `alias/aws/${service}`;
    const alias = this.aliases.get(name);
    const existing = alias ? this.keys.get(alias.keyId) : undefined;
    if (existing) return existing;
    const key = this.createKey({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS',
      keyManager: 'AWS',
      description: MANAGED_DESCRIPTIONS[service] ?? `Default key that protects my ${service} data when no other key is defined`,
    });
    key.rotationEnabled = true;
    key.rotationPeriodInDays = 365;
    key.nextRotationDate = key.createdAt + 365 * DAY;
    const now = clock.now();
    this.aliases.set(name, { name, keyId: key.id, createdAt: now, updatedAt: now });
    return key;
  }

  /**
   * Keys with something due on the clock (a deletion date, expiring imported
   * material, a primary waiting for its replicas): sweep() looks at these only,
   * so a call never scans every key.
   */
  private readonly timed = new Set<KmsKey>();

  /** Handlers call this after giving a key a date (or clearing one). */
  watch(key: KmsKey): void {
    this.timed.add(key);
  }

  /** Keys whose deletion date passed disappear; expired imported material is dropped. */
  sweep(): void {
    if (this.timed.size === 0) return;
    const now = clock.now();
    for (const key of this.timed) {
      if (key.state === 'PendingDeletion' && key.deletionDate !== undefined && key.deletionDate <= now) {
        this.destroy(key);
      } else if (key.state === 'PendingReplicaDeletion' && key.multiRegion?.group.replicas.length === 0) {
        key.state = 'PendingDeletion';
        key.deletionDate = now + (key.pendingWindowInDays ?? 30) * DAY;
      } else if (key.validTo !== undefined && key.validTo <= now && key.state !== 'PendingDeletion') {
        for (const m of key.materials) m.secret = undefined;
        key.validTo = undefined;
        key.state = 'PendingImport';
      }
      const waiting = key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion' || key.validTo !== undefined;
      if (!waiting || !this.keys.has(key.id)) this.timed.delete(key);
    }
  }

  private destroy(key: KmsKey): void {
    this.keys.delete(key.id);
    this.grants.dropKey(key.id);
    for (const [name, alias] of this.aliases) if (alias.keyId === key.id) this.aliases.delete(name);
    const group = key.multiRegion?.group;
    if (group && key.multiRegion?.type === 'REPLICA') {
      group.replicas = group.replicas.filter((r) => r.arn !== key.arn);
    }
  }

  /**
   * A key named by id, key ARN, alias name or alias ARN. Key ARNs and alias
   * ARNs of another account or region are looked up there (cross-account use);
   * `alias/aws/<service>` creates the AWS managed key on first use.
   */
  async findKey(keyId: string, options: { aliases?: boolean; crossAccount?: boolean } = {}): Promise<KmsKey> {
    this.sweep();
    const allowAliases = options.aliases ?? true;
    if (keyId.startsWith('arn:')) {
      const parsed = parseArn(keyId);
      if (parsed?.service !== 'kms') throw invalidKeyId(keyId);
      const isAlias = parsed.resource.startsWith('alias/');
      if (!parsed.resource.startsWith('key/') && !isAlias) throw invalidKeyId(keyId);
      if (isAlias && !allowAliases) throw invalidKeyId(keyId);
      if (parsed.account !== this.account || parsed.region !== this.region) {
        if (!options.crossAccount || !/^\d{12}$/.test(parsed.account) || !parsed.region) throw this.missing(keyId, parsed);
        const other = await this.backends.get<KmsBackend>('kms', parsed.account, parsed.region);
        const local = isAlias ? parsed.resource : parsed.resource.slice(4);
        return other.findKey(local, { aliases: allowAliases });
      }
      return this.findKey(isAlias ? parsed.resource : parsed.resource.slice(4), { aliases: allowAliases });
    }
    if (keyId.startsWith('alias/')) {
      if (!allowAliases) throw invalidKeyId(keyId);
      const alias = this.aliases.get(keyId);
      const key = alias ? this.keys.get(alias.keyId) : undefined;
      if (key) return key;
      const managed = /^alias\/aws\/([a-z0-9-]+)$/.exec(keyId);
      if (managed) return this.ensureAwsManagedKey(managed[1]);
      throw aliasNotFound(this.aliasArn(keyId));
    }
    if (!UUID.test(keyId) && !MRK.test(keyId)) throw invalidKeyId(keyId);
    const key = this.keys.get(keyId);
    if (!key) throw keyNotFound(this.keyArn(keyId));
    return key;
  }

  private missing(keyId: string, parsed: { resource: string }) {
    return parsed.resource.startsWith('alias/') ? aliasNotFound(keyId) : keyNotFound(keyId);
  }

  /** A key that must exist in this account and region: management operations take no alias. */
  async ownKey(keyId: string): Promise<KmsKey> {
    return this.findKey(keyId, { aliases: false });
  }

  /** Throws AWS's error when the key's state or usage does not allow a cryptographic operation. */
  checkUsable(key: KmsKey, use: KeyUse, operation: string): void {
    this.refresh(key);
    switch (key.state) {
      case 'Disabled':
        throw disabled(key.arn);
      case 'PendingDeletion':
      case 'PendingReplicaDeletion':
        throw invalidState(`${key.arn} is pending deletion.`);
      case 'PendingImport':
        throw invalidState(`${key.arn} is pending import.`);
      case 'Unavailable':
        throw invalidState(`${key.arn} is unavailable.`);
      default:
        break;
    }
    if (key.keyUsage !== USAGE_FOR[use]) {
      throw invalidKeyUsage(`${key.arn} key usage is ${key.keyUsage} which is not valid for ${operation}.`);
    }
  }

  /** Applies rotations that came due on the clock. */
  refresh(key: KmsKey): void {
    key.catchUpRotation(() => generateMaterial(key.keySpec));
  }

  /** Management operations on a key pending deletion answer KMSInvalidStateException. */
  checkNotPendingDeletion(key: KmsKey): void {
    if (key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion') {
      throw invalidState(`${key.arn} is pending deletion.`);
    }
  }

  recordUse(key: KmsKey, operation: string, requestId: string): void {
    key.lastUsage = { operation, timestamp: clock.now(), requestId };
  }

  // ── symmetric encryption: the API other services use ────────────────

  /** Encrypts under a symmetric key (id, ARN, alias name or alias ARN). */
  async encrypt(
    keyIdOrArnOrAlias: string,
    plaintext: Buffer,
    context?: Record<string, string>,
  ): Promise<{ ciphertext: Buffer; key: KmsKey }> {
    const key = await this.findKey(keyIdOrArnOrAlias, { crossAccount: true });
    this.checkUsable(key, 'encrypt', 'Encrypt');
    if (!key.isSymmetric) throw invalidKeyUsage(`${key.arn} is not a symmetric encryption key.`);
    return { ciphertext: sealSymmetric(key.arn, key.current as KeyMaterial, plaintext, context), key };
  }

  /**
   * GenerateDataKey for other services' envelope encryption (SQS and SNS
   * server-side encryption): a fresh 256-bit data key, in plaintext and sealed
   * under the KMS key with the given encryption context.
   */
  async generateDataKey(
    keyIdOrArnOrAlias: string,
    context?: Record<string, string>,
  ): Promise<{ plaintext: Buffer; ciphertext: Buffer; key: KmsKey }> {
    const plaintext = randomBytes(32);
    const { ciphertext, key } = await this.encrypt(keyIdOrArnOrAlias, plaintext, context);
    return { plaintext, ciphertext, key };
  }

  /**
   * Decrypts a symmetric ciphertext blob: the key comes from the blob. With
   * `expectedKeyId`, the blob must have been made under that key
   * (IncorrectKeyException otherwise).
   */
  async decrypt(
    blob: Buffer,
    context?: Record<string, string>,
    expectedKeyId?: string,
  ): Promise<{ plaintext: Buffer; key: KmsKey; materialId: string }> {
    const parsed = parseBlob(blob);
    if (!parsed) throw invalidCiphertext();
    const key = await this.keyOfBlob(parsed.keyArn);
    if (expectedKeyId !== undefined) {
      const expected = await this.findKey(expectedKeyId, { crossAccount: true });
      if (expected.id !== key.id) throw incorrectKey();
    }
    this.checkUsable(key, 'encrypt', 'Decrypt');
    const material = key.materialById(parsed.materialId);
    const plaintext = material?.secret ? openSymmetric(parsed, material, context) : undefined;
    if (!plaintext) throw invalidCiphertext();
    return { plaintext, key, materialId: parsed.materialId };
  }

  /** The key a blob names: this region's copy of a multi-Region key first, else the key where its ARN points. */
  private async keyOfBlob(keyArn: string): Promise<KmsKey> {
    const parsed = parseArn(keyArn);
    if (!parsed?.resource.startsWith('key/')) throw invalidCiphertext();
    const id = parsed.resource.slice(4);
    this.sweep();
    const local = this.keys.get(id);
    if (local && (parsed.account === this.account || local.multiRegion)) return local;
    if (parsed.account === this.account && parsed.region === this.region) throw invalidCiphertext();
    try {
      return await this.findKey(keyArn, { crossAccount: true });
    } catch {
      throw invalidCiphertext();
    }
  }

  /** The state of a key as other services check it (exists, enabled), without throwing. */
  async describe(keyIdOrArnOrAlias: string): Promise<{ keyId: string; arn: string; state: string; enabled: boolean } | undefined> {
    try {
      const key = await this.findKey(keyIdOrArnOrAlias, { crossAccount: true });
      return { keyId: key.id, arn: key.arn, state: key.state, enabled: key.state === 'Enabled' };
    } catch {
      return undefined;
    }
  }

  /** A symmetric key other services may encrypt with, or the KMS error AWS relays. */
  async usableKey(keyIdOrArnOrAlias: string): Promise<KmsKey> {
    const key = await this.findKey(keyIdOrArnOrAlias, { crossAccount: true });
    this.checkUsable(key, 'encrypt', 'Encrypt');
    return key;
  }

  // ── authorization, for enforcement (see models/authority.ts) ─────────

  /** The key policy is the primary control: IAM policies count only when it allows the account. */
  readonly resourcePolicyRequired = true;

  /** The key policy of a key of this backend, by key ARN. */
  resourcePolicy(resourceArn: string): string | undefined {
    const id = parseArn(resourceArn)?.resource.replace(/^key\//, '');
    return id ? this.keys.get(id)?.policy : undefined;
  }

  /** The key ARN a call acts on (aliases resolved, the key of a ciphertext blob). */
  resolveResource(_operation: string, input: Record<string, unknown>): Promise<string | undefined> {
    return resolveKeyResource(this, input);
  }

  conditionContext(resourceArn: string, _operation: string, input: Record<string, unknown>, principal: { account: string }) {
    return kmsConditionContext(this, resourceArn, input, principal);
  }

  grantAllows(resourceArn: string, principal: { arn: string; roleArn?: string }, operation: string, input: Record<string, unknown>): boolean {
    return grantAllows(this, resourceArn, principal, operation, input);
  }

  /** The grant store of the account and region owning a key (grants live with the key, whoever creates them). */
  async grantsOf(key: KmsKey): Promise<GrantStore> {
    const parsed = parseArn(key.arn);
    if (!parsed || (parsed.account === this.account && parsed.region === this.region)) return this.grants;
    return (await this.backends.get<KmsBackend>('kms', parsed.account, parsed.region)).grants;
  }

  // ── aliases ───────────────────────────────────────────────────────────

  aliasesOf(keyId: string): Alias[] {
    return [...this.aliases.values()].filter((a) => a.keyId === keyId);
  }
}
