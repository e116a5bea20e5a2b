/**
 * API Gateway REST API state for one account and region: REST APIs with
 * their resources, methods, integrations, deployments, stages, authorizers,
 * request validators and models; API keys and usage plans; tags. The
 * execute-api data plane (services/apigatewayv2/dataplane/rest-api.ts) reads
 * it through `restApi`, `deployedResources` and `keyAllowed`.
 */
import type { BackendContext } from '../../../src/core/service';
import { notFound } from '../exceptions';
import type * as T from '../types';
import { Collection } from './collection';
export { gatewayId } from './ids';
import type { ResourceState, RestApiState } from './resources';

export class ApiGatewayBackend {
  readonly account: string;
  readonly region: string;
  readonly restApis = new Collection<RestApiState>();
  readonly apiKeys = new Collection<T.ApiKey & { id: string; value: string }>();
  readonly usagePlans = new Collection<T.UsagePlan & { id: string }>();
  /** Usage plan id → API key ids in it. */
  readonly planKeys = new Map<string, Set<string>>();
  /** Tags of stages (by ARN); REST APIs keep theirs in `info.tags`. */
  readonly tags = new Map<string, Record<string, string>>();

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
  }

  restApi(id: string): RestApiState | undefined {
    return this.restApis.get(id);
  }

  requireRestApi(id: string): RestApiState {
    const api = this.restApis.get(id);
    if (!api) throw notFound(`Invalid API identifier specified ${this.account}:${id}`);
    return api;
  }

  requireResource(api: RestApiState, id: string): ResourceState {
    const resource = api.resources.get(id);
    if (!resource) throw notFound('Invalid Resource identifier specified');
    return resource;
  }

  requireMethod(api: RestApiState, resourceId: string, httpMethod: string): T.Method {
    const method = this.requireResource(api, resourceId).resourceMethods[httpMethod];
    if (!method) throw notFound('Invalid Method identifier specified');
    return method;
  }

  /** The resources a stage serves (its deployment's snapshot), or undefined when the stage does not exist. */
  deployedResources(api: RestApiState, stageName: string): { stage: T.Stage; resources: ResourceState[] } | undefined {
    const stage = api.stages.get(stageName);
    const resources = stage?.deploymentId ? api.snapshots.get(stage.deploymentId) : undefined;
    return stage && resources ? { stage, resources } : undefined;
  }

  /** Whether the API key `value` is enabled and in a usage plan that covers the API's stage. */
  keyAllowed(value: string | undefined, apiId: string, stageName: string): boolean {
    if (!value) return false;
    const key = [...this.apiKeys.values()].find((k) => k.value === value);
    if (!key?.enabled) return false;
    for (const plan of this.usagePlans.values()) {
      const covers = plan.apiStages?.some((s) => s.apiId === apiId && s.stage === stageName);
      if (covers && this.planKeys.get(plan.id)?.has(key.id)) return true;
    }
    return false;
  }
}
