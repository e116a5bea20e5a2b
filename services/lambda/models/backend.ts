/**
 * LambdaBackend: the functions, layers, event source mappings and code
 * signing configs of one account and region, the execution environments that
 * run function code, and the public API other services call:
 * `invoke(functionNameOrArn, payload, opts)` (EventBridge targets, S3
 * notifications, SNS subscriptions, Secrets Manager rotation) and
 * `setHandler(name, fn)` (a test's own implementation of any function).
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { parseArn } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import { codeSigningConfigNotFound, conflict, functionNotFound, invalidParameter, requestTooLarge } from '../exceptions';
import type { HandlerFn } from '../runtime/loader';
import type { StreamSink } from '../runtime/streaming';
import { type InvokeResult, Runner } from '../runtime/runner';
import { EventSourceMappings } from '../triggers/mappings';
import type { CreateFunctionRequest } from '../types';
import { functionArn, layerArn, NAME, parseFunctionName, qualifierOf } from './arns';
import { AsyncInvoker } from './async-invoke';
import { CapacityProviders, capacityProviderState } from './capacity-providers';
import { DurableExecutions } from './durable-executions';
import { loadCode } from './code';
import { applyConfig, checkConfig } from './config';
import { invokeUrl, type UrlRequest, type UrlResponse } from './function-url';
import { type Alias, LambdaFunction, type LayerRef, stateOf, type VersionState } from './function';
import type { Layer, LayerVersion } from './layers';
import { unregisterUrl, urlIdOf } from './url-index';

export type { HandlerFn, LambdaContext } from '../runtime/loader';
export type { InvokeResult } from '../runtime/runner';

export interface InvokeOptions {
  invocationType?: 'RequestResponse' | 'Event' | 'DryRun';
  qualifier?: string;
  logType?: 'None' | 'Tail';
  clientContext?: string;
  /** InvokeWithResponseStream: receives a streaming handler's writes as they happen. */
  streamSink?: StreamSink;
}

export interface Resolved {
  fn: LambdaFunction;
  version: VersionState;
  /** The qualifier the caller named ($LATEST, a version, an alias), if any. */
  qualifier?: string;
  alias?: Alias;
  /** The ARN the caller invoked (qualified when they named a qualifier). */
  invokedArn: string;
}

const SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
const ASYNC_PAYLOAD_LIMIT = 256 * 1024;

export class LambdaBackend {
  readonly account: string;
  readonly region: string;
  readonly backends: BackendAccess;
  /**
   * How long a new function stays Pending, and an update InProgress, in ms of
   * the core clock. Lambda takes seconds; a few ms keep tests fast while the
   * SDK waiters and the Pending-state errors still behave. Set 0 to skip.
   */
  stateTransitionMs = 5;
  readonly functions = new Map<string, LambdaFunction>();
  readonly names = new SortedKeySet();
  readonly layers = new Map<string, Layer>();
  readonly layerNames = new SortedKeySet();
  readonly codeSigningConfigs = new Map<string, CodeSigningConfig>();
  readonly capacityProviders: CapacityProviders;
  readonly durable: DurableExecutions;
  /**
   * Server mode: the URL clients reach this fake at (a host that is not AWS's).
   * Functions get it as AWS_ENDPOINT_URL, so their SDK calls come back here.
   */
  serverEndpoint: string | undefined;
  readonly runner: Runner;
  readonly asyncInvoker: AsyncInvoker;
  readonly mappings: EventSourceMappings;

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
    this.capacityProviders = new CapacityProviders(ctx.account, ctx.region);
    this.durable = new DurableExecutions(this);
    this.runner = new Runner((group, stream, events) => this.writeLogs(group, stream, events));
    this.asyncInvoker = new AsyncInvoker(this);
    this.mappings = new EventSourceMappings(this);
  }

  // ---- Functions ----

  async createFunction(input: CreateFunctionRequest): Promise<LambdaFunction> {
    const ref = parseFunctionName(input.FunctionName);
    if (ref.qualifier !== undefined || !NAME.test(ref.name)) {
      throw invalidParameter('Function name can only contain alphanumeric characters, hyphens, and underscores and must be at most 64 characters.');
    }
    const packageType = (input.PackageType ?? (input.Code.ImageUri ? 'Image' : 'Zip')) as 'Zip' | 'Image';
    if (this.functions.has(ref.name)) throw conflict(`Function already exist: ${ref.name}`);
    if (packageType === 'Zip' && (!input.Runtime || !input.Handler)) {
      throw invalidParameter('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
    }
    if (packageType === 'Image' && !input.Code.ImageUri) throw invalidParameter('Please provide a source for function code.');
    if (packageType === 'Zip' && input.Code.ImageUri) throw invalidParameter('Please provide a source for function code.');
    const layers = checkConfig(input, packageType, (arn) => this.layerRef(arn));
    this.checkCapacityProvider(input.CapacityProviderConfig);
    await this.checkRole(input.Role);
    if (input.CodeSigningConfigArn && !this.codeSigningConfigs.has(input.CodeSigningConfigArn)) {
      throw codeSigningConfigNotFound(input.CodeSigningConfigArn);
    }
    const code = await loadCode(input.Code, this.backends, this.account, this.region);
    // Checked again: another create may have finished while the code was read.
    if (this.functions.has(ref.name)) throw conflict(`Function already exist: ${ref.name}`);
    const now = clock.now();
    const latest: VersionState = {
      version: '$LATEST',
      description: '',
      role: input.Role,
      timeout: 3,
      memorySize: 128,
      layers: [],
      tracingMode: 'PassThrough',
      architectures: ['x86_64'],
      ephemeralStorage: 512,
      packageType,
      logFormat: 'Text',
      snapStart: 'None',
      code,
      lastModified: now,
      revisionId: randomUUID(),
      activeAt: now + this.stateTransitionMs,
    };
    applyConfig(latest, input, layers);
    const fn = new LambdaFunction(ref.name, this.account, this.region, latest);
    for (const [k, v] of Object.entries(input.Tags ?? {})) fn.tags.set(k, v);
    fn.codeSigningConfigArn = input.CodeSigningConfigArn;
    this.functions.set(fn.name, fn);
    this.names.add(fn.name);
    if (input.Publish) fn.publish(undefined);
    return fn;
  }

  /** Remembers the endpoint of a request that came through server mode (any host that is not AWS's). */
  noteEndpoint(endpoint: string): void {
    let host: string;
    try {
      host = new URL(endpoint).hostname;
    } catch {
      return;
    }
    if (!/(^|\.)(amazonaws\.com(\.cn)?|api\.aws|on\.aws)$/.test(host)) this.serverEndpoint = endpoint;
  }

  /** With IAM's `getRoleByArn` (once IAM lands), the role must exist; without it any well-formed ARN goes. */
  async checkRole(role: string): Promise<void> {
    const account = parseArn(role)?.account ?? this.account;
    let iam: { getRoleByArn?: (arn: string) => unknown } | undefined;
    try {
      iam = await this.backends.get('iam', account);
    } catch {
      return;
    }
    if (typeof iam?.getRoleByArn !== 'function') return;
    let found: unknown;
    try {
      found = iam.getRoleByArn(role);
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
    }
    if (!found) throw invalidParameter('The role defined for the function cannot be assumed by Lambda.');
  }

  /** The function a FunctionName parameter names (any qualifier ignored); ResourceNotFoundException when absent. */
  fn(nameOrArn: string): LambdaFunction {
    const ref = parseFunctionName(nameOrArn);
    this.checkScope(ref.account, ref.region, ref.name);
    const fn = this.functions.get(ref.name);
    if (!fn) throw functionNotFound(functionArn(this.region, this.account, ref.name));
    return fn;
  }

  private checkScope(account: string | undefined, region: string | undefined, name: string): void {
    if ((account && account !== this.account) || (region && region !== this.region)) {
      throw functionNotFound(functionArn(region ?? this.region, account ?? this.account, name));
    }
  }

  /**
   * Resolves a function and qualifier ($LATEST, a version, an alias). An alias
   * names its primary version; `route` (invocations) applies its weighted routing.
   */
  resolve(nameOrArn: string, qualifierParam?: string, route = false): Resolved {
    const ref = parseFunctionName(nameOrArn);
    const qualifier = qualifierOf(ref, qualifierParam);
    const fn = this.fn(nameOrArn);
    const missing = () => functionNotFound(functionArn(this.region, this.account, fn.name, qualifier));
    if (qualifier === undefined) return { fn, version: fn.latest, invokedArn: fn.arn };
    const invokedArn = functionArn(this.region, this.account, fn.name, qualifier);
    const direct = fn.version(qualifier);
    if (direct) return { fn, version: direct, qualifier, invokedArn };
    const alias = fn.aliases.get(qualifier);
    if (!alias) throw missing();
    let target = alias.functionVersion;
    let roll = Math.random();
    for (const [v, w] of Object.entries(route ? (alias.weights ?? {}) : {})) {
      if (roll < w) {
        target = v;
        break;
      }
      roll -= w;
    }
    const version = fn.version(target);
    if (!version) throw missing();
    return { fn, version, qualifier, alias, invokedArn };
  }

  deleteFunction(nameOrArn: string, qualifierParam?: string): void {
    const ref = parseFunctionName(nameOrArn);
    const qualifier = qualifierOf(ref, qualifierParam);
    const fn = this.fn(nameOrArn);
    if (qualifier === undefined || qualifier === '$LATEST') {
      if (qualifier === '$LATEST') throw invalidParameter('$LATEST version cannot be deleted without deleting the function.');
      this.functions.delete(fn.name);
      this.names.delete(fn.name);
      for (const u of fn.urls.values()) unregisterUrl(this.backends, urlIdOf(u.url));
      this.runner.discard(fn.name);
      this.mappings.forgetFunction(fn.arn);
      return;
    }
    if (!fn.versions.has(qualifier)) {
      if (fn.aliases.has(qualifier)) throw invalidParameter('Deletion of aliases is not currently supported.');
      throw functionNotFound(functionArn(this.region, this.account, fn.name, qualifier));
    }
    const usedBy = [...fn.aliases.values()].find((a) => a.functionVersion === qualifier || a.weights?.[qualifier] !== undefined);
    if (usedBy) {
      throw conflict(`Unable to delete version because the following aliases reference it: [${usedBy.name}]`);
    }
    fn.versions.delete(qualifier);
    this.runner.discard(fn.name, qualifier);
  }

  // ---- IAM enforcement (src/core/policy/enforce.ts ResourceAuthority) ----

  /** The resource policy of a function, version or alias ARN of this backend, for `iam: 'enforce'`. */
  resourcePolicy(resourceArn: string): string | undefined {
    try {
      const ref = parseFunctionName(resourceArn);
      if ((ref.account && ref.account !== this.account) || (ref.region && ref.region !== this.region)) return undefined;
      return this.functions.get(ref.name)?.policyDocument(ref.qualifier ?? '');
    } catch {
      return undefined;
    }
  }

  /** The function (version, alias) ARN a call acts on, its Qualifier included, as Lambda authorizes it. */
  resolveResource(_operation: string, input: Record<string, unknown>): string | undefined {
    if (typeof input.FunctionName !== 'string') return undefined;
    try {
      const ref = parseFunctionName(input.FunctionName);
      if ((ref.account && ref.account !== this.account) || !this.functions.has(ref.name)) return undefined;
      const qualifier = qualifierOf(ref, typeof input.Qualifier === 'string' ? input.Qualifier : undefined);
      return functionArn(this.region, this.account, ref.name, qualifier);
    } catch {
      return undefined; // the handler answers the name's own validation error
    }
  }

  /** A CapacityProviderConfig must name a provider of this account and region that is not being deleted. */
  checkCapacityProvider(config: CreateFunctionRequest['CapacityProviderConfig']): void {
    const arn = config?.LambdaManagedInstancesCapacityProviderConfig.CapacityProviderArn;
    if (arn === undefined) return;
    const p = this.capacityProviders.find(arn);
    if (!p || capacityProviderState(p) === 'Deleting') throw invalidParameter(`Capacity provider ${arn} does not exist.`);
  }

  /** Every version of every function whose configuration names the capacity provider `arn`, by function name then version. */
  versionsOnCapacityProvider(arn: string): Array<{ fn: LambdaFunction; version: VersionState }> {
    const out: Array<{ fn: LambdaFunction; version: VersionState }> = [];
    for (const name of this.names.from(undefined)) {
      const fn = this.functions.get(name);
      if (!fn) continue;
      for (const version of [fn.latest, ...fn.publishedVersions()]) {
        if (version.capacityProvider?.CapacityProviderArn === arn) out.push({ fn, version });
      }
    }
    return out;
  }

  /** An update starts: InProgress on the clock for stateTransitionMs. */
  beginUpdate(fn: LambdaFunction): void {
    fn.touch();
    fn.latest.updatedAt = clock.now() + this.stateTransitionMs;
    this.runner.discard(fn.name, '$LATEST');
  }

  /** Lambda refuses a change while the previous one is still being applied. */
  checkNotUpdating(fn: LambdaFunction): void {
    const v = fn.latest;
    if (stateOf(v) === 'Pending' || (v.updatedAt !== undefined && clock.now() < v.updatedAt)) {
      throw conflict(`The operation cannot be performed at this time. An update is in progress for resource: ${fn.arn}`);
    }
  }

  // ---- Layers ----

  layer(name: string): Layer | undefined {
    return this.layers.get(name);
  }

  /** A layer version this backend holds, by its version ARN. */
  layerVersionByArn(arn: string): { layer: Layer; version: LayerVersion } | undefined {
    const m = /^arn:[a-zA-Z0-9-]+:lambda:([a-z0-9-]+):(\d{12}):layer:([a-zA-Z0-9-_]+):(\d+)$/.exec(arn);
    if (!m || m[1] !== this.region || m[2] !== this.account) return undefined;
    const layer = this.layers.get(m[3]);
    const version = layer?.versions.get(Number(m[4]));
    return layer && version ? { layer, version } : undefined;
  }

  private layerRef(arn: string): LayerRef | undefined {
    const found = this.layerVersionByArn(arn);
    return found ? { arn: layerArn(this.region, this.account, found.layer.name, found.version.version), codeSize: found.version.code.size } : undefined;
  }

  // ---- Invocation ----

  /** A test's own implementation of function `name` (any runtime); undefined puts the function's code back. */
  setHandler(name: string, fn: HandlerFn | undefined): void {
    this.runner.setHandler(name, fn);
  }

  /**
   * Invokes a function as the Invoke API does (for other services and tests).
   * RequestResponse waits for the result; Event queues it (202) with Lambda's
   * retries and destinations. Throws the AwsError Invoke would answer.
   */
  async invoke(functionNameOrArn: string, payload: Uint8Array | string, opts: InvokeOptions = {}): Promise<InvokeResult> {
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const target = this.resolve(functionNameOrArn, opts.qualifier, true);
    const type = opts.invocationType ?? 'RequestResponse';
    if (bytes.length > (type === 'Event' ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT)) throw requestTooLarge();
    if (bytes.length && !isJson(bytes)) {
      throw new AwsError('InvalidRequestContentException', 'Could not parse request body into json: Could not parse payload into json: Unexpected character', { fields: { Type: 'User' } });
    }
    this.checkRunnable(target);
    if (type === 'DryRun') return { statusCode: 204, payload: new Uint8Array(), executedVersion: target.version.version };
    if (type === 'Event') {
      this.asyncInvoker.enqueue(target, bytes);
      return { statusCode: 202, payload: new Uint8Array(), executedVersion: target.version.version };
    }
    return this.run(target, bytes, opts.logType === 'Tail', opts.clientContext, opts.streamSink);
  }

  /** Runs one invocation now (the sync path, async attempts, event source batches). */
  run(target: Resolved, payload: Uint8Array, tail = false, clientContext?: string, streamSink?: StreamSink): Promise<InvokeResult> {
    if (streamSink) streamSink.executedVersion = target.version.version;
    return this.runner.run({
      endpoint: this.serverEndpoint,
      fn: target.fn,
      version: target.version,
      invokedArn: target.invokedArn,
      payload,
      tail,
      clientContext,
      streamSink,
      layerZips: () => target.version.layers.map((l) => this.layerVersionByArn(l.arn)?.version.code.zip ?? new Uint8Array()),
    });
  }

  /** What stops an invocation before it starts: Pending state, throttling, code mockaws cannot run. */
  checkRunnable(target: Resolved): void {
    const { fn, version } = target;
    if (stateOf(version) === 'Pending') {
      throw conflict('The operation cannot be performed at this time. The function is currently in the following state: Pending');
    }
    if (this.runner.hasHandler(fn.name)) return;
    if (version.packageType === 'Image') {
      throw invalidParameter(
        `mockaws cannot run container image functions (${fn.name}: ${version.code.imageUri}); supply an implementation with (await backends.lambda()).setHandler('${fn.name}', handler).`,
      );
    }
    if (!version.runtime?.startsWith('nodejs')) {
      throw invalidParameter(
        `mockaws runs only Node.js functions in process; ${fn.name} has runtime ${version.runtime}. Supply an implementation with (await backends.lambda()).setHandler('${fn.name}', handler).`,
      );
    }
  }

  /**
   * Answers an HTTP request sent to a function URL (payload format 2.0).
   * For the HTTP fallback and server mode once core routes *.lambda-url.<region>.on.aws here.
   */
  invokeUrl(request: UrlRequest): Promise<UrlResponse> {
    return invokeUrl(this, request);
  }

  private async writeLogs(group: string, stream: string, events: Array<{ timestamp: number; message: string }>): Promise<void> {
    let logs: { appendEvents?: (g: string, s: string, e: typeof events) => unknown } | undefined;
    try {
      logs = await this.backends.get('logs', this.account, this.region);
    } catch {
      return;
    }
    if (typeof logs?.appendEvents !== 'function') return;
    try {
      await logs.appendEvents(group, stream, events);
    } catch {
      // Logs refusing the events must not fail the invocation, as in Lambda.
    }
  }

  /** Called on reset()/stop(): timers stop, environments and their directories go. */
  /** After a snapshot restore (src/core/snapshot.ts): event source mappings poll again. */
  restored(): void {
    this.mappings.restored();
  }

  dispose(): void {
    // The mock's URL index outlives this backend: its URLs leave it.
    for (const fn of this.functions.values()) for (const u of fn.urls.values()) unregisterUrl(this.backends, urlIdOf(u.url));
    this.asyncInvoker.dispose();
    this.durable.dispose();
    this.mappings.dispose();
    this.runner.dispose();
  }
}

export interface CodeSigningConfig {
  id: string;
  arn: string;
  description: string;
  allowedPublishers: string[];
  untrustedArtifactOnDeployment: string;
  lastModified: number;
  tags: Map<string, string>;
}

function isJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(Buffer.from(bytes).toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
