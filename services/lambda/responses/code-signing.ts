/** Code signing configs: stored and attached to functions; code is never checked against them. */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { codeSigningConfigNotFound, conflict } from '../exceptions';
import { lambdaTime } from '../models/arns';
import type { CodeSigningConfig } from '../models/backend';
import type { LambdaFunction } from '../models/function';
import type {
  CreateCodeSigningConfigRequest,
  DeleteCodeSigningConfigRequest,
  DeleteFunctionCodeSigningConfigRequest,
  GetCodeSigningConfigRequest,
  GetFunctionCodeSigningConfigRequest,
  ListCodeSigningConfigsRequest,
  ListFunctionsByCodeSigningConfigRequest,
  PutFunctionCodeSigningConfigRequest,
  UpdateCodeSigningConfigRequest,
} from '../types';
import { type Ctx, page } from './common';

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
