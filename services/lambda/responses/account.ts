/** Function runtime management and recursion configs, and the account's settings. */
import { invalidParameter } from '../exceptions';
import { functionArn } from '../models/arns';
import type {
  GetFunctionRecursionConfigRequest,
  GetRuntimeManagementConfigRequest,
  PutFunctionRecursionConfigRequest,
  PutRuntimeManagementConfigRequest,
} from '../types';
import type { Ctx } from './common';
import { ACCOUNT_CONCURRENCY, reservedTotal } from './concurrency';

export function getRuntimeManagementConfig(input: GetRuntimeManagementConfigRequest, ctx: Ctx) {
  const { fn, qualifier } = ctx.backend.resolve(input.FunctionName, input.Qualifier);
  const cfg = fn.runtimeManagement;
  return { UpdateRuntimeOn: cfg.updateOn, RuntimeVersionArn: cfg.versionArn, FunctionArn: functionArn(fn.region, fn.account, fn.name, qualifier) };
}

export function putRuntimeManagementConfig(input: PutRuntimeManagementConfigRequest, ctx: Ctx) {
  const { fn, qualifier } = ctx.backend.resolve(input.FunctionName, input.Qualifier);
  if (input.UpdateRuntimeOn === 'Manual' && !input.RuntimeVersionArn) {
    throw invalidParameter('RuntimeVersionArn must be provided when UpdateRuntimeOn is Manual.');
  }
  if (input.UpdateRuntimeOn !== 'Manual' && input.RuntimeVersionArn) {
    throw invalidParameter(`RuntimeVersionArn cannot be provided when UpdateRuntimeOn is ${input.UpdateRuntimeOn}.`);
  }
  fn.runtimeManagement = { updateOn: input.UpdateRuntimeOn, versionArn: input.RuntimeVersionArn };
  return { UpdateRuntimeOn: input.UpdateRuntimeOn, RuntimeVersionArn: input.RuntimeVersionArn, FunctionArn: functionArn(fn.region, fn.account, fn.name, qualifier) };
}

export function getFunctionRecursionConfig(input: GetFunctionRecursionConfigRequest, ctx: Ctx) {
  return { RecursiveLoop: ctx.backend.fn(input.FunctionName).recursiveLoop };
}

export function putFunctionRecursionConfig(input: PutFunctionRecursionConfigRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  fn.recursiveLoop = input.RecursiveLoop;
  return { RecursiveLoop: fn.recursiveLoop };
}

export function getAccountSettings(_input: unknown, ctx: Ctx) {
  let codeSize = 0;
  for (const fn of ctx.backend.functions.values()) {
    codeSize += fn.latest.code.size;
    for (const v of fn.versions.values()) codeSize += v.code.size;
  }
  for (const layer of ctx.backend.layers.values()) for (const v of layer.versions.values()) codeSize += v.code.size;
  return {
    AccountLimit: {
      TotalCodeSize: 80530636800,
      CodeSizeUnzipped: 262144000,
      CodeSizeZipped: 52428800,
      ConcurrentExecutions: ACCOUNT_CONCURRENCY,
      UnreservedConcurrentExecutions: ACCOUNT_CONCURRENCY - reservedTotal(ctx),
    },
    AccountUsage: { TotalCodeSize: codeSize, FunctionCount: ctx.backend.functions.size },
  };
}
