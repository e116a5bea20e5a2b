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
}
