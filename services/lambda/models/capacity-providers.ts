/**
 * Capacity providers (Lambda Managed Instances): the VPC, operator role,
 * instance requirements and scaling of the instances a function's versions
 * run on. A provider is `Pending` for the backend's `stateTransitionMs` after
 * CreateCapacityProvider, then `Active`; DeleteCapacityProvider leaves it
 * `Deleting` for as long again, then it is gone. It cannot be deleted while a
 * function version uses it (CapacityProviderConfig on CreateFunction /
 * UpdateFunctionConfiguration). State is derived from clock deadlines, so fake
 * timers move it.
 */
import { clock } from '../../../src/core/clock';
import { conflict, invalidParameter, resourceNotFound } from '../exceptions';
import type {
  CapacityProvider as CapacityProviderView,
  CapacityProviderPermissionsConfig,
  CapacityProviderScalingConfig,
  CapacityProviderTelemetryConfig,
  CapacityProviderVpcConfig,
  CreateCapacityProviderRequest,
  InstanceRequirements,
  PropagateTags,
} from '../types';
import { lambdaTime } from './arns';

export interface CapacityProvider {
  name: string;
  arn: string;
  vpcConfig: CapacityProviderVpcConfig;
  permissionsConfig: CapacityProviderPermissionsConfig;
  instanceRequirements?: InstanceRequirements;
  scalingConfig?: CapacityProviderScalingConfig;
  kmsKeyArn?: string;
  propagateTags?: PropagateTags;
  telemetryConfig?: CapacityProviderTelemetryConfig;
  tags: Map<string, string>;
  lastModified: number;
  /** Pending until then. */
  activeAt: number;
  /** Set by DeleteCapacityProvider: Deleting until then, gone after. */
  goneAt?: number;
}

export type CapacityProviderState = 'Pending' | 'Active' | 'Deleting';

export function capacityProviderState(p: CapacityProvider, now = clock.now()): CapacityProviderState {
  if (p.goneAt !== undefined) return 'Deleting';
  return now >= p.activeAt ? 'Active' : 'Pending';
}

/** The CapacityProvider structure Lambda answers with. */
export function capacityProviderView(p: CapacityProvider, asOf = clock.now()): CapacityProviderView {
  const out: CapacityProviderView = {
    CapacityProviderArn: p.arn,
    State: capacityProviderState(p, asOf),
    VpcConfig: { SubnetIds: [...p.vpcConfig.SubnetIds], SecurityGroupIds: [...p.vpcConfig.SecurityGroupIds] },
    PermissionsConfig: { ...p.permissionsConfig },
    LastModified: lambdaTime(p.lastModified),
  };
  if (p.instanceRequirements) out.InstanceRequirements = structuredClone(p.instanceRequirements);
  if (p.scalingConfig) out.CapacityProviderScalingConfig = structuredClone(p.scalingConfig);
  if (p.kmsKeyArn) out.KmsKeyArn = p.kmsKeyArn;
  if (p.propagateTags) out.PropagateTags = structuredClone(p.propagateTags);
  if (p.telemetryConfig) out.TelemetryConfig = structuredClone(p.telemetryConfig);
  return out;
}

/** The capacity providers of one account and region. */
export class CapacityProviders {
  private readonly byName = new Map<string, CapacityProvider>();

  constructor(
    private readonly account: string,
    private readonly region: string,
  ) {}

  arnOf(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.account}:capacity-provider:${name}`;
  }

  /** The name a CapacityProviderName (a name or this account and region's ARN) stands for; undefined for another account's or region's ARN. */
  nameOf(nameOrArn: string): string | undefined {
    if (!nameOrArn.startsWith('arn:')) return nameOrArn;
    const name = nameOrArn.slice(nameOrArn.lastIndexOf(':') + 1);
    return nameOrArn === this.arnOf(name) ? name : undefined;
  }

  /** A provider that still exists (Deleting included), or undefined. */
  find(nameOrArn: string): CapacityProvider | undefined {
    const name = this.nameOf(nameOrArn);
    const p = name === undefined ? undefined : this.byName.get(name);
    if (p?.goneAt !== undefined && clock.now() >= p.goneAt) {
      this.byName.delete(p.name);
      return undefined;
    }
    return p;
  }

  get(nameOrArn: string): CapacityProvider {
    const p = this.find(nameOrArn);
    if (!p) throw resourceNotFound(`Capacity provider not found: ${this.arnOf(this.nameOf(nameOrArn) ?? nameOrArn)}`);
    return p;
  }

  create(input: CreateCapacityProviderRequest, transitionMs: number): CapacityProvider {
    const name = this.nameOf(input.CapacityProviderName);
    if (name === undefined) throw invalidParameter(`The capacity provider ARN ${input.CapacityProviderName} does not belong to this account and region.`);
    if (this.find(name)) throw conflict(`Capacity provider already exists: ${this.arnOf(name)}`);
    const now = clock.now();
    const p: CapacityProvider = {
      name,
      arn: this.arnOf(name),
      vpcConfig: structuredClone(input.VpcConfig),
      permissionsConfig: { ...input.PermissionsConfig },
      instanceRequirements: input.InstanceRequirements && structuredClone(input.InstanceRequirements),
      scalingConfig: input.CapacityProviderScalingConfig && structuredClone(input.CapacityProviderScalingConfig),
      kmsKeyArn: input.KmsKeyArn || undefined,
      propagateTags: input.PropagateTags && structuredClone(input.PropagateTags),
      telemetryConfig: input.TelemetryConfig && structuredClone(input.TelemetryConfig),
      tags: new Map(Object.entries(input.Tags ?? {})),
      lastModified: now,
      activeAt: now + transitionMs,
    };
    this.byName.set(name, p);
    return p;
  }

  /** Marks a provider Deleting; it is gone `transitionMs` later. */
  remove(p: CapacityProvider, transitionMs: number): void {
    const now = clock.now();
    p.goneAt = now + transitionMs;
    p.lastModified = now;
    if (transitionMs === 0) this.byName.delete(p.name);
  }

  /** Every provider that still exists, by name. */
  list(): CapacityProvider[] {
    const names = [...this.byName.keys()].sort();
    return names.map((n) => this.find(n)).filter((p): p is CapacityProvider => p !== undefined);
  }
}
