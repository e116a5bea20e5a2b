/**
 * Secrets Manager state for one account and region. Secret values are
 * encrypted through the KMS backend of the same account and region (the
 * account's `alias/aws/secretsmanager` key unless the secret names its own),
 * with the secret ARN and version id as encryption context, as AWS does.
 */
import { createHash, randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { isAwsError } from '../../../src/core/errors';
import { arn as makeArn, parseArn } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import { decryptionFailure, encryptionFailure, markedForDeletion, secretNotFound } from '../exceptions';
import type { Secret, SecretVersion } from './secret';

/** What this service needs of the KMS backend (its public API). */
export interface KmsApi {
  encrypt(keyId: string, plaintext: Buffer, context?: Record<string, string>): Promise<{ ciphertext: Buffer; key: { arn: string } }>;
  decrypt(blob: Buffer, context?: Record<string, string>): Promise<{ plaintext: Buffer }>;
  describe(keyId: string): Promise<{ keyId: string; arn: string; state: string; enabled: boolean } | undefined>;
}

export interface SecretValue {
  string?: string;
  binary?: Buffer;
}

const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const DEFAULT_KMS_ALIAS = 'alias/aws/secretsmanager';

export class SecretsManagerBackend {
  readonly account: string;
  readonly region: string;
  /** name → secret (deleted ones stay until their deletion date). */
  readonly secrets = new Map<string, Secret>();
  readonly backends: BackendAccess;

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
  }

  newArn(name: string): string {
    const bytes = randomBytes(6);
    let suffix = '';
    for (const b of bytes) suffix += SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length];
    return makeArn({ service: 'secretsmanager', region: this.region, account: this.account, resource: `secret:${name}-${suffix}` });
  }

  /** Secrets scheduled for deletion: sweep() looks at these only, never at every secret. */
  readonly scheduled = new Set<Secret>();

  /** Secrets whose recovery window has passed are gone for good. */
  sweep(): void {
    if (this.scheduled.size === 0) return;
    const now = clock.now();
    for (const s of this.scheduled) {
      if (s.deletionDate === undefined || this.secrets.get(s.name) !== s) this.scheduled.delete(s);
      else if (s.deletionDate <= now) {
        this.secrets.delete(s.name);
        this.scheduled.delete(s);
      }
    }
  }

  /** A secret by name, full ARN or partial ARN (without the 6-character suffix). */
  find(secretId: string): Secret | undefined {
    this.sweep();
    if (secretId.startsWith('arn:')) {
      const parsed = parseArn(secretId);
      if (parsed?.service !== 'secretsmanager' || !parsed.resource.startsWith('secret:')) return undefined;
      if (parsed.region !== this.region || parsed.account !== this.account) return undefined;
      const tail = parsed.resource.slice('secret:'.length);
      // A full ARN ends with "-" and 6 characters after the name; a partial ARN is the name itself.
      const full = this.secrets.get(tail.slice(0, -7));
      if (full?.arn === secretId) return full;
      return this.secrets.get(tail);
    }
    return this.secrets.get(secretId);
  }

  // ── authorization, for enforcement (src/core/policy/enforce.ts) ──────

  /** The secret's resource policy, by the secret's ARN. */
  resourcePolicy(resourceArn: string): string | undefined {
    return this.find(resourceArn)?.resourcePolicy;
  }

  /** A name or partial ARN names the secret's full ARN, which policies match. */
  resolveResource(_operation: string, input: Record<string, unknown>): string | undefined {
    const id = input.SecretId;
    if (typeof id !== 'string') return undefined;
    return this.find(id)?.arn ?? (id.startsWith('arn:') ? id : undefined);
  }

  /**
   * Secrets Manager condition keys of a call (user guide, "Permissions reference for Secrets Manager"):
   * the secret id as requested, the version asked for, and the secret's tags.
   */
  conditionContext(resourceArn: string, _operation: string, input: Record<string, unknown>): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    if (typeof input.SecretId === 'string') out['secretsmanager:SecretId'] = input.SecretId;
    if (typeof input.VersionStage === 'string') out['secretsmanager:VersionStage'] = input.VersionStage;
    if (typeof input.VersionId === 'string') out['secretsmanager:VersionId'] = input.VersionId;
    for (const [k, v] of this.find(resourceArn)?.tags ?? []) {
      out[`secretsmanager:ResourceTag/${k}`] = v;
      out[`aws:ResourceTag/${k}`] = v;
    }
    return out;
  }

  /**
   * The backend holding a secret named by id: an ARN of another account or
   * region is looked up there (cross-account access by full ARN, as AWS allows it).
   */
  async owning(secretId: string): Promise<SecretsManagerBackend> {
    const parsed = secretId.startsWith('arn:') ? parseArn(secretId) : undefined;
    if (parsed?.service !== 'secretsmanager' || !/^\d{12}$/.test(parsed.account) || !parsed.region) return this;
    if (parsed.account === this.account && parsed.region === this.region) return this;
    return this.backends.get<SecretsManagerBackend>('secretsmanager', parsed.account, parsed.region);
  }

  get(secretId: string): Secret {
    const secret = this.find(secretId);
    if (!secret) throw secretNotFound();
    return secret;
  }

  /** A secret that is not scheduled for deletion. */
  live(secretId: string): Secret {
    const secret = this.get(secretId);
    if (secret.isDeleted) throw markedForDeletion();
    return secret;
  }

  async kms(region = this.region): Promise<KmsApi> {
    return this.backends.get<KmsApi>('kms', this.account, region);
  }

  /** Checks a customer KMS key before anything changes: it must exist and be enabled. */
  async checkKmsKey(keyId: string | undefined, region = this.region): Promise<void> {
    if (!keyId) return;
    const described = await (await this.kms(region)).describe(keyId);
    if (!described?.enabled) throw encryptionFailure();
  }

  /** Encrypts value bytes under a key of `region`, bound to a secret ARN and version (the context AWS uses). */
  private async sealBytes(secretArn: string, versionId: string, bytes: Buffer, keyId: string | undefined, region: string) {
    const context = { SecretARN: secretArn, SecretVersionId: versionId };
    return (await this.kms(region)).encrypt(keyId ?? DEFAULT_KMS_ALIAS, bytes, context);
  }

  /**
   * Seals a new version under the secret's key, and again in each in-sync
   * replica region under the replica's key (Secrets Manager re-encrypts
   * replicas with their region's key); a replica whose key cannot encrypt
   * goes to Failed.
   */
  async sealValue(secret: Secret, versionId: string, value: SecretValue): Promise<SecretVersion> {
    const kind = value.binary !== undefined ? 'binary' : 'string';
    const bytes = value.binary ?? Buffer.from(value.string ?? '', 'utf8');
    let sealed: Awaited<ReturnType<SecretsManagerBackend['sealBytes']>>;
    try {
      sealed = await this.sealBytes(secret.arn, versionId, bytes, secret.kmsKeyId, this.region);
    } catch (err) {
      if (isAwsError(err)) throw encryptionFailure();
      throw err;
    }
    const version: SecretVersion = {
      id: versionId,
      ciphertext: sealed.ciphertext,
      kind,
      digest: digestOf(kind, bytes),
      kmsKeyArn: sealed.key.arn,
      contextArn: secret.arn,
      createdAt: clock.now(),
    };
    for (const [region, replica] of secret.replicas) {
      if (replica.status === 'InSync') await this.sealForReplica(secret, version, bytes, region);
    }
    return version;
  }

  /** Adds a version's copy for a replica region; a key that cannot encrypt fails the replica, not the write. */
  async sealForReplica(secret: Secret, version: SecretVersion, bytes: Buffer, region: string): Promise<boolean> {
    const replica = secret.replicas.get(region);
    try {
      const { ciphertext, key } = await this.sealBytes(replicaArn(secret.arn, region), version.id, bytes, replica?.kmsKeyId, region);
      version.regional ??= new Map();
      version.regional.set(region, { ciphertext, kmsKeyArn: key.arn });
      return true;
    } catch (err) {
      if (!isAwsError(err)) throw err;
      if (replica) Object.assign(replica, { status: 'Failed', message: 'Replication failed: KMS key is not usable.' });
      return false;
    }
  }

  /** The plaintext bytes of a version, as this region holds them (a replica reads its own regional copy). */
  async openBytes(secret: Secret, version: SecretVersion): Promise<Buffer> {
    const regional = secret.primaryRegion ? version.regional?.get(this.region) : undefined;
    const ciphertext = regional?.ciphertext ?? (version.ciphertext as Buffer);
    const contextArn = regional ? secret.arn : (version.contextArn ?? secret.arn);
    try {
      const { plaintext } = await (await this.kms()).decrypt(ciphertext, { SecretARN: contextArn, SecretVersionId: version.id });
      return plaintext;
    } catch (err) {
      if (isAwsError(err)) throw decryptionFailure();
      throw err;
    }
  }

  async openValue(secret: Secret, version: SecretVersion): Promise<SecretValue> {
    const plaintext = await this.openBytes(secret, version);
    return version.kind === 'binary' ? { binary: plaintext } : { string: plaintext.toString('utf8') };
  }

  /** Records an access: Secrets Manager keeps the date only, rounded down to the day. */
  touch(secret: Secret, version: SecretVersion): void {
    const day = Math.floor(clock.now() / 86_400_000) * 86_400_000;
    secret.lastAccessedAt = day;
    version.lastAccessedAt = day;
  }
}

/** The ARN of a secret's replica in another region: the same name and suffix. */
export function replicaArn(primaryArn: string, region: string): string {
  const parts = primaryArn.split(':');
  parts[3] = region;
  return parts.join(':');
}

export function digestOf(kind: string, bytes: Buffer): string {
  return createHash('sha256').update(kind).update(bytes).digest('hex');
}
