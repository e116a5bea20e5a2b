/**
 * API Gateway REST API state for one account and region: REST APIs with
 * their resources, methods, integrations, deployments, stages, authorizers,
 * request validators and models; API keys and usage plans; tags. The
 * execute-api data plane (services/apigatewayv2/dataplane/rest-api.ts) reads
 * it through `restApi`, `deployed` and `consumeKey`.
 */
import { clock } from '../../../src/core/clock';
import type { BackendContext } from '../../../src/core/service';
import { notFound } from '../exceptions';
import type * as T from '../types';
import { Collection } from './collection';
import { AuthorizerCache } from './authorizer-cache';
import { type Bucket, limited, take } from './throttle';
export { gatewayId } from './ids';
import { deepCopy } from './copy';
import type { DeploymentSnapshot, DomainState, ResourceState, RestApiState } from './resources';

export class ApiGatewayBackend {
  readonly account: string;
  readonly region: string;
  readonly restApis = new Collection<RestApiState>();
  readonly apiKeys = new Collection<T.ApiKey & { id: string; value: string }>();
  readonly usagePlans = new Collection<T.UsagePlan & { id: string }>();
  /** Custom domain names of both APIs (models/domains.ts), by name (private ones by `<name>+<id>`). */
  readonly domainNames = new Collection<DomainState>();
  readonly clientCertificates = new Collection<T.ClientCertificate & { clientCertificateId: string }>();
  /** VPC links with their creation time (their status follows from it on the clock). */
  readonly vpcLinks = new Collection<T.VpcLink & { id: string; createdAt: number }>();
  /** Usage plan id → API key ids in it. */
  readonly planKeys = new Map<string, Set<string>>();
  /** Requests counted per usage plan, key and UTC day: `<plan>/<key>/<day start ms>` → count. */
  readonly usage = new Map<string, number>();
  /** UpdateUsage's extensions of a quota period: `<plan>/<key>/<period start ms>` → requests added. */
  readonly quotaCredits = new Map<string, number>();
  /** Throttling token buckets: `stage/<api>/<stage>/<method key>` and `plan/<plan>/<key>[/<method>]`. */
  readonly buckets = new Map<string, Bucket>();
  /** When each usage plan was created (clock ms): a quota's `offset` applies to the period it fell in. */
  readonly planCreated = new Map<string, number>();
  /** Stage response caches: `<api>/<stage>/<method> <path>...` → a 2xx answer (body base64) until `expires`. */
  readonly responseCache = new Map<string, { status: number; headers: Record<string, string>; body: string; expires: number }>();
  /** Lambda authorizer results by `<api>/<stage>/<authorizer>/<identity>`, until `expires` (clock ms). */
  readonly authorizerCache = new AuthorizerCache();
  /** GetAccount / UpdateAccount: the account-level settings of API Gateway in this region. */
  settings: T.Account = { throttleSettings: { burstLimit: 5000, rateLimit: 10000 }, features: [], apiKeyVersion: '4' };

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

  /** What a stage serves (its deployment's snapshot), or undefined when the stage does not exist. */
  deployed(api: RestApiState, stageName: string): { stage: T.Stage & { stageName: string }; snapshot: DeploymentSnapshot } | undefined {
    const stage = api.stages.get(stageName);
    const snapshot = stage?.deploymentId ? api.snapshots.get(stage.deploymentId) : undefined;
    return stage && snapshot ? { stage, snapshot } : undefined;
  }

  /** The API as it is now, frozen the way CreateDeployment freezes it. */
  snapshotOf(api: RestApiState): DeploymentSnapshot {
    const byId = <V extends { id: string }>(c: Collection<V>) => new Map([...c.values()].map((v) => [v.id, deepCopy(v)]));
    return {
      resources: [...api.resources.values()].map(deepCopy),
      authorizers: byId(api.authorizers),
      validators: byId(api.validators),
      models: new Map([...api.models.values()].map((m) => [m.name, deepCopy(m)])),
      gatewayResponses: new Map([...api.gatewayResponses].map(([k, v]) => [k, deepCopy(v)])),
    };
  }

  /**
   * A request with API key `value` to the API's stage and `method` (`/pets/GET`): 'forbidden' unless
   * the key is enabled and in a usage plan covering the stage; 'throttled' past the plan's throttle
   * for the key (the stage's per-method throttle in the plan first); 'quota' once the plan's quota
   * for the period is used up (neither is counted); otherwise counted and 'ok'.
   */
  consumeKey(value: string | undefined, apiId: string, stageName: string, method = ''): 'ok' | 'forbidden' | 'quota' | 'throttled' {
    if (!value) return 'forbidden';
    const key = [...this.apiKeys.values()].find((k) => k.value === value);
    if (!key?.enabled) return 'forbidden';
    for (const plan of this.usagePlans.values()) {
      const apiStage = plan.apiStages?.find((s) => s.apiId === apiId && s.stage === stageName);
      if (!apiStage || !this.planKeys.get(plan.id)?.has(key.id)) continue;
      const perMethod = apiStage.throttle?.[method];
      if (limited(perMethod) && !take(this.buckets, `plan/${plan.id}/${key.id}/${method}`, perMethod, clock.now())) return 'throttled';
      if (!limited(perMethod) && limited(plan.throttle) && !take(this.buckets, `plan/${plan.id}/${key.id}`, plan.throttle, clock.now())) return 'throttled';
      const remaining = this.remaining(plan, key.id, clock.now());
      if (remaining !== undefined && remaining <= 0) return 'quota';
      const counter = `${plan.id}/${key.id}/${periodStart('DAY', clock.now())}`;
      this.usage.set(counter, (this.usage.get(counter) ?? 0) + 1);
      return 'ok';
    }
    return 'forbidden';
  }

  cachedResponse(key: string): { status: number; headers: Record<string, string>; body: Buffer } | undefined {
    const hit = this.responseCache.get(key);
    if (hit && hit.expires > clock.now()) return { status: hit.status, headers: { ...hit.headers }, body: Buffer.from(hit.body, 'base64') };
    if (hit) this.responseCache.delete(key);
    return undefined;
  }

  cacheResponse(key: string, response: { status: number; headers: Record<string, string>; body: Buffer }, ttlMs: number): void {
    this.responseCache.set(key, { status: response.status, headers: { ...response.headers }, body: response.body.toString('base64'), expires: clock.now() + ttlMs });
  }

  /** FlushStageCache: forget every cached response of the stage. */
  flushResponseCache(apiId: string, stageName: string): void {
    const prefix = `${apiId}/${stageName}/`;
    for (const key of [...this.responseCache.keys()]) if (key.startsWith(prefix)) this.responseCache.delete(key);
  }

  /**
   * A stage's throttle for a method (`resourcePath` `/pets`, `httpMethod` GET): its method settings
   * for `~1pets/GET`, else the stage-wide `*` / `*` ones. False when the request is throttled.
   */
  takeStageToken(apiId: string, stage: T.Stage & { stageName: string }, resourcePath: string, httpMethod: string): boolean {
    for (const key of [methodSettingsKey(resourcePath, httpMethod), '*/*']) {
      const s = stage.methodSettings?.[key];
      const limits = { rateLimit: s?.throttlingRateLimit, burstLimit: s?.throttlingBurstLimit };
      if (limited(limits)) return take(this.buckets, `stage/${apiId}/${stage.stageName}/${key}`, limits, clock.now());
    }
    return true;
  }

  /** Requests left in the quota period `now` falls in (undefined when the plan has no quota). */
  remaining(plan: T.UsagePlan & { id: string }, keyId: string, now: number): number | undefined {
    const quota = plan.quota;
    if (quota?.limit === undefined || !quota.period) return undefined;
    const start = periodStart(quota.period, now);
    // The offset is taken off the limit in the period the plan was created in only.
    const created = this.planCreated.get(plan.id);
    const offset = quota.offset && created !== undefined && periodStart(quota.period, created) === start ? quota.offset : 0;
    let used = 0;
    for (let day = start; day <= now; day += 86_400_000) used += this.usedOn(plan.id, keyId, day);
    return quota.limit - offset + (this.quotaCredits.get(`${plan.id}/${keyId}/${start}`) ?? 0) - used;
  }

  /** Requests of `keyId` under the plan on the UTC day starting at `day` (ms). */
  usedOn(planId: string, keyId: string, day: number): number {
    return this.usage.get(`${planId}/${keyId}/${day}`) ?? 0;
  }

  /** UpdateUsage: the quota period now running is extended so that `remaining` requests are left. */
  setRemaining(plan: T.UsagePlan & { id: string }, keyId: string, remaining: number): void {
    const now = clock.now();
    const current = this.remaining(plan, keyId, now) ?? 0;
    const counter = `${plan.id}/${keyId}/${periodStart(plan.quota?.period ?? 'DAY', now)}`;
    this.quotaCredits.set(counter, (this.quotaCredits.get(counter) ?? 0) + remaining - current);
  }
}

/** A stage's method settings key of a method: its resource path with `/` as `~1` (and `~` as `~0`), then the verb. */
export function methodSettingsKey(resourcePath: string, httpMethod: string): string {
  return `${resourcePath.replace(/~/g, '~0').replace(/\//g, '~1')}/${httpMethod}`;
}

/** The start (ms) of the UTC day, week (from Monday) or month `now` falls in. */
export function periodStart(period: string, now: number): number {
  const d = new Date(now);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (period === 'DAY') return day;
  if (period === 'WEEK') return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
