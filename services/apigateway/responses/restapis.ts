/** CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi. */
import { clock } from '../../../src/core/clock';
import { badRequest } from '../exceptions';
import { gatewayId } from '../models/backend';
import { Collection } from '../models/collection';
import type { RestApiState } from '../models/resources';
import type * as T from '../types';
import { type Ctx, out, userMap } from './common';

export function createRestApi(input: T.CreateRestApiRequest, ctx: Ctx): T.RestApi {
  if (input.cloneFrom !== undefined) ctx.backend.requireRestApi(input.cloneFrom);
  const id = gatewayId(10);
  const rootId = gatewayId(10);
  const api: RestApiState = {
    info: {
      id,
      name: input.name,
      description: input.description,
      version: input.version,
      createdDate: clock.date(),
      binaryMediaTypes: input.binaryMediaTypes,
      minimumCompressionSize: input.minimumCompressionSize,
      apiKeySource: input.apiKeySource ?? 'HEADER',
      endpointConfiguration: input.endpointConfiguration ?? { types: ['EDGE'], ipAddressType: 'ipv4' },
      policy: input.policy,
      tags: userMap(input.tags),
      disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
      rootResourceId: rootId,
    },
    resources: new Collection(),
    deployments: new Collection(),
    snapshots: new Map(),
    stages: new Collection(),
    authorizers: new Collection(),
    validators: new Collection(),
    models: new Collection(),
    gatewayResponses: new Map(),
    documentationParts: new Collection(),
    documentationVersions: new Collection(),
  };
  api.resources.set(rootId, { id: rootId, path: '/', resourceMethods: Object.create(null) });
  ctx.backend.restApis.set(id, api);
  return out(api.info);
}

export function getRestApi(input: T.GetRestApiRequest, ctx: Ctx): T.RestApi {
  return out(ctx.backend.requireRestApi(input.restApiId).info);
}

export function getRestApis(input: T.GetRestApisRequest, ctx: Ctx): T.RestApis {
  const page = ctx.backend.restApis.page(input.limit, input.position);
  return { items: page.items.map((a) => out(a.info)), position: page.position };
}

/** The patch paths UpdateRestApi takes here: the API's own scalar settings. */
const PATCHABLE = new Set(['/name', '/description', '/version', '/apiKeySource', '/disableExecuteApiEndpoint', '/minimumCompressionSize', '/policy']);

export function updateRestApi(input: T.UpdateRestApiRequest, ctx: Ctx): T.RestApi {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const ops = input.patchOperations ?? [];
  for (const op of ops) {
    if (op.op !== 'replace' || !op.path || !PATCHABLE.has(op.path)) {
      throw badRequest(`Invalid patch path ${op.path ?? ''} for operation ${op.op ?? ''}`);
    }
  }
  const info = api.info as unknown as Record<string, unknown>;
  for (const op of ops) {
    const key = (op.path as string).slice(1);
    if (key === 'disableExecuteApiEndpoint') info[key] = op.value === 'true';
    else if (key === 'minimumCompressionSize') info[key] = op.value === undefined ? undefined : Number(op.value);
    else info[key] = op.value;
  }
  return out(api.info);
}

export function deleteRestApi(input: T.DeleteRestApiRequest, ctx: Ctx): void {
  ctx.backend.requireRestApi(input.restApiId);
  ctx.backend.restApis.delete(input.restApiId);
}
