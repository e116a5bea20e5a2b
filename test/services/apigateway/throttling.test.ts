/**
 * Throttling and quotas applied on the REST API data plane, on the core clock
 * (fake timers move it): stage method settings (`*\/*` and per method), usage
 * plan throttles per key (and per method of an API stage), quotas with their
 * offset, and GetUsage counting what was served.
 */
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  FlushStageCacheCommand,
  GetStageCommand,
  GetUsageCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateIntegrationCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });
const url = (apiId: string, path: string) => `https://${apiId}.execute-api.us-east-1.amazonaws.com${path}`;
const NOON = new Date('2026-03-10T12:00:00Z');

/** GET and POST /pets and GET /owners, MOCK 200, deployed to `prod`; `apiKeyRequired` on every method when asked. */
async function api(apiKeyRequired = false) {
  const created = await client.send(new CreateRestApiCommand({ name: 'throttled' }));
  const restApiId = created.id as string;
  for (const [part, verbs] of [['pets', ['GET', 'POST']], ['owners', ['GET']]] as const) {
    const resourceId = (await client.send(new CreateResourceCommand({ restApiId, parentId: created.rootResourceId, pathPart: part }))).id as string;
    for (const httpMethod of verbs) {
      await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod, authorizationType: 'NONE', apiKeyRequired }));
      await client.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod, statusCode: '200' }));
      await client.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":200}' } }));
      await client.send(new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod, statusCode: '200' }));
    }
  }
  await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  return restApiId;
}

const fake = () => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'], now: NOON });
const statuses = async (n: number, call: () => Promise<Response>) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call()).status);
  return out;
};

describe('REST API throttling and quotas', () => {
  useMockAws();

  it("applies the stage's */* throttle as a token bucket: burst, then rate per second, 429 Too Many Requests", async () => {
    const restApiId = await api();
    const stage = await client.send(
      new UpdateStageCommand({
        restApiId,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/*/*/throttling/rateLimit', value: '1' },
          { op: 'replace', path: '/*/*/throttling/burstLimit', value: '2' },
        ],
      }),
    );
    expect(stage.methodSettings).toEqual({ '*/*': { throttlingRateLimit: 1, throttlingBurstLimit: 2 } });
    fake();
    const get = () => fetch(url(restApiId, '/prod/pets'));
    expect(await statuses(2, get)).toEqual([200, 200]);
    const throttled = await get();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(await throttled.json()).toEqual({ message: 'Too Many Requests' });
    jest.advanceTimersByTime(1000);
    expect(await statuses(2, get)).toEqual([200, 429]);
    jest.advanceTimersByTime(5000);
    expect(await statuses(3, get)).toEqual([200, 200, 429]);
  });

  it('a per-method setting overrides */* for its method only; bad values are refused and change nothing', async () => {
    const restApiId = await api();
    await client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/~1pets/GET/throttling/burstLimit', value: '1' }, { op: 'replace', path: '/~1pets/GET/throttling/rateLimit', value: '0.5' }] }));
    const bad = client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/throttling/burstLimit', value: '1' }, { op: 'replace', path: '/*/*/throttling/rateLimit', value: 'fast' }] }));
    await expect(bad).rejects.toMatchObject({ name: 'BadRequestException' });
    expect((await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).methodSettings).toEqual({ '~1pets/GET': { throttlingBurstLimit: 1, throttlingRateLimit: 0.5 } });
    fake();
    expect(await statuses(2, () => fetch(url(restApiId, '/prod/pets')))).toEqual([200, 429]);
    expect(await statuses(3, () => fetch(url(restApiId, '/prod/pets'), { method: 'POST' }))).toEqual([200, 200, 200]);
    expect(await statuses(3, () => fetch(url(restApiId, '/prod/owners')))).toEqual([200, 200, 200]);
    jest.advanceTimersByTime(2000);
    expect(await statuses(1, () => fetch(url(restApiId, '/prod/pets')))).toEqual([200]);
  });

  it("throttles each API key by its usage plan's throttle (per method of the API stage first), and GetUsage counts what was served", async () => {
    const restApiId = await api(true);
    const plan = await client.send(
      new CreateUsagePlanCommand({
        name: 'p',
        throttle: { rateLimit: 1, burstLimit: 1 },
        apiStages: [{ apiId: restApiId, stage: 'prod', throttle: { '/owners/GET': { rateLimit: 10, burstLimit: 3 } } }],
      }),
    );
    const keys = [];
    for (const name of ['a', 'b']) {
      const key = await client.send(new CreateApiKeyCommand({ name, enabled: true, value: `${name}-0123456789abcdefghij` }));
      await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
      keys.push(key.id as string);
    }
    fake();
    const call = (key: string, path = '/prod/pets') => () => fetch(url(restApiId, path), { headers: { 'x-api-key': `${key}-0123456789abcdefghij` } });
    expect(await statuses(2, call('a'))).toEqual([200, 429]);
    // Each key has its own bucket.
    expect(await statuses(1, call('b'))).toEqual([200]);
    expect(await statuses(4, call('a', '/prod/owners'))).toEqual([200, 200, 200, 429]);
    const usage = await client.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: '2026-03-10', endDate: '2026-03-10' }));
    expect(usage.items).toEqual({ [keys[0]]: [[4, 0]], [keys[1]]: [[1, 0]] });
  });

  it("answers 429 Limit Exceeded past the quota less its offset in the plan's first period, the full quota after", async () => {
    const restApiId = await api(true);
    fake();
    const plan = await client.send(new CreateUsagePlanCommand({ name: 'q', apiStages: [{ apiId: restApiId, stage: 'prod' }], quota: { limit: 3, offset: 1, period: 'DAY' } }));
    const key = await client.send(new CreateApiKeyCommand({ name: 'k', enabled: true, value: 'k-0123456789abcdefghij' }));
    await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
    const call = () => fetch(url(restApiId, '/prod/pets'), { headers: { 'x-api-key': 'k-0123456789abcdefghij' } });
    expect(await statuses(2, call)).toEqual([200, 200]);
    const over = await call();
    expect([over.status, over.headers.get('x-amzn-errortype'), await over.json()]).toEqual([429, 'LimitExceededException', { message: 'Limit Exceeded' }]);
    jest.setSystemTime(new Date('2026-03-11T00:00:01Z'));
    expect(await statuses(4, call)).toEqual([200, 200, 200, 429]);
  });

  it('shapes throttling through the THROTTLED gateway response', async () => {
    const restApiId = await api();
    await client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/throttling/burstLimit', value: '0' }] }));
    await client.send(new PutGatewayResponseCommand({ restApiId, responseType: 'THROTTLED', responseParameters: { 'gatewayresponse.header.Retry-After': "'1'" }, responseTemplates: { 'application/json': '{"slow":"down","type":"$context.error.responseType"}' } }));
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
    const res = await fetch(url(restApiId, '/prod/pets'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ slow: 'down', type: 'THROTTLED' });
  });
});

describe('REST API stage response cache', () => {
  useMockAws();

  /** GET and POST /pets answering the request id, so a cached answer shows an earlier request's id. */
  async function cachedApi() {
    const created = await client.send(new CreateRestApiCommand({ name: 'cached' }));
    const restApiId = created.id as string;
    const resourceId = (await client.send(new CreateResourceCommand({ restApiId, parentId: created.rootResourceId, pathPart: 'pets' }))).id as string;
    for (const httpMethod of ['GET', 'POST']) {
      await client.send(new PutMethodCommand({ restApiId, resourceId, httpMethod, authorizationType: 'NONE' }));
      await client.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod, statusCode: '200' }));
      await client.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":200}' } }));
      await client.send(new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod, statusCode: '200', responseTemplates: { 'application/json': '{"id":"$context.requestId"}' } }));
    }
    await client.send(new UpdateIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', patchOperations: [{ op: 'add', path: '/cacheKeyParameters/method.request.querystring.kind' }] }));
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', cacheClusterEnabled: true }));
    return restApiId;
  }
  const idOf = async (res: Promise<Response>) => ((await (await res).json()) as { id: string }).id;

  it('answers repeated GETs from the cache for the TTL, keyed by the cache key parameters, until FlushStageCache', async () => {
    const restApiId = await cachedApi();
    expect(await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).toMatchObject({ cacheClusterEnabled: true, cacheClusterSize: '0.5', cacheClusterStatus: 'AVAILABLE' });
    fake();
    const get = (q = '') => fetch(url(restApiId, `/prod/pets${q}`));
    const first = await idOf(get());
    expect(await idOf(get())).toBe(first);
    expect(await idOf(get('?kind=cat'))).not.toBe(first);
    // POST is not cached by default.
    const post = () => fetch(url(restApiId, '/prod/pets'), { method: 'POST' });
    expect(await idOf(post())).not.toBe(await idOf(post()));
    jest.advanceTimersByTime(301_000);
    const second = await idOf(get());
    expect(second).not.toBe(first);
    await client.send(new FlushStageCacheCommand({ restApiId, stageName: 'prod' }));
    expect(await idOf(get())).not.toBe(second);
    await expect(client.send(new FlushStageCacheCommand({ restApiId, stageName: 'nope' }))).rejects.toMatchObject({ name: 'NotFoundException', message: 'Invalid Stage identifier specified' });
  });

  it('follows the method settings: caching off for a method, a TTL of its own', async () => {
    const restApiId = await cachedApi();
    await client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '10' }, { op: 'replace', path: '/~1pets/POST/caching/enabled', value: 'true' }] }));
    fake();
    const post = () => fetch(url(restApiId, '/prod/pets'), { method: 'POST' });
    const first = await idOf(post());
    expect(await idOf(post())).toBe(first);
    jest.advanceTimersByTime(11_000);
    expect(await idOf(post())).not.toBe(first);
    await client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/cacheClusterEnabled', value: 'false' }] }));
    expect(await idOf(post())).not.toBe(await idOf(post()));
  });
});
