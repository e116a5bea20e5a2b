/** Reserved concurrency (enforced at invoke) and provisioned concurrency (stored, Ready at once). */
import { clock } from '../../../src/core/clock';
import { invalidParameter, provisionedNotFound } from '../exceptions';
import { functionArn, lambdaTime } from '../models/arns';
import type { LambdaFunction } from '../models/function';
import type {
  DeleteFunctionConcurrencyRequest,
  DeleteProvisionedConcurrencyConfigRequest,
  GetFunctionConcurrencyRequest,
  GetProvisionedConcurrencyConfigRequest,
  ListProvisionedConcurrencyConfigsRequest,
  PutFunctionConcurrencyRequest,
  PutProvisionedConcurrencyConfigRequest,
} from '../types';
import { type Ctx, page } from './common';

/** AWS's default account concurrency quota, and the 100 it keeps unreserved. */
export const ACCOUNT_CONCURRENCY = 1000;
const UNRESERVED_MINIMUM = 100;

export function reservedTotal(ctx: Ctx, except?: LambdaFunction): number {
  let total = 0;
  for (const fn of ctx.backend.functions.values()) if (fn !== except) total += fn.reservedConcurrency ?? 0;
  return total;
}

export function putFunctionConcurrency(input: PutFunctionConcurrencyRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  const n = input.ReservedConcurrentExecutions;
  if (n < 0) throw invalidParameter(`1 validation error detected: Value '${n}' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0`);
  if (ACCOUNT_CONCURRENCY - reservedTotal(ctx, fn) - n < UNRESERVED_MINIMUM) {
    throw invalidParameter(
      `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${UNRESERVED_MINIMUM}].`,
    );
  }
  fn.reservedConcurrency = n;
  return { ReservedConcurrentExecutions: n };
}

export function getFunctionConcurrency(input: GetFunctionConcurrencyRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  return { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

export function deleteFunctionConcurrency(input: DeleteFunctionConcurrencyRequest, ctx: Ctx) {
  ctx.backend.fn(input.FunctionName).reservedConcurrency = undefined;
}

function provisionedTarget(ctx: Ctx, name: string, qualifier: string) {
  const fn = ctx.backend.fn(name);
  if (qualifier === '$LATEST') throw invalidParameter('Provisioned Concurrency Configs cannot be applied to unpublished function versions.');
  ctx.backend.resolve(name, qualifier);
  return fn;
}

function provisionedView(n: { requested: number; modifiedAt: number }) {
  return {
    RequestedProvisionedConcurrentExecutions: n.requested,
    AvailableProvisionedConcurrentExecutions: n.requested,
    AllocatedProvisionedConcurrentExecutions: n.requested,
    Status: 'READY',
    LastModified: lambdaTime(n.modifiedAt),
  };
}

export function putProvisionedConcurrencyConfig(input: PutProvisionedConcurrencyConfigRequest, ctx: Ctx) {
  const fn = provisionedTarget(ctx, input.FunctionName, input.Qualifier);
  if (input.ProvisionedConcurrentExecutions < 1) {
    throw invalidParameter(`1 validation error detected: Value '${input.ProvisionedConcurrentExecutions}' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  }
  if (fn.reservedConcurrency !== undefined && input.ProvisionedConcurrentExecutions > fn.reservedConcurrency) {
    throw invalidParameter(`Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function`);
  }
  const cfg = { requested: input.ProvisionedConcurrentExecutions, modifiedAt: clock.now() };
  fn.provisioned.set(input.Qualifier, cfg);
  return provisionedView(cfg);
}

export function getProvisionedConcurrencyConfig(input: GetProvisionedConcurrencyConfigRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  const cfg = fn.provisioned.get(input.Qualifier);
  if (!cfg) throw provisionedNotFound();
  return provisionedView(cfg);
}

export function deleteProvisionedConcurrencyConfig(input: DeleteProvisionedConcurrencyConfigRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  if (!fn.provisioned.delete(input.Qualifier)) throw provisionedNotFound();
}

export function listProvisionedConcurrencyConfigs(input: ListProvisionedConcurrencyConfigsRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  const rows = [...fn.provisioned.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const { items, next } = page(rows, ([q]) => q, input.Marker, input.MaxItems, 50);
  return {
    ProvisionedConcurrencyConfigs: items.map(([q, cfg]) => ({ FunctionArn: functionArn(fn.region, fn.account, fn.name, q), ...provisionedView(cfg) })),
    NextMarker: next,
  };
}
