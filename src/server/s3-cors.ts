/**
 * CORS for the server, as AWS answers it:
 *
 * - S3 answers from the bucket's CORS configuration only (PutBucketCors).
 *   A preflight (`OPTIONS` with Origin and Access-Control-Request-Method) to
 *   a bucket is allowed when a rule matches the origin, the method and every
 *   requested header; otherwise 403 `AccessForbidden` (S3's words). An actual
 *   request with an Origin gets the Access-Control-* headers of the first
 *   matching rule, and none when no rule matches.
 * - The other services' APIs (DynamoDB, SQS, STS, …) answer any origin, as
 *   AWS's endpoints do for the SDK in a browser: permissive headers, and
 *   preflights answered here.
 * - The server's own endpoints get no CORS headers at all (access.ts).
 *
 * The bucket's rules are read through the S3 backend's public API
 * (`anyBucket(name).config`, the configuration as PutBucketCors stored it).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
 */
import type { Dispatcher } from '../core/dispatch';
import type { AwsRequest, AwsResponse } from '../core/request';
import { bucketFromHost } from '../protocols/s3/addressing';
import { CORS_HEADERS, preflightResponse } from './cors';

interface CorsRule {
  AllowedOrigins?: string[];
  AllowedMethods?: string[];
  AllowedHeaders?: string[];
  ExposeHeaders?: string[];
  MaxAgeSeconds?: number;
}

interface BucketView {
  config: Map<string, unknown>;
}

/** The bucket an S3 request addresses (virtual host first, else the first path segment). */
export function bucketOf(req: AwsRequest): string | undefined {
  const virtual = bucketFromHost(req.url.hostname);
  if (virtual !== undefined) return virtual;
  const first = req.url.pathname.split('/')[1];
  return first ? decodeURIComponent(first) : undefined;
}

/** Is this request S3's (routing says so, or an unsigned request names an existing bucket)? */
export async function isS3Request(req: AwsRequest, dispatcher: Dispatcher): Promise<boolean> {
  const service = dispatcher.serviceOf(req);
  if (service !== undefined) return service === 's3';
  if (bucketFromHost(req.url.hostname) !== undefined) return true;
  const bucket = bucketOf(req);
  return bucket !== undefined && (await findBucket(dispatcher, bucket)) !== undefined;
}

/**
 * The server's own address serves S3 path-style, as S3's does: an unsigned
 * GET, HEAD, PUT or DELETE whose first segment is bucket-shaped is S3's to
 * answer (NoSuchBucket when there is no such bucket) rather than a refusal.
 * Not preflights: an SQS queue URL's path is bucket-shaped too.
 */
export function looksLikeS3Path(req: AwsRequest): boolean {
  const bucket = bucketOf(req);
  return bucket !== undefined && BUCKET_SHAPE.test(bucket) && ['GET', 'HEAD', 'PUT', 'DELETE'].includes(req.method);
}

/** S3's general purpose bucket name syntax (the naming rules' character and length part). */
const BUCKET_SHAPE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

async function findBucket(dispatcher: Dispatcher, name: string): Promise<BucketView | undefined> {
  if (!dispatcher.serviceIds().includes('s3')) return undefined;
  // The bucket namespace is shared by every account: any account's backend sees it.
  const s3 = await dispatcher.backends.get<{ anyBucket(n: string): BucketView | undefined }>('s3');
  return s3.anyBucket(name);
}

async function rulesOf(dispatcher: Dispatcher, req: AwsRequest): Promise<CorsRule[] | undefined> {
  const name = bucketOf(req);
  const bucket = name === undefined ? undefined : await findBucket(dispatcher, name);
  const config = bucket?.config.get('Cors') as { CORSRules?: CorsRule[] } | undefined;
  return config?.CORSRules;
}

/** A preflight: S3's by the bucket's rules, any other service's permissively. */
export async function answerPreflight(req: AwsRequest, dispatcher: Dispatcher, requestId: string): Promise<AwsResponse> {
  if (!(await isS3Request(req, dispatcher))) return preflightResponse(req);
  const origin = req.headers.origin;
  const method = req.headers['access-control-request-method'];
  if (!origin || !method) {
    return s3Error(400, 'BadRequest', 'Insufficient information. Origin request header needed.', requestId);
  }
  const rules = await rulesOf(dispatcher, req);
  if (!rules) return s3Error(403, 'AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.', requestId);
  const requested = (req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const rule = rules.find((r) => matches(r, origin, method, requested));
  if (!rule) {
    return s3Error(
      403,
      'AccessForbidden',
      'CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource\'s CORS spec.',
      requestId,
    );
  }
  const headers = ruleHeaders(rule, origin);
  if (requested.length) headers['access-control-allow-headers'] = requested.join(', ');
  if (rule.MaxAgeSeconds !== undefined) headers['access-control-max-age'] = String(rule.MaxAgeSeconds);
  headers.vary = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';
  return { status: 200, headers: { ...headers, 'x-amz-request-id': requestId }, body: Buffer.alloc(0) };
}

/** The CORS headers an actual (non-preflight) request's answer carries. */
export async function corsHeadersFor(req: AwsRequest, dispatcher: Dispatcher): Promise<Record<string, string>> {
  if (!(await isS3Request(req, dispatcher))) return CORS_HEADERS;
  const origin = req.headers.origin;
  if (!origin) return {};
  const rules = await rulesOf(dispatcher, req);
  const rule = rules?.find((r) => matches(r, origin, req.method, []));
  return rule ? { ...ruleHeaders(rule, origin), vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method' } : {};
}

function ruleHeaders(rule: CorsRule, origin: string): Record<string, string> {
  const anyOrigin = rule.AllowedOrigins?.includes('*') ?? false;
  const headers: Record<string, string> = {
    'access-control-allow-origin': anyOrigin ? '*' : origin,
    'access-control-allow-methods': (rule.AllowedMethods ?? []).join(', '),
  };
  if (!anyOrigin) headers['access-control-allow-credentials'] = 'true';
  if (rule.ExposeHeaders?.length) headers['access-control-expose-headers'] = rule.ExposeHeaders.join(', ');
  return headers;
}

function matches(rule: CorsRule, origin: string, method: string, headers: string[]): boolean {
  if (!(rule.AllowedOrigins ?? []).some((o) => wildcard(o, origin, false))) return false;
  if (!(rule.AllowedMethods ?? []).includes(method.toUpperCase())) return false;
  const allowed = rule.AllowedHeaders ?? [];
  return headers.every((h) => allowed.some((a) => wildcard(a, h, true)));
}

/** S3 rules allow one `*` wildcard per origin or header pattern. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  const star = p.indexOf('*');
  if (star < 0) return p === v;
  const head = p.slice(0, star);
  const tail = p.slice(star + 1);
  return v.length >= head.length + tail.length && v.startsWith(head) && v.endsWith(tail);
}

export function s3Error(status: number, code: string, message: string, requestId: string): AwsResponse {
  const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`;
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
    body: Buffer.from(body),
  };
}
