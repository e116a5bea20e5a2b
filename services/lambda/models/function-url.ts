/**
 * Function URL invocations: an HTTP request to https://<url-id>.lambda-url.
 * <region>.on.aws/ becomes the payload format 2.0 event, and the function's
 * answer becomes the HTTP response as Lambda maps it (a `statusCode` object
 * is taken as the response; anything else is a 200 JSON body; a function
 * error is a 502). AWS_IAM auth is not checked.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { LambdaBackend } from './backend';

export interface UrlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface UrlResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded))/;

/** The function and qualifier a URL id belongs to. */
function findUrl(backend: LambdaBackend, urlId: string): { name: string; qualifier?: string } | undefined {
  for (const fn of backend.functions.values()) {
    for (const [key, cfg] of fn.urls) if (cfg.url.startsWith(`https://${urlId}.`)) return { name: fn.name, qualifier: key || undefined };
  }
  return undefined;
}

export async function invokeUrl(backend: LambdaBackend, req: UrlRequest): Promise<UrlResponse> {
  const url = new URL(req.url);
  const urlId = url.hostname.split('.')[0];
  const target = findUrl(backend, urlId);
  if (!target) return json(404, { Message: null });
  // Keys come from the request: null-prototype objects keep `__proto__` an ordinary name.
  const headers: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  const body = req.body?.length ? Buffer.from(req.body) : undefined;
  const binary = body !== undefined && !TEXT_TYPES.test(headers['content-type'] ?? '');
  const query: Record<string, string> = Object.create(null);
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const now = clock.now();
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: headers.cookie ? headers.cookie.split('; ') : undefined,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    requestContext: {
      accountId: 'anonymous',
      apiId: urlId,
      domainName: url.hostname,
      domainPrefix: urlId,
      http: { method: req.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    body: body ? body.toString(binary ? 'base64' : 'utf8') : undefined,
    isBase64Encoded: binary,
  };
  const out = await backend.invoke(target.name, JSON.stringify(event), { qualifier: target.qualifier });
  if (out.functionError) return json(502, { Message: 'Internal Server Error' });
  const text = Buffer.from(out.payload).toString('utf8');
  let result: unknown;
  try {
    result = JSON.parse(text);
  } catch {
    result = text;
  }
  if (result && typeof result === 'object' && 'statusCode' in result) {
    const r = result as { statusCode: number; headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean; cookies?: string[] };
    const outHeaders: Record<string, string> = { 'content-type': 'application/json', ...r.headers };
    if (r.cookies?.length) outHeaders['set-cookie'] = r.cookies.join(', ');
    return { status: r.statusCode, headers: outHeaders, body: Buffer.from(r.body ?? '', r.isBase64Encoded ? 'base64' : 'utf8') };
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(typeof result === 'string' ? result : text) };
}

function json(status: number, value: unknown): UrlResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value)) };
}
