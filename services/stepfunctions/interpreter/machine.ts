/**
 * Running a state machine (the workflow, a Parallel branch or a Map
 * iteration): one state after another, each with its input and output
 * processing in the query language it uses, Retry and Catch, and the
 * history events AWS logs for it.
 */
import { clock } from '../../../src/core/clock';
import { matches } from './choice';
import type { MachineDef, StateDef } from './definition';
import { Aborted, json, queryFailure, runtimeError, StatesError } from './errors';
import type { ExecutionHost } from './host';
import { evaluatePath, type Roots, setPath } from './jsonpath';
import { asStatesError, type Catcher, errorMatches, type Retrier, retryDelay } from './recovery';
import type { Thread } from './runtime';
import { runMap, runParallel } from './branches';
import { runTask } from './task';
import { dynamicValue, evaluateJsonata, expectType, isJsonataExpression, jsonataTemplate, payloadTemplate } from './templates';

export type QL = 'JSONPath' | 'JSONata';

/** 256 KiB: the most a state may pass on. */
const MAX_PAYLOAD = 262_144;

/** Everything a state needs while it runs. */
export interface StateRun {
  host: ExecutionHost;
  thread: Thread;
  name: string;
  state: StateDef;
  ql: QL;
  /** The state's raw input. */
  input: unknown;
  enteredTime: string;
  retryCount: number;
  token?: string;
}

export function contextObject(run: StateRun): Record<string, unknown> {
  const ctx: Record<string, unknown> = {
    ...run.host.context,
    State: { EnteredTime: run.enteredTime, Name: run.name, RetryCount: run.retryCount },
  };
  if (run.token) ctx.Task = { Token: run.token };
  if (run.thread.item) ctx.Map = { Item: run.thread.item };
  return ctx;
}

export function roots(run: StateRun, input: unknown): Roots {
  return { input, context: contextObject(run), variables: run.thread.variables };
}

export function statesBinding(run: StateRun, extra: Record<string, unknown> = {}): { states: Record<string, unknown>; variables: Map<string, unknown> } {
  return { states: { input: run.input, context: contextObject(run), ...extra }, variables: run.thread.variables };
}

/** Runs `def` from its StartAt on `input`; resolves to the output of its last state. */
export async function runMachine(host: ExecutionHost, def: MachineDef, input: unknown, thread: Thread, inherited: QL = 'JSONPath', startAt = def.StartAt): Promise<unknown> {
  const ql = def.QueryLanguage ?? inherited;
  let name = startAt;
  let data = input;
  for (;;) {
    if (thread.signal.aborted) throw new Aborted();
    const state = def.States[name];
    thread.at = { name, input: data };
    const out = await runState(host, name, state, data, thread, (state.QueryLanguage as QL | undefined) ?? ql);
    if (out.next === undefined) return out.output;
    name = out.next;
    data = out.output;
  }
}

export interface Outcome {
  output: unknown;
  next?: string;
  /** A catcher took the error (TestState's CAUGHT_ERROR). */
  caught?: StatesError;
}

/** TestState: the error a retrier would retry (the state is RETRIABLE). */
export class Retriable extends Error {
  constructor(readonly failure: StatesError) {
    super(failure.message);
  }
}

export async function runState(host: ExecutionHost, name: string, state: StateDef, input: unknown, thread: Thread, ql: QL): Promise<Outcome> {
  const type = state.Type as string;
  host.rt.event(thread, `${type}StateEntered`, { stateEnteredEventDetails: { name, input: json(input) } });
  const run: StateRun = { host, thread, name, state, ql, input, enteredTime: clock.date().toISOString(), retryCount: 0 };
  const next = state.End === true ? undefined : state.Next;
  let out: Outcome;
  switch (type) {
    case 'Pass':
      out = { output: await pass(run), next };
      break;
    case 'Wait':
      out = { output: await wait(run), next };
      break;
    case 'Choice':
      out = await choice(run);
      break;
    case 'Succeed':
      if (ql === 'JSONPath') run.input = effectiveInput(run);
      out = { output: await finish(run, run.input, undefined) };
      break;
    case 'Fail':
      throw await fail(run);
    default:
      out = await withRecovery(run, next);
  }
  const text = json(out.output);
  // a state's output is limited to 256 KiB of UTF-8; more fails the execution (not catchable)
  if (Buffer.byteLength(text) > MAX_PAYLOAD) throw new StatesError('States.DataLimitExceeded', `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`);
  host.rt.event(thread, `${type}StateExited`, { stateExitedEventDetails: { name, output: text } });
  return out;
}

// ---- input and output processing ----

/** InputPath (JSONPath): `null` gives {}. */
export function effectiveInput(run: StateRun): unknown {
  const p = run.state.InputPath;
  if (p === null) return {};
  return p === undefined ? run.input : evaluatePath(p, roots(run, run.input), 'InputPath');
}

/** Applies ResultPath and OutputPath (JSONPath) or Output (JSONata) to a result; applies Assign. */
export async function finish(run: StateRun, result: unknown, resultPresent: unknown = result, assignResult = result): Promise<unknown> {
  const { state } = run;
  if (run.ql === 'JSONata') {
    const binding = statesBinding(run, resultPresent === undefined ? {} : { result });
    const output = state.Output === undefined ? (resultPresent === undefined ? run.input : result) : await jsonataTemplate(state.Output, binding, 'Output');
    if (state.Assign !== undefined) await assign(run, state.Assign, binding);
    return output;
  }
  if (state.Assign !== undefined) assignJsonPath(run, state.Assign, assignResult);
  const merged = resultPresent === undefined ? run.input : setPath(run.input, state.ResultPath, result);
  run.host.inspect?.('afterResultPath', merged);
  const p = state.OutputPath;
  if (p === null) return {};
  return p === undefined ? merged : evaluatePath(p, roots(run, merged), 'OutputPath');
}

export async function assign(run: StateRun, template: unknown, binding: { states: Record<string, unknown>; variables: Map<string, unknown> }): Promise<void> {
  const values = (await jsonataTemplate(template, binding, 'Assign')) as Record<string, unknown>;
  for (const [k, v] of Object.entries(values ?? {})) run.thread.variables.set(k, v);
}

function assignJsonPath(run: StateRun, template: unknown, result: unknown): void {
  const values = payloadTemplate(template, roots(run, result), 'Assign') as Record<string, unknown>;
  for (const [k, v] of Object.entries(values ?? {})) run.thread.variables.set(k, v);
}

// ---- the simple states ----

async function pass(run: StateRun): Promise<unknown> {
  const { state } = run;
  if (run.ql === 'JSONata') return finish(run, run.input, undefined);
  const input = effectiveInput(run);
  const result = state.Result !== undefined ? state.Result : state.Parameters !== undefined ? payloadTemplate(state.Parameters, roots(run, input), 'Parameters') : input;
  return finish(run, result);
}

async function wait(run: StateRun): Promise<unknown> {
  const { state } = run;
  let until: number;
  if (run.ql === 'JSONata') {
    const binding = statesBinding(run);
    if (state.Seconds !== undefined) {
      const s = isJsonataExpression(state.Seconds) ? await evaluateJsonata(state.Seconds, binding, 'Seconds') : state.Seconds;
      expectType(s, typeof s === 'number' && s >= 0, 'Seconds', 'a non-negative number');
      until = clock.now() + (s as number) * 1000;
    } else {
      const t = isJsonataExpression(state.Timestamp) ? await evaluateJsonata(state.Timestamp, binding, 'Timestamp') : state.Timestamp;
      expectType(t, typeof t === 'string' && !Number.isNaN(Date.parse(t)), 'Timestamp', 'an ISO 8601 timestamp');
      until = Date.parse(t as string);
    }
  } else {
    const input = effectiveInput(run);
    const r = roots(run, input);
    if (state.Seconds !== undefined) until = clock.now() + state.Seconds * 1000;
    else if (state.Timestamp !== undefined) until = Date.parse(state.Timestamp);
    else if (state.SecondsPath !== undefined) {
      const s = evaluatePath(state.SecondsPath, r, 'SecondsPath');
      if (typeof s !== 'number' || s < 0) throw runtimeError(`The SecondsPath parameter does not reference a valid integer value: ${json(s)}`);
      until = clock.now() + s * 1000;
    } else {
      const t = evaluatePath(state.TimestampPath, r, 'TimestampPath');
      if (typeof t !== 'string' || Number.isNaN(Date.parse(t))) throw runtimeError(`The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${json(t)}`);
      until = Date.parse(t);
    }
    run.input = input;
  }
  if (until > clock.now() && !run.host.singleAttempt) await run.host.rt.sleepUntil(run.thread.signal, until);
  return finish(run, run.input, undefined);
}

async function choice(run: StateRun): Promise<Outcome> {
  const { state } = run;
  if (run.ql === 'JSONata') {
    const binding = statesBinding(run);
    for (const rule of state.Choices as Record<string, any>[]) {
      const ok = isJsonataExpression(rule.Condition) ? await evaluateJsonata(rule.Condition, binding, 'Condition') : rule.Condition;
      expectType(ok, typeof ok === 'boolean', 'Condition', 'a boolean');
      if (ok) return { output: await choiceOutput(run, rule, binding), next: rule.Next };
    }
    if (state.Default === undefined) throw new StatesError('States.NoChoiceMatched', `No Choice Rule matched in state '${run.name}'`);
    return { output: await choiceOutput(run, state, binding), next: state.Default };
  }
  const input = effectiveInput(run);
  const r = roots(run, input);
  for (const rule of state.Choices as Record<string, any>[]) {
    if (matches(rule, r)) {
      if (rule.Assign !== undefined) assignJsonPath(run, rule.Assign, input);
      return { output: await finish({ ...run, input }, input, undefined), next: rule.Next };
    }
  }
  if (state.Default === undefined) throw new StatesError('States.NoChoiceMatched', `No Choice Rule matched in state '${run.name}'`);
  return { output: await finish({ ...run, input }, input, undefined), next: state.Default };
}

async function choiceOutput(run: StateRun, rule: Record<string, any>, binding: { states: Record<string, unknown>; variables: Map<string, unknown> }): Promise<unknown> {
  const output = rule.Output !== undefined ? await jsonataTemplate(rule.Output, binding, 'Output') : run.state.Output !== undefined ? await jsonataTemplate(run.state.Output, binding, 'Output') : run.input;
  if (rule.Assign !== undefined) await assign(run, rule.Assign, binding);
  if (run.state.Assign !== undefined && rule !== run.state) await assign(run, run.state.Assign, binding);
  return output;
}

async function fail(run: StateRun): Promise<StatesError> {
  const { state } = run;
  let error = state.Error as unknown;
  let cause = state.Cause as unknown;
  if (run.ql === 'JSONata') {
    const binding = statesBinding(run);
    if (isJsonataExpression(error)) error = await evaluateJsonata(error, binding, 'Error');
    if (isJsonataExpression(cause)) cause = await evaluateJsonata(cause, binding, 'Cause');
  } else {
    const r = roots(run, run.input);
    if (state.ErrorPath !== undefined) error = dynamicValue(state.ErrorPath, r, 'ErrorPath');
    if (state.CausePath !== undefined) cause = dynamicValue(state.CausePath, r, 'CausePath');
  }
  if (error !== undefined && typeof error !== 'string') throw queryFailure(`The Error field must evaluate to a string, got '${json(error)}'`);
  if (cause !== undefined && typeof cause !== 'string') throw queryFailure(`The Cause field must evaluate to a string, got '${json(cause)}'`);
  return new FailState(error ?? '', cause ?? '');
}

/** A Fail state reached: ends the execution (or the branch) with its error; not retried nor caught by its own state. */
export class FailState extends StatesError {}


// ---- Task, Parallel, Map: retries and catchers ----

async function withRecovery(run: StateRun, next: string | undefined): Promise<Outcome> {
  const { state } = run;
  const retriers = (state.Retry ?? []) as Retrier[];
  const attempts = new Map<Retrier, number>();
  for (;;) {
    try {
      const output = await body(run);
      return { output, next };
    } catch (err) {
      if (err instanceof Aborted || err instanceof FailState || err instanceof Retriable) throw err;
      const e = asStatesError(err);
      const retrier = retriers.find((r) => errorMatches(r.ErrorEquals, e.error));
      if (retrier) {
        const n = attempts.get(retrier) ?? 0;
        const delay = retryDelay(retrier, n);
        if (delay !== undefined) {
          if (run.host.singleAttempt) throw new Retriable(e);
          attempts.set(retrier, n + 1);
          run.retryCount++;
          if (delay > 0) await run.host.rt.sleepUntil(run.thread.signal, clock.now() + delay);
          continue;
        }
      }
      const catcher = ((state.Catch ?? []) as Catcher[]).find((c) => errorMatches(c.ErrorEquals, e.error));
      if (!catcher) throw e;
      const errorOutput = { Error: e.error, Cause: e.cause };
      let output: unknown;
      if (run.ql === 'JSONata') {
        const binding = statesBinding(run, { errorOutput });
        output = catcher.Output === undefined ? errorOutput : await jsonataTemplate(catcher.Output, binding, 'Output');
        if (catcher.Assign !== undefined) await assign(run, catcher.Assign, binding);
      } else {
        if (catcher.Assign !== undefined) assignJsonPath(run, catcher.Assign, errorOutput);
        output = setPath(run.input, catcher.ResultPath, errorOutput);
      }
      return { output, next: catcher.Next, caught: e };
    }
  }
}

function body(run: StateRun): Promise<unknown> {
  switch (run.state.Type) {
    case 'Task':
      return runTask(run);
    case 'Parallel':
      return runParallel(run);
    default:
      return runMap(run);
  }
}

/** The result processing shared by Task, Parallel and Map: ResultSelector, then finish(). */
export async function processResult(run: StateRun, result: unknown): Promise<unknown> {
  run.host.inspect?.('result', result);
  if (run.ql === 'JSONata') return finish(run, result);
  const selected = run.state.ResultSelector !== undefined ? payloadTemplate(run.state.ResultSelector, roots(run, result), 'ResultSelector') : result;
  run.host.inspect?.('afterResultSelector', selected);
  return finish(run, selected);
}

/** The arguments of Task/Parallel/Map: Parameters on the effective input (JSONPath) or Arguments (JSONata). */
export async function argumentsOf(run: StateRun, field: 'Parameters' | 'ItemSelector' = 'Parameters'): Promise<unknown> {
  if (run.ql === 'JSONata') {
    const tpl = run.state.Arguments;
    return tpl === undefined ? run.input : jsonataTemplate(tpl, statesBinding(run), 'Arguments');
  }
  const input = effectiveInput(run);
  run.host.inspect?.('afterInputPath', input);
  const tpl = run.state[field];
  const out = tpl === undefined ? input : payloadTemplate(tpl, roots(run, input), field);
  run.host.inspect?.('afterParameters', out);
  return out;
}
