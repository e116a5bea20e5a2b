/**
 * TestInvokeMethod and TestInvokeAuthorizer of REST APIs: the data plane's own
 * code (rest-api.ts) run on the API as it is now, without a deployment, at
 * the stage `test-invoke-stage` as API Gateway's test invocations are. A test
 * invocation of a method skips its authorizer, API key and throttling (as the
 * console's test does) but validates the request and runs the integration;
 * the answer carries the status, body, headers, an execution log and the
 * latency on the core clock.
 */
import { clock } from '../../../src/core/clock';
import type { AwsResponse } from '../../../src/core/request';
import type { BackendAccess } from '../../../src/core/service';
import type { ApiGatewayBackend } from '../../apigateway/models/backend';
import type { ResourceState, RestApiState } from '../../apigateway/models/resources';
import type * as T from '../../apigateway/types';
import { selectRoute } from '../models/route-keys';
import type { GatewayRequest } from './http';
import type { ProxyContext } from './proxy-events';
import { evaluateAuthorizer, integrate, shapeRefusal } from './rest-api';
import { VtlError } from './templates';

const STAGE = 'test-invoke-stage';

export interface InvokeIds {
  account: string;
  region: string;
  requestId: string;
}

interface TestRequest {
  httpMethod: string;
  pathWithQueryString?: string;
  body?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  stageVariables?: Record<string, string>;
}

/** The request a test invocation stands for, at `resource` (its path when no path is given). */
function proxyFor(api: RestApiState, resource: ResourceState, t: TestRequest, ids: InvokeIds): ProxyContext {
  const target = t.pathWithQueryString || resource.path;
  const [path] = target.split('?');
  const headers: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(t.multiValueHeaders ?? {})) headers[k.toLowerCase()] = v.join(',');
  for (const [k, v] of Object.entries(t.headers ?? {})) headers[k.toLowerCase()] = v;
  const host = `${api.info.id}.execute-api.${ids.region}.amazonaws.com`;
  headers.host ??= host;
  const gw: GatewayRequest = {
    req: { method: t.httpMethod, url: new URL(`https://${host}/${STAGE}${target.startsWith('/') ? target : `/${target}`}`), headers, body: Buffer.from(t.body ?? '') },
    apiId: api.info.id,
    path: `/${STAGE}${path}`,
    requestId: ids.requestId,
    account: ids.account,
    region: ids.region,
    domainName: host,
  };
  const match = selectRoute([{ RouteKey: `${t.httpMethod} ${resource.path}` }], t.httpMethod, path);
  return {
    gw,
    stage: STAGE,
    path,
    stagedPath: `/${STAGE}${path}`,
    resource: resource.path,
    resourceId: resource.id,
    pathParameters: match?.pathParameters ?? {},
    stageVariables: { ...(t.stageVariables ?? {}) },
    binaryMediaTypes: api.info.binaryMediaTypes ?? [],
  };
}

async function text(body: AwsResponse['body']): Promise<string> {
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A log line stamped as API Gateway's execution logs are (`Sun Dec 06 22:58:26 UTC 2026 : ...`). */
function stamp(line: string): string {
  const d = new Date(clock.now());
  const date = String(d.getUTCDate()).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${date} ${d.toISOString().slice(11, 19)} UTC ${d.getUTCFullYear()} : ${line}`;
}

export async function testInvokeMethod(
  v1: ApiGatewayBackend,
  api: RestApiState,
  resource: ResourceState,
  method: T.Method,
  t: TestRequest,
  backends: BackendAccess,
  ids: InvokeIds,
): Promise<T.TestInvokeMethodResponse> {
  const started = clock.now();
  const proxy = proxyFor(api, resource, t, ids);
  const { req } = proxy.gw;
  const log = [
    `Execution log for request ${ids.requestId}`,
    stamp(`Starting execution for request: ${ids.requestId}`),
    stamp(`HTTP Method: ${t.httpMethod}, Resource Path: ${proxy.path}`),
    stamp(`Method request path: ${JSON.stringify(proxy.pathParameters)}`),
    stamp(`Method request query string: ${JSON.stringify(Object.fromEntries(req.url.searchParams))}`),
    stamp(`Method request headers: ${JSON.stringify(req.headers)}`),
    stamp(`Method request body before transformations: ${t.body ?? ''}`),
  ];
  const snapshot = v1.snapshotOf(api);
  let response: AwsResponse;
  try {
    response = await integrate(method, snapshot, proxy, backends);
  } catch (err) {
    if (!(err instanceof VtlError)) throw err;
    log.push(stamp(`Execution failed due to configuration error: ${err.message}`));
    response = { status: 500, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"message": "Internal server error"}') };
  }
  response = shapeRefusal(response, snapshot.gatewayResponses, proxy.gw, proxy.stageVariables);
  const body = await text(response.body);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers)) if (v !== undefined) headers[k] = String(v);
  log.push(stamp(`Method response body after transformations: ${body}`));
  log.push(stamp(`Method response headers: ${JSON.stringify(headers)}`));
  log.push(stamp('Successfully completed execution'));
  log.push(stamp(`Method completed with status: ${response.status}`));
  return {
    status: response.status,
    body,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    log: `${log.join('\n')}\n`,
    latency: clock.now() - started,
  };
}

export async function testInvokeAuthorizer(
  v1: ApiGatewayBackend,
  api: RestApiState,
  authorizer: T.Authorizer & { id: string },
  t: Omit<TestRequest, 'httpMethod'>,
  backends: BackendAccess,
  ids: InvokeIds,
): Promise<T.TestInvokeAuthorizerResponse> {
  const started = clock.now();
  const root = api.resources.get(api.info.rootResourceId) as ResourceState;
  const proxy = proxyFor(api, root, { ...t, httpMethod: 'GET' }, ids);
  const verdict = await evaluateAuthorizer(v1, authorizer, proxy, backends, { cache: false });
  const log = [`Execution log for request ${ids.requestId}`, stamp(`Starting authorizer: ${authorizer.id} for request: ${ids.requestId}`)];
  const policy = (p: unknown) => (p === undefined ? undefined : JSON.stringify(p));
  let out: T.TestInvokeAuthorizerResponse;
  if (verdict.kind === 'fail') {
    log.push(stamp(`Authorizer refused the request with status ${verdict.response.status}`));
    out = { clientStatus: verdict.response.status };
  } else if (verdict.kind === 'deny') {
    log.push(stamp('Policy denies access'));
    out = { clientStatus: 403, principalId: String(verdict.principalId), policy: policy(verdict.policy) };
  } else {
    log.push(stamp('Authorizer allows access'));
    const claims = verdict.claims ? Object.fromEntries(Object.entries(verdict.claims).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) : undefined;
    out = {
      clientStatus: 200,
      principalId: verdict.principalId === undefined ? undefined : String(verdict.principalId),
      policy: policy(verdict.policy),
      claims,
    };
  }
  log.push(stamp(`Authorizer completed with client status: ${out.clientStatus}`));
  return { ...out, log: `${log.join('\n')}\n`, latency: clock.now() - started };
}
