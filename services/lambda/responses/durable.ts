/**
 * Durable executions (models/durable.ts): reads, history, state, checkpoints,
 * callbacks and stop. Executions start through Invoke (responses/invoke.ts).
 */
import { view } from '../models/durable-executions';
import { callbackClosed, type DurableExecution } from '../models/durable';
import type {
  CheckpointDurableExecutionRequest,
  GetDurableExecutionHistoryRequest,
  GetDurableExecutionRequest,
  GetDurableExecutionStateRequest,
  ListDurableExecutionsByFunctionRequest,
  SendDurableExecutionCallbackFailureRequest,
  SendDurableExecutionCallbackHeartbeatRequest,
  SendDurableExecutionCallbackSuccessRequest,
  StopDurableExecutionRequest,
} from '../types';
import { invalidParameter } from '../exceptions';
import { type Ctx, page } from './common';

/** Lists take MaxItems 0..1000; 0 (or none) means the default of 100. */
function limit(maxItems: number | undefined): number {
  return maxItems === undefined || maxItems === 0 ? 100 : maxItems;
}

function summary(e: DurableExecution) {
  return {
    DurableExecutionArn: e.arn,
    DurableExecutionName: e.name,
    FunctionArn: e.functionArn,
    Status: e.status,
    StartTimestamp: e.startedAt,
    EndTimestamp: e.endedAt,
  };
}

export function getDurableExecution(input: GetDurableExecutionRequest, ctx: Ctx) {
  const e = ctx.backend.durable.get(input.DurableExecutionArn);
  return {
    ...summary(e),
    InputPayload: e.input,
    Result: e.status === 'SUCCEEDED' ? e.result : undefined,
    Error: e.status !== 'RUNNING' && e.status !== 'SUCCEEDED' ? e.error : undefined,
    Version: e.version,
  };
}

export function listDurableExecutionsByFunction(input: ListDurableExecutionsByFunctionRequest, ctx: Ctx) {
  const { fn, version } = ctx.backend.resolve(input.FunctionName, input.Qualifier);
  const statuses = input.Statuses ? new Set(input.Statuses) : undefined;
  const after = input.StartedAfter ? new Date(input.StartedAfter).getTime() : undefined;
  const before = input.StartedBefore ? new Date(input.StartedBefore).getTime() : undefined;
  const all = [...ctx.backend.durable.byArn.values()].filter(
    (e) =>
      e.functionName === fn.name &&
      e.version === version.version &&
      (input.DurableExecutionName === undefined || e.name === input.DurableExecutionName) &&
      (!statuses || statuses.has(e.status)) &&
      (after === undefined || e.startedAt.getTime() > after) &&
      (before === undefined || e.startedAt.getTime() < before),
  );
  // Started order (insertion), newest first when asked.
  if (input.ReverseOrder) all.reverse();
  const { items, next } = page(all, (e) => e.arn, input.Marker, limit(input.MaxItems), 1000);
  return { DurableExecutions: items.map(summary), NextMarker: next };
}

export function getDurableExecutionHistory(input: GetDurableExecutionHistoryRequest, ctx: Ctx) {
  const e = ctx.backend.durable.get(input.DurableExecutionArn);
  let events = e.events.map((ev) => (input.IncludeExecutionData === false ? withoutData(ev) : ev));
  if (input.ReverseOrder) events = [...events].reverse();
  const { items, next } = page(events, (ev) => String(ev.EventId).padStart(10, '0'), input.Marker, limit(input.MaxItems), 1000);
  return { Events: items, NextMarker: next };
}

/** IncludeExecutionData false: payloads (inputs, results, error payloads) are left out. */
function withoutData(ev: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ev)) {
    if (!k.endsWith('Details') || !v || typeof v !== 'object') out[k] = v;
    else out[k] = Object.fromEntries(Object.entries(v).filter(([dk]) => dk !== 'Input' && dk !== 'Result' && dk !== 'Error'));
  }
  return out;
}

export function getDurableExecutionState(input: GetDurableExecutionStateRequest, ctx: Ctx) {
  const e = ctx.backend.durable.get(input.DurableExecutionArn);
  if (input.CheckpointToken !== e.token) throw invalidParameter('Invalid checkpoint token.');
  const ops = [...e.operations.values()];
  const { items, next } = page(ops, (op) => op.Id, input.Marker, limit(input.MaxItems), 1000);
  return { Operations: items.map(view), NextMarker: next };
}

export function checkpointDurableExecution(input: CheckpointDurableExecutionRequest, ctx: Ctx) {
  const out = ctx.backend.durable.checkpoint(input.DurableExecutionArn, input.CheckpointToken, input.Updates ?? []);
  return { CheckpointToken: out.token, NewExecutionState: { Operations: out.operations } };
}

export function stopDurableExecution(input: StopDurableExecutionRequest, ctx: Ctx) {
  return { StopTimestamp: ctx.backend.durable.stop(input.DurableExecutionArn, input.Error) };
}

export function sendDurableExecutionCallbackSuccess(input: SendDurableExecutionCallbackSuccessRequest, ctx: Ctx) {
  ctx.backend.durable.completeCallback(input.CallbackId, { result: input.Result ? Buffer.from(input.Result).toString('utf8') : '' });
  return {};
}

export function sendDurableExecutionCallbackFailure(input: SendDurableExecutionCallbackFailureRequest, ctx: Ctx) {
  ctx.backend.durable.completeCallback(input.CallbackId, { error: input.Error ?? {} });
  return {};
}

/** A heartbeat keeps nothing alive here (heartbeat timeouts are not modelled); it checks the callback is still open. */
export function sendDurableExecutionCallbackHeartbeat(input: SendDurableExecutionCallbackHeartbeatRequest, ctx: Ctx) {
  const { exec, op } = ctx.backend.durable.callback(input.CallbackId);
  if (op.EndTimestamp || exec.status !== 'RUNNING') throw callbackClosed(input.CallbackId);
  return {};
}
