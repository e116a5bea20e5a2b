/**
 * One Lambda function: $LATEST and its published versions (each a full
 * configuration snapshot), aliases, resource policies, concurrency, function
 * URLs, event invoke configs and tags. State and LastUpdateStatus are derived
 * from clock deadlines, so fake timers move them.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { DurableConfig, FunctionConfiguration, LambdaManagedInstancesCapacityProviderConfig } from '../types';
import { functionArn, lambdaTime } from './arns';
import type { CodeBundle } from './code';

export interface LayerRef {
  arn: string;
  codeSize: number;
}

export interface VersionState {
  version: string;
  description: string;
  runtime?: string;
  handler?: string;
  role: string;
  timeout: number;
  memorySize: number;
  environment?: Record<string, string>;
  layers: LayerRef[];
  deadLetterTarget?: string;
  tracingMode: string;
  architectures: string[];
  ephemeralStorage: number;
  vpc?: { SubnetIds?: string[]; SecurityGroupIds?: string[]; Ipv6AllowedForDualStack?: boolean };
  kmsKeyArn?: string;
  packageType: 'Zip' | 'Image';
  imageConfig?: { EntryPoint?: string[]; Command?: string[]; WorkingDirectory?: string };
  logFormat: string;
  logGroup?: string;
  applicationLogLevel?: string;
  systemLogLevel?: string;
  fileSystemConfigs?: Array<{ Arn: string; LocalMountPath: string }>;
  snapStart: string;
  /** Lambda Managed Instances: the capacity provider the version runs on. */
  capacityProvider?: LambdaManagedInstancesCapacityProviderConfig;
  /** Durable functions: execution timeout and history retention. */
  durable?: DurableConfig;
  code: CodeBundle;
  lastModified: number;
  revisionId: string;
  /** Pending until then, Active after. */
  activeAt: number;
  /** LastUpdateStatus InProgress until then, Successful after. */
  updatedAt?: number;
}

export interface Alias {
  name: string;
  functionVersion: string;
  description: string;
  weights?: Record<string, number>;
  revisionId: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: unknown;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface UrlConfig {
  url: string;
  authType: string;
  cors?: Record<string, unknown>;
  invokeMode: string;
  createdAt: number;
  modifiedAt: number;
}

export interface EventInvokeConfig {
  maxRetries?: number;
  maxAgeSeconds?: number;
  onSuccess?: string;
  onFailure?: string;
  modifiedAt: number;
}

export class LambdaFunction {
  readonly versions = new Map<string, VersionState>();
  readonly aliases = new Map<string, Alias>();
  /** Resource policies by qualifier ('' for the unqualified function). */
  readonly policies = new Map<string, Map<string, PolicyStatement>>();
  readonly policyRevisions = new Map<string, string>();
  readonly provisioned = new Map<string, { requested: number; modifiedAt: number }>();
  readonly urls = new Map<string, UrlConfig>();
  readonly invokeConfigs = new Map<string, EventInvokeConfig>();
  readonly tags = new Map<string, string>();
  /** PutFunctionScalingConfig, by qualifier (a version number or `$LATEST.PUBLISHED`). */
  readonly scalingConfigs = new Map<string, { MinExecutionEnvironments?: number; MaxExecutionEnvironments?: number }>();
  reservedConcurrency?: number;
  codeSigningConfigArn?: string;
  recursiveLoop = 'Terminate';
  runtimeManagement: { updateOn: string; versionArn?: string } = { updateOn: 'Auto' };
  private nextVersion = 1;

  constructor(
    readonly name: string,
    readonly account: string,
    readonly region: string,
    public latest: VersionState,
  ) {}

  get arn(): string {
    return functionArn(this.region, this.account, this.name);
  }

  /** $LATEST, a published version, or undefined. */
  version(v: string): VersionState | undefined {
    return v === '$LATEST' ? this.latest : this.versions.get(v);
  }

  /** Publishes $LATEST as the next version, or returns the last one when nothing changed since. */
  publish(description: string | undefined): VersionState {
    const last = this.versions.get(String(this.nextVersion - 1));
    if (last && last.code.sha256 === this.latest.code.sha256 && last.lastModified === this.latest.lastModified) return last;
    const version = String(this.nextVersion++);
    const snapshot: VersionState = {
      ...this.latest,
      version,
      description: description ?? this.latest.description,
      revisionId: randomUUID(),
      environment: this.latest.environment ? { ...this.latest.environment } : undefined,
      layers: [...this.latest.layers],
    };
    this.versions.set(version, snapshot);
    return snapshot;
  }

  /** The last version number handed out, for ListVersionsByFunction ordering. */
  publishedVersions(): VersionState[] {
    return [...this.versions.values()].sort((a, b) => Number(a.version) - Number(b.version));
  }

  /** The resource policy of a qualifier ('' for the function) as GetPolicy answers it, or undefined when it has none. */
  policyDocument(key: string): string | undefined {
    const statements = this.policies.get(key);
    return statements?.size ? policyText(statements) : undefined;
  }

  touch(): void {
    this.latest.lastModified = clock.now();
    this.latest.revisionId = randomUUID();
  }
}

/** A resource policy document as Lambda writes it. */
export function policyText(statements: Map<string, PolicyStatement>): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: [...statements.values()] });
}

export type FunctionState = 'Pending' | 'Active';

export function stateOf(v: VersionState): FunctionState {
  return clock.now() >= v.activeAt ? 'Active' : 'Pending';
}

/**
 * The FunctionConfiguration Lambda returns for a version. `asOf` is the
 * moment to report: the answer to a create or update describes the function
 * as the request left it (Pending, InProgress), however long answering took.
 */
export function configurationOf(fn: LambdaFunction, v: VersionState, asOf = clock.now()): FunctionConfiguration {
  const state: FunctionState = asOf >= v.activeAt ? 'Active' : 'Pending';
  const update = v.updatedAt !== undefined && asOf < v.updatedAt ? 'InProgress' : 'Successful';
  const out: FunctionConfiguration = {
    FunctionName: fn.name,
    FunctionArn: functionArn(fn.region, fn.account, fn.name, v.version),
    Role: v.role,
    CodeSize: v.code.size,
    Description: v.description,
    Timeout: v.timeout,
    MemorySize: v.memorySize,
    LastModified: lambdaTime(v.lastModified),
    CodeSha256: v.code.sha256,
    Version: v.version,
    TracingConfig: { Mode: v.tracingMode },
    RevisionId: v.revisionId,
    State: state,
    LastUpdateStatus: update,
    PackageType: v.packageType,
    Architectures: [...v.architectures],
    EphemeralStorage: { Size: v.ephemeralStorage },
    SnapStart: { ApplyOn: v.snapStart, OptimizationStatus: 'Off' },
    LoggingConfig: {
      LogFormat: v.logFormat,
      LogGroup: v.logGroup ?? `/aws/lambda/${fn.name}`,
      ApplicationLogLevel: v.applicationLogLevel,
      SystemLogLevel: v.systemLogLevel,
    },
  };
  if (v.version === '$LATEST') out.FunctionArn = fn.arn;
  if (state === 'Pending') {
    out.StateReason = 'The function is being created.';
    out.StateReasonCode = 'Creating';
  }
  if (update === 'InProgress') {
    out.LastUpdateStatusReason = 'The function is being updated.';
    out.LastUpdateStatusReasonCode = 'Creating';
  }
  if (v.runtime) out.Runtime = v.runtime;
  if (v.handler) out.Handler = v.handler;
  if (v.environment) out.Environment = { Variables: { ...v.environment } };
  if (v.layers.length) out.Layers = v.layers.map((l) => ({ Arn: l.arn, CodeSize: l.codeSize }));
  if (v.deadLetterTarget) out.DeadLetterConfig = { TargetArn: v.deadLetterTarget };
  if (v.vpc) out.VpcConfig = { SubnetIds: v.vpc.SubnetIds ?? [], SecurityGroupIds: v.vpc.SecurityGroupIds ?? [], VpcId: v.vpc.SubnetIds?.length ? 'vpc-0123456789abcdef0' : '', Ipv6AllowedForDualStack: v.vpc.Ipv6AllowedForDualStack ?? false };
  if (v.kmsKeyArn) out.KMSKeyArn = v.kmsKeyArn;
  if (v.imageConfig) out.ImageConfigResponse = { ImageConfig: { ...v.imageConfig } };
  if (v.fileSystemConfigs) out.FileSystemConfigs = v.fileSystemConfigs;
  if (v.capacityProvider) out.CapacityProviderConfig = { LambdaManagedInstancesCapacityProviderConfig: { ...v.capacityProvider } };
  if (v.durable) out.DurableConfig = { ...v.durable };
  return out;
}
