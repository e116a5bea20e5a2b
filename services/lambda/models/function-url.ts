/**
 * Function URL invocations: an HTTP request to https://<url-id>.lambda-url.
 * <region>.on.aws/ (or, on the server's own address, /_aws/lambda-url/<url-id>/
 * <path>) becomes the payload format 2.0 event, and the function's answer
 * becomes the HTTP response as Lambda maps it: a `statusCode` object is the
 * response; any other value is a 200 application/json body. The URL's auth
 * type and CORS configuration are applied as Lambda applies them.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { UrlConfig } from './function';
import { Readable } from 'node:stream';
import { ChunkQueue, HTTP_INTEGRATION_TYPE, splitPrelude, StreamedResult } from '../runtime/streaming';
import type { InvokeResult, LambdaBackend } from './backend';
import { functionArn } from './arns';
import { authorize, type UrlCaller } from './url-auth';
import { urlIdOf } from './url-index';

export interface UrlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface UrlResponse {
  status: number;
  headers: Record<string, string>;
  /** The function's `cookies`, one Set-Cookie header each. */
  setCookies?: string[];
  body: Buffer;
}

/** The data plane's answer: a RESPONSE_STREAM URL's body is a stream. */
export interface StreamingUrlResponse {
  status: number;
  headers: Record<string, string>;
  setCookies?: string[];
  body: Buffer | Readable;
}

/** One HTTP call to a URL, whatever entry point it came through. */
export interface UrlCall {
  method: string;
  /** The path the function sees (the server's `/_aws/lambda-url/<id>` prefix removed). */
  path: string;
  rawQueryString: string;
  headers: Record<string, string>;
  body: Buffer;
  sourceIp?: string;
  /** The authenticated signer (url-auth.ts `authenticate`); undefined when the request is unsigned or its signature fails. */
  caller?: UrlCaller;
  /** Whether it came over HTTPS (`aws:SecureTransport`). */
  secure: boolean;
}

/** Content types Lambda passes as text; any other body reaches the function base64-encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestContext.time` as Lambda writes it: `12/Mar/2020:19:03:58 +0000`. */
export function urlTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** The URL config (and the qualifier it belongs to) of `urlId` on this function. */
export function urlConfigOf(backend: LambdaBackend, functionName: string, urlId: string): { key: string; cfg: UrlConfig } | undefined {
  const fn = backend.functions.get(functionName);
  // A function has at most one URL per alias: a handful of entries.
  if (fn) for (const [key, cfg] of fn.urls) if (urlIdOf(cfg.url) === urlId) return { key, cfg };
  return undefined;
}

/** Answers one call to the URL `cfg` of `functionName` (qualifier `key`, '' for $LATEST). */
export async function answerUrlCall(
  backend: LambdaBackend,
  functionName: string,
  key: string,
  cfg: UrlConfig,
  call: UrlCall,
  live = false,
): Promise<StreamingUrlResponse> {
  // NONE: Lambda authenticates no one, and the function's event names no signer.
  if (cfg.authType !== 'AWS_IAM') call = { ...call, caller: undefined };
  else if (!call.caller) return json(403, { Message: 'Forbidden' });
  const fn = backend.functions.get(functionName);
  const allowed =
    fn !== undefined &&
    (await authorize(backend.backends, {
      authType: cfg.authType,
      resource: functionArn(backend.region, backend.account, functionName, key || undefined),
      policy: fn.policyDocument(key),
      caller: call.caller,
      sourceIp: call.sourceIp,
      secure: call.secure,
    }));
  if (!allowed) return json(403, { Message: 'Forbidden' });
  const origin = call.headers.origin;
  const cors = cfg.cors as Cors | undefined;
  if (cors && call.method === 'OPTIONS' && origin !== undefined && call.headers['access-control-request-method'] !== undefined) {
    return preflight(cors, origin, call.headers);
  }
  const event = urlEvent(cfg, call);
  let response: StreamingUrlResponse;
  try {
    // RESPONSE_STREAM: the answer starts once the handler's head is known, and its body follows its writes.
    const queue = live && cfg.invokeMode === 'RESPONSE_STREAM' ? new ChunkQueue() : undefined;
    const result = backend.invoke(functionName, JSON.stringify(event), { qualifier: key || undefined, streamSink: queue });
    const head = queue ? await streamedHead(queue, result) : undefined;
    if (head && queue) response = { ...head, body: Readable.from(rest(queue, head.leftover, result)) };
    else {
      const out = await result;
      if (out.functionError) response = json(502, { Message: 'Internal Server Error' });
      else if (out.streamed) response = mapStreamed(out.streamed);
      else response = mapResult(Buffer.from(out.payload).toString('utf8'));
    }
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    // Throttling is the caller's 429; anything else that stops the invocation is Lambda's 5xx.
    response = err.code === 'TooManyRequestsException' ? json(429, { Message: 'Too Many Requests' }) : json(500, { Message: err.message });
  }
  if (cors && origin !== undefined) Object.assign(response.headers, corsHeaders(cors, origin));
  return response;
}

function urlEvent(cfg: UrlConfig, call: UrlCall) {
  const host = new URL(cfg.url).hostname;
  const urlId = host.split('.')[0];
  // Keys come from the request: null-prototype objects keep `__proto__` an ordinary name.
  const headers: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(call.headers)) headers[k.toLowerCase()] = v;
  const query: Record<string, string> = Object.create(null);
  for (const [k, v] of new URLSearchParams(call.rawQueryString)) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const binary = call.body.length > 0 && !TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = clock.now();
  const iam = call.caller
    ? {
        iam: {
          accessKey: call.caller.accessKeyId,
          accountId: call.caller.account,
          callerId: call.caller.credential?.userId ?? call.caller.accessKeyId,
          cognitoIdentity: null,
          principalOrgId: null,
          userArn: call.caller.credential?.arn ?? `arn:aws:iam::${call.caller.account}:root`,
          userId: call.caller.credential?.userId ?? call.caller.accessKeyId,
        },
      }
    : undefined;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: call.path,
    rawQueryString: call.rawQueryString,
    cookies: headers.cookie ? headers.cookie.split(/;\s*/) : undefined,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    requestContext: {
      accountId: call.caller ? call.caller.account : 'anonymous',
      apiId: urlId,
      authorizer: iam,
      domainName: host,
      domainPrefix: urlId,
      http: {
        method: call.method,
        path: call.path,
        protocol: 'HTTP/1.1',
        sourceIp: call.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: urlTime(now),
      timeEpoch: now,
    },
    body: call.body.length ? call.body.toString(binary ? 'base64' : 'utf8') : undefined,
    pathParameters: null,
    isBase64Encoded: binary,
    stageVariables: null,
  };
}

/** The function's answer as Lambda maps it for a URL (payload format 2.0 response). */
function mapResult(text: string): UrlResponse {
  let result: unknown;
  try {
    result = JSON.parse(text);
  } catch {
    result = text;
  }
  if (result && typeof result === 'object' && 'statusCode' in result) {
    const r = result as { statusCode: number; headers?: Record<string, unknown>; body?: unknown; isBase64Encoded?: boolean; cookies?: unknown };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
    const body = typeof r.body === 'string' ? r.body : r.body === undefined || r.body === null ? '' : JSON.stringify(r.body);
    return { status: Number(r.statusCode), headers, ...cookiesOf(r.cookies), body: Buffer.from(body, r.isBase64Encoded ? 'base64' : 'utf8') };
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(typeof result === 'string' ? result : text) };
}

interface StreamedHead {
  status: number;
  headers: Record<string, string>;
  setCookies?: string[];
  /** Body bytes that came with the head. */
  leftover: Buffer[];
}

/**
 * Waits for a streaming handler's head: its HttpResponseStream prelude (up to
 * the eight NUL bytes), or its first write of any other content type. Undefined
 * when the invocation ends first: the whole result is then mapped as buffered.
 */
async function streamedHead(queue: ChunkQueue, result: Promise<InvokeResult>): Promise<StreamedHead | undefined> {
  const done = whenSettled(result);
  for (;;) {
    const arrived = queue.next();
    if (queue.chunks.length > 0) {
      if (queue.contentType !== HTTP_INTEGRATION_TYPE) {
        return { status: 200, headers: { 'content-type': queue.contentType ?? 'application/octet-stream' }, leftover: queue.chunks.splice(0) };
      }
      const split = splitPrelude(new StreamedResult(queue.chunks, HTTP_INTEGRATION_TYPE));
      if (split) {
        queue.chunks.splice(0);
        return { ...preludeHead(split.prelude), leftover: split.body.length ? [split.body] : [] };
      }
    }
    if (done.ended) return undefined;
    await Promise.race([arrived, done.settled]);
  }
}

/** The rest of a streamed body: what came with the head, then each write until the invocation ends. */
async function* rest(queue: ChunkQueue, leftover: Buffer[], result: Promise<InvokeResult>): AsyncGenerator<Buffer> {
  yield* leftover;
  const done = whenSettled(result);
  for (;;) {
    const arrived = queue.next();
    while (queue.chunks.length > 0) yield queue.chunks.shift() as Buffer;
    // A function error after the head: the answer just ends, as a cut stream does.
    if (done.ended) return;
    await Promise.race([arrived, done.settled]);
  }
}

/** Whether an invocation has ended (either way), and a promise that settles with it but never rejects. */
function whenSettled(result: Promise<InvokeResult>): { readonly ended: boolean; settled: Promise<void> } {
  const state = { ended: false, settled: Promise.resolve() };
  const end = (): void => {
    state.ended = true;
  };
  state.settled = result.then(end, end);
  return state;
}

/** A streaming handler's answer: its HttpResponseStream prelude, or its bytes as a 200 of its content type. */
function mapStreamed(result: StreamedResult): UrlResponse {
  const split = splitPrelude(result);
  if (!split) return { status: 200, headers: { 'content-type': result.contentType }, body: result.bytes() };
  return { ...preludeHead(split.prelude), body: split.body };
}

/** Status and headers from an HttpResponseStream prelude `{ statusCode, headers, cookies }`. */
function preludeHead(prelude: Record<string, unknown>): { status: number; headers: Record<string, string>; setCookies?: string[] } {
  const p = prelude as { statusCode?: number; headers?: Record<string, unknown>; cookies?: unknown };
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  for (const [k, v] of Object.entries(p.headers ?? {})) headers[k.toLowerCase()] = String(v);
  return { status: Number(p.statusCode ?? 200), headers, ...cookiesOf(p.cookies) };
}

/** A payload 2.0 answer's `cookies`: one Set-Cookie header each. */
function cookiesOf(cookies: unknown): { setCookies?: string[] } {
  return Array.isArray(cookies) && cookies.length ? { setCookies: cookies.map(String) } : {};
}

interface Cors {
  AllowCredentials?: boolean;
  AllowHeaders?: string[];
  AllowMethods?: string[];
  AllowOrigins?: string[];
  ExposeHeaders?: string[];
  MaxAge?: number;
}

function originAllowed(cors: Cors, origin: string): string | undefined {
  const origins = cors.AllowOrigins ?? [];
  if (origins.includes('*')) return cors.AllowCredentials ? origin : '*';
  return origins.some((o) => o.toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}

/** The CORS headers Lambda adds to an answer to `origin` (none when the origin is not allowed). */
function corsHeaders(cors: Cors, origin: string): Record<string, string> {
  const allowed = originAllowed(cors, origin);
  if (!allowed) return {};
  const headers: Record<string, string> = { 'access-control-allow-origin': allowed, vary: 'Origin' };
  if (cors.AllowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.ExposeHeaders?.length) headers['access-control-expose-headers'] = cors.ExposeHeaders.join(',');
  return headers;
}

/** Lambda answers a preflight itself when the URL has a CORS configuration; the function does not run. */
function preflight(cors: Cors, origin: string, reqHeaders: Record<string, string>): UrlResponse {
  const headers = corsHeaders(cors, origin);
  if (headers['access-control-allow-origin']) {
    const method = reqHeaders['access-control-request-method'].toUpperCase();
    const methods = cors.AllowMethods ?? [];
    if (methods.includes('*') || methods.map((m) => m.toUpperCase()).includes(method)) {
      headers['access-control-allow-methods'] = methods.includes('*') ? method : methods.join(',');
    }
    const asked = reqHeaders['access-control-request-headers'];
    const allowHeaders = cors.AllowHeaders ?? [];
    if (asked && allowHeaders.length) headers['access-control-allow-headers'] = allowHeaders.includes('*') ? asked : allowHeaders.join(',');
    if (cors.MaxAge !== undefined) headers['access-control-max-age'] = String(cors.MaxAge);
  }
  return { status: 200, headers, body: Buffer.alloc(0) };
}

/** `backend.invokeUrl()`: a URL request given as a whole URL, for other services and tests. */
export async function invokeUrl(backend: LambdaBackend, req: UrlRequest): Promise<UrlResponse> {
  const url = new URL(req.url);
  const urlId = url.hostname.split('.')[0];
  let found: { name: string; key: string; cfg: UrlConfig } | undefined;
  for (const fn of backend.functions.values()) {
    const hit = urlConfigOf(backend, fn.name, urlId);
    if (hit) found = { name: fn.name, ...hit };
  }
  if (!found) return json(404, { Message: null });
  const headers: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  // Not live: every body here is a Buffer.
  return answerUrlCall(backend, found.name, found.key, found.cfg, {
    method: req.method.toUpperCase(),
    path: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    body: req.body ? Buffer.from(req.body) : Buffer.alloc(0),
    // The backend API is the caller's own: an AWS_IAM URL is taken as signed by its account's root.
    caller: { accessKeyId: backend.account, account: backend.account },
    secure: url.protocol === 'https:',
  }) as Promise<UrlResponse>;
}

export function json(status: number, value: unknown): UrlResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value)) };
}
