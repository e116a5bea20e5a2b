/**
 * What the data plane answers with, and what it reads from a request: API
 * Gateway's JSON error bodies and the request as the proxy events see it.
 */
import type { AwsRequest, AwsResponse } from '../../../src/core/request';

/** The incoming request, with the path the API sees (after the host or `/_aws/execute-api/<id>` prefix). */
export interface GatewayRequest {
  req: AwsRequest;
  apiId: string;
  /** Path after the API id, before any stage is taken off, percent-encoded as sent. */
  path: string;
  requestId: string;
  account: string;
  region: string;
  domainName: string;
  /** Reached through a custom domain name (dataplane/domains.ts): served even with the default endpoint disabled. */
  customDomain?: boolean;
  /** HTTP APIs through a custom domain: the stage the mapping names (`path` is then all the API's). */
  mappedStage?: string;
}

/** An error as API Gateway writes it: `{"message": ...}` with its headers. */
export function gatewayError(status: number, message: string, headers: Record<string, string> = {}): AwsResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify({ message })),
  };
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|[a-z.+-]*\+(json|xml)))/i;

/** The body as a proxy event carries it: text as is, anything else base64-encoded. */
export function eventBody(req: AwsRequest, binaryMediaTypes?: readonly string[]): { body: string | undefined; isBase64Encoded: boolean } {
  if (!req.body.length) return { body: undefined, isBase64Encoded: false };
  const contentType = req.headers['content-type'] ?? '';
  // REST APIs (binaryMediaTypes given): binary only when the Content-Type is one of the API's binary media
  // types, anything else reaches the function as UTF-8 text. HTTP APIs: text types as text, the rest base64.
  const text = binaryMediaTypes
    ? !isBinaryMediaType(contentType, binaryMediaTypes)
    : contentType !== '' && TEXT_TYPES.test(contentType) && req.headers['content-encoding'] === undefined;
  return { body: req.body.toString(text ? 'utf8' : 'base64'), isBase64Encoded: !text };
}

/** Whether a media type (parameters ignored) is one of a REST API's binaryMediaTypes (`image/*`, `*\/*` wildcards). */
export function isBinaryMediaType(mediaType: string | undefined, binaryMediaTypes: readonly string[]): boolean {
  const [type, subtype] = (mediaType ?? '').split(';')[0].trim().toLowerCase().split('/');
  if (!type || !subtype) return false;
  return binaryMediaTypes.some((entry) => {
    const [t, s] = entry.toLowerCase().split('/');
    return (t === '*' || t === type) && (s === '*' || s === subtype);
  });
}

/** `12/Mar/2020:19:03:58 +0000`, the requestTime format of the proxy events. */
export function requestTime(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Query parameters: single (the last value wins in 1.0, comma-joined in 2.0) and multi-valued. */
export function queryOf(url: URL): { multi: Record<string, string[]> } {
  const multi: Record<string, string[]> = Object.create(null);
  for (const [k, v] of url.searchParams) (multi[k] ??= []).push(v);
  return { multi };
}

/** A Lambda header value (string, number, boolean) as a header. */
export function headerValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A user-given pattern (selectionPattern, identityValidationExpression) matched whole; an invalid one matches nothing. */
export function matchesWhole(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 's').test(value);
  } catch {
    return false;
  }
}
