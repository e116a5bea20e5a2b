/**
 * SigV4 verification (`--verify-signatures`): recompute a request's signature
 * with the secret the fake knows for its access key and compare, answering
 * the service's own error when it does not hold. Covered: the Authorization
 * header form, presigned query strings (X-Amz-*, with their expiry), S3's
 * payload hash forms (a hex SHA-256 checked against the body, UNSIGNED-PAYLOAD,
 * and aws-chunked STREAMING-* uploads whose chunk signatures form a chain
 * from the seed signature), and the 15-minute clock skew.
 * S3's SigV2 header and presigned URLs are checked by sigv2-verify.ts; SigV4a
 * (header and presigned query) by the same steps here, with its scope and its
 * ECDSA check from sigv4a-verify.ts.
 * Not covered (answered as unsigned would be): S3's SigV2 browser forms and
 * browser POST form policies; SigV4a aws-chunked uploads are refused by name.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { clock } from './clock';
import { AwsError } from './errors';
import type { AwsRequest } from './request';
import { verifySigV2 } from './sigv2-verify';
import { SIGV4A_ALGORITHM, verifySigV4a } from './sigv4a-verify';

/** What a signed request says about itself. */
interface Signed {
  /** AWS4-HMAC-SHA256 or SigV4a's AWS4-ECDSA-P256-SHA256. */
  algorithm: string;
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  presigned: boolean;
  expires?: number;
}

/** How the request reached the verifier: the wire form of a body the server decoded. */
export interface WireFacts {
  /** Headers exactly as sent (before aws-chunked decoding). */
  headers: Record<string, string>;
  /** aws-chunked chunks as they went by: declared signature and data hash. */
  chunks?: Array<{ signature?: string; sha256: string }>;
}

export type SecretLookup = (accessKeyId: string) => string | undefined;

/** The error family a service answers auth failures in. */
export type AuthDialect = 's3' | 'query' | 'json';

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Throws the service's AwsError when the request is not signed with a secret
 * the fake knows; returns quietly when it is (or when it is an anonymous S3
 * request, which S3 answers by policy, not by signature).
 */
export function verifySignature(
  req: AwsRequest,
  dialect: AuthDialect,
  secretOf: SecretLookup,
  wire: WireFacts = { headers: req.headers },
): void {
  const headers = wire.headers;
  // S3 still takes SigV2 (header and presigned URL): checked by its own rules.
  if (dialect === 's3' && verifySigV2(req, headers, secretOf)) return;
  const signed = parseSigned(req, headers, dialect);
  if (!signed) {
    if (dialect === 's3') return;
    throw missingToken(dialect);
  }
  const now = clock.now();
  const requestTime = parseAmzDate(signed.amzDate);
  if (requestTime === undefined) throw incomplete(dialect, 'Date must be in ISO-8601 \'basic format\'.');
  if (signed.presigned) {
    if (signed.expires !== undefined && now > requestTime + signed.expires * 1000) {
      throw dialect === 's3'
        ? new AwsError('AccessDenied', 'Request has expired', {
            status: 403,
            fields: {
              'X-Amz-Expires': String(signed.expires),
              Expires: isoSeconds(requestTime + signed.expires * 1000),
              ServerTime: isoSeconds(now),
            },
          })
        : signatureMismatch(dialect, `Signature expired: ${signed.amzDate} is now earlier than ${amzDate(now)}`);
    }
  } else if (Math.abs(now - requestTime) > MAX_SKEW_MS) {
    throw skewed(dialect, requestTime, now, signed.amzDate);
  }
  const secret = secretOf(signed.accessKeyId);
  if (secret === undefined) throw unknownKey(dialect, signed.accessKeyId);

  const payloadHash = payloadHashOf(req, headers, signed, dialect);
  const canonical = canonicalRequest(req, headers, signed, payloadHash, dialect);
  const sigV4a = signed.algorithm === SIGV4A_ALGORITHM;
  // SigV4a's scope names no region: X-Amz-Region-Set (a signed header) does.
  const scope = `${signed.date}/${sigV4a ? '' : `${signed.region}/`}${signed.service}/aws4_request`;
  const stringToSign = `${signed.algorithm}\n${signed.amzDate}\n${scope}\n${sha256(canonical)}`;
  const key = signingKey(secret, signed.date, signed.region, signed.service);
  // ECDSA signatures are randomised: SigV4a's is verified with the public key, not recomputed.
  const expected = sigV4a ? signed.signature : hmac(key, stringToSign).toString('hex');
  const valid = sigV4a ? verifySigV4a(signed.accessKeyId, secret, stringToSign, signed.signature) : same(expected, signed.signature);
  if (!valid) {
    throw dialect === 's3'
      ? s3Mismatch(signed, stringToSign, canonical)
      : signatureMismatch(
          dialect,
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        );
  }
  if (/^STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD/.test(headers['x-amz-content-sha256'] ?? '')) {
    throw incomplete(dialect, 'mockaws does not verify SigV4a aws-chunked signatures; sign the payload (or leave it unsigned).');
  }
  if (/^STREAMING-AWS4-HMAC-SHA256-PAYLOAD/.test(headers['x-amz-content-sha256'] ?? '')) {
    // Chunk signatures are read while the body streams in, which needs the decoded length up front.
    if (!wire.chunks) {
      throw new AwsError('MissingContentLength', 'You must provide the Content-Length HTTP header.', { status: 411 });
    }
    let previous = expected;
    for (const chunk of wire.chunks) {
      const chunkToSign = `AWS4-HMAC-SHA256-PAYLOAD\n${signed.amzDate}\n${scope}\n${previous}\n${EMPTY_SHA256}\n${chunk.sha256}`;
      const chunkSignature = hmac(key, chunkToSign).toString('hex');
      if (!chunk.signature || !same(chunkSignature, chunk.signature)) throw s3Mismatch(signed, chunkToSign, canonical);
      previous = chunkSignature;
    }
  }
}

function parseSigned(req: AwsRequest, headers: Record<string, string>, dialect: AuthDialect): Signed | undefined {
  const auth = headers.authorization;
  const algorithm = auth?.split(' ', 1)[0] ?? '';
  if (auth && (algorithm === 'AWS4-HMAC-SHA256' || algorithm === SIGV4A_ALGORITHM)) {
    const fields: Record<string, string> = {};
    for (const part of auth.slice(algorithm.length + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((f) => !fields[f]);
    if (missing.length) {
      throw incomplete(dialect, `Authorization header requires '${missing[0]}' parameter. Authorization=${auth}`);
    }
    const amzDate = headers['x-amz-date'] ?? headers.date;
    if (!amzDate) {
      throw incomplete(dialect, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    return { algorithm, ...credential(fields.Credential, algorithm, dialect), signedHeaders: fields.SignedHeaders.split(';'), signature: fields.Signature, amzDate, presigned: false };
  }
  if (auth !== undefined && auth !== '') {
    // SigV2 (`AWS AKID:sig`) outside S3 is not verified: named rather than silently passed.
    throw incomplete(dialect, `mockaws verifies AWS4-HMAC-SHA256 and ${SIGV4A_ALGORITHM} signatures only; got '${algorithm}'.`);
  }
  const q = req.url.searchParams;
  const queryAlgorithm = q.get('X-Amz-Algorithm') ?? '';
  if (queryAlgorithm === 'AWS4-HMAC-SHA256' || queryAlgorithm === SIGV4A_ALGORITHM) {
    const missing = ['X-Amz-Credential', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Signature'].filter((f) => !q.get(f));
    if (missing.length) throw incomplete(dialect, `Query-string authentication requires the ${missing[0]} parameter.`);
    const expires = q.get('X-Amz-Expires');
    return {
      algorithm: queryAlgorithm,
      ...credential(q.get('X-Amz-Credential') ?? '', queryAlgorithm, dialect),
      signedHeaders: (q.get('X-Amz-SignedHeaders') ?? '').split(';'),
      signature: q.get('X-Amz-Signature') ?? '',
      amzDate: q.get('X-Amz-Date') ?? '',
      presigned: true,
      expires: expires === null ? undefined : Number(expires),
    };
  }
  return undefined;
}

function credential(text: string, algorithm: string, dialect: AuthDialect): Pick<Signed, 'accessKeyId' | 'date' | 'region' | 'service'> {
  const parts = text.split('/');
  // SigV4a's scope has no region: AKID/date/service/aws4_request.
  if (algorithm === SIGV4A_ALGORITHM && parts.length === 4 && parts[3] === 'aws4_request') {
    return { accessKeyId: parts[0], date: parts[1], region: '', service: parts[2] };
  }
  if (parts.length !== 5 || parts[4] !== 'aws4_request') {
    throw incomplete(dialect, `Credential should be scoped to correct service: '${text}'.`);
  }
  return { accessKeyId: parts[0], date: parts[1], region: parts[2], service: parts[3] };
}

function payloadHashOf(
  req: AwsRequest,
  headers: Record<string, string>,
  signed: Signed,
  dialect: AuthDialect,
): string {
  if (signed.presigned && dialect === 's3') return headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD';
  const declared = headers['x-amz-content-sha256'];
  const actual = () => sha256(req.body);
  if (declared === undefined) return actual();
  if (/^[0-9a-f]{64}$/.test(declared) && declared !== actual()) {
    throw new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
      status: 400,
      fields: { ClientComputedContentSHA256: declared, S3ComputedContentSHA256: actual() },
    });
  }
  return declared;
}

function canonicalRequest(
  req: AwsRequest,
  headers: Record<string, string>,
  signed: Signed,
  payloadHash: string,
  dialect: AuthDialect,
): string {
  const rawPath = req.rawPath ?? req.url.pathname;
  // S3 signs the path as sent; other services sign it normalised and encoded once more.
  const path =
    dialect === 's3'
      ? rawPath || '/'
      : normalise(rawPath)
          .split('/')
          .map((segment) => uriEscape(segment))
          .join('/');
  const query = canonicalQuery(req.url.search.slice(1));
  const names = [...signed.signedHeaders].sort();
  const canonicalHeaders = names.map((name) => `${name}:${(headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  return `${req.method}\n${path}\n${query}\n${canonicalHeaders}\n${names.join(';')}\n${payloadHash}`;
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  const joined = `/${out.join('/')}`;
  return path.endsWith('/') && joined !== '/' ? `${joined}/` : joined;
}

function canonicalQuery(search: string): string {
  if (!search) return '';
  const pairs: Array<[string, string]> = [];
  for (const part of search.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    if (key === 'X-Amz-Signature') continue;
    pairs.push([uriEscape(key), uriEscape(eq < 0 ? '' : decode(part.slice(eq + 1)))]);
  }
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** RFC 3986 unreserved characters stay; everything else is %XX (upper-case hex). */
function uriEscape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** SigV4's derived signing key (also what signs an S3 browser POST policy). */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `20261206T140000Z` → epoch ms (also an RFC 1123 Date header). */
function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const hex = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');

function s3Mismatch(signed: Signed, stringToSign: string, canonical: string): AwsError {
  return new AwsError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    {
      status: 403,
      fields: {
        AWSAccessKeyId: signed.accessKeyId,
        StringToSign: stringToSign,
        SignatureProvided: signed.signature,
        StringToSignBytes: hex(stringToSign),
        CanonicalRequest: canonical,
        CanonicalRequestBytes: hex(canonical),
      },
    },
  );
}

function signatureMismatch(dialect: AuthDialect, message: string): AwsError {
  return dialect === 'json'
    ? new AwsError('InvalidSignatureException', message, { status: 400 })
    : new AwsError('SignatureDoesNotMatch', message, { status: 403, senderFault: true });
}

function unknownKey(dialect: AuthDialect, accessKeyId: string): AwsError {
  if (dialect === 's3') {
    return new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      status: 403,
      fields: { AWSAccessKeyId: accessKeyId },
    });
  }
  const message = 'The security token included in the request is invalid.';
  return dialect === 'json'
    ? new AwsError('UnrecognizedClientException', message, { status: 400 })
    : new AwsError('InvalidClientTokenId', message, { status: 403, senderFault: true });
}

function incomplete(dialect: AuthDialect, message: string): AwsError {
  if (dialect === 's3') return new AwsError('AuthorizationHeaderMalformed', message, { status: 400 });
  return dialect === 'json'
    ? new AwsError('IncompleteSignatureException', message, { status: 400 })
    : new AwsError('IncompleteSignature', message, { status: 400, senderFault: true });
}

function missingToken(dialect: AuthDialect): AwsError {
  return dialect === 'json'
    ? new AwsError('MissingAuthenticationTokenException', 'Request is missing Authentication Token', { status: 400 })
    : new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', { status: 403, senderFault: true });
}

function skewed(dialect: AuthDialect, requestTime: number, now: number, sent: string): AwsError {
  if (dialect === 's3') {
    return new AwsError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
      status: 403,
      fields: { RequestTime: sent, ServerTime: isoSeconds(now), MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS) },
    });
  }
  const late = requestTime < now;
  const bound = amzDate(late ? now - MAX_SKEW_MS : now + MAX_SKEW_MS);
  const message = late
    ? `Signature expired: ${sent} is now earlier than ${bound} (${amzDate(now)} - 15 min.)`
    : `Signature not yet current: ${sent} is still later than ${bound} (${amzDate(now)} + 15 min.)`;
  return new AwsError(dialect === 'json' ? 'InvalidSignatureException' : 'RequestTimeTooSkewed', message, {
    status: dialect === 'json' ? 400 : 403,
    senderFault: true,
  });
}
