/**
 * TestState: one state run on its own, as the console's "test state" runs
 * it — once (a retrier that would retry makes it RETRIABLE, a catcher that
 * takes the error CAUGHT_ERROR), without waiting (Wait states), with a mock
 * result or error for Task states when given, and the inspection data of
 * each processing step at DEBUG and TRACE levels.
 */
import { clock } from '../../../src/core/clock';
import { invalidDefinition, validation } from '../exceptions';
import { describeDiagnostics, parseDefinition } from '../interpreter/definition';
import { Aborted, StatesError } from '../interpreter/errors';
import type { ExecutionHost } from '../interpreter/host';
import { FailState, type QL, Retriable, runState } from '../interpreter/machine';
import { Runtime } from '../interpreter/runtime';
import type * as T from '../types';
import type { Ctx } from './common';

function parseJson(text: string | undefined, field: string, fallback: unknown): unknown {
  if (text === undefined) return fallback;
  try {
    return JSON.parse(text);
  } catch {
    throw validation(`Invalid JSON in the field '${field}'`);
  }
}

export async function testState(input: T.TestStateInput, ctx: Ctx): Promise<T.TestStateOutput> {
  const raw = parseJson(input.definition, 'definition', undefined) as Record<string, any> | undefined;
  if (!raw || typeof raw !== 'object') throw invalidDefinition("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: the definition must be a JSON object'");
  // a lone state is checked as the only state of a machine; a whole machine needs stateName
  const machine = input.stateName !== undefined ? raw : { StartAt: 'TestState', States: { TestState: raw } };
  const name = input.stateName ?? 'TestState';
  const { def, diagnostics } = parseDefinition(JSON.stringify(input.stateName !== undefined ? machine : { ...machine, States: { TestState: raw, ...placeholders(raw) } }));
  if (!def) throw invalidDefinition(describeDiagnostics(diagnostics));
  const state = (machine.States as Record<string, any>)[name];
  if (!state) throw validation(`State '${name}' does not exist in the definition`);
  const waits = state.Type === 'Task' && (String(state.Resource).includes(':activity:') || String(state.Resource).endsWith('.waitForTaskToken'));
  if (waits && !input.mock) throw validation('mockaws: TestState needs a mock for a Task that waits for a task token or an activity worker');
  const level = input.inspectionLevel ?? 'INFO';
  const inspection: Record<string, string> = {};
  const rt = new Runtime(ctx.backends);
  const context = parseJson(input.context, 'context', {}) as Record<string, any>;
  const host: ExecutionHost = {
    rt,
    account: ctx.account,
    region: ctx.region,
    backends: ctx.backends,
    signal: rt.root,
    context: {
      Execution: { Id: `arn:aws:states:${ctx.region}:${ctx.account}:execution:TestState:test`, Name: 'test', RoleArn: input.roleArn, StartTime: clock.date().toISOString(), ...(context.Execution ?? {}) },
      StateMachine: { Id: `arn:aws:states:${ctx.region}:${ctx.account}:stateMachine:TestState`, Name: 'TestState', ...(context.StateMachine ?? {}) },
    },
    registerToken: () => () => undefined,
    scheduleActivity: () => () => undefined,
    startExecution: async (params) => {
      const exec = ctx.backend.startExecution(String(params.StateMachineArn ?? ''), { name: params.Name as string | undefined, input: params.Input as string | undefined });
      return { ExecutionArn: exec.arn, StartDate: exec.startDate };
    },
    singleAttempt: true,
    mock: input.mock,
    inspect: (step, value) => {
      inspection[step] = JSON.stringify(value);
    },
  };
  const data = parseJson(input.input, 'input', {});
  const variables = parseJson(input.variables, 'variables', {}) as Record<string, unknown>;
  const thread = { last: 0, signal: rt.root, variables: new Map(Object.entries(variables ?? {})) };
  const ql = ((state.QueryLanguage ?? (machine as Record<string, any>).QueryLanguage ?? 'JSONPath') as QL);
  const inspectionData = (): T.InspectionData | undefined => (level === 'INFO' ? undefined : { input: JSON.stringify(data), ...inspection, variables: JSON.stringify(Object.fromEntries(thread.variables)) });
  try {
    const out = await runState(host, name, state, data, thread, ql);
    const next = out.next;
    if (out.caught) return { status: 'CAUGHT_ERROR', output: JSON.stringify(out.output), error: out.caught.error, cause: out.caught.cause, nextState: next, inspectionData: inspectionData() };
    return { status: 'SUCCEEDED', output: JSON.stringify(out.output), nextState: next, inspectionData: inspectionData() };
  } catch (err) {
    if (err instanceof Retriable) return { status: 'RETRIABLE', error: err.failure.error, cause: err.failure.cause, inspectionData: inspectionData() };
    if (err instanceof Aborted) throw err;
    const e = err instanceof StatesError || err instanceof FailState ? err : new StatesError('States.Runtime', String((err as Error)?.message ?? err));
    return { status: 'FAILED', error: e.error, cause: e.cause, inspectionData: inspectionData() };
  } finally {
    rt.end();
  }
}

/** A lone state's transitions lead to states the definition check must find: stand-ins for them. */
function placeholders(state: Record<string, any>): Record<string, unknown> {
  const targets = [state.Next, state.Default, ...(Array.isArray(state.Choices) ? state.Choices.map((c: { Next?: string }) => c?.Next) : []), ...(Array.isArray(state.Catch) ? state.Catch.map((c: { Next?: string }) => c?.Next) : [])];
  return Object.fromEntries(targets.filter((t): t is string => typeof t === 'string' && t !== 'TestState').map((t) => [t, { Type: 'Succeed' }]));
}
