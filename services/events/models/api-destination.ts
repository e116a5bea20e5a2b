/**
 * API destination invocations, built as EventBridge builds them and recorded
 * on the delivery. Sent only when the endpoint is one this mock answers (an
 * API Gateway stage, a Lambda function URL: `backends.http`); any other
 * endpoint is recorded, never called: the fake does not reach the network.
 *
 * - URL: the destination's InvocationEndpoint with each `*` replaced by the
 *   target's HttpParameters.PathParameterValues in order, plus the query
 *   string parameters;
 * - headers and query string: the target's HttpParameters merged with the
 *   connection's InvocationHttpParameters, the connection's values taking
 *   precedence (API reference, HttpParameters);
 * - authorization from the connection: Basic (`Authorization: Basic
 *   base64(user:password)`), API key (the key's own header), OAuth client
 *   credentials (recorded as the token request that would be made: there is
 *   no authorization server to ask, so no `Authorization` header);
 * - body: the target input; the connection's body parameters are added to a
 *   JSON object body.
 *
 * A destination or connection that is gone, or a connection that is not
 * AUTHORIZED, fails the delivery (not retried: retrying cannot fix it).
 */
import { AwsError, isAwsError } from '../../../src/core/errors';
import { createRequest } from '../../../src/core/request';
import type { ParsedArn } from '../../../src/core/ids';
import type { HttpParameters } from '../types';
import type { EventsBackend } from './backend';

export interface HttpInvocation {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** For OAuth connections: the token request EventBridge makes before the call. */
  oauth?: { authorizationEndpoint: string; httpMethod: string; clientId?: string };
}

interface KeyValue {
  Key?: string;
  Value?: unknown;
}

interface ConnectionAuth {
  BasicAuthParameters?: { Username?: string; Password?: string };
  ApiKeyAuthParameters?: { ApiKeyName?: string; ApiKeyValue?: string };
  OAuthParameters?: { AuthorizationEndpoint?: string; HttpMethod?: string; ClientParameters?: { ClientID?: string } };
  InvocationHttpParameters?: { HeaderParameters?: KeyValue[]; QueryStringParameters?: KeyValue[]; BodyParameters?: KeyValue[] };
}

function merged(fromTarget: Record<string, string> | undefined, fromConnection: KeyValue[] | undefined): Record<string, string> {
  const out: Record<string, string> = Object.assign(Object.create(null), fromTarget);
  for (const p of fromConnection ?? []) if (p.Key !== undefined) out[p.Key] = String(p.Value ?? '');
  return out;
}

function withPathValues(endpoint: string, values: string[] | undefined): string {
  let i = 0;
  return endpoint.replace(/\*/g, () => (values && i < values.length ? encodeURIComponent(values[i++]) : '*'));
}

function withBodyParameters(input: string, params: KeyValue[] | undefined): string {
  if (!params?.length) return input;
  try {
    const body = JSON.parse(input);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return input;
    for (const p of params) if (p.Key !== undefined) body[p.Key] = p.Value;
    return JSON.stringify(body);
  } catch {
    return input;
  }
}

export async function invokeApiDestination(backend: EventsBackend, t: ParsedArn, http: HttpParameters | undefined, input: string): Promise<HttpInvocation> {
  const owner = t.account === backend.account && t.region === backend.region ? backend : await backend.backends.get<EventsBackend>('events', t.account, t.region);
  const name = t.resource.split('/')[1] ?? '';
  const destination = owner.apiDestinations.get(name);
  if (!destination) throw new AwsError('ResourceNotFoundException', `An api-destination '${name}' does not exist.`);
  const connectionName = destination.connectionArn.split(':connection/')[1]?.split('/')[0] ?? '';
  const connection = owner.connections.get(connectionName);
  if (!connection) throw new AwsError('ResourceNotFoundException', `Connection '${connectionName}' does not exist.`);
  if (connection.state !== 'AUTHORIZED') {
    throw new AwsError('ConnectionNotAuthorized', `Connection '${connectionName}' is ${connection.state}, not AUTHORIZED.`);
  }
  const auth = connection.authParameters as ConnectionAuth;
  const invocation = auth.InvocationHttpParameters;
  const headers = merged(http?.HeaderParameters, invocation?.HeaderParameters);
  headers['Content-Type'] ??= 'application/json; charset=utf-8';
  headers['User-Agent'] = 'Amazon/EventBridge/ApiDestinations';
  let oauth: HttpInvocation['oauth'];
  if (auth.BasicAuthParameters) {
    const { Username = '', Password = '' } = auth.BasicAuthParameters;
    headers.Authorization = `Basic ${Buffer.from(`${Username}:${Password}`).toString('base64')}`;
  } else if (auth.ApiKeyAuthParameters?.ApiKeyName) {
    headers[auth.ApiKeyAuthParameters.ApiKeyName] = auth.ApiKeyAuthParameters.ApiKeyValue ?? '';
  } else if (auth.OAuthParameters) {
    const o = auth.OAuthParameters;
    oauth = { authorizationEndpoint: o.AuthorizationEndpoint ?? '', httpMethod: o.HttpMethod ?? '', clientId: o.ClientParameters?.ClientID };
  }
  const url = new URL(withPathValues(destination.invocationEndpoint, http?.PathParameterValues));
  for (const [k, v] of Object.entries(merged(http?.QueryStringParameters, invocation?.QueryStringParameters))) url.searchParams.set(k, v);
  const out: HttpInvocation = { method: destination.httpMethod, url: url.toString(), headers: { ...headers }, body: withBodyParameters(input, invocation?.BodyParameters) };
  if (oauth) out.oauth = oauth;
  return out;
}

/**
 * Sends an invocation to an endpoint this mock answers; undefined when the
 * endpoint is elsewhere (recorded only). As EventBridge treats answers (user
 * guide, API destination error codes): 429 and 5xx are retried, other 4xx
 * fail the delivery without retries.
 */
export async function sendApiDestination(backend: EventsBackend, call: HttpInvocation): Promise<{ status: number; body: string } | undefined> {
  let res: Awaited<ReturnType<EventsBackend['backends']['http']>>;
  try {
    res = await backend.backends.http(createRequest({ method: call.method, url: call.url, headers: call.headers, body: call.body }));
  } catch (err) {
    if (isAwsError(err) && err.code === 'MockawsRefused') return undefined;
    throw err;
  }
  const body = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : '';
  const answer = { status: res.status, body };
  if (res.status === 429) throw new AwsError('TooManyRequestsException', `API destination endpoint answered HTTP 429: ${body}`);
  if (res.status >= 500) throw new AwsError('ServiceUnavailable', `API destination endpoint answered HTTP ${res.status}: ${body}`);
  if (res.status >= 400) throw new AwsError('ApiDestinationClientError', `API destination endpoint answered HTTP ${res.status}: ${body}`);
  return answer;
}
