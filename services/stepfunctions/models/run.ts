/**
 * Driving one execution: its context object, the host the interpreter talks
 * to, the execution-level events (ExecutionStarted, ExecutionSucceeded,
 * ExecutionFailed, ExecutionTimedOut, ExecutionAborted), its TimeoutSeconds,
 * and the logging of its history to CloudWatch Logs.
 */
import { clock } from '../../../src/core/clock';
import { Aborted, StatesError } from '../interpreter/errors';
import type { ExecutionHost } from '../interpreter/host';
import { runMachine } from '../interpreter/machine';
import type { Thread } from '../interpreter/runtime';
import type { StepFunctionsBackend } from './backend';
import { logEvent } from './logging';
import type { Execution } from './resources';

export function contextOf(exec: Execution): ExecutionHost['context'] {
  return {
    Execution: {
      Id: exec.arn,
      Input: JSON.parse(exec.input),
      Name: exec.name,
      RoleArn: exec.revision.roleArn,
      StartTime: exec.startDate.toISOString(),
      RedriveCount: exec.redriveCount,
      ...(exec.redriveDate ? { RedriveTime: exec.redriveDate.toISOString() } : {}),
    },
    StateMachine: { Id: exec.machine.arn, Name: exec.machine.name },
  };
}

export function hostFor(backend: StepFunctionsBackend, exec: Execution): ExecutionHost {
  return {
    rt: exec.rt,
    account: backend.account,
    region: backend.region,
    backends: backend.backends,
    context: contextOf(exec),
    signal: exec.rt.root,
    registerToken: (token, waiter) => backend.registerToken(token, exec, waiter),
    scheduleActivity: (arn, token, input, started) => backend.queueActivityTask(arn, { token, input, started, live: () => exec.status === 'RUNNING' && backend.tokens.has(token) }),
    startExecution: (input, done) => backend.startChildExecution(input, done),
    startMapRun: (label, config) => backend.startMapRun(exec, label, config),
    recordTask: (task) => backend.recordTask(exec, task),
  };
}

/** Starts `exec` on the event loop: its first states run in a loop task, as everything after. */
export function launch(backend: StepFunctionsBackend, exec: Execution, redrive?: { from: Thread }): void {
  const { rt } = exec;
  const thread: Thread = redrive ? { ...redrive.from, last: rt.history.length, signal: rt.root } : { last: 0, signal: rt.root, variables: new Map() };
  exec.thread = thread;
  rt.onEvent = (e) => logEvent(backend, exec, e);
  if (redrive) rt.event(thread, 'ExecutionRedriven', { executionRedrivenEventDetails: { redriveCount: exec.redriveCount } });
  else rt.event(thread, 'ExecutionStarted', {
    executionStartedEventDetails: {
      input: exec.input,
      inputDetails: { truncated: false },
      roleArn: exec.revision.roleArn,
      ...(exec.aliasArn ? { stateMachineAliasArn: exec.aliasArn } : {}),
      ...(exec.versionArn ? { stateMachineVersionArn: exec.versionArn } : {}),
    },
  });
  const host = hostFor(backend, exec);
  const timeout = exec.revision.def.TimeoutSeconds;
  if (timeout !== undefined && !redrive) {
    rt.wake(
      () => {
        if (exec.status !== 'RUNNING') return;
        rt.event({ last: rt.history.length }, 'ExecutionTimedOut', { executionTimedOutEventDetails: { error: 'States.Timeout', cause: '' } });
        end(exec, 'TIMED_OUT', { error: 'States.Timeout', cause: '' });
      },
      exec.startDate.getTime() + timeout * 1000,
    );
  }
  rt.wake(() =>
    rt.start(async () => {
      try {
        const at = redrive?.from.at;
        const output = await runMachine(host, exec.revision.def, at ? at.input : JSON.parse(exec.input), thread, 'JSONPath', at?.name);
        if (exec.status !== 'RUNNING') return;
        const text = JSON.stringify(output);
        rt.event(thread, 'ExecutionSucceeded', { executionSucceededEventDetails: { output: text, outputDetails: { truncated: false } } });
        end(exec, 'SUCCEEDED', { output: text });
      } catch (err) {
        if (err instanceof Aborted || exec.status !== 'RUNNING') return;
        const e = err instanceof StatesError ? err : new StatesError('States.Runtime', String((err as Error)?.message ?? err));
        rt.event(thread, 'ExecutionFailed', { executionFailedEventDetails: { error: e.error, cause: e.cause } });
        end(exec, 'FAILED', { error: e.error, cause: e.cause });
      }
    }),
  );
}

export function end(exec: Execution, status: Execution['status'], result: { output?: string; error?: string; cause?: string }): void {
  exec.status = status;
  exec.stopDate = clock.date();
  exec.output = result.output;
  exec.error = result.error;
  exec.cause = result.cause;
  exec.rt.end();
  const listeners = exec.listeners.splice(0);
  for (const l of listeners) l();
}

/** StopExecution: ExecutionAborted with the caller's error and cause. */
export function abort(exec: Execution, error?: string, cause?: string): void {
  exec.rt.event({ last: exec.rt.history.length }, 'ExecutionAborted', { executionAbortedEventDetails: { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) } });
  end(exec, 'ABORTED', { error, cause });
}
