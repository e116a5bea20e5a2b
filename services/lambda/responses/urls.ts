/**
 * Function URL configurations. The URL has Lambda's form,
 * https://<url-id>.lambda-url.<region>.on.aws/; requests sent to it are
 * answered by the data plane (url-invocations.ts), which finds the function
 * through the URL index kept here.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { conflict, resourceMissing } from '../exceptions';
import { functionArn, lambdaTime } from '../models/arns';
import type { LambdaFunction, UrlConfig } from '../models/function';
import { registerUrl, unregisterUrl, urlIdOf } from '../models/url-index';
import type {
  CreateFunctionUrlConfigRequest,
  DeleteFunctionUrlConfigRequest,
  GetFunctionUrlConfigRequest,
  ListFunctionUrlConfigsRequest,
  UpdateFunctionUrlConfigRequest,
} from '../types';
import { type Ctx, page } from './common';

function target(ctx: Ctx, name: string, qualifier: string | undefined) {
  const fn = ctx.backend.fn(name);
  const resolved = ctx.backend.resolve(name, qualifier);
  if (resolved.qualifier && !resolved.alias && resolved.qualifier !== '$LATEST') {
    // Lambda accepts URLs only on $LATEST or an alias.
    throw conflict('Function URL is not supported for published function versions.');
  }
  return { fn, key: resolved.qualifier ?? '' };
}

function view(fn: LambdaFunction, key: string, u: UrlConfig) {
  return {
    FunctionUrl: u.url,
    FunctionArn: functionArn(fn.region, fn.account, fn.name, key || undefined),
    AuthType: u.authType,
    Cors: u.cors,
    CreationTime: lambdaTime(u.createdAt),
    LastModifiedTime: lambdaTime(u.modifiedAt),
    InvokeMode: u.invokeMode,
  };
}

export function createFunctionUrlConfig(input: CreateFunctionUrlConfigRequest, ctx: Ctx) {
  const { fn, key } = target(ctx, input.FunctionName, input.Qualifier);
  if (fn.urls.has(key)) throw conflict(`Failed to create function url config for [functionArn = ${functionArn(fn.region, fn.account, fn.name, key || undefined)}]. Error message:  FunctionUrlConfig exists for this Lambda function`);
  const now = clock.now();
  const u: UrlConfig = {
    url: `https://${randomBytes(16).toString('hex')}.lambda-url.${fn.region}.on.aws/`,
    authType: input.AuthType,
    cors: input.Cors as Record<string, unknown> | undefined,
    invokeMode: input.InvokeMode ?? 'BUFFERED',
    createdAt: now,
    modifiedAt: now,
  };
  fn.urls.set(key, u);
  registerUrl(ctx.backends, urlIdOf(u.url), { account: fn.account, region: fn.region, functionName: fn.name });
  const { LastModifiedTime: _lm, ...out } = view(fn, key, u);
  return out;
}

function existing(ctx: Ctx, name: string, qualifier: string | undefined) {
  const { fn, key } = target(ctx, name, qualifier);
  const u = fn.urls.get(key);
  if (!u) throw resourceMissing();
  return { fn, key, u };
}

export function getFunctionUrlConfig(input: GetFunctionUrlConfigRequest, ctx: Ctx) {
  const { fn, key, u } = existing(ctx, input.FunctionName, input.Qualifier);
  return view(fn, key, u);
}

export function updateFunctionUrlConfig(input: UpdateFunctionUrlConfigRequest, ctx: Ctx) {
  const { fn, key, u } = existing(ctx, input.FunctionName, input.Qualifier);
  if (input.AuthType !== undefined) u.authType = input.AuthType;
  if (input.Cors !== undefined) u.cors = input.Cors as Record<string, unknown>;
  if (input.InvokeMode !== undefined) u.invokeMode = input.InvokeMode;
  u.modifiedAt = clock.now();
  return view(fn, key, u);
}

export function deleteFunctionUrlConfig(input: DeleteFunctionUrlConfigRequest, ctx: Ctx) {
  const { fn, key, u } = existing(ctx, input.FunctionName, input.Qualifier);
  fn.urls.delete(key);
  unregisterUrl(ctx.backends, urlIdOf(u.url));
}

export function listFunctionUrlConfigs(input: ListFunctionUrlConfigsRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  const rows = [...fn.urls.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const { items, next } = page(rows, ([k]) => k || '$LATEST', input.Marker, input.MaxItems, 50);
  return { FunctionUrlConfigs: items.map(([k, u]) => view(fn, k, u)), NextMarker: next };
}
