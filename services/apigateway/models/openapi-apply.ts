/**
 * An import plan (models/openapi-read.ts) applied to a REST API: `overwrite`
 * replaces the API's resources, methods, models, authorizers, validators and
 * gateway responses with the document's; `merge` adds the document's and
 * replaces only what it names again (a method of the same path and verb, a
 * model, authorizer or validator of the same name, a gateway response of the
 * same type). Models' `$ref`s are rewritten to the form API Gateway stores,
 * `https://apigateway.amazonaws.com/restapis/<id>/models/<name>`.
 */
import { gatewayId } from './ids';
import type { ImportPlan } from './openapi-read';
import { refName } from './openapi-read';
import type { ResourceState, RestApiState } from './resources';

export function modelUrl(apiId: string, name: string): string {
  return `https://apigateway.amazonaws.com/restapis/${apiId}/models/${name}`;
}

/** A schema with document `$ref`s turned into API Gateway's model URLs. */
function storedSchema(schema: unknown, apiId: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => storedSchema(s, apiId));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    const name = k === '$ref' ? refName(v) : undefined;
    out[k] = name !== undefined ? modelUrl(apiId, name) : storedSchema(v, apiId);
  }
  return out;
}

function clear<V>(c: { values(): IterableIterator<V>; delete(id: string): boolean }, idOf: (v: V) => string): void {
  for (const v of [...c.values()]) c.delete(idOf(v));
}

export function applyPlan(api: RestApiState, plan: ImportPlan, mode: 'merge' | 'overwrite'): void {
  const apiId = api.info.id;
  const s = plan.settings;
  if (s.name !== undefined) api.info.name = s.name;
  if (s.description !== undefined || mode === 'overwrite') api.info.description = s.description;
  if (s.version !== undefined || mode === 'overwrite') api.info.version = s.version;
  if (s.binaryMediaTypes !== undefined || mode === 'overwrite') api.info.binaryMediaTypes = s.binaryMediaTypes;
  if (s.apiKeySource !== undefined) api.info.apiKeySource = s.apiKeySource;
  if (s.policy !== undefined) api.info.policy = s.policy;
  if (s.disableExecuteApiEndpoint !== undefined) api.info.disableExecuteApiEndpoint = s.disableExecuteApiEndpoint;
  if (s.endpointTypes !== undefined) api.info.endpointConfiguration = { ...api.info.endpointConfiguration, types: s.endpointTypes };

  if (mode === 'overwrite') {
    const root = api.resources.get(api.info.rootResourceId) as ResourceState;
    clear(api.resources, (r) => r.id);
    root.resourceMethods = Object.create(null);
    api.resources.set(root.id, root);
    clear(api.models, (m) => m.name);
    clear(api.authorizers, (a) => a.id);
    clear(api.validators, (v) => v.id);
    api.gatewayResponses.clear();
  }
  for (const [name, m] of plan.models) {
    const existing = api.models.get(name);
    api.models.set(name, {
      id: existing?.id ?? gatewayId(6),
      name,
      description: m.description,
      contentType: 'application/json',
      schema: JSON.stringify(storedSchema(m.schema, apiId)),
    });
  }
  const authorizerIds = new Map<string, string>();
  for (const a of [...api.authorizers.values()]) authorizerIds.set(a.name ?? '', a.id);
  for (const [name, a] of plan.authorizers) {
    const id = authorizerIds.get(name) ?? gatewayId(6);
    authorizerIds.set(name, id);
    api.authorizers.set(id, { ...a, id });
  }
  const validatorIds = new Map<string, string>();
  for (const v of [...api.validators.values()]) validatorIds.set(v.name ?? '', v.id);
  for (const [name, v] of plan.validators) {
    const id = validatorIds.get(name) ?? gatewayId(6);
    validatorIds.set(name, id);
    api.validators.set(id, { id, name, ...v });
  }
  for (const [type, r] of plan.gatewayResponses) api.gatewayResponses.set(type, r);

  const byPath = new Map<string, ResourceState>();
  for (const r of api.resources.values()) byPath.set(r.path, r);
  const resourceAt = (path: string): ResourceState => {
    const found = byPath.get(path);
    if (found) return found;
    const cut = path.lastIndexOf('/');
    const parent = resourceAt(cut === 0 ? '/' : path.slice(0, cut));
    const created: ResourceState = { id: gatewayId(10), parentId: parent.id, pathPart: path.slice(cut + 1), path, resourceMethods: Object.create(null) };
    api.resources.set(created.id, created);
    byPath.set(path, created);
    return created;
  };
  for (const [path, methods] of plan.paths) {
    const resource = resourceAt(path);
    for (const [verb, planned] of methods) {
      const { authorizerName, validatorName, ...method } = planned;
      if (method.methodIntegration) method.methodIntegration = { ...method.methodIntegration, cacheNamespace: method.methodIntegration.cacheNamespace ?? resource.id };
      resource.resourceMethods[verb] = {
        ...method,
        authorizerId: authorizerName === undefined ? undefined : authorizerIds.get(authorizerName),
        requestValidatorId: validatorName === undefined ? undefined : validatorIds.get(validatorName),
      };
    }
  }
}
