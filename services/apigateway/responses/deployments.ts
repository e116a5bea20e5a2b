/**
 * Deployments freeze the resource tree with its methods; stages serve a
 * deployment with their variables (CreateDeployment, CreateStage, ...).
 */
import { clock } from '../../../src/core/clock';
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import { patchInPlace, replaceable } from '../models/patch';
import type { RestApiState } from '../models/resources';
import type * as T from '../types';
import { type Ctx, out, userMap } from './common';

function requireDeployment(api: RestApiState, id: string) {
  return api.deployments.require(id, () => notFound('Invalid Deployment identifier specified'));
}

function requireStage(api: RestApiState, name: string) {
  return api.stages.require(name, () => notFound('Invalid Stage identifier specified'));
}

export function createDeployment(input: T.CreateDeploymentRequest, ctx: Ctx): T.Deployment {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const resources = [...api.resources.values()];
  const methods = resources.flatMap((r) => Object.values(r.resourceMethods));
  if (methods.length === 0) throw badRequest("The REST API doesn't contain any methods");
  if (methods.some((m) => !m.methodIntegration)) throw badRequest('No integration defined for method');
  const id = gatewayId(6);
  const deployment = { id, description: input.description, createdDate: clock.date() };
  api.deployments.set(id, deployment);
  api.snapshots.set(id, ctx.backend.snapshotOf(api));
  if (input.stageName !== undefined) {
    const existing = api.stages.get(input.stageName);
    if (existing) {
      existing.deploymentId = id;
      if (input.variables) existing.variables = { ...userMap(existing.variables), ...userMap(input.variables) };
      existing.lastUpdatedDate = clock.date();
    } else {
      const now = clock.date();
      api.stages.set(input.stageName, {
        stageName: input.stageName,
        deploymentId: id,
        description: input.stageDescription,
        cacheClusterEnabled: input.cacheClusterEnabled ?? false,
        cacheClusterSize: input.cacheClusterEnabled ? (input.cacheClusterSize ?? '0.5') : undefined,
        cacheClusterStatus: input.cacheClusterEnabled ? 'AVAILABLE' : 'NOT_AVAILABLE',
        variables: userMap(input.variables),
        tracingEnabled: input.tracingEnabled ?? false,
        methodSettings: {},
        createdDate: now,
        lastUpdatedDate: now,
      });
    }
  }
  return out(deployment);
}

export function getDeployment(input: T.GetDeploymentRequest, ctx: Ctx): T.Deployment {
  return out(requireDeployment(ctx.backend.requireRestApi(input.restApiId), input.deploymentId));
}

export function getDeployments(input: T.GetDeploymentsRequest, ctx: Ctx): T.Deployments {
  const page = ctx.backend.requireRestApi(input.restApiId).deployments.page(input.limit, input.position);
  return { items: page.items.map(out), position: page.position };
}

export function deleteDeployment(input: T.DeleteDeploymentRequest, ctx: Ctx): void {
  const api = ctx.backend.requireRestApi(input.restApiId);
  requireDeployment(api, input.deploymentId);
  for (const stage of api.stages.values()) {
    if (stage.deploymentId === input.deploymentId) {
      throw badRequest('Active stages pointing to this deployment must be moved or deleted');
    }
  }
  api.deployments.delete(input.deploymentId);
  api.snapshots.delete(input.deploymentId);
}

export function createStage(input: T.CreateStageRequest, ctx: Ctx): T.Stage {
  const api = ctx.backend.requireRestApi(input.restApiId);
  if (!/^[a-zA-Z0-9_-]+$/.test(input.stageName)) {
    throw badRequest('Stage name only allows a-zA-Z0-9_');
  }
  if (api.stages.get(input.stageName)) throw conflict('Stage already exists');
  requireDeployment(api, input.deploymentId);
  const now = clock.date();
  const stage = {
    stageName: input.stageName,
    deploymentId: input.deploymentId,
    description: input.description,
    cacheClusterEnabled: input.cacheClusterEnabled ?? false,
    cacheClusterSize: input.cacheClusterEnabled ? (input.cacheClusterSize ?? '0.5') : undefined,
    cacheClusterStatus: input.cacheClusterEnabled ? 'AVAILABLE' : 'NOT_AVAILABLE',
    variables: userMap(input.variables),
    tracingEnabled: input.tracingEnabled ?? false,
    methodSettings: {},
    tags: userMap(input.tags),
    createdDate: now,
    lastUpdatedDate: now,
  };
  api.stages.set(input.stageName, stage);
  return out(stage);
}

export function getStage(input: T.GetStageRequest, ctx: Ctx): T.Stage {
  return out(requireStage(ctx.backend.requireRestApi(input.restApiId), input.stageName));
}

export function getStages(input: T.GetStagesRequest, ctx: Ctx): T.Stages {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const stages = [...api.stages.values()].filter((s) => input.deploymentId === undefined || s.deploymentId === input.deploymentId);
  return { item: stages.map(out) };
}

/** A method setting's patch path suffix → the MethodSetting member and how its value reads. */
const METHOD_SETTINGS: Record<string, [keyof T.MethodSetting, 'number' | 'integer' | 'boolean' | 'string']> = {
  'throttling/rateLimit': ['throttlingRateLimit', 'number'],
  'throttling/burstLimit': ['throttlingBurstLimit', 'integer'],
  'metrics/enabled': ['metricsEnabled', 'boolean'],
  'logging/loglevel': ['loggingLevel', 'string'],
  'logging/dataTrace': ['dataTraceEnabled', 'boolean'],
  'caching/enabled': ['cachingEnabled', 'boolean'],
  'caching/ttlInSeconds': ['cacheTtlInSeconds', 'integer'],
  'caching/dataEncrypted': ['cacheDataEncrypted', 'boolean'],
  'caching/requireAuthorizationForCacheControl': ['requireAuthorizationForCacheControl', 'boolean'],
  'caching/unauthorizedCacheControlHeaderStrategy': ['unauthorizedCacheControlHeaderStrategy', 'string'],
};

const CACHE_SIZES = new Set(['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']);

/** A patch value read as a member's type, or a BadRequestException naming it. */
function typed(value: string | undefined, type: 'number' | 'integer' | 'boolean' | 'string', path: string): unknown {
  if (type === 'string') return value;
  if (type === 'boolean') {
    if (value !== 'true' && value !== 'false') throw badRequest(`Invalid value for ${path}: ${value} is not a boolean`);
    return value === 'true';
  }
  const n = Number(value);
  if (value === undefined || value.trim() === '' || Number.isNaN(n) || (type === 'integer' && !Number.isInteger(n))) {
    throw badRequest(`Invalid value for ${path}: ${value} is not ${type === 'integer' ? 'an integer' : 'a number'}`);
  }
  return n;
}

/**
 * UpdateStage's patch paths here: `/deploymentId`, `/description`, `/cacheClusterEnabled`,
 * `/cacheClusterSize`, `/tracingEnabled`, `/variables/<name>` (replace, add, remove), and method
 * settings `/<resource path with ~1>/<METHOD>/<setting>` or `/*\/*\/<setting>` (throttling, metrics,
 * logging, caching), `remove` of a whole `/<key>` dropping its settings. Every operation is checked
 * before the first is applied.
 */
export function updateStage(input: T.UpdateStageRequest, ctx: Ctx): T.Stage {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const stage = requireStage(api, input.stageName);
  const next = { ...stage, variables: userMap(stage.variables), methodSettings: userMap(stage.methodSettings) };
  for (const op of input.patchOperations ?? []) {
    const path = op.path ?? '';
    const invalid = () => badRequest(`Invalid patch path ${path} for operation ${op.op ?? ''}`);
    const setting = /^\/([^/]+\/[^/]+)\/(.+)$/.exec(path);
    if (/^\/variables\/[^/]+$/.test(path)) {
      if (op.op !== 'replace' && op.op !== 'add' && op.op !== 'remove') throw invalid();
      const name = decodeURIComponent(path.slice('/variables/'.length));
      if (op.op === 'remove') delete next.variables[name];
      else next.variables[name] = op.value ?? '';
    } else if (op.op === 'replace' && path === '/deploymentId') next.deploymentId = requireDeployment(api, op.value ?? '').id;
    else if (op.op === 'replace' && path === '/description') next.description = op.value;
    else if (op.op === 'replace' && (path === '/cacheClusterEnabled' || path === '/tracingEnabled')) {
      next[path === '/tracingEnabled' ? 'tracingEnabled' : 'cacheClusterEnabled'] = typed(op.value, 'boolean', path) as boolean;
    } else if (op.op === 'replace' && path === '/cacheClusterSize') {
      if (!CACHE_SIZES.has(op.value ?? '')) throw badRequest(`Invalid cache cluster size ${op.value}. Valid values are ${[...CACHE_SIZES].join(', ')}`);
      next.cacheClusterSize = op.value;
    } else if (setting && METHOD_SETTINGS[setting[2]] && (op.op === 'replace' || op.op === 'add')) {
      const [member, type] = METHOD_SETTINGS[setting[2]];
      next.methodSettings[setting[1]] = { ...next.methodSettings[setting[1]], [member]: typed(op.value, type, path) };
    } else if (op.op === 'remove' && /^\/[^/]+\/[^/]+$/.test(path) && next.methodSettings[path.slice(1)]) delete next.methodSettings[path.slice(1)];
    else throw invalid();
  }
  next.cacheClusterStatus = next.cacheClusterEnabled ? 'AVAILABLE' : 'NOT_AVAILABLE';
  next.lastUpdatedDate = clock.date();
  Object.assign(stage, next);
  return out(stage);
}

export function deleteStage(input: T.DeleteStageRequest, ctx: Ctx): void {
  const api = ctx.backend.requireRestApi(input.restApiId);
  requireStage(api, input.stageName);
  api.stages.delete(input.stageName);
}

export function updateDeployment(input: T.UpdateDeploymentRequest, ctx: Ctx): T.Deployment {
  const deployment = requireDeployment(ctx.backend.requireRestApi(input.restApiId), input.deploymentId);
  return out(patchInPlace(deployment, input.patchOperations, replaceable('string', '/description')));
}

/** FlushStageAuthorizersCache: the stage's cached Lambda authorizer results are dropped. */
export function flushStageAuthorizersCache(input: T.FlushStageAuthorizersCacheRequest, ctx: Ctx): void {
  requireStage(ctx.backend.requireRestApi(input.restApiId), input.stageName);
  ctx.backend.authorizerCache.resetStage(input.restApiId, input.stageName);
}

/** FlushStageCache: the stage's cached responses are dropped (the stage must exist). */
export function flushStageCache(input: T.FlushStageCacheRequest, ctx: Ctx): void {
  requireStage(ctx.backend.requireRestApi(input.restApiId), input.stageName);
  ctx.backend.flushResponseCache(input.restApiId, input.stageName);
}
