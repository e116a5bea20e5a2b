/**
 * A REST API (v1) request: `/<stage>/<path>`, the resource and method, the
 * API key, the authorizer, then the integration (Lambda proxy, MOCK, or an
 * AWS service action through `backends.call`). Errors are API Gateway's:
 * 403 Missing Authentication Token for an unknown path or method, 403
 * Forbidden for an unknown stage or a missing API key, 429 Limit Exceeded
 * past a usage plan's quota, 401 Unauthorized,
 * 502 for a broken Lambda proxy answer, with `x-amzn-RequestId` and
 * `x-amzn-ErrorType`.
 */
import { AwsError } from '../../../src/core/errors';
import type { AwsResponse } from '../../../src/core/request';
import type { BackendAccess } from '../../../src/core/service';
import type { ApiGatewayBackend } from '../../apigateway/models/backend';
import type { DeploymentSnapshot, ResourceState, RestApiState } from '../../apigateway/models/resources';
import type { Authorizer, GatewayResponse, Integration, Method } from '../../apigateway/types';
import { effectiveResponse } from '../../apigateway/models/gateway-responses';
import { decodeSegment, selectRoute } from '../models/route-keys';
import { type GatewayRequest, gatewayError, isBinaryMediaType, matchesWhole } from './http';
import { checkJwt } from './jwt';
import { functionArnOf, invokeLambda } from './lambda';
import { eventV1, type ProxyContext } from './proxy-events';
import { resultV1 } from './proxy-results';
import { responseCacheKey } from './rest-cache';
import { validateRequest } from './rest-validation';
import { render, type TemplateInput, VtlError } from './templates';

const ERROR_TYPES: Record<string, string> = {
  'Missing Authentication Token': 'MissingAuthenticationTokenException',
  Forbidden: 'ForbiddenException',
  Unauthorized: 'UnauthorizedException',
  'Internal server error': 'InternalServerErrorException',
  'Limit Exceeded': 'LimitExceededException',
  'Too Many Requests': 'TooManyRequestsException',
  'User is not authorized to access this resource with an explicit deny': 'AccessDeniedException',
};

/** The error type of the refusals whose message varies (a validation failure names its parameters). */
const STATUS_ERROR_TYPES: Record<number, string> = { 400: 'BadRequestException', 429: 'TooManyRequestsException' };

const EXPLICIT_DENY = 'User is not authorized to access this resource with an explicit deny';

/** An answer API Gateway itself gives, before any gateway response of the API is applied. */
function plainFail(status: number, message: string): AwsResponse {
  const headers = { 'x-amzn-errortype': ERROR_TYPES[message] ?? STATUS_ERROR_TYPES[status] ?? 'InternalServerErrorException' };
  // The explicit-deny answer is the one that spells its member `Message`.
  if (message === EXPLICIT_DENY) return { status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify({ Message: message })) };
  return gatewayError(status, message, headers);
}

/** The gateway response type of each refusal (AWS's "Gateway response types"). */
const RESPONSE_TYPES: Record<string, string> = {
  'Missing Authentication Token': 'MISSING_AUTHENTICATION_TOKEN',
  Forbidden: 'INVALID_API_KEY',
  Unauthorized: 'UNAUTHORIZED',
  'Limit Exceeded': 'QUOTA_EXCEEDED',
  'Too Many Requests': 'THROTTLED',
  [EXPLICIT_DENY]: 'ACCESS_DENIED',
};

/** Refusals still to be shaped by the API's gateway responses (serveRestApi does it, knowing the API). */
const refusals = new WeakMap<AwsResponse, { type: string; message: string; validationErrorString?: string }>();

function fail(status: number, message: string, type?: string, validationErrorString?: string): AwsResponse {
  const response = plainFail(status, message);
  const responseType = type ?? RESPONSE_TYPES[message] ?? (status === 500 ? 'API_CONFIGURATION_ERROR' : 'DEFAULT_5XX');
  refusals.set(response, { type: responseType, message, validationErrorString });
  return response;
}

/** A refusal as the API's gateway response for its type shapes it: status, headers and the rendered template. */
export function shapeRefusal(response: AwsResponse, custom: Map<string, GatewayResponse>, gw: GatewayRequest, stageVariables: Record<string, string>): AwsResponse {
  const refusal = refusals.get(response);
  if (!refusal || (custom.size === 0 && refusal.message === EXPLICIT_DENY)) return response;
  const chosen = effectiveResponse(custom, refusal.type, response.status);
  const headers: Record<string, string> = { ...response.headers };
  for (const [name, value] of Object.entries(chosen.responseParameters ?? {})) {
    const header = /^gatewayresponse\.header\.(.+)$/.exec(name)?.[1];
    if (header) headers[header.toLowerCase()] = requestValue(value, gw) ?? '';
  }
  const template = chosen.responseTemplates?.['application/json'];
  if (template === undefined) return { ...response, status: Number(chosen.statusCode), headers };
  const error = {
    message: refusal.message,
    messageString: JSON.stringify(refusal.message),
    responseType: refusal.type,
    validationErrorString: refusal.validationErrorString ?? '',
  };
  const body = render(template, {
    body: '',
    params: (n) => gw.req.headers[n.toLowerCase()] ?? gw.req.url.searchParams.get(n) ?? '',
    context: { requestId: gw.requestId, apiId: gw.apiId, accountId: gw.account, httpMethod: gw.req.method, error },
    stageVariables,
  });
  return { status: Number(chosen.statusCode), headers, body: Buffer.from(body) };
}

/** A mapping value: `'literal'`, or `method.request.header|querystring.<name>`. */
function requestValue(value: string, gw: GatewayRequest): string | undefined {
  const literal = /^'(.*)'$/s.exec(value);
  if (literal) return literal[1];
  const m = /^method\.request\.(header|querystring)\.(.+)$/.exec(value);
  if (!m) return undefined;
  return m[1] === 'header' ? gw.req.headers[m[2].toLowerCase()] : (gw.req.url.searchParams.get(m[2]) ?? undefined);
}

export async function serveRestApi(gw: GatewayRequest, v1: ApiGatewayBackend, api: RestApiState, backends: BackendAccess): Promise<AwsResponse> {
  const deployed = v1.deployed(api, decodeSegment(gw.path.split('/')[1] ?? ''));
  const stageVariables = deployed?.stage.variables ?? {};
  let served: AwsResponse;
  try {
    served = await serve(gw, v1, api, backends);
  } catch (err) {
    // A mapping template that does not parse is the API's own error: 500, as API Gateway answers it.
    if (!(err instanceof VtlError)) throw err;
    served = fail(500, 'Internal server error');
  }
  // Gateway responses take effect with the deployment that froze them, as everything a stage serves.
  const response = shapeRefusal(served, deployed?.snapshot.gatewayResponses ?? new Map(), gw, stageVariables);
  response.headers = { ...response.headers, 'x-amzn-requestid': gw.requestId, 'x-amz-apigw-id': gw.requestId.slice(0, 16) };
  return response;
}

interface Candidate {
  RouteKey: string;
  resource: ResourceState;
  method: Method;
}

async function serve(gw: GatewayRequest, v1: ApiGatewayBackend, api: RestApiState, backends: BackendAccess): Promise<AwsResponse> {
  if (api.info.disableExecuteApiEndpoint && !gw.customDomain) return plainFail(403, 'Forbidden');
  const stageName = decodeSegment(gw.path.split('/')[1] ?? '');
  const deployed = stageName ? v1.deployed(api, stageName) : undefined;
  if (!deployed) return plainFail(403, 'Forbidden');
  const { snapshot } = deployed;
  const path = gw.path.slice(stageName.length + 1) || '/';
  const candidates: Candidate[] = snapshot.resources.flatMap((resource) =>
    Object.entries(resource.resourceMethods).map(([m, method]) => ({ RouteKey: `${m} ${resource.path}`, resource, method })),
  );
  const match = selectRoute(candidates, gw.req.method.toUpperCase(), path);
  if (!match) return fail(403, 'Missing Authentication Token');
  const { resource, method } = match.route;
  const httpMethod = match.route.RouteKey.split(' ')[0];
  if (method.apiKeyRequired) {
    const key = v1.consumeKey(gw.req.headers['x-api-key'], gw.apiId, stageName, `${resource.path}/${httpMethod}`);
    if (key === 'forbidden') return fail(403, 'Forbidden');
    if (key === 'throttled') return fail(429, 'Too Many Requests');
    if (key === 'quota') return fail(429, 'Limit Exceeded');
  }
  if (!v1.takeStageToken(gw.apiId, deployed.stage, resource.path, httpMethod)) return fail(429, 'Too Many Requests');
  const stageVariables = { ...(deployed.stage.variables ?? {}) };
  const proxy: ProxyContext = {
    gw,
    stage: stageName,
    path,
    stagedPath: `/${stageName}${path}`,
    resource: resource.path,
    resourceId: resource.id,
    pathParameters: match.pathParameters,
    stageVariables,
    binaryMediaTypes: api.info.binaryMediaTypes ?? [],
  };
  const auth = await authorizeRest(v1, snapshot, method, proxy, backends);
  if ('status' in auth) return auth;
  proxy.authorizer = auth.context;
  const cache = responseCacheKey(deployed.stage, resource.path, httpMethod, method.methodIntegration, proxy);
  const hit = cache ? v1.cachedResponse(cache.key) : undefined;
  if (hit) return hit;
  const response = await integrate(method, snapshot, proxy, backends);
  if (cache && Buffer.isBuffer(response.body) && response.status >= 200 && response.status < 300) {
    v1.cacheResponse(cache.key, { status: response.status, headers: response.headers as Record<string, string>, body: response.body }, cache.ttl);
  }
  return response;
}

/** A method's request once authorized: validation, then its integration. */
export async function integrate(method: Method, snapshot: DeploymentSnapshot, proxy: ProxyContext, backends: BackendAccess): Promise<AwsResponse> {
  const invalid = validateRequest(method, snapshot, proxy);
  if (invalid) return fail(400, invalid.message, invalid.type, invalid.detail);
  const integration = method.methodIntegration;
  if (!integration) return fail(500, 'Internal server error');
  switch (integration.type) {
    case 'AWS_PROXY':
      return lambdaProxy(integration, proxy, backends);
    case 'MOCK':
      return mock(integration, proxy);
    case 'AWS':
      return awsService(integration, proxy, backends);
    case 'HTTP_PROXY':
    case 'HTTP':
      return httpIntegration(integration, proxy, backends);
    default:
      return fail(500, 'Internal server error');
  }
}

// ---- Authorizers ----

type RestAuth = { context?: Record<string, unknown> } | AwsResponse;

type AuthorizerAnswer = { principalId?: unknown; policyDocument?: unknown; context?: Record<string, unknown> };

/** The values of a REQUEST authorizer's identity sources, the key its results are cached under. */
function identityValues(identitySource: string | undefined, proxy: ProxyContext): string {
  const { req } = proxy.gw;
  return (identitySource ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((source) => {
      const m = /^method\.request\.(header|querystring)\.(.+)$/.exec(source);
      if (m) return m[1] === 'header' ? (req.headers[m[2].toLowerCase()] ?? '') : (req.url.searchParams.get(m[2]) ?? '');
      const v = /^stageVariables\.(.+)$/.exec(source);
      return v ? (proxy.stageVariables[v[1]] ?? '') : source;
    })
    .join('\u0000');
}

function policyEffect(policy: unknown): 'Allow' | 'Deny' | undefined {
  const statements = (policy as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  const effects = list.map((s) => (s as { Effect?: string }).Effect);
  if (effects.includes('Deny')) return 'Deny';
  return effects.includes('Allow') ? 'Allow' : undefined;
}

async function authorizeRest(v1: ApiGatewayBackend, snapshot: DeploymentSnapshot, method: Method, proxy: ProxyContext, backends: BackendAccess): Promise<RestAuth> {
  const type = method.authorizationType ?? 'NONE';
  if (type === 'NONE' || type === 'AWS_IAM') return {};
  const authorizer = method.authorizerId ? snapshot.authorizers.get(method.authorizerId) : undefined;
  if (!authorizer) return fail(500, 'Internal server error', 'AUTHORIZER_CONFIGURATION_ERROR');
  const verdict = await evaluateAuthorizer(v1, authorizer, proxy, backends, { scopes: method.authorizationScopes, cache: true });
  if (verdict.kind === 'fail') return verdict.response;
  if (verdict.kind === 'deny') return fail(403, EXPLICIT_DENY);
  return { context: verdict.context };
}

/** What an authorizer decides for a request: allowed with the context it passes on, denied, or a refusal. */
export type AuthorizerVerdict =
  | { kind: 'allow'; context: Record<string, unknown>; principalId?: unknown; policy?: unknown; claims?: Record<string, unknown> }
  | { kind: 'deny'; principalId?: unknown; policy?: unknown }
  | { kind: 'fail'; response: AwsResponse };

/**
 * Runs an authorizer: COGNITO_USER_POOLS checks the identity-source token against the pools'
 * JWKS (and `scopes`); TOKEN and REQUEST invoke their Lambda function with the event API Gateway
 * sends, its answers cached per stage, authorizer and identity when `cache` is set.
 */
export async function evaluateAuthorizer(
  v1: ApiGatewayBackend,
  authorizer: Authorizer & { id: string },
  proxy: ProxyContext,
  backends: BackendAccess,
  options: { scopes?: string[]; cache: boolean },
): Promise<AuthorizerVerdict> {
  const refuse = (status: number, message: string, type?: string): AuthorizerVerdict => ({ kind: 'fail', response: fail(status, message, type) });
  const { gw } = proxy;
  const headerName = /^method\.request\.header\.(.+)$/.exec(authorizer.identitySource ?? '')?.[1] ?? 'Authorization';
  const token = gw.req.headers[headerName.toLowerCase()];
  if (authorizer.type === 'COGNITO_USER_POOLS') {
    if (!token) return refuse(401, 'Unauthorized');
    for (const arn of authorizer.providerARNs ?? []) {
      const m = /^arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):(\d{12}):userpool\/(.+)$/.exec(arn);
      if (!m) continue;
      const issuer = `https://cognito-idp.${m[1]}.amazonaws.com/${m[3]}`;
      const result = await checkJwt(token, { Issuer: issuer }, options.scopes, backends, m[2]);
      if (result.ok) return { kind: 'allow', context: { claims: result.claims }, claims: result.claims };
      if (result.status === 403) return refuse(401, 'Unauthorized');
    }
    return refuse(401, 'Unauthorized');
  }
  const arn = functionArnOf(authorizer.authorizerUri ?? '', proxy.stageVariables);
  if (!arn) return refuse(500, 'Internal server error', 'AUTHORIZER_CONFIGURATION_ERROR');
  const methodArn = `arn:aws:execute-api:${gw.region}:${gw.account}:${gw.apiId}/${proxy.stage}/${gw.req.method}${proxy.path}`;
  let event: Record<string, unknown>;
  if (authorizer.type === 'TOKEN') {
    if (!token) return refuse(401, 'Unauthorized');
    if (authorizer.identityValidationExpression && !matchesWhole(authorizer.identityValidationExpression, token)) {
      return refuse(401, 'Unauthorized');
    }
    event = { type: 'TOKEN', authorizationToken: token, methodArn };
  } else {
    const sources = (authorizer.identitySource ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    for (const source of sources) {
      const h = /^method\.request\.header\.(.+)$/.exec(source);
      const q = /^method\.request\.querystring\.(.+)$/.exec(source);
      const present = h ? gw.req.headers[h[1].toLowerCase()] !== undefined : q ? gw.req.url.searchParams.has(q[1]) : true;
      if (!present) return refuse(401, 'Unauthorized');
    }
    const { version: _v, ...base } = eventV1(proxy, {});
    event = { type: 'REQUEST', methodArn, ...base };
  }
  // Results are cached per stage, authorizer and identity (the token, or the REQUEST identity sources' values)
  // for authorizerResultTtlInSeconds (0: never), until FlushStageAuthorizersCache.
  const identity = authorizer.type === 'TOKEN' ? (token ?? '') : identityValues(authorizer.identitySource, proxy);
  const cacheKey = `${gw.apiId}/${proxy.stage}/${authorizer.id}/${identity}`;
  const ttl = options.cache ? (authorizer.authorizerResultTtlInSeconds ?? 300) : 0;
  let answer = ttl > 0 && identity ? v1.authorizerCache.get<AuthorizerAnswer>(cacheKey) : undefined;
  if (answer === undefined) {
    const outcome = await invokeLambda(backends, arn, event);
    // An authorizer that fails with the message "Unauthorized" turns the caller away with a 401.
    if (!outcome.ok) return outcome.errorMessage === 'Unauthorized' ? refuse(401, 'Unauthorized') : refuse(500, 'Internal server error', 'AUTHORIZER_FAILURE');
    try {
      answer = JSON.parse(outcome.payload) as AuthorizerAnswer;
    } catch {
      return refuse(500, 'Internal server error', 'AUTHORIZER_CONFIGURATION_ERROR');
    }
    if (ttl > 0 && identity) v1.authorizerCache.set(cacheKey, answer, ttl);
  }
  const effect = policyEffect(answer?.policyDocument);
  if (effect === undefined || answer.principalId === undefined) return refuse(500, 'Internal server error', 'AUTHORIZER_CONFIGURATION_ERROR');
  if (effect === 'Deny') return { kind: 'deny', principalId: answer.principalId, policy: answer.policyDocument };
  return { kind: 'allow', context: { ...(answer.context ?? {}), principalId: answer.principalId }, principalId: answer.principalId, policy: answer.policyDocument };
}

// ---- Integrations ----

async function lambdaProxy(integration: Integration, proxy: ProxyContext, backends: BackendAccess): Promise<AwsResponse> {
  const arn = functionArnOf(integration.uri ?? '', proxy.stageVariables);
  if (!arn) return fail(500, 'Internal server error');
  const outcome = await invokeLambda(backends, arn, eventV1(proxy, {}));
  if (!outcome.ok) return fail(502, 'Internal server error');
  const firstAccept = proxy.gw.req.headers.accept?.split(',')[0];
  const binary = proxy.binaryMediaTypes === undefined || isBinaryMediaType(firstAccept, proxy.binaryMediaTypes);
  return resultV1(outcome.payload, binary) ?? fail(502, 'Internal server error');
}

function templateInput(proxy: ProxyContext, body: string): TemplateInput {
  const { req } = proxy.gw;
  return {
    body,
    params: (name) => proxy.pathParameters[name] ?? req.url.searchParams.get(name) ?? req.headers[name.toLowerCase()] ?? '',
    allParams: () => ({ path: { ...proxy.pathParameters }, querystring: Object.fromEntries(req.url.searchParams), header: { ...req.headers } }),
    context: {
      requestId: proxy.gw.requestId,
      stage: proxy.stage,
      httpMethod: req.method,
      resourcePath: proxy.resource,
      resourceId: proxy.resourceId,
      apiId: proxy.gw.apiId,
      accountId: proxy.gw.account,
      path: `/${proxy.stage}${proxy.path}`,
      authorizer: proxy.authorizer ?? {},
    },
    stageVariables: proxy.stageVariables,
  };
}

/** The request template for the request's content type (application/json when it names none). */
function requestTemplate(integration: Integration, contentType: string | undefined): string | undefined {
  const templates = integration.requestTemplates ?? {};
  const type = (contentType ?? 'application/json').split(';')[0].trim();
  return templates[type] ?? (Object.keys(templates).length === 0 ? undefined : templates['application/json']);
}

/** The integration response for a status: the one whose selectionPattern matches, else the default (no pattern). */
function integrationResponse(integration: Integration, selector: string) {
  const responses = Object.values(integration.integrationResponses ?? {});
  return (
    responses.find((r) => r.selectionPattern && matchesWhole(r.selectionPattern, selector)) ??
    responses.find((r) => !r.selectionPattern)
  );
}

function respond(integration: Integration, selector: string, body: string, proxy: ProxyContext): AwsResponse {
  const chosen = integrationResponse(integration, selector);
  if (!chosen?.statusCode) return fail(500, 'Internal server error');
  const template = chosen.responseTemplates?.['application/json'];
  const out = template ? render(template, templateInput(proxy, body)) : body;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(chosen.responseParameters ?? {})) {
    const m = /^method\.response\.header\.(.+)$/.exec(name);
    const literal = /^'(.*)'$/.exec(value);
    if (m && literal) headers[m[1].toLowerCase()] = literal[1];
  }
  return { status: Number(chosen.statusCode), headers, body: Buffer.from(out) };
}

function mock(integration: Integration, proxy: ProxyContext): AwsResponse {
  const body = proxy.gw.req.body.toString('utf8');
  const template = requestTemplate(integration, proxy.gw.req.headers['content-type']);
  let status = '200';
  if (template !== undefined) {
    const rendered = render(template, templateInput(proxy, body));
    try {
      const parsed = JSON.parse(rendered) as { statusCode?: unknown };
      if (parsed && typeof parsed === 'object' && parsed.statusCode !== undefined) status = String(parsed.statusCode);
    } catch {
      return fail(500, 'Internal server error');
    }
  }
  return respond(integration, status, '', proxy);
}

/** Endpoint prefixes (the URI's service) whose mockaws service id differs. */
export const SERVICE_IDS: Record<string, string> = { states: 'stepfunctions', 'cognito-idp': 'cognitoidp', 'cognito-identity': 'cognitoidentity', email: 'ses', monitoring: 'cloudwatch' };

async function awsService(integration: Integration, proxy: ProxyContext, backends: BackendAccess): Promise<AwsResponse> {
  const m = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):([a-z0-9.-]+):action\/([A-Za-z0-9]+)$/.exec(integration.uri ?? '');
  // The `path/` form addresses a service's REST path; only `action/<Operation>` is called here.
  if (!m) return fail(500, 'Internal server error');
  const [, region, prefix, operation] = m;
  const body = proxy.gw.req.body.toString('utf8');
  const template = requestTemplate(integration, proxy.gw.req.headers['content-type']);
  const payload = template === undefined ? body : render(template, templateInput(proxy, body));
  let input: Record<string, unknown>;
  try {
    input = payload.trim() ? JSON.parse(payload) : {};
  } catch {
    return fail(500, 'Internal server error');
  }
  const service = SERVICE_IDS[prefix] ?? prefix.replace(/[^a-z0-9]/g, '');
  try {
    const output = await backends.call(service, operation, input, { account: proxy.gw.account, region });
    return respond(integration, '200', JSON.stringify(output ?? {}), proxy);
  } catch (err) {
    if (!(err instanceof AwsError)) return fail(500, 'Internal server error');
    const status = String(err.status ?? 400);
    return respond(integration, status, JSON.stringify({ __type: err.code, message: err.message }), proxy);
  }
}

/** The integration URI with `{name}` path variables (mapped by `integration.request.path.*`) and stage variables put in. */
function integrationUrl(integration: Integration, proxy: ProxyContext): URL | undefined {
  const mapped = (name: string): string | undefined => {
    const source = integration.requestParameters?.[`integration.request.path.${name}`];
    const from = source ? /^method\.request\.path\.(.+)$/.exec(source)?.[1] : undefined;
    return proxy.pathParameters[from ?? name];
  };
  const uri = (integration.uri ?? '')
    .replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, n: string) => proxy.stageVariables[n] ?? '')
    .replace(/\{([A-Za-z0-9._-]+)\+?\}/g, (whole, n: string) => {
      const value = mapped(n);
      return value === undefined ? whole : n === 'proxy' || whole.endsWith('+}') ? value : encodeURIComponent(value);
    });
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/**
 * HTTP_PROXY passes the request on and the answer back as they are; HTTP renders the request
 * template and maps the answer through the integration responses (selected by its status). The
 * request goes through `backends.http`: an AWS endpoint this mock answers (another execute-api
 * stage, a function URL) answers; anything else would leave the process, so it fails as an
 * unreachable endpoint does (INTEGRATION_FAILURE, 504).
 */
async function httpIntegration(integration: Integration, proxy: ProxyContext, backends: BackendAccess): Promise<AwsResponse> {
  const url = integrationUrl(integration, proxy);
  if (!url) return fail(500, 'Internal server error');
  const { req } = proxy.gw;
  const isProxy = integration.type === 'HTTP_PROXY';
  if (isProxy) for (const [k, v] of req.url.searchParams) url.searchParams.append(k, v);
  const body = proxy.gw.req.body.toString('utf8');
  const template = isProxy ? undefined : requestTemplate(integration, req.headers['content-type']);
  const payload = template === undefined ? req.body : Buffer.from(render(template, templateInput(proxy, body)));
  const headers: Record<string, string> = isProxy ? { ...req.headers } : { 'content-type': req.headers['content-type'] ?? 'application/json' };
  delete headers.host;
  headers.host = url.host;
  const method = (integration.httpMethod === 'ANY' ? req.method : (integration.httpMethod ?? req.method)).toUpperCase();
  let answer: AwsResponse;
  try {
    answer = await backends.http({ method, url, rawPath: url.pathname, headers, body: method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : payload });
  } catch {
    return fail(504, 'Internal server error', 'INTEGRATION_FAILURE');
  }
  if (isProxy) return { status: answer.status, headers: { ...answer.headers }, body: answer.body };
  const chunks: Buffer[] = [];
  if (Buffer.isBuffer(answer.body)) chunks.push(answer.body);
  else for await (const chunk of answer.body) chunks.push(Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString('utf8');
  return respond(integration, String(answer.status), text, proxy);
}
