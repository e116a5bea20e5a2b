/**
 * A Lambda proxy result as an HTTP response. Format 1.0 must be an object
 * with a numeric statusCode and a string body; 2.0 also takes any other JSON
 * value as a 200 application/json body. Undefined means malformed: the
 * caller answers API Gateway's 500 (HTTP APIs) or 502 (REST APIs).
 */
import type { AwsResponse } from '../../../src/core/request';
import { headerValue } from './http';

interface ProxyResult {
  statusCode?: unknown;
  headers?: unknown;
  multiValueHeaders?: unknown;
  cookies?: unknown;
  body?: unknown;
  isBase64Encoded?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function statusOf(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

function build(r: ProxyResult, status: number, multi: boolean, decodeBase64 = true): AwsResponse | undefined {
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return undefined;
  if (r.headers !== undefined && r.headers !== null && !isObject(r.headers)) return undefined;
  const headers: Record<string, string> = Object.create(null);
  const cookies: string[] = [];
  for (const [k, v] of Object.entries((r.headers as Record<string, unknown>) ?? {})) {
    const value = headerValue(v);
    if (value !== undefined) headers[k.toLowerCase()] = value;
  }
  if (headers['set-cookie'] !== undefined) cookies.push(headers['set-cookie']);
  if (multi && isObject(r.multiValueHeaders)) {
    for (const [k, vs] of Object.entries(r.multiValueHeaders)) {
      if (!Array.isArray(vs)) return undefined;
      const values = vs.map(headerValue).filter((x): x is string => x !== undefined);
      const key = k.toLowerCase();
      if (key === 'set-cookie') cookies.push(...values);
      else headers[key] = headers[key] === undefined ? values.join(', ') : [headers[key], ...values].join(', ');
    }
  }
  if (Array.isArray(r.cookies)) cookies.push(...r.cookies.map(String));
  // Each cookie is its own Set-Cookie header (a comma-joined one cannot be split back: Expires holds a comma).
  delete headers['set-cookie'];
  headers['content-type'] ??= 'application/json';
  const body = (r.body as string | undefined) ?? '';
  return {
    status,
    headers: { ...headers },
    body: Buffer.from(body, r.isBase64Encoded === true && decodeBase64 ? 'base64' : 'utf8'),
    ...(cookies.length ? { setCookies: cookies } : {}),
  };
}

/**
 * Format 1.0 (REST APIs, HTTP API integrations on 1.0). `decodeBase64` false: a REST API answers an
 * `isBase64Encoded` body as the base64 text itself unless the client's first Accept type is one of its
 * binaryMediaTypes (the developer guide, "Binary media types for REST APIs").
 */
export function resultV1(payload: string, decodeBase64 = true): AwsResponse | undefined {
  let r: unknown;
  try {
    r = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (!isObject(r)) return undefined;
  const status = statusOf(r.statusCode);
  return status === undefined ? undefined : build(r, status, true, decodeBase64);
}

/** Format 2.0: a `statusCode` object is the response; any other JSON value is a 200 body of itself. */
export function resultV2(payload: string): AwsResponse | undefined {
  let r: unknown;
  try {
    r = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (isObject(r) && 'statusCode' in r) {
    const status = statusOf(r.statusCode);
    return status === undefined ? undefined : build(r, status, false);
  }
  const body = typeof r === 'string' ? r : payload;
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
}
