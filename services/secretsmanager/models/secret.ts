/**
 * One secret: its versions and the staging labels on them, moved exactly as
 * Secrets Manager moves them (AWSCURRENT → AWSPREVIOUS on every change of the
 * current version; a label lives on at most one version).
 */
import { clock } from '../../../src/core/clock';
import { invalidParameter } from '../exceptions';

export interface SecretVersion {
  id: string;
  /** KMS ciphertext of the value; undefined for the AWSPENDING stub a rotation creates before createSecret. */
  ciphertext?: Buffer;
  /** Which kind of value the ciphertext holds, and a digest to compare idempotent retries. */
  kind?: 'string' | 'binary';
  digest?: string;
  kmsKeyArn?: string;
  /** The secret ARN bound as encryption context when sealed (a replica reads its primary's versions). */
  contextArn?: string;
  /** The value sealed again in each replica region, under the replica's KMS key and ARN. */
  regional?: Map<string, { ciphertext: Buffer; kmsKeyArn: string }>;
  createdAt: number;
  lastAccessedAt?: number;
}

/** Versions beyond this many lose their oldest label-less versions (Secrets Manager quotas). */
const MAX_VERSIONS = 100;
const MAX_LABELS_PER_VERSION = 20;

export class Secret {
  /** Shared with the replicas of this secret, so they read what the primary holds. */
  versions = new Map<string, SecretVersion>();
  /** label → version id. */
  labels = new Map<string, string>();
  readonly tags = new Map<string, string>();
  description?: string;
  kmsKeyId?: string;
  type?: string;
  resourcePolicy?: string;
  deletedAt?: number;
  deletionDate?: number;
  lastChangedAt: number;
  lastAccessedAt?: number;
  lastRotatedAt?: number;
  rotationEnabled = false;
  rotationLambdaArn?: string;
  rotationRules?: { AutomaticallyAfterDays?: number; Duration?: string; ScheduleExpression?: string };
  nextRotationAt?: number;
  /** Replica regions of a primary, with their KMS key and status. */
  readonly replicas = new Map<string, { kmsKeyId?: string; status: 'InSync' | 'Failed' | 'InProgress'; message: string }>();
  /** Set on a replica: the region of its primary. */
  primaryRegion?: string;
  readonly createdAt = clock.now();

  constructor(
    readonly name: string,
    readonly arn: string,
  ) {
    this.lastChangedAt = this.createdAt;
  }

  get isDeleted(): boolean {
    return this.deletionDate !== undefined;
  }

  labelsOf(versionId: string): string[] {
    const out: string[] = [];
    for (const [label, id] of this.labels) if (id === versionId) out.push(label);
    return out;
  }

  versionByLabel(label: string): SecretVersion | undefined {
    const id = this.labels.get(label);
    return id ? this.versions.get(id) : undefined;
  }

  /** Attaches a label to a version, moving it off any other; AWSCURRENT leaves AWSPREVIOUS behind. */
  moveLabel(label: string, versionId: string): void {
    const from = this.labels.get(label);
    if (from === versionId) return;
    if (this.labelsOf(versionId).length >= MAX_LABELS_PER_VERSION) {
      throw invalidParameter(`A version can have at most ${MAX_LABELS_PER_VERSION} staging labels.`);
    }
    this.labels.set(label, versionId);
    if (label === 'AWSCURRENT' && from !== undefined) this.labels.set('AWSPREVIOUS', from);
  }

  removeLabel(label: string): void {
    this.labels.delete(label);
  }

  addVersion(version: SecretVersion, stages: string[]): void {
    this.versions.set(version.id, version);
    for (const stage of stages) this.moveLabel(stage, version.id);
    this.lastChangedAt = clock.now();
    this.pruneVersions();
  }

  /** Drops the oldest versions without labels once there are too many. */
  private pruneVersions(): void {
    if (this.versions.size <= MAX_VERSIONS) return;
    for (const [id] of this.versions) {
      if (this.versions.size <= MAX_VERSIONS) break;
      if (this.labelsOf(id).length === 0) this.versions.delete(id);
    }
  }

  versionIdsToStages(): Record<string, string[]> {
    const out: Record<string, string[]> = Object.create(null);
    for (const [label, id] of this.labels) (out[id] ??= []).push(label);
    return out;
  }
}
