/** Event invoke configs: retries, maximum event age and destinations of asynchronous invocation. */
import { clock } from '../../../src/core/clock';
import { parseArn } from '../../../src/core/ids';
import { invalidParameter, resourceNotFound, validation } from '../exceptions';
import { functionArn } from '../models/arns';
import type { EventInvokeConfig, LambdaFunction } from '../models/function';
import type {
  DeleteFunctionEventInvokeConfigRequest,
  GetFunctionEventInvokeConfigRequest,
  ListFunctionEventInvokeConfigsRequest,
  PutFunctionEventInvokeConfigRequest,
  UpdateFunctionEventInvokeConfigRequest,
} from '../types';
import { type Ctx, page } from './common';

function invokeConfigTarget(ctx: Ctx, name: string, qualifier: string | undefined) {
  const fn = ctx.backend.fn(name);
  const resolved = ctx.backend.resolve(name, qualifier);
  return { fn, key: resolved.qualifier ?? '$LATEST' };
}

function checkDestination(arn: string | undefined): void {
  if (arn === undefined) return;
  const service = parseArn(arn)?.service;
  if (!service || !['sqs', 'sns', 'lambda', 'events', 's3'].includes(service)) {
    throw invalidParameter(`The destination ARN ${arn} is invalid.`);
  }
}

function invokeConfigView(fn: LambdaFunction, key: string, c: EventInvokeConfig) {
  const destinations = c.onSuccess || c.onFailure ? { OnSuccess: c.onSuccess ? { Destination: c.onSuccess } : {}, OnFailure: c.onFailure ? { Destination: c.onFailure } : {} } : undefined;
  return {
    LastModified: new Date(c.modifiedAt),
    FunctionArn: functionArn(fn.region, fn.account, fn.name, key),
    MaximumRetryAttempts: c.maxRetries,
    MaximumEventAgeInSeconds: c.maxAgeSeconds,
    DestinationConfig: destinations,
  };
}

function writeInvokeConfig(input: PutFunctionEventInvokeConfigRequest, ctx: Ctx, merge: boolean) {
  const { fn, key } = invokeConfigTarget(ctx, input.FunctionName, input.Qualifier);
  const r = input.MaximumRetryAttempts;
  if (r !== undefined && (r < 0 || r > 2)) {
    throw validation(`1 validation error detected: Value '${r}' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value ${r < 0 ? 'greater than or equal to 0' : 'less than or equal to 2'}`);
  }
  const age = input.MaximumEventAgeInSeconds;
  if (age !== undefined && (age < 60 || age > 21600)) {
    throw validation(`1 validation error detected: Value '${age}' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value ${age < 60 ? 'greater than or equal to 60' : 'less than or equal to 21600'}`);
  }
  checkDestination(input.DestinationConfig?.OnSuccess?.Destination);
  checkDestination(input.DestinationConfig?.OnFailure?.Destination);
  const prior = fn.invokeConfigs.get(key);
  if (merge && !prior) throw resourceNotFoundConfig(fn, key);
  const base: EventInvokeConfig = merge && prior ? { ...prior } : { modifiedAt: 0 };
  if (r !== undefined) base.maxRetries = r;
  if (age !== undefined) base.maxAgeSeconds = age;
  if (input.DestinationConfig?.OnSuccess) base.onSuccess = input.DestinationConfig.OnSuccess.Destination;
  if (input.DestinationConfig?.OnFailure) base.onFailure = input.DestinationConfig.OnFailure.Destination;
  base.modifiedAt = clock.now();
  fn.invokeConfigs.set(key, base);
  return invokeConfigView(fn, key, base);
}

function resourceNotFoundConfig(fn: LambdaFunction, key: string) {
  return resourceNotFound(`The function ${functionArn(fn.region, fn.account, fn.name, key)} doesn't have an EventInvokeConfig`);
}

export function putFunctionEventInvokeConfig(input: PutFunctionEventInvokeConfigRequest, ctx: Ctx) {
  return writeInvokeConfig(input, ctx, false);
}

export function updateFunctionEventInvokeConfig(input: UpdateFunctionEventInvokeConfigRequest, ctx: Ctx) {
  return writeInvokeConfig(input, ctx, true);
}

export function getFunctionEventInvokeConfig(input: GetFunctionEventInvokeConfigRequest, ctx: Ctx) {
  const { fn, key } = invokeConfigTarget(ctx, input.FunctionName, input.Qualifier);
  const c = fn.invokeConfigs.get(key);
  if (!c) throw resourceNotFoundConfig(fn, key);
  return invokeConfigView(fn, key, c);
}

export function deleteFunctionEventInvokeConfig(input: DeleteFunctionEventInvokeConfigRequest, ctx: Ctx) {
  const { fn, key } = invokeConfigTarget(ctx, input.FunctionName, input.Qualifier);
  if (!fn.invokeConfigs.delete(key)) throw resourceNotFoundConfig(fn, key);
}

export function listFunctionEventInvokeConfigs(input: ListFunctionEventInvokeConfigsRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  const rows = [...fn.invokeConfigs.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const { items, next } = page(rows, ([k]) => k, input.Marker, input.MaxItems, 50);
  return { FunctionEventInvokeConfigs: items.map(([k, c]) => invokeConfigView(fn, k, c)), NextMarker: next };
}
