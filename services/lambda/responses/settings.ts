/** Event invoke configs, tags, code signing configs, recursion config and account settings. */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { parseArn } from '../../../src/core/ids';
import { codeSigningConfigNotFound, conflict, invalidParameter, resourceNotFound, validation } from '../exceptions';
import { functionArn, lambdaTime, parseFunctionName } from '../models/arns';
import type { CodeSigningConfig } from '../models/backend';
import type { EventInvokeConfig, LambdaFunction } from '../models/function';
import type {
  CreateCodeSigningConfigRequest,
  DeleteCodeSigningConfigRequest,
  DeleteFunctionCodeSigningConfigRequest,
  DeleteFunctionEventInvokeConfigRequest,
  GetCodeSigningConfigRequest,
  GetFunctionCodeSigningConfigRequest,
  GetFunctionEventInvokeConfigRequest,
  GetFunctionRecursionConfigRequest,
  GetRuntimeManagementConfigRequest,
  ListCodeSigningConfigsRequest,
  ListFunctionEventInvokeConfigsRequest,
  ListFunctionsByCodeSigningConfigRequest,
  ListTagsRequest,
  PutFunctionCodeSigningConfigRequest,
  PutFunctionEventInvokeConfigRequest,
  PutFunctionRecursionConfigRequest,
  PutRuntimeManagementConfigRequest,
  TagResourceRequest,
  UntagResourceRequest,
  UpdateCodeSigningConfigRequest,
  UpdateFunctionEventInvokeConfigRequest,
} from '../types';
import { type Ctx, page } from './common';
import { ACCOUNT_CONCURRENCY, reservedTotal } from './concurrency';

// ---- Event invoke config ----

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

// ---- Tags ----

/** Tags live on functions (and code signing configs, event source mappings): found by ARN. */
function taggable(ctx: Ctx, arn: string): Map<string, string> {
  const parsed = parseArn(arn);
  if (parsed?.service === 'lambda' && parsed.resource.startsWith('function:')) {
    const ref = parseFunctionName(arn, 'resource');
    if (ref.qualifier) throw invalidParameter('Tags on function aliases and versions are not supported. Please specify a function ARN.');
    return ctx.backend.fn(arn).tags;
  }
  if (parsed?.resource.startsWith('code-signing-config:')) {
    const c = ctx.backend.codeSigningConfigs.get(arn);
    if (c) return c.tags;
  }
  if (parsed?.resource.startsWith('event-source-mapping:')) {
    const m = ctx.backend.mappings.all.get(parsed.resource.slice('event-source-mapping:'.length));
    if (m) return (m.extra.tags as Map<string, string>) ?? (m.extra.tags = new Map<string, string>());
  }
  throw validation(`1 validation error detected: Value '${arn}' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`);
}

export function tagResource(input: TagResourceRequest, ctx: Ctx) {
  const tags = taggable(ctx, input.Resource);
  if (tags.size + Object.keys(input.Tags).filter((k) => !tags.has(k)).length > 50) throw invalidParameter('Number of tags exceeds resource tag limit.');
  for (const [k, v] of Object.entries(input.Tags)) tags.set(k, v);
}

export function untagResource(input: UntagResourceRequest, ctx: Ctx) {
  const tags = taggable(ctx, input.Resource);
  for (const k of input.TagKeys) tags.delete(k);
}

export function listTags(input: ListTagsRequest, ctx: Ctx) {
  return { Tags: Object.fromEntries(taggable(ctx, input.Resource)) };
}

// ---- Code signing configs (stored; code is never checked against them) ----

function cscView(c: CodeSigningConfig) {
  return {
    CodeSigningConfigId: c.id,
    CodeSigningConfigArn: c.arn,
    Description: c.description,
    AllowedPublishers: { SigningProfileVersionArns: [...c.allowedPublishers] },
    CodeSigningPolicies: { UntrustedArtifactOnDeployment: c.untrustedArtifactOnDeployment },
    LastModified: lambdaTime(c.lastModified),
  };
}

function csc(ctx: Ctx, arn: string): CodeSigningConfig {
  const c = ctx.backend.codeSigningConfigs.get(arn);
  if (!c) throw codeSigningConfigNotFound(arn);
  return c;
}

export function createCodeSigningConfig(input: CreateCodeSigningConfigRequest, ctx: Ctx) {
  const id = `csc-${randomBytes(9).toString('hex').slice(0, 17)}`;
  const c: CodeSigningConfig = {
    id,
    arn: `arn:aws:lambda:${ctx.backend.region}:${ctx.backend.account}:code-signing-config:${id}`,
    description: input.Description ?? '',
    allowedPublishers: [...input.AllowedPublishers.SigningProfileVersionArns],
    untrustedArtifactOnDeployment: input.CodeSigningPolicies?.UntrustedArtifactOnDeployment ?? 'Warn',
    lastModified: clock.now(),
    tags: new Map(Object.entries(input.Tags ?? {})),
  };
  ctx.backend.codeSigningConfigs.set(c.arn, c);
  return { CodeSigningConfig: cscView(c) };
}

export function getCodeSigningConfig(input: GetCodeSigningConfigRequest, ctx: Ctx) {
  return { CodeSigningConfig: cscView(csc(ctx, input.CodeSigningConfigArn)) };
}

export function updateCodeSigningConfig(input: UpdateCodeSigningConfigRequest, ctx: Ctx) {
  const c = csc(ctx, input.CodeSigningConfigArn);
  if (input.Description !== undefined) c.description = input.Description;
  if (input.AllowedPublishers) c.allowedPublishers = [...input.AllowedPublishers.SigningProfileVersionArns];
  if (input.CodeSigningPolicies?.UntrustedArtifactOnDeployment) c.untrustedArtifactOnDeployment = input.CodeSigningPolicies.UntrustedArtifactOnDeployment;
  c.lastModified = clock.now();
  return { CodeSigningConfig: cscView(c) };
}

export function deleteCodeSigningConfig(input: DeleteCodeSigningConfigRequest, ctx: Ctx) {
  const c = csc(ctx, input.CodeSigningConfigArn);
  const user = [...ctx.backend.functions.values()].find((f) => f.codeSigningConfigArn === c.arn);
  if (user) throw conflict(`The code signing configuration cannot be deleted because it is used by the following functions: [${user.arn}]`);
  ctx.backend.codeSigningConfigs.delete(c.arn);
}

export function listCodeSigningConfigs(input: ListCodeSigningConfigsRequest, ctx: Ctx) {
  const all = [...ctx.backend.codeSigningConfigs.values()].sort((a, b) => (a.arn < b.arn ? -1 : 1));
  const { items, next } = page(all, (c) => c.arn, input.Marker, input.MaxItems);
  return { CodeSigningConfigs: items.map(cscView), NextMarker: next };
}

export function putFunctionCodeSigningConfig(input: PutFunctionCodeSigningConfigRequest, ctx: Ctx) {
  const c = csc(ctx, input.CodeSigningConfigArn);
  const fn = ctx.backend.fn(input.FunctionName);
  fn.codeSigningConfigArn = c.arn;
  return { CodeSigningConfigArn: c.arn, FunctionName: fn.name };
}

export function getFunctionCodeSigningConfig(input: GetFunctionCodeSigningConfigRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  return { CodeSigningConfigArn: fn.codeSigningConfigArn ?? '', FunctionName: fn.name };
}

export function deleteFunctionCodeSigningConfig(input: DeleteFunctionCodeSigningConfigRequest, ctx: Ctx) {
  ctx.backend.fn(input.FunctionName).codeSigningConfigArn = undefined;
}

export function listFunctionsByCodeSigningConfig(input: ListFunctionsByCodeSigningConfigRequest, ctx: Ctx) {
  const c = csc(ctx, input.CodeSigningConfigArn);
  const fns = [...ctx.backend.names].map((n) => ctx.backend.functions.get(n) as LambdaFunction).filter((f) => f.codeSigningConfigArn === c.arn);
  const { items, next } = page(fns, (f) => f.name, input.Marker, input.MaxItems);
  return { FunctionArns: items.map((f) => f.arn), NextMarker: next };
}

// ---- Runtime management, recursion and account ----

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
