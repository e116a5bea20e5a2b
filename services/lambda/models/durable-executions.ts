/**
 * The durable executions of one account and region: started by Invoke,
 * replayed by invoking the function again with the durable SDK's envelope
 * whenever a timer or callback lets a PENDING execution move on, and ended
 * by the function's answer, a checkpoint, StopDurableExecution or the
 * DurableConfig ExecutionTimeout (default 86400 s here).
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { invalidParameter } from '../exceptions';
import type { ErrorObject, Operation } from '../types';
import type { LambdaBackend, Resolved } from './backend';
import { applyUpdate, completeCallback, DurableExecution, type DurableOperation, executionNotFound, fire, type Scheduled } from './durable';
import { functionArn } from './arns';

const DEFAULT_TIMEOUT_SECONDS = 86400;

export class DurableExecutions {
  readonly byArn = new Map<string, DurableExecution>();
  /** CallbackId → execution ARN and operation id. */
  readonly callbacks = new Map<string, { arn: string; opId: string }>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly backend: LambdaBackend) {}

  get(arn: string): DurableExecution {
    const exec = this.byArn.get(arn);
    if (!exec) throw executionNotFound(arn);
    return exec;
  }

  /** Starts an execution of a durable function; `wait` runs its first invocation before answering. */
  async start(target: Resolved, payload: Uint8Array, name: string | undefined, wait: boolean): Promise<{ exec: DurableExecution; payload: Uint8Array; functionError?: string }> {
    const { fn, version } = target;
    const execName = name ?? randomUUID();
    const base = functionArn(fn.region, fn.account, fn.name, version.version);
    for (const other of this.byArn.values()) {
      if (other.functionName === fn.name && other.name === execName) {
        throw new AwsError('DurableExecutionAlreadyStartedException', `A durable execution named ${execName} already exists for function ${fn.name}.`, {
          fields: { Type: 'User' },
        });
      }
    }
    const id = randomUUID();
    const timeout = version.durable?.ExecutionTimeout ?? DEFAULT_TIMEOUT_SECONDS;
    const input = Buffer.from(payload).toString('utf8');
    const exec = new DurableExecution(`${base}/durable-execution/${execName}/${id}`, execName, fn.name, target.qualifier, version.version, base, input, new Date(clock.now()), timeout);
    const root: DurableOperation = { Id: id, Type: 'EXECUTION', StartTimestamp: exec.startedAt, Status: 'STARTED', ExecutionDetails: { InputPayload: input } };
    exec.operations.set(id, root);
    exec.event('ExecutionStarted', root, { Input: { Payload: input }, ExecutionTimeout: timeout });
    this.byArn.set(exec.arn, exec);
    this.arm(exec, { op: root, atMs: clock.now() + timeout * 1000, kind: 'wait' }, () => exec.finish('TIMED_OUT', { error: { ErrorType: 'Execution.Timeout', ErrorMessage: `Durable execution timed out after ${timeout} seconds` } }));
    const first = this.invoke(exec);
    if (!wait) {
      first.catch(() => undefined);
      return { exec, payload: new Uint8Array() };
    }
    const out = await first;
    return { exec, ...out };
  }

  /**
   * One invocation with the durable SDK's envelope. Its answer `{ Status, Result, Error }`
   * ends the execution (SUCCEEDED, FAILED) or leaves it waiting (PENDING); a
   * function error fails it.
   */
  private async invoke(exec: DurableExecution): Promise<{ payload: Uint8Array; functionError?: string }> {
    if (exec.running) {
      exec.again = true;
      return { payload: new Uint8Array() };
    }
    exec.running = true;
    exec.changed.clear();
    const envelope = {
      DurableExecutionArn: exec.arn,
      CheckpointToken: exec.newToken(),
      InitialExecutionState: { Operations: [...exec.operations.values()].map(view), NextMarker: '' },
    };
    const startedAt = new Date(clock.now());
    let out: { payload: Uint8Array; functionError?: string };
    try {
      const target = this.backend.resolve(exec.functionName, exec.version);
      const result = await this.backend.run(target, Buffer.from(JSON.stringify(envelope)));
      out = { payload: result.payload, functionError: result.functionError };
    } catch (err) {
      exec.running = false;
      if (!(err instanceof AwsError)) throw err;
      exec.finish('FAILED', { error: { ErrorType: err.code, ErrorMessage: err.message } });
      throw err;
    }
    exec.event('InvocationCompleted', undefined, { StartTimestamp: startedAt, EndTimestamp: new Date(clock.now()), RequestId: randomUUID() });
    const answer = parse(out.payload);
    if (out.functionError) {
      exec.finish('FAILED', { error: { ErrorType: String(answer?.errorType ?? out.functionError), ErrorMessage: String(answer?.errorMessage ?? '') } });
    } else if (answer?.Status === 'SUCCEEDED') {
      exec.finish('SUCCEEDED', { result: typeof answer.Result === 'string' ? answer.Result : JSON.stringify(answer.Result ?? null) });
    } else if (answer?.Status === 'FAILED') {
      exec.finish('FAILED', { error: (answer.Error as ErrorObject | undefined) ?? {} });
    } else if (answer?.Status !== 'PENDING') {
      exec.finish('FAILED', { error: { ErrorType: 'InvalidDurableExecutionOutput', ErrorMessage: 'The function did not answer with a durable execution Status (SUCCEEDED, FAILED or PENDING).' } });
    }
    exec.running = false;
    if (exec.again && exec.status === 'RUNNING') {
      exec.again = false;
      void this.invoke(exec).catch(() => undefined);
    }
    const payload = exec.status === 'SUCCEEDED' ? Buffer.from(exec.result ?? '') : exec.status === 'FAILED' && !out.functionError ? Buffer.from(JSON.stringify(exec.error ?? {})) : out.payload;
    return { payload, functionError: out.functionError ?? (exec.status === 'FAILED' ? 'Unhandled' : undefined) };
  }

  /** CheckpointDurableExecution: the token must be the current one; updates apply in order, all or none. */
  checkpoint(arn: string, token: string, updates: Parameters<typeof applyUpdate>[1][]): { token: string; operations: Operation[] } {
    const exec = this.get(arn);
    if (token !== exec.token) throw invalidParameter('Invalid checkpoint token.');
    if (exec.status !== 'RUNNING') throw invalidParameter(`Durable execution ${arn} is not running (${exec.status}).`);
    // Validate on a copy so a bad update leaves nothing half-applied.
    const trial = structuredClone(exec);
    Object.setPrototypeOf(trial, DurableExecution.prototype);
    for (const u of updates) applyUpdate(trial, u);
    const touched = new Set(exec.changed);
    for (const u of updates) {
      const { scheduled, callbackId } = applyUpdate(exec, u);
      touched.add(u.Id);
      if (callbackId) this.callbacks.set(callbackId, { arn, opId: u.Id });
      if (scheduled) this.arm(exec, scheduled, () => fire(exec, scheduled) && this.resume(exec));
    }
    exec.changed.clear();
    const operations = [...touched].map((id) => exec.operations.get(id)).filter((op): op is DurableOperation => op !== undefined).map(view);
    return { token: exec.newToken(), operations };
  }

  /** The callback an id names, for SendDurableExecutionCallback*. */
  callback(callbackId: string): { exec: DurableExecution; op: DurableOperation } {
    const ref = this.callbacks.get(callbackId);
    const exec = ref && this.byArn.get(ref.arn);
    const op = ref && exec?.operations.get(ref.opId);
    if (!exec || !op) throw invalidParameter(`Callback ${callbackId} does not exist.`);
    return { exec, op };
  }

  completeCallback(callbackId: string, outcome: { result?: string; error?: ErrorObject }): void {
    const { exec, op } = this.callback(callbackId);
    completeCallback(exec, op, outcome);
    this.resume(exec);
  }

  stop(arn: string, error: ErrorObject | undefined): Date {
    const exec = this.get(arn);
    if (exec.status !== 'RUNNING') throw invalidParameter(`Durable execution ${arn} is not running (${exec.status}).`);
    exec.finish('STOPPED', { error: error ?? {} });
    return exec.endedAt as Date;
  }

  /** Invokes a waiting execution again (after a timer or callback). */
  private resume(exec: DurableExecution): boolean {
    if (exec.status === 'RUNNING') void this.invoke(exec).catch(() => undefined);
    return true;
  }

  private arm(exec: DurableExecution, s: Scheduled, run: () => unknown): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (exec.status === 'RUNNING') run();
    }, Math.max(0, s.atMs - clock.now()));
    timer.unref?.();
    this.timers.add(timer);
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** An operation as the API answers it: members (and detail members) left unset are left out. */
export function view(op: DurableOperation): Operation {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(op)) {
    if (v === undefined) continue;
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      const inner: Record<string, unknown> = {};
      for (const [ik, iv] of Object.entries(v)) if (iv !== undefined) inner[ik] = iv;
      out[k] = inner;
    } else out[k] = v;
  }
  return out as unknown as Operation;
}

function parse(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}
