/**
 * Stages and deployments. A deployment freezes the API's routes,
 * integrations and authorizers; a stage serves its deployment, or the API as
 * it is now when it auto-deploys.
 */
import { clock } from '../../../src/core/clock';
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import { type HttpApi, snapshotOf } from '../models/resources';
import type * as T from '../types';
import { assignDefined, type Ctx, out } from './common';

function requireStage(api: HttpApi, name: string) {
  return api.stages.require(name, () => notFound(`Invalid stage identifier specified`, 'Stage'));
}

function requireDeployment(api: HttpApi, id: string) {
  return api.deployments.require(id, () => notFound(`Invalid Deployment identifier specified ${id}`, 'Deployment'));
}

export function createStage(input: T.CreateStageRequest, ctx: Ctx): T.CreateStageResponse {
  const api = ctx.backend.requireApi(input.ApiId);
  if (api.stages.get(input.StageName)) throw conflict(`Stage ${input.StageName} already exists`);
  if (input.DeploymentId !== undefined) requireDeployment(api, input.DeploymentId);
  const now = clock.date();
  const { ApiId: _id, ...fields } = input;
  const stage: T.Stage = {
    AutoDeploy: false,
    DefaultRouteSettings: { DetailedMetricsEnabled: false },
    RouteSettings: {},
    StageVariables: {},
    Tags: {},
    ...fields,
    CreatedDate: now,
    LastUpdatedDate: now,
  };
  api.stages.set(input.StageName, stage);
  return out(stage);
}

export function getStage(input: T.GetStageRequest, ctx: Ctx): T.GetStageResponse {
  return out(requireStage(ctx.backend.requireApi(input.ApiId), input.StageName));
}

export function getStages(input: T.GetStagesRequest, ctx: Ctx): T.GetStagesResponse {
  const page = ctx.backend.requireApi(input.ApiId).stages.pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map(out), NextToken: page.nextToken };
}

export function updateStage(input: T.UpdateStageRequest, ctx: Ctx): T.UpdateStageResponse {
  const api = ctx.backend.requireApi(input.ApiId);
  const stage = requireStage(api, input.StageName);
  if (input.DeploymentId !== undefined) requireDeployment(api, input.DeploymentId);
  const { ApiId: _id, StageName: _s, ...patch } = input;
  assignDefined(stage, patch);
  stage.LastUpdatedDate = clock.date();
  return out(stage);
}

export function deleteStage(input: T.DeleteStageRequest, ctx: Ctx): void {
  const api = ctx.backend.requireApi(input.ApiId);
  requireStage(api, input.StageName);
  api.stages.delete(input.StageName);
}

export function createDeployment(input: T.CreateDeploymentRequest, ctx: Ctx): T.CreateDeploymentResponse {
  const api = ctx.backend.requireApi(input.ApiId);
  const stage = input.StageName === undefined ? undefined : requireStage(api, input.StageName);
  if (api.info.ProtocolType === 'HTTP' && api.routes.size === 0) {
    throw badRequest('Unable to deploy API because no routes exist in this API');
  }
  const id = gatewayId(7);
  const deployment = {
    AutoDeployed: false,
    CreatedDate: clock.date(),
    DeploymentId: id,
    DeploymentStatus: 'DEPLOYED',
    Description: input.Description,
  };
  api.deployments.set(id, deployment);
  api.snapshots.set(id, snapshotOf(api));
  if (stage) {
    stage.DeploymentId = id;
    stage.LastUpdatedDate = clock.date();
  }
  return out(deployment);
}

export function getDeployment(input: T.GetDeploymentRequest, ctx: Ctx): T.GetDeploymentResponse {
  return out(requireDeployment(ctx.backend.requireApi(input.ApiId), input.DeploymentId));
}

export function getDeployments(input: T.GetDeploymentsRequest, ctx: Ctx): T.GetDeploymentsResponse {
  const page = ctx.backend.requireApi(input.ApiId).deployments.pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map(out), NextToken: page.nextToken };
}

export function deleteDeployment(input: T.DeleteDeploymentRequest, ctx: Ctx): void {
  const api = ctx.backend.requireApi(input.ApiId);
  requireDeployment(api, input.DeploymentId);
  for (const stage of api.stages.values()) {
    if (stage.DeploymentId === input.DeploymentId) {
      throw badRequest(`Active stages pointing to this deployment must be moved or deleted: ${stage.StageName}`);
    }
  }
  api.deployments.delete(input.DeploymentId);
  api.snapshots.delete(input.DeploymentId);
}

/** DeleteAccessLogSettings: the stage stops logging access. */
export function deleteAccessLogSettings(input: T.DeleteAccessLogSettingsRequest, ctx: Ctx): void {
  const stage = requireStage(ctx.backend.requireApi(input.ApiId), input.StageName);
  stage.AccessLogSettings = undefined;
}

/** DeleteRouteSettings: the route's own settings on the stage go; a route without any is NotFoundException. */
export function deleteRouteSettings(input: T.DeleteRouteSettingsRequest, ctx: Ctx): void {
  const stage = requireStage(ctx.backend.requireApi(input.ApiId), input.StageName);
  if (!stage.RouteSettings?.[input.RouteKey]) throw notFound(`Unable to find route settings for route key ${input.RouteKey}`, 'RouteSettings');
  const { [input.RouteKey]: _gone, ...rest } = stage.RouteSettings;
  stage.RouteSettings = rest;
}

/** UpdateDeployment: a deployment's description is all that changes; what it froze stays. */
export function updateDeployment(input: T.UpdateDeploymentRequest, ctx: Ctx): T.UpdateDeploymentResponse {
  const deployment = requireDeployment(ctx.backend.requireApi(input.ApiId), input.DeploymentId);
  if (input.Description !== undefined) deployment.Description = input.Description;
  return out(deployment);
}

/** ResetAuthorizersCache: the stage's cached Lambda authorizer answers are dropped (the next request calls the function). */
export function resetAuthorizersCache(input: T.ResetAuthorizersCacheRequest, ctx: Ctx): void {
  const api = ctx.backend.requireApi(input.ApiId);
  requireStage(api, input.StageName);
  ctx.backend.authorizerCache.resetStage(input.ApiId, input.StageName);
}
