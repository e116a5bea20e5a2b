/**
 * The Task state: resource kinds (a bare Lambda function ARN, an activity,
 * a service integration `arn:aws:states:::<service>:<action>[.pattern]`),
 * their history events as AWS names them, task tokens, TimeoutSeconds and
 * HeartbeatSeconds.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { Aborted, json, runtimeError, StatesError } from './errors';
import { invokeIntegration, invokeLambda, parseResource, type Resource } from './integrations';
import { evaluatePath } from './jsonpath';
import { argumentsOf, processResult, roots, type StateRun, statesBinding } from './machine';
import { evaluateJsonata, isJsonataExpression } from './templates';

const newToken = () => randomBytes(96).toString('base64url');

export async function runTask(run: StateRun): Promise<unknown> {
  const { host, state } = run;
  const res = parseResource(state.Resource as string);
  if ((res.kind === 'integration' && res.pattern === 'waitForTaskToken') || res.kind === 'activity') run.token = newToken();
  const timeout = await seconds(run, 'TimeoutSeconds');
  const heartbeat = await seconds(run, 'HeartbeatSeconds');
  const args = await argumentsOf(run);
  const deadline = timeout === undefined ? undefined : clock.now() + timeout * 1000;
  const names = eventNames(res);
  const base = res.kind === 'integration' ? { resourceType: res.resourceType, resource: res.resource } : { resourceType: 'lambda', resource: res.arn };
  const scheduled: Record<string, unknown> =
    res.kind === 'integration'
      ? { ...base, region: host.region, parameters: json(args), ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}), ...(heartbeat !== undefined ? { heartbeatInSeconds: heartbeat } : {}) }
      : { resource: res.arn, input: json(args), ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}), ...(heartbeat !== undefined ? { heartbeatInSeconds: heartbeat } : {}) };
  host.rt.event(run.thread, names.scheduled, { [names.scheduledKey]: scheduled });
  try {
    let result: unknown;
    if (host.mock) {
      const { result: mocked, errorOutput } = host.mock;
      if (errorOutput) throw new StatesError(errorOutput.error ?? '', errorOutput.cause ?? '');
      result = JSON.parse(mocked ?? 'null');
    } else if (res.kind === 'activity') {
      result = await waitForToken(run, deadline, heartbeat, (started) =>
        host.scheduleActivity(res.arn, run.token as string, json(args), (worker) => {
          host.rt.event(run.thread, 'ActivityStarted', { activityStartedEventDetails: { workerName: worker } });
          started();
        }),
      );
    } else {
      if (res.kind === 'integration') host.rt.event(run.thread, 'TaskStarted', { taskStartedEventDetails: base });
      else host.rt.event(run.thread, 'LambdaFunctionStarted');
      if (res.kind === 'lambda') result = await invokeLambda(run, res.arn, args, true);
      else if (res.pattern === 'waitForTaskToken') {
        const submitted = await invokeIntegration(run, res, args);
        host.rt.event(run.thread, 'TaskSubmitted', { taskSubmittedEventDetails: { ...base, output: json(submitted) } });
        result = await waitForToken(run, deadline, heartbeat);
      } else {
        result = await invokeIntegration(run, res, args, deadline);
      }
      if (deadline !== undefined && clock.now() > deadline) throw new StatesError('States.Timeout', '');
    }
    host.rt.event(run.thread, names.succeeded, { [names.succeededKey]: { ...(res.kind === 'integration' ? base : {}), output: json(result) } });
    return await processResult(run, result);
  } catch (err) {
    if (err instanceof Aborted) throw err;
    const e = err instanceof StatesError ? err : new StatesError('States.TaskFailed', String((err as Error)?.message ?? err));
    if (!host.rt.history.some((h) => h.id === run.thread.last && h.type === names.succeeded)) {
      const timedOut = e.error === 'States.Timeout' || e.error === 'States.HeartbeatTimeout';
      const type = timedOut ? names.timedOut : names.failed;
      host.rt.event(run.thread, type, { [timedOut ? names.timedOutKey : names.failedKey]: { ...(res.kind === 'integration' ? base : {}), error: e.error, cause: e.cause } });
    }
    throw e;
  }
}

function eventNames(res: Resource) {
  const prefix = res.kind === 'activity' ? 'Activity' : res.kind === 'lambda' ? 'LambdaFunction' : 'Task';
  const key = res.kind === 'activity' ? 'activity' : res.kind === 'lambda' ? 'lambdaFunction' : 'task';
  return {
    scheduled: `${prefix}Scheduled`,
    scheduledKey: `${key}ScheduledEventDetails`,
    succeeded: `${prefix}Succeeded`,
    succeededKey: `${key}SucceededEventDetails`,
    failed: `${prefix}Failed`,
    failedKey: `${key}FailedEventDetails`,
    timedOut: `${prefix}TimedOut`,
    timedOutKey: `${key}TimedOutEventDetails`,
  };
}

async function seconds(run: StateRun, field: 'TimeoutSeconds' | 'HeartbeatSeconds'): Promise<number | undefined> {
  const { state } = run;
  let v: unknown = state[field];
  if (run.ql === 'JSONata' && isJsonataExpression(v)) v = await evaluateJsonata(v, statesBinding(run), field);
  else if (state[`${field}Path`] !== undefined) v = evaluatePath(state[`${field}Path`], roots(run, run.input), `${field}Path`);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw runtimeError(`The value of ${field} must be a positive integer, got ${json(v)}`);
  return v;
}

/**
 * Suspends until SendTaskSuccess / SendTaskFailure for the run's token, the
 * state's timeout, or a heartbeat that does not come in time.
 */
function waitForToken(run: StateRun, deadline: number | undefined, heartbeat: number | undefined, schedule?: (started: () => void) => () => void): Promise<unknown> {
  const { host } = run;
  const token = run.token as string;
  return host.rt.suspend<unknown>(run.thread.signal, (resume, fail) => {
    const timers: Array<{ cancel(): void }> = [];
    let beat: { cancel(): void } | undefined;
    const arm = () => {
      beat?.cancel();
      if (heartbeat !== undefined) beat = host.rt.wake(() => fail(new StatesError('States.HeartbeatTimeout', '')), clock.now() + heartbeat * 1000);
    };
    if (deadline !== undefined) timers.push(host.rt.wake(() => fail(new StatesError('States.Timeout', '')), deadline));
    const unregister = host.registerToken(token, {
      resume: (output) => host.rt.wake(() => resume(output)),
      fail: (error, cause) => host.rt.wake(() => fail(new StatesError(error, cause))),
      heartbeat: arm,
    });
    // activities' heartbeat clock starts when a worker takes the task
    const withdraw = schedule?.(arm);
    if (!schedule) arm();
    return () => {
      for (const t of timers) t.cancel();
      beat?.cancel();
      unregister();
      withdraw?.();
    };
  });
}
