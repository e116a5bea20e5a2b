/**
 * Running invocations: a pool of execution environments per function version
 * (an idle one is reused, a busy one never shared, so concurrent invocations
 * each get their own), reserved concurrency enforced, the payload and logs
 * shaped as Lambda returns them, and the log lines sent to CloudWatch Logs
 * (/aws/lambda/<name>, one stream per environment) when the Logs backend
 * offers `appendEvents`.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { EXAMPLE_SECRET } from '../../../src/core/credentials';
import { throttled } from '../exceptions';
import type { LambdaFunction, VersionState } from '../models/function';
import { ExecutionEnvironment, type HandlerSource } from './environment';
import type { HandlerFn } from './loader';
import { Workspace } from './workspace';
import { freshCopy } from '../../../src/core/snapshot';
import { type StreamSink, StreamedResult } from './streaming';

export interface InvokeResult {
  statusCode: number;
  payload: Uint8Array;
  functionError?: string;
  executedVersion: string;
  logResult?: string;
  /** A streaming handler's answer (awslambda.streamifyResponse): its chunks; `payload` holds them joined. */
  streamed?: StreamedResult;
}

export interface RunRequest {
  /** Server mode: where the function's SDK calls must go (AWS_ENDPOINT_URL). */
  endpoint?: string;
  fn: LambdaFunction;
  version: VersionState;
  invokedArn: string;
  payload: Uint8Array;
  tail: boolean;
  clientContext?: string;
  streamSink?: StreamSink;
  requestId?: string;
  /** Layer zips of this version, in order. */
  layerZips: () => Uint8Array[];
}

export type LogWriter = (group: string, stream: string, events: Array<{ timestamp: number; message: string }>) => Promise<void>;

const TAIL_BYTES = 4096;

export class Runner {
  private readonly pools = new Map<string, ExecutionEnvironment[]>();
  private readonly custom = new Map<string, HandlerFn>();
  private readonly workspace = new Workspace();

  constructor(private readonly writeLogs: LogWriter) {}

  /** In a snapshot: the handlers set by tests, and no warm environment (restored functions start cold). */
  [freshCopy](): Runner {
    const copy = new Runner(this.writeLogs);
    for (const [name, fn] of this.custom) copy.custom.set(name, fn);
    return copy;
  }

  /** A test's own implementation of a function, whatever its runtime. */
  setHandler(name: string, fn: HandlerFn | undefined): void {
    if (fn) this.custom.set(name, fn);
    else this.custom.delete(name);
    this.discard(name);
  }

  hasHandler(name: string): boolean {
    return this.custom.has(name);
  }

  /** Environments of `name` running now. */
  busy(name: string): number {
    let n = 0;
    for (const [key, envs] of this.pools) if (key.startsWith(`${name}\u0000`)) n += envs.filter((e) => e.busy).length;
    return n;
  }

  async run(req: RunRequest): Promise<InvokeResult> {
    const { fn, version } = req;
    const reserved = fn.reservedConcurrency;
    if (reserved !== undefined && this.busy(fn.name) >= reserved) throw throttled();
    const requestId = req.requestId ?? randomUUID();
    const env = this.acquire(fn, version, req);
    env.busy = true;
    let event: unknown;
    try {
      event = req.payload.length ? JSON.parse(Buffer.from(req.payload).toString('utf8')) : {};
    } catch {
      event = Buffer.from(req.payload).toString('utf8');
    }
    let result: Awaited<ReturnType<ExecutionEnvironment['run']>>;
    try {
      result = await env.run({
        requestId,
        event,
        functionName: fn.name,
        functionVersion: version.version,
        invokedArn: req.invokedArn,
        memorySize: version.memorySize,
        timeoutSeconds: version.timeout,
        clientContext: req.clientContext ? safeJson(Buffer.from(req.clientContext, 'base64').toString('utf8')) : undefined,
        streamSink: req.streamSink,
      });
    } finally {
      env.busy = false;
    }
    if (result.broken) this.drop(fn.name, version.version, env);
    const text = result.logs.join('');
    const at = clock.now();
    await this.writeLogs(env.logGroup, env.logStream, result.logs.map((message) => ({ timestamp: at, message })));
    const out: InvokeResult = { statusCode: 200, executedVersion: version.version, payload: new Uint8Array() };
    if (result.outcome.kind === 'ok') {
      const value = result.outcome.value;
      const streamed = StreamedResult.from(value);
      if (streamed) {
        out.streamed = streamed;
        out.payload = streamed.bytes();
      } else {
        out.payload = Buffer.from(value === undefined ? 'null' : (JSON.stringify(value) ?? 'null'));
      }
    } else {
      out.functionError = 'Unhandled';
      out.payload = Buffer.from(JSON.stringify(result.outcome.payload));
    }
    if (req.tail) {
      const bytes = Buffer.from(text);
      out.logResult = bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString('base64');
    }
    return out;
  }

  private acquire(fn: LambdaFunction, version: VersionState, req: RunRequest): ExecutionEnvironment {
    const key = `${fn.name}\u0000${version.version}`;
    let pool = this.pools.get(key);
    if (!pool) this.pools.set(key, (pool = []));
    // An environment made before the last code or configuration change (busy when it happened) is retired now.
    for (const stale of pool.filter((e) => !e.busy && e.revision !== version.revisionId)) this.drop(fn.name, version.version, stale);
    const idle = pool.find((e) => !e.busy);
    if (idle) return idle;
    const custom = this.custom.get(fn.name);
    let env: ExecutionEnvironment | undefined;
    let source: () => HandlerSource;
    let taskRoot: string | undefined;
    if (custom) {
      source = () => ({ kind: 'custom', fn: custom });
    } else {
      const envId = `${fn.name}-${version.version.replace('$', '')}-${randomUUID().slice(0, 8)}`;
      taskRoot = this.workspace.paths(envId).taskRoot;
      let prepared: { dir: string; taskRoot: string } | undefined;
      // Unpacked lazily inside the invocation, so a bad zip is the invocation's error.
      source = () => {
        prepared ??= this.workspace.prepare(envId, version.code.zip ?? new Uint8Array(), req.layerZips());
        if (env) env.dir = prepared.dir;
        return { kind: 'code', taskRoot: prepared.taskRoot, handler: version.handler ?? 'index.handler' };
      };
    }
    const logGroup = version.logGroup ?? `/aws/lambda/${fn.name}`;
    const vars: Record<string, string> = {
      ...version.environment,
      AWS_REGION: fn.region,
      AWS_DEFAULT_REGION: fn.region,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_VERSION: version.version,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(version.memorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: logGroup,
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_EXECUTION_ENV: `AWS_Lambda_${version.runtime ?? 'custom'}`,
      _HANDLER: version.handler ?? '',
      AWS_ACCESS_KEY_ID: fn.account,
      // The function's account as the access key routes its calls there; the secret is the one knownSecret() pairs with it.
      AWS_SECRET_ACCESS_KEY: EXAMPLE_SECRET,
    };
    if (taskRoot) vars.LAMBDA_TASK_ROOT = taskRoot;
    if (req.endpoint) vars.AWS_ENDPOINT_URL = req.endpoint;
    env = new ExecutionEnvironment(logGroup, version.version, version.revisionId, source, vars);
    pool.push(env);
    return env;
  }

  private drop(name: string, version: string, env: ExecutionEnvironment): void {
    const pool = this.pools.get(`${name}\u0000${version}`);
    const i = pool?.indexOf(env) ?? -1;
    if (pool && i >= 0) pool.splice(i, 1);
    if (env.dir) this.workspace.remove(env.dir);
  }

  /** Drops the idle environments of a function (new code or configuration, deletion). */
  discard(name: string, version?: string): void {
    for (const [key, pool] of this.pools) {
      const [n, v] = key.split('\u0000');
      if (n !== name || (version !== undefined && v !== version)) continue;
      for (const env of [...pool]) if (!env.busy) this.drop(n, v, env);
    }
  }

  /** Every environment, warm or not: the next invocations start cold. */
  dispose(): void {
    this.pools.clear();
    this.workspace.dispose();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
