/**
 * Durable executions: an Invoke of a function whose version has a DurableConfig
 * starts an execution (ARN `<function-arn>:<version>/durable-execution/<name>/<id>`)
 * that lives across invocations. Its state is what the API reference documents:
 * status (RUNNING → SUCCEEDED | FAILED | TIMED_OUT | STOPPED), operations
 * (EXECUTION, STEP, WAIT, CALLBACK, CONTEXT, CHAINED_INVOKE) changed by
 * CheckpointDurableExecution updates, the history events, and checkpoint tokens
 * (each checkpoint consumes the current token and hands out the next).
 *
 * Each invocation gets the durable SDK's input envelope
 * `{ DurableExecutionArn, CheckpointToken, InitialExecutionState: { Operations, NextMarker } }`
 * and answers `{ Status: SUCCEEDED | FAILED | PENDING, Result?, Error? }`. A
 * PENDING execution is invoked again when what it waits on completes: a WAIT's
 * timer, a step's retry delay, a callback sent with
 * SendDurableExecutionCallbackSuccess/Failure or its timeout. Timers are the
 * global ones (jest fake timers drive them), seconds as seconds.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { ErrorObject, Operation, OperationUpdate } from '../types';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'STOPPED';

/** One operation, in the API's Operation shape (timestamps as Dates). */
export type DurableOperation = Operation;

export type HistoryEvent = Record<string, unknown> & { EventType: string; EventId: number; EventTimestamp: Date };

export class DurableExecution {
  status: ExecutionStatus = 'RUNNING';
  endedAt?: Date;
  result?: string;
  error?: ErrorObject;
  readonly operations = new Map<string, DurableOperation>();
  readonly events: HistoryEvent[] = [];
  /** The token the next checkpoint must present. */
  token = '';
  /** Operations changed by work outside a checkpoint (timers, callbacks) since the last one. */
  readonly changed = new Set<string>();
  /** An invocation is running; `again` asks for one more after it. */
  running = false;
  again = false;

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly functionName: string,
    /** The qualifier invoked ($LATEST, a version, an alias). */
    readonly qualifier: string | undefined,
    /** The version that runs every replay. */
    readonly version: string,
    readonly functionArn: string,
    readonly input: string,
    readonly startedAt: Date,
    readonly timeoutSeconds: number,
  ) {}

  event(type: string, op: DurableOperation | undefined, details?: Record<string, unknown>): void {
    const e: HistoryEvent = { EventType: type, EventId: this.events.length + 1, EventTimestamp: new Date(clock.now()) };
    if (op) {
      e.Id = op.Id;
      if (op.Name) e.Name = op.Name;
      if (op.SubType) e.SubType = op.SubType;
      if (op.ParentId) e.ParentId = op.ParentId;
    }
    if (details) e[`${type}Details`] = details;
    this.events.push(e);
  }

  /** Ends the execution (once). */
  finish(status: Exclude<ExecutionStatus, 'RUNNING'>, outcome: { result?: string; error?: ErrorObject }): void {
    if (this.status !== 'RUNNING') return;
    this.status = status;
    this.endedAt = new Date(clock.now());
    this.result = outcome.result;
    this.error = outcome.error;
    const root = this.operations.get(this.rootId);
    if (root) {
      root.Status = status === 'SUCCEEDED' ? 'SUCCEEDED' : status === 'STOPPED' ? 'STOPPED' : status === 'TIMED_OUT' ? 'TIMED_OUT' : 'FAILED';
      root.EndTimestamp = this.endedAt;
    }
    const error = { Payload: outcome.error ?? {} };
    if (status === 'SUCCEEDED') this.event('ExecutionSucceeded', root, { Result: { Payload: outcome.result ?? '' } });
    else if (status === 'FAILED') this.event('ExecutionFailed', root, { Error: error });
    else if (status === 'TIMED_OUT') this.event('ExecutionTimedOut', root, { Error: error });
    else this.event('ExecutionStopped', root, { Error: error });
  }

  get rootId(): string {
    return this.arn.slice(this.arn.lastIndexOf('/') + 1);
  }

  newToken(): string {
    this.token = randomBytes(24).toString('base64');
    return this.token;
  }
}

/** What an update's options schedule: a wait's end, a step's retry, a callback's timeout. */
export type Scheduled = { op: DurableOperation; atMs: number; kind: 'wait' | 'retry' | 'callback-timeout' };

const START_EVENT: Record<string, string> = {
  STEP: 'StepStarted',
  WAIT: 'WaitStarted',
  CALLBACK: 'CallbackStarted',
  CONTEXT: 'ContextStarted',
  CHAINED_INVOKE: 'ChainedInvokeStarted',
};

function sameOrUnset(op: DurableOperation, u: OperationUpdate): void {
  if (op.Type !== u.Type) throw invalidParameter(`Operation ${u.Id} is of type ${op.Type}, not ${u.Type}.`);
}

/**
 * Applies one checkpoint update to an execution. Returns what it scheduled and
 * the callback id it created, for the backend to arm and index.
 */
export function applyUpdate(exec: DurableExecution, u: OperationUpdate): { scheduled?: Scheduled; callbackId?: string } {
  const now = clock.now();
  const at = new Date(now);
  const existing = exec.operations.get(u.Id);
  if (u.Type === 'EXECUTION') {
    if (u.Action === 'SUCCEED') exec.finish('SUCCEEDED', { result: u.Payload ?? '' });
    else if (u.Action === 'FAIL') exec.finish('FAILED', { error: u.Error ?? {} });
    else throw invalidParameter(`Action ${u.Action} is not valid for an operation of type EXECUTION.`);
    return {};
  }
  if (u.Action === 'START') {
    if (existing) throw invalidParameter(`Operation ${u.Id} has already started.`);
    const op: DurableOperation = { Id: u.Id, Type: u.Type, StartTimestamp: at, Status: 'STARTED' };
    if (u.ParentId) op.ParentId = u.ParentId;
    if (u.Name) op.Name = u.Name;
    if (u.SubType) op.SubType = u.SubType;
    exec.operations.set(u.Id, op);
    if (u.Type === 'STEP') {
      op.StepDetails = { Attempt: 1 };
      exec.event('StepStarted', op, {});
    } else if (u.Type === 'CONTEXT') {
      op.ContextDetails = { ReplayChildren: u.ContextOptions?.ReplayChildren };
      exec.event('ContextStarted', op, {});
    } else if (u.Type === 'WAIT') {
      const seconds = u.WaitOptions?.WaitSeconds;
      if (seconds === undefined) throw invalidParameter('WaitOptions.WaitSeconds is required to start a WAIT operation.');
      const end = now + seconds * 1000;
      op.WaitDetails = { ScheduledEndTimestamp: new Date(end) };
      exec.event('WaitStarted', op, { Duration: seconds, ScheduledEndTimestamp: new Date(end) });
      return { scheduled: { op, atMs: end, kind: 'wait' } };
    } else if (u.Type === 'CALLBACK') {
      const callbackId = randomBytes(32).toString('base64');
      op.CallbackDetails = { CallbackId: callbackId };
      const timeout = u.CallbackOptions?.TimeoutSeconds ?? 0;
      exec.event('CallbackStarted', op, { CallbackId: callbackId, Timeout: timeout, HeartbeatTimeout: u.CallbackOptions?.HeartbeatTimeoutSeconds ?? 0 });
      return { callbackId, scheduled: timeout > 0 ? { op, atMs: now + timeout * 1000, kind: 'callback-timeout' } : undefined };
    } else {
      op.ChainedInvokeDetails = {};
      exec.event(START_EVENT[u.Type] ?? 'ChainedInvokeStarted', op, { FunctionName: u.ChainedInvokeOptions?.FunctionName ?? '' });
    }
    return {};
  }
  if (!existing) throw invalidParameter(`Operation ${u.Id} has not started.`);
  sameOrUnset(existing, u);
  if (existing.EndTimestamp) throw invalidParameter(`Operation ${u.Id} has already completed.`);
  const op = existing;
  const retry = { CurrentAttempt: op.StepDetails?.Attempt ?? 1 };
  switch (u.Action) {
    case 'SUCCEED':
      op.Status = 'SUCCEEDED';
      op.EndTimestamp = at;
      if (op.Type === 'STEP') op.StepDetails = { ...op.StepDetails, Result: u.Payload, NextAttemptTimestamp: undefined };
      else if (op.Type === 'CONTEXT') op.ContextDetails = { ...op.ContextDetails, Result: u.Payload };
      else if (op.Type === 'CHAINED_INVOKE') op.ChainedInvokeDetails = { Result: u.Payload };
      else if (op.Type === 'WAIT') {
        exec.event('WaitSucceeded', op, {});
        return {};
      } else throw invalidParameter(`Action SUCCEED is not valid for an operation of type ${op.Type}.`);
      exec.event(`${op.Type === 'STEP' ? 'Step' : op.Type === 'CONTEXT' ? 'Context' : 'ChainedInvoke'}Succeeded`, op, {
        Result: { Payload: u.Payload ?? '' },
        ...(op.Type === 'STEP' ? { RetryDetails: retry } : {}),
      });
      return {};
    case 'FAIL':
      op.Status = 'FAILED';
      op.EndTimestamp = at;
      if (op.Type === 'STEP') op.StepDetails = { ...op.StepDetails, Error: u.Error, NextAttemptTimestamp: undefined };
      else if (op.Type === 'CONTEXT') op.ContextDetails = { ...op.ContextDetails, Error: u.Error };
      else if (op.Type === 'CHAINED_INVOKE') op.ChainedInvokeDetails = { Error: u.Error };
      else throw invalidParameter(`Action FAIL is not valid for an operation of type ${op.Type}.`);
      exec.event(`${op.Type === 'STEP' ? 'Step' : op.Type === 'CONTEXT' ? 'Context' : 'ChainedInvoke'}Failed`, op, {
        Error: { Payload: u.Error ?? {} },
        ...(op.Type === 'STEP' ? { RetryDetails: retry } : {}),
      });
      return {};
    case 'RETRY': {
      if (op.Type !== 'STEP') throw invalidParameter(`Action RETRY is not valid for an operation of type ${op.Type}.`);
      const delay = u.StepOptions?.NextAttemptDelaySeconds ?? 1;
      const next = now + delay * 1000;
      op.Status = 'PENDING';
      op.StepDetails = { ...op.StepDetails, Error: u.Error, NextAttemptTimestamp: new Date(next) };
      exec.event('StepFailed', op, { Error: { Payload: u.Error ?? {} }, RetryDetails: { CurrentAttempt: retry.CurrentAttempt, NextAttemptDelaySeconds: delay } });
      return { scheduled: { op, atMs: next, kind: 'retry' } };
    }
    case 'CANCEL':
      op.Status = 'CANCELLED';
      op.EndTimestamp = at;
      if (op.Type === 'WAIT') exec.event('WaitCancelled', op, { Error: { Payload: u.Error ?? {} } });
      return {};
    default:
      throw invalidParameter(`Action ${u.Action} is not valid for an operation of type ${op.Type}.`);
  }
}

/** A scheduled moment arrived: the operation moves on; true when the execution should be invoked again. */
export function fire(exec: DurableExecution, s: Scheduled): boolean {
  const op = s.op;
  if (exec.status !== 'RUNNING' || op.EndTimestamp || (s.kind === 'retry' && op.Status !== 'PENDING')) return false;
  const at = new Date(clock.now());
  if (s.kind === 'wait') {
    op.Status = 'SUCCEEDED';
    op.EndTimestamp = at;
    exec.event('WaitSucceeded', op, { Duration: Math.round((s.atMs - op.StartTimestamp.getTime()) / 1000) });
  } else if (s.kind === 'retry') {
    op.Status = 'READY';
    op.StepDetails = { ...op.StepDetails, Attempt: (op.StepDetails?.Attempt ?? 1) + 1, NextAttemptTimestamp: undefined };
  } else {
    op.Status = 'TIMED_OUT';
    op.EndTimestamp = at;
    op.CallbackDetails = { ...op.CallbackDetails, Error: { ErrorType: 'Callback.Timeout', ErrorMessage: 'Callback timed out' } };
    exec.event('CallbackTimedOut', op, { Error: { Payload: op.CallbackDetails.Error } });
  }
  exec.changed.add(op.Id);
  return true;
}

/** A callback completed by SendDurableExecutionCallbackSuccess/Failure. */
export function completeCallback(exec: DurableExecution, op: DurableOperation, outcome: { result?: string; error?: ErrorObject }): void {
  if (op.EndTimestamp || exec.status !== 'RUNNING') throw callbackClosed(op.CallbackDetails?.CallbackId ?? '');
  op.EndTimestamp = new Date(clock.now());
  if (outcome.error) {
    op.Status = 'FAILED';
    op.CallbackDetails = { ...op.CallbackDetails, Error: outcome.error };
    exec.event('CallbackFailed', op, { Error: { Payload: outcome.error } });
  } else {
    op.Status = 'SUCCEEDED';
    op.CallbackDetails = { ...op.CallbackDetails, Result: outcome.result ?? '' };
    exec.event('CallbackSucceeded', op, { Result: { Payload: outcome.result ?? '' } });
  }
  exec.changed.add(op.Id);
}

/** A callback that completed, timed out, or whose execution ended. */
export function callbackClosed(callbackId: string): AwsError {
  return new AwsError('CallbackTimeoutException', `The callback ${callbackId} is no longer open.`, { fields: { Type: 'User' } });
}

export function executionNotFound(arn: string): AwsError {
  return resourceNotFound(`Durable execution not found: ${arn}`);
}

export const newExecutionId = (): string => randomUUID();
