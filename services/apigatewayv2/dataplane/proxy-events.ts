/**
 * The Lambda proxy events: payload format 1.0 (REST APIs, and HTTP APIs that
 * ask for it) and 2.0 (HTTP APIs), built as API Gateway builds them.
 */
import { clock } from '../../../src/core/clock';
import { eventBody, type GatewayRequest, queryOf, requestTime } from './http';

export interface ProxyContext {
  gw: GatewayRequest;
  stage: string;
  /** The path the function sees: 1.0 on REST APIs without the stage, HTTP APIs with it (`rawPath`). */
  path: string;
  /** The path with any stage prefix (requestContext.path): REST APIs add the stage to `path`, HTTP APIs' has it. */
  stagedPath: string;
  /** REST: the resource path (`/items/{id}`); HTTP APIs: the route key. */
  resource: string;
  resourceId?: string;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
  /** What an authorizer returned, as requestContext.authorizer holds it. */
  authorizer?: Record<string, unknown>;
  /** REST APIs: the API's binaryMediaTypes, which decide whether the body is passed base64-encoded. */
  binaryMediaTypes?: readonly string[];
}

const orNull = <T extends object>(o: T): T | null => (Object.keys(o).length ? o : null);
const orUndefined = <T extends object>(o: T): T | undefined => (Object.keys(o).length ? o : undefined);

/** Payload format 1.0: single- and multi-value headers and query, null where there is nothing. */
export function eventV1(p: ProxyContext, opts: { version?: '1.0' }): Record<string, unknown> {
  const { req } = p.gw;
  const headers: Record<string, string> = Object.create(null);
  const multiValueHeaders: Record<string, string[]> = Object.create(null);
  for (const [k, v] of Object.entries(req.headers)) {
    headers[k] = v;
    multiValueHeaders[k] = [v];
  }
  const { multi } = queryOf(req.url);
  const single: Record<string, string> = Object.create(null);
  for (const [k, vs] of Object.entries(multi)) single[k] = vs[vs.length - 1];
  const now = clock.now();
  const { body, isBase64Encoded } = eventBody(req, p.binaryMediaTypes);
  return {
    ...(opts.version ? { version: opts.version } : {}),
    resource: p.resource,
    path: p.path,
    httpMethod: req.method,
    headers,
    multiValueHeaders,
    queryStringParameters: orNull(single),
    multiValueQueryStringParameters: orNull(multi),
    requestContext: {
      accountId: p.gw.account,
      apiId: p.gw.apiId,
      authorizer: p.authorizer ?? null,
      domainName: p.gw.domainName,
      domainPrefix: p.gw.apiId,
      extendedRequestId: p.gw.requestId,
      httpMethod: req.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: req.sourceIp ?? '127.0.0.1',
        user: null,
        userAgent: req.headers['user-agent'] ?? null,
        userArn: null,
      },
      path: p.stagedPath,
      protocol: 'HTTP/1.1',
      requestId: p.gw.requestId,
      requestTime: requestTime(now),
      requestTimeEpoch: now,
      resourceId: p.resourceId ?? p.resource,
      resourcePath: p.resource,
      stage: p.stage,
    },
    pathParameters: orNull(p.pathParameters),
    stageVariables: orNull(p.stageVariables),
    body: body ?? null,
    isBase64Encoded,
  };
}

/** Payload format 2.0: lower-case headers, cookies apart, comma-joined repeats, undefined where there is nothing. */
export function eventV2(p: ProxyContext): Record<string, unknown> {
  const { req } = p.gw;
  const headers: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(req.headers)) if (k !== 'cookie') headers[k] = v;
  const { multi } = queryOf(req.url);
  const query: Record<string, string> = Object.create(null);
  for (const [k, vs] of Object.entries(multi)) query[k] = vs.join(',');
  const now = clock.now();
  const { body, isBase64Encoded } = eventBody(req);
  return {
    version: '2.0',
    routeKey: p.resource,
    rawPath: p.path,
    rawQueryString: req.url.search.slice(1),
    cookies: req.headers.cookie ? req.headers.cookie.split(/;\s*/) : undefined,
    headers,
    queryStringParameters: orUndefined(query),
    requestContext: {
      accountId: p.gw.account,
      apiId: p.gw.apiId,
      authorizer: p.authorizer,
      domainName: p.gw.domainName,
      domainPrefix: p.gw.apiId,
      http: {
        method: req.method,
        path: p.path,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp ?? '127.0.0.1',
        userAgent: req.headers['user-agent'] ?? '',
      },
      requestId: p.gw.requestId,
      routeKey: p.resource,
      stage: p.stage,
      time: requestTime(now),
      timeEpoch: now,
    },
    body,
    pathParameters: orUndefined(p.pathParameters),
    isBase64Encoded,
    stageVariables: orUndefined(p.stageVariables),
  };
}
