/** Functions: create, read, list, update code and configuration, delete, publish versions. */
import { invalidParameter, preconditionFailed } from '../exceptions';
import { loadCode } from '../models/code';
import { applyConfig, checkConfig } from '../models/config';
import { configurationOf, type LambdaFunction } from '../models/function';
import type {
  CreateFunctionRequest,
  DeleteFunctionRequest,
  GetFunctionConfigurationRequest,
  GetFunctionRequest,
  GetFunctionResponse,
  ListFunctionsRequest,
  ListVersionsByFunctionRequest,
  PublishVersionRequest,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '../types';
import { type Ctx, page } from './common';

export async function createFunction(input: CreateFunctionRequest, ctx: Ctx) {
  ctx.backend.noteEndpoint(ctx.endpoint);
  const fn = await ctx.backend.createFunction(input);
  // With Publish, the answer describes version 1.
  const v = (input.Publish && fn.publishedVersions().at(-1)) || fn.latest;
  return configurationOf(fn, v, fn.latest.lastModified);
}

export function getFunction(input: GetFunctionRequest, ctx: Ctx): GetFunctionResponse {
  const { fn, version } = ctx.backend.resolve(input.FunctionName, input.Qualifier);
  const code = version.code;
  const out: GetFunctionResponse = {
    Configuration: configurationOf(fn, version),
    Code: code.imageUri
      ? { RepositoryType: 'ECR', ImageUri: code.imageUri, ResolvedImageUri: code.imageUri }
      : { RepositoryType: 'S3', Location: `https://awslambda-${fn.region}-tasks.s3.${fn.region}.amazonaws.com/snapshots/${fn.account}/${fn.name}-${version.revisionId}` },
  };
  if (fn.tags.size) out.Tags = Object.fromEntries(fn.tags);
  if (fn.reservedConcurrency !== undefined) out.Concurrency = { ReservedConcurrentExecutions: fn.reservedConcurrency };
  return out;
}

export function getFunctionConfiguration(input: GetFunctionConfigurationRequest, ctx: Ctx) {
  const { fn, version } = ctx.backend.resolve(input.FunctionName, input.Qualifier);
  return configurationOf(fn, version);
}

export function listFunctions(input: ListFunctionsRequest, ctx: Ctx) {
  if (input.FunctionVersion !== undefined && input.FunctionVersion !== 'ALL') {
    throw invalidParameter(`Value ${input.FunctionVersion} for parameter FunctionVersion is invalid.`);
  }
  const all = [...ctx.backend.names].map((n) => ctx.backend.functions.get(n) as LambdaFunction);
  const rows = all.flatMap((fn) => (input.FunctionVersion === 'ALL' ? [fn.latest, ...fn.publishedVersions()].map((v) => ({ fn, v })) : [{ fn, v: fn.latest }]));
  const { items, next } = page(rows, (r) => `${r.fn.name}:${r.v.version}`, input.Marker, input.MaxItems);
  return { Functions: items.map((r) => configurationOf(r.fn, r.v)), NextMarker: next };
}

export async function updateFunctionCode(input: UpdateFunctionCodeRequest, ctx: Ctx) {
  const backend = ctx.backend;
  const fn = backend.fn(input.FunctionName);
  if (input.RevisionId !== undefined && input.RevisionId !== fn.latest.revisionId) throw preconditionFailed();
  backend.checkNotUpdating(fn);
  if (fn.latest.packageType === 'Zip' && input.ImageUri !== undefined) {
    throw invalidParameter('Please don\'t provide ImageUri when updating a function with packageType Zip.');
  }
  if (fn.latest.packageType === 'Image' && input.ImageUri === undefined) {
    throw invalidParameter('Please provide ImageUri when updating a function with packageType Image.');
  }
  if (input.Architectures !== undefined && input.Architectures.length !== 1) {
    throw invalidParameter('Architectures must contain exactly one value.');
  }
  const code = await loadCode(input, ctx.backends, backend.account, backend.region);
  if (input.DryRun) return { ...configurationOf(fn, fn.latest), CodeSha256: code.sha256, CodeSize: code.size };
  fn.latest.code = code;
  if (input.Architectures) fn.latest.architectures = [...input.Architectures];
  backend.beginUpdate(fn);
  const v = input.Publish ? fn.publish(undefined) : fn.latest;
  return configurationOf(fn, v, fn.latest.lastModified);
}

export async function updateFunctionConfiguration(input: UpdateFunctionConfigurationRequest, ctx: Ctx) {
  const backend = ctx.backend;
  const fn = backend.fn(input.FunctionName);
  if (input.RevisionId !== undefined && input.RevisionId !== fn.latest.revisionId) throw preconditionFailed();
  const layers = checkConfig(input, fn.latest.packageType, (arn) => {
    const found = backend.layerVersionByArn(arn);
    return found ? { arn, codeSize: found.version.code.size } : undefined;
  });
  backend.checkCapacityProvider(input.CapacityProviderConfig);
  if (input.Role !== undefined) await backend.checkRole(input.Role);
  backend.checkNotUpdating(fn);
  applyConfig(fn.latest, input, layers);
  backend.beginUpdate(fn);
  return configurationOf(fn, fn.latest, fn.latest.lastModified);
}

export function deleteFunction(input: DeleteFunctionRequest, ctx: Ctx) {
  ctx.backend.deleteFunction(input.FunctionName, input.Qualifier);
  return { StatusCode: 204 };
}

export function publishVersion(input: PublishVersionRequest, ctx: Ctx) {
  const backend = ctx.backend;
  const fn = backend.fn(input.FunctionName);
  const latest = fn.latest;
  if (input.CodeSha256 !== undefined && input.CodeSha256 !== latest.code.sha256) {
    throw invalidParameter(
      `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.code.sha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  if (input.RevisionId !== undefined && input.RevisionId !== latest.revisionId) throw preconditionFailed();
  backend.checkNotUpdating(fn);
  return configurationOf(fn, fn.publish(input.Description));
}

export function listVersionsByFunction(input: ListVersionsByFunctionRequest, ctx: Ctx) {
  const fn = ctx.backend.fn(input.FunctionName);
  const all = [fn.latest, ...fn.publishedVersions()];
  const { items, next } = page(all, (v) => v.version, input.Marker, input.MaxItems);
  return { Versions: items.map((v) => configurationOf(fn, v)), NextMarker: next };
}
