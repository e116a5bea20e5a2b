/**
 * Parameter Store: parameters with their versions (at most 100 kept), labels,
 * tags and policies, indexed by name in sorted order so GetParametersByPath
 * and DescribeParameters page by seeking, not scanning.
 */
import { clock } from '../../../src/core/clock';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import type { StoredPolicy } from './policies';

export interface ParameterVersion {
  version: number;
  /** Plain value (String, StringList) or the base64 KMS ciphertext (SecureString). */
  value: string;
  type: string;
  keyId?: string;
  description?: string;
  allowedPattern?: string;
  tier: string;
  dataType: string;
  policies: StoredPolicy[];
  labels: Set<string>;
  modifiedAt: number;
  modifiedBy: string;
}

export class Parameter {
  readonly versions: ParameterVersion[] = [];
  readonly tags = new Map<string, string>();
  /** Resource policies that share an Advanced parameter, by policy id. */
  readonly resourcePolicies = new Map<string, { policy: string; hash: string }>();
  /** Public parameters (/aws/service/...) belong to AWS, not the account. */
  readonly public: boolean;

  constructor(
    readonly name: string,
    readonly arn: string,
    isPublic = false,
  ) {
    this.public = isPublic;
  }

  get latest(): ParameterVersion {
    return this.versions[this.versions.length - 1];
  }

  version(n: number): ParameterVersion | undefined {
    return this.versions.find((v) => v.version === n);
  }

  byLabel(label: string): ParameterVersion | undefined {
    return this.versions.find((v) => v.labels.has(label));
  }

  get expiresAt(): number | undefined {
    return this.latest?.policies.find((p) => p.expiresAt !== undefined)?.expiresAt;
  }
}

export class ParameterStore {
  readonly byName = new Map<string, Parameter>();
  readonly names = new SortedKeySet();

  get(name: string): Parameter | undefined {
    const p = this.byName.get(name);
    if (p?.expiresAt !== undefined && p.expiresAt <= clock.now()) {
      // An Expiration policy deletes the parameter when its time comes.
      this.delete(name);
      return undefined;
    }
    return p;
  }

  set(p: Parameter): void {
    this.byName.set(p.name, p);
    this.names.add(p.name);
  }

  delete(name: string): boolean {
    this.names.delete(name);
    return this.byName.delete(name);
  }

  /** Names after `after` (exclusive) that start with `prefix`, in order. */
  *withPrefix(prefix: string, after?: string): Generator<Parameter> {
    const start = after !== undefined && after > prefix ? after : prefix;
    for (const name of this.names.from(start, after !== undefined && after >= prefix)) {
      if (!name.startsWith(prefix)) return;
      const p = this.byName.get(name);
      // Expired ones are skipped here and deleted on their next direct read.
      if (p && (p.expiresAt === undefined || p.expiresAt > clock.now())) yield p;
    }
  }
}
