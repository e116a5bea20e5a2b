/**
 * Capacity providers (Lambda Managed Instances) and the function scaling
 * config of the versions that run on them.
 */
import { clock } from '../../../src/core/clock';
import { conflict, functionNotFound, invalidParameter } from '../exceptions';
import { functionArn } from '../models/arns';
import { capacityProviderState, capacityProviderView } from '../models/capacity-providers';
import { stateOf, type VersionState } from '../models/function';
import type {
  CreateCapacityProviderRequest,
  DeleteCapacityProviderRequest,
  GetCapacityProviderRequest,
  GetFunctionScalingConfigRequest,
  ListCapacityProvidersRequest,
  ListFunctionVersionsByCapacityProviderRequest,
  PutFunctionScalingConfigRequest,
  UpdateCapacityProviderRequest,
} from '../types';
import { type Ctx, page } from './common';

export function createCapacityProvider(input: CreateCapacityProviderRequest, ctx: Ctx) {
  const p = ctx.backend.capacityProviders.create(input, ctx.backend.stateTransitionMs);
  return { CapacityProvider: capacityProviderView(p) };
}

export function getCapacityProvider(input: GetCapacityProviderRequest, ctx: Ctx) {
  return { CapacityProvider: capacityProviderView(ctx.backend.capacityProviders.get(input.CapacityProviderName)) };
}

export function updateCapacityProvider(input: UpdateCapacityProviderRequest, ctx: Ctx) {
  const p = ctx.backend.capacityProviders.get(input.CapacityProviderName);
  if (capacityProviderState(p) === 'Deleting') throw conflict(`Capacity provider ${p.arn} is being deleted.`);
  if (input.CapacityProviderScalingConfig !== undefined) p.scalingConfig = structuredClone(input.CapacityProviderScalingConfig);
  p.lastModified = clock.now();
  return { CapacityProvider: capacityProviderView(p) };
}

export function deleteCapacityProvider(input: DeleteCapacityProviderRequest, ctx: Ctx) {
  const providers = ctx.backend.capacityProviders;
  const p = providers.get(input.CapacityProviderName);
  const users = ctx.backend.versionsOnCapacityProvider(p.arn);
  if (users.length) {
    const first = users[0];
    throw conflict(
      `Capacity provider ${p.arn} is in use by function version ${functionArn(first.fn.region, first.fn.account, first.fn.name, first.version.version)}.`,
    );
  }
  providers.remove(p, ctx.backend.stateTransitionMs);
  // The answer describes the provider as the request left it: Deleting.
  return { CapacityProvider: { ...capacityProviderView(p), State: 'Deleting' } };
}

export function listCapacityProviders(input: ListCapacityProvidersRequest, ctx: Ctx) {
  const all = ctx.backend.capacityProviders.list().filter((p) => input.State === undefined || capacityProviderState(p) === input.State);
  const { items, next } = page(all, (p) => p.name, input.Marker, input.MaxItems, 50);
  return { CapacityProviders: items.map((p) => capacityProviderView(p)), NextMarker: next };
}

export function listFunctionVersionsByCapacityProvider(input: ListFunctionVersionsByCapacityProviderRequest, ctx: Ctx) {
  const p = ctx.backend.capacityProviders.get(input.CapacityProviderName);
  const versions = ctx.backend.versionsOnCapacityProvider(p.arn).map(({ fn, version }) => ({
    FunctionArn: functionArn(fn.region, fn.account, fn.name, version.version),
    State: stateOf(version),
  }));
  const { items, next } = page(versions, (v) => v.FunctionArn, input.Marker, input.MaxItems, 50);
  return { CapacityProviderArn: p.arn, FunctionVersions: items, NextMarker: next };
}

/**
 * The published version a scaling config names: a version number, or
 * `$LATEST.PUBLISHED` (the most recently published version). It must run on a
 * capacity provider.
 */
function scalingTarget(ctx: Ctx, name: string, qualifier: string): { key: string; version: VersionState; arn: string } {
  const fn = ctx.backend.fn(name);
  const published = fn.publishedVersions();
  const version = qualifier === '$LATEST.PUBLISHED' ? published[published.length - 1] : fn.versions.get(qualifier);
  const arn = functionArn(fn.region, fn.account, fn.name, qualifier);
  if (!version) throw functionNotFound(arn);
  if (!version.capacityProvider) throw invalidParameter(`Function ${arn} is not configured with a capacity provider.`);
  return { key: qualifier, version, arn };
}

export function putFunctionScalingConfig(input: PutFunctionScalingConfigRequest, ctx: Ctx) {
  const target = scalingTarget(ctx, input.FunctionName, input.Qualifier);
  const config = { ...input.FunctionScalingConfig };
  const { MinExecutionEnvironments: min, MaxExecutionEnvironments: max } = config;
  if (min !== undefined && max !== undefined && min > max) {
    throw invalidParameter('MinExecutionEnvironments must be less than or equal to MaxExecutionEnvironments.');
  }
  ctx.backend.fn(input.FunctionName).scalingConfigs.set(target.key, config);
  return { FunctionState: stateOf(target.version) };
}

export function getFunctionScalingConfig(input: GetFunctionScalingConfigRequest, ctx: Ctx) {
  const target = scalingTarget(ctx, input.FunctionName, input.Qualifier);
  const config = ctx.backend.fn(input.FunctionName).scalingConfigs.get(target.key);
  // Applied at once here: the fake has no instances to scale.
  return config ? { FunctionArn: target.arn, AppliedFunctionScalingConfig: { ...config }, RequestedFunctionScalingConfig: { ...config } } : { FunctionArn: target.arn };
}
