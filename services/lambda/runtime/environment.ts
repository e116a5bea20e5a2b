/**
 * One execution environment: a function version's code unpacked in its own
 * directory and its handler module loaded once (the cold start), then reused
 * by invocation after invocation with its module state intact (warm starts).
 * Each invocation gets Lambda's context object, the function's environment
 * variables, its console output captured as log lines, and the timeout
 * enforced: a handler still running at the deadline is abandoned and the
 * environment discarded, as Lambda does.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { withConsole } from './console-capture';
import { type HandlerFn, type LambdaContext, loadHandler, RuntimeError } from './loader';
import { applyEnv } from './process-env';
import { STREAM_SINK, type StreamSink } from './streaming';

export interface InvocationSpec {
  requestId: string;
  event: unknown;
  functionName: string;
  functionVersion: string;
  invokedArn: string;
  memorySize: number;
  timeoutSeconds: number;
  clientContext?: unknown;
  /** InvokeWithResponseStream: where a streaming handler's writes go as they happen. */
  streamSink?: StreamSink;
}

export type Outcome =
  | { kind: 'ok'; value: unknown }
  | { kind: 'error'; payload: { errorType: string; errorMessage: string; trace?: string[] } }
  | { kind: 'timeout'; payload: { errorType: string; errorMessage: string } };

export interface RunResult {
  outcome: Outcome;
  logs: string[];
  /** The environment cannot be used again (timeout, failed init). */
  broken: boolean;
  durationMs: number;
  initMs?: number;
}

/** What runs the handler: a loaded module, or an implementation a test supplied. */
export type HandlerSource = { kind: 'code'; taskRoot: string; handler: string } | { kind: 'custom'; fn: HandlerFn };

export class ExecutionEnvironment {
  readonly id = randomBytes(16).toString('hex');
  readonly logStream: string;
  busy = false;
  /** Where its code is unpacked, once it is. */
  dir: string | undefined;
  private fn: HandlerFn | undefined;

  constructor(
    readonly logGroup: string,
    version: string,
    /** The RevisionId of the configuration it was made from. */
    readonly revision: string,
    private readonly source: () => HandlerSource,
    private readonly vars: Record<string, string>,
  ) {
    const d = clock.date();
    const day = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
    this.logStream = `${day}/[${version}]${this.id}`;
  }

  get cold(): boolean {
    return this.fn === undefined;
  }

  async run(spec: InvocationSpec): Promise<RunResult> {
    const logs: string[] = [];
    const sink = (level: string, text: string) => logs.push(`${clock.date().toISOString()}\t${spec.requestId}\t${level}\t${text}\n`);
    const start = clock.now();
    const deadline = start + spec.timeoutSeconds * 1000;
    const restoreEnv = applyEnv({ ...this.vars, AWS_LAMBDA_LOG_STREAM_NAME: this.logStream, _X_AMZN_TRACE_ID: `Root=1-${Math.floor(start / 1000).toString(16)}-${randomBytes(12).toString('hex')}` });
    let initMs: number | undefined;
    try {
      return await withConsole(sink, async () => {
        logs.push(`START RequestId: ${spec.requestId} Version: ${spec.functionVersion}\n`);
        const work = (async () => {
          if (!this.fn) {
            const t0 = clock.now();
            this.fn = await this.load();
            initMs = clock.now() - t0;
          }
          return callHandler(this.fn, spec.event, contextFor(spec, deadline, this.logGroup, this.logStream));
        })();
        const outcome = await withTimeout(work, spec, deadline);
        const durationMs = clock.now() - start;
        if (outcome.kind === 'timeout') logs.push(`${clock.date().toISOString()} ${spec.requestId} Task timed out after ${spec.timeoutSeconds.toFixed(2)} seconds\n`);
        logs.push(`END RequestId: ${spec.requestId}\n`);
        logs.push(
          `REPORT RequestId: ${spec.requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(durationMs))} ms\tMemory Size: ${spec.memorySize} MB\tMax Memory Used: ${Math.min(spec.memorySize, Math.ceil(process.memoryUsage().heapUsed / 1048576))} MB${initMs !== undefined ? `\tInit Duration: ${initMs.toFixed(2)} ms` : ''}\t\n`,
        );
        const broken = outcome.kind === 'timeout' || this.fn === undefined;
        return { outcome, logs, broken, durationMs, initMs };
      });
    } finally {
      restoreEnv();
    }
  }

  private async load(): Promise<HandlerFn> {
    const source = this.source();
    if (source.kind === 'custom') return source.fn;
    return loadHandler(source.taskRoot, source.handler);
  }
}

function contextFor(spec: InvocationSpec, deadline: number, logGroupName: string, logStreamName: string): LambdaContext {
  const context: LambdaContext = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: spec.functionName,
    functionVersion: spec.functionVersion,
    invokedFunctionArn: spec.invokedArn,
    memoryLimitInMB: String(spec.memorySize),
    awsRequestId: spec.requestId,
    logGroupName,
    logStreamName,
    clientContext: spec.clientContext,
    identity: undefined,
    getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now()),
  };
  // Not enumerable: a handler logging its context sees Lambda's fields only.
  if (spec.streamSink) Object.defineProperty(context, STREAM_SINK, { value: spec.streamSink });
  return context;
}

/** Async handlers resolve their promise; callback handlers call back (context.succeed/fail/done too). */
function callHandler(fn: HandlerFn, event: unknown, context: LambdaContext): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const done = (err?: unknown, result?: unknown) => (err !== undefined && err !== null ? reject(err) : resolve(result));
    Object.assign(context, {
      done,
      succeed: (result: unknown) => resolve(result),
      fail: (err: unknown) => reject(err ?? new Error('handled')),
    });
    const returned = fn(event, context, done);
    if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(resolve, reject);
    else if (fn.length < 3) resolve(returned);
  });
}

async function withTimeout(work: Promise<unknown>, spec: InvocationSpec, deadline: number): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          kind: 'timeout',
          payload: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `RequestId: ${spec.requestId} Error: Task timed out after ${spec.timeoutSeconds.toFixed(2)} seconds`,
          },
        }),
      Math.max(0, deadline - clock.now()),
    );
  });
  const settled = work.then(
    (value): Outcome => ({ kind: 'ok', value }),
    (err): Outcome => ({ kind: 'error', payload: errorPayload(err) }),
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The payload Lambda's Node.js runtime returns for an unhandled error. */
export function errorPayload(err: unknown): { errorType: string; errorMessage: string; trace: string[] } {
  if (err instanceof RuntimeError) return { errorType: err.errorType, errorMessage: err.message, trace: (err.stack ?? '').split('\n') };
  if (err instanceof Error || (err && typeof err === 'object' && 'message' in err)) {
    const e = err as Error;
    const errorType = e.name && e.name !== 'Error' ? e.name : (e.constructor?.name ?? 'Error');
    return { errorType, errorMessage: String(e.message), trace: String(e.stack ?? '').split('\n') };
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}
