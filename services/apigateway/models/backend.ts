/**
 * API Gateway REST API state for one account and region: REST APIs with
 * their resources, methods, integrations, deployments, stages, authorizers,
 * request validators and models; API keys and usage plans; tags. The
 * execute-api data plane (services/apigatewayv2/dataplane/rest-api.ts) reads
 * it through `restApi`, `deployedResources` and `consumeKey`.
 */
import { clock } from '../../../src/core/clock';
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
  /** Requests counted against usage plan quotas: `<plan>/<key>/<period start>` → count. */
  readonly usage = new Map<string, number>();

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

  /**
   * A request with API key `value` to the API's stage: 'forbidden' unless the key is enabled and in
   * a usage plan covering the stage; 'quota' once the plan's quota for the period is used up (the
   * request is not counted); otherwise counted and 'ok'.
   */
  consumeKey(value: string | undefined, apiId: string, stageName: string): 'ok' | 'forbidden' | 'quota' {
    if (!value) return 'forbidden';
    const key = [...this.apiKeys.values()].find((k) => k.value === value);
    if (!key?.enabled) return 'forbidden';
    for (const plan of this.usagePlans.values()) {
      const covers = plan.apiStages?.some((s) => s.apiId === apiId && s.stage === stageName);
      if (!covers || !this.planKeys.get(plan.id)?.has(key.id)) continue;
      const quota = plan.quota;
      if (quota?.limit === undefined || !quota.period) return 'ok';
      const counter = `${plan.id}/${key.id}/${periodStart(quota.period, clock.now())}`;
      const used = this.usage.get(counter) ?? 0;
      if (used >= quota.limit) return 'quota';
      this.usage.set(counter, used + 1);
      return 'ok';
    }
    return 'forbidden';
  }
}

/** The start (ms) of the UTC day, week (from Monday) or month `now` falls in. */
function periodStart(period: string, now: number): number {
  const d = new Date(now);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (period === 'DAY') return day;
  if (period === 'WEEK') return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
