/**
 * SSM state for one account and region: Parameter Store (SecureString values
 * encrypted through the KMS backend, `alias/aws/ssm` unless a key is named),
 * documents, commands and maintenance windows.
 */
import { arn as makeArn } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import { CommandStore } from './commands';
import { DocumentStore } from './documents';
import { MaintenanceWindowStore } from './maintenance-windows';
import { Parameter, ParameterStore } from './parameters';
import { publicParameters } from './public-parameters';
import { ServiceSettings } from './service-settings';

/** What SSM needs of the KMS backend (its public API). */
export interface KmsApi {
  encrypt(keyId: string, plaintext: Buffer, context?: Record<string, string>): Promise<{ ciphertext: Buffer; key: { arn: string; id: string } }>;
  decrypt(blob: Buffer, context?: Record<string, string>): Promise<{ plaintext: Buffer }>;
}

export const DEFAULT_SSM_KEY = 'alias/aws/ssm';

export class SsmBackend {
  readonly account: string;
  readonly region: string;
  readonly parameters = new ParameterStore();
  readonly documents: DocumentStore;
  readonly commands = new CommandStore();
  readonly windows = new MaintenanceWindowStore();
  readonly settings = new ServiceSettings();
  private readonly backends: BackendAccess;

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
    this.documents = new DocumentStore(ctx.account, ctx.region);
    for (const pp of publicParameters(ctx.region)) {
      const p = new Parameter(pp.name, makeArn({ service: 'ssm', region: ctx.region, account: '', resource: `parameter${pp.name}` }), true);
      p.versions.push({
        version: 1,
        value: pp.value,
        type: 'String',
        tier: 'Standard',
        dataType: pp.dataType,
        policies: [],
        labels: new Set(),
        modifiedAt: Date.UTC(2026, 0, 1),
        modifiedBy: 'arn:aws:iam::aws:root',
      });
      this.parameters.set(p);
    }
  }

  parameterArn(name: string): string {
    const path = name.startsWith('/') ? name : `/${name}`;
    return makeArn({ service: 'ssm', region: this.region, account: this.account, resource: `parameter${path}` });
  }

  kms(): Promise<KmsApi> {
    return this.backends.get<KmsApi>('kms', this.account, this.region);
  }

  // ── sharing and authorization (src/core/policy/enforce.ts) ──────────

  /** A parameter of this backend by its ARN (a `:version` or `:label` selector after it is ignored). */
  parameterByArn(arn: string): Parameter | undefined {
    const at = arn.indexOf(':parameter');
    if (at < 0) return undefined;
    const path = arn.slice(at + ':parameter'.length).split(':')[0];
    const p = this.parameters.get(path) ?? this.parameters.get(path.slice(1));
    return p && !p.public && p.arn === arn.split(':').slice(0, 6).join(':') ? p : undefined;
  }

  /** The parameter's resource policies (PutResourcePolicy may attach several) as one document. */
  resourcePolicy(resourceArn: string): string | undefined {
    const p = this.parameterByArn(resourceArn);
    if (!p || p.resourcePolicies.size === 0) return undefined;
    const statements: unknown[] = [];
    for (const { policy } of p.resourcePolicies.values()) {
      try {
        const st = (JSON.parse(policy) as { Statement?: unknown }).Statement;
        statements.push(...(Array.isArray(st) ? st : [st]));
      } catch {
        // PutResourcePolicy checked the JSON; nothing else can be stored.
      }
    }
    return JSON.stringify({ Version: '2012-10-17', Statement: statements });
  }

  /** The ARN a call acts on: a parameter named by name or ARN, without its selector. */
  resolveResource(_operation: string, input: Record<string, unknown>): string | undefined {
    const name = input.Name;
    if (typeof name !== 'string') return undefined;
    if (name.startsWith('arn:')) return name.split(':').slice(0, 6).join(':');
    const bare = name.split(':')[0];
    return this.parameters.get(bare)?.arn;
  }

  /**
   * The backend holding a parameter named by ARN: a parameter another account
   * shared (PutResourcePolicy) is read by its full ARN.
   */
  async owning(name: string): Promise<SsmBackend> {
    if (!name.startsWith('arn:')) return this;
    const [, , service, region, account] = name.split(':');
    if (service !== 'ssm' || !/^\d{12}$/.test(account) || !region || (account === this.account && region === this.region)) return this;
    return this.backends.get<SsmBackend>('ssm', account, region);
  }
}
