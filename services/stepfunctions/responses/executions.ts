/** Executions: start (asynchronous and synchronous), describe, list, stop, history, redrive. */
import { clock } from '../../../src/core/clock';
import { invalidArn, notRedrivable, typeNotSupported, validation } from '../exceptions';
import { describeExecution } from '../models/backend';
import type { Execution } from '../models/resources';
import { abort } from '../models/run';
import type * as T from '../types';
import { checkName, type Ctx, page } from './common';

export function startExecution(input: T.StartExecutionInput, ctx: Ctx): T.StartExecutionOutput {
  if (input.name !== undefined) checkName(input.name);
  const exec = ctx.backend.startExecution(input.stateMachineArn, { name: input.name, input: input.input, traceHeader: input.traceHeader });
  return { executionArn: exec.arn, startDate: exec.startDate };
}

export async function startSyncExecution(input: T.StartSyncExecutionInput, ctx: Ctx): Promise<T.StartSyncExecutionOutput> {
  if (input.name !== undefined) checkName(input.name);
  const { machine } = ctx.backend.resolve(input.stateMachineArn);
  if (machine.type !== 'EXPRESS') throw typeNotSupported('This operation is not supported by this type of state machine');
  const exec = ctx.backend.startExecution(input.stateMachineArn, { name: input.name, input: input.input, traceHeader: input.traceHeader });
  await ctx.backend.finished(exec);
  const ms = (exec.stopDate?.getTime() ?? clock.now()) - exec.startDate.getTime();
  // the serializer keeps the members StartSyncExecution's output has
  return {
    ...(describeExecution(exec) as unknown as T.StartSyncExecutionOutput),
    // billed in 100 ms steps, at the smallest memory size
    billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil(ms / 100) * 100) },
  };
}

function standardOnly(e: Execution): void {
  if (e.type === 'EXPRESS') throw typeNotSupported('This operation is not supported by this type of state machine');
}

export function describeExecution_(input: T.DescribeExecutionInput, ctx: Ctx): T.DescribeExecutionOutput {
  const e = ctx.backend.execution(input.executionArn);
  standardOnly(e);
  return describeExecution(e) as unknown as T.DescribeExecutionOutput;
}

export function listExecutions(input: T.ListExecutionsInput, ctx: Ctx): T.ListExecutionsOutput {
  if (input.stateMachineArn === undefined && input.mapRunArn === undefined) throw validation('Must provide a StateMachine ARN or MapRun ARN');
  if (input.stateMachineArn === undefined) {
    ctx.backend.mapRun(input.mapRunArn as string);
    throw validation("mockaws runs a distributed Map's iterations inside the parent execution: a map run has no child executions to list");
  }
  const { machine, version, alias } = ctx.backend.resolve(input.stateMachineArn);
  if (machine.type === 'EXPRESS') throw typeNotSupported('This operation is not supported by this type of state machine');
  const picked = (e: Execution) =>
    (!alias || e.aliasArn === alias.arn) &&
    (!version || alias || e.versionArn === version.arn) &&
    (!input.statusFilter || e.status === input.statusFilter) &&
    (!input.redriveFilter || (input.redriveFilter === 'REDRIVEN') === e.redriveCount > 0);
  const all = machine.executions.filter(picked).reverse();
  const { out, nextToken } = page(all, input.nextToken, input.maxResults);
  return {
    executions: out.map((e) => ({
      executionArn: e.arn,
      stateMachineArn: machine.arn,
      name: e.name,
      status: e.status,
      startDate: e.startDate,
      stopDate: e.stopDate,
      stateMachineVersionArn: e.versionArn,
      stateMachineAliasArn: e.aliasArn,
      redriveCount: e.redriveCount,
      redriveDate: e.redriveDate,
    })),
    nextToken,
  };
}

export function stopExecution(input: T.StopExecutionInput, ctx: Ctx): T.StopExecutionOutput {
  const e = ctx.backend.execution(input.executionArn);
  standardOnly(e);
  if (e.status === 'RUNNING') abort(e, input.error, input.cause);
  return { stopDate: e.stopDate ?? clock.date() };
}

export function getExecutionHistory(input: T.GetExecutionHistoryInput, ctx: Ctx): T.GetExecutionHistoryOutput {
  const e = ctx.backend.execution(input.executionArn);
  standardOnly(e);
  const events = input.reverseOrder ? [...e.rt.history].reverse() : e.rt.history;
  const { out, nextToken } = page(events, input.nextToken, input.maxResults);
  const withData = input.includeExecutionData !== false;
  return { events: withData ? out : out.map(stripData), nextToken };
}

function stripData(event: T.HistoryEvent): T.HistoryEvent {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) {
    if (k.endsWith('EventDetails') && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v).filter(([f]) => !['input', 'output', 'parameters'].includes(f)));
    } else out[k] = v;
  }
  return out as unknown as T.HistoryEvent;
}

export function redriveExecution(input: T.RedriveExecutionInput, ctx: Ctx): T.RedriveExecutionOutput {
  const e = ctx.backend.execution(input.executionArn);
  if (e.type === 'EXPRESS') throw notRedrivable(`Execution is not redrivable: express executions cannot be redriven: '${e.arn}'`);
  if (e.status === 'RUNNING' || e.status === 'SUCCEEDED') throw notRedrivable(`Execution is RUNNING or SUCCEEDED and cannot be redriven: '${e.arn}'`);
  if (!e.arn.includes(':execution:')) throw invalidArn(e.arn);
  const redrive = ctx.backend.redrive(e);
  return { redriveDate: redrive };
}
