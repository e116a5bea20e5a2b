/**
 * The SigV4 credential scope of a request (`AKID/20261121/us-east-1/s3/aws4_request`,
 * or SigV4a's `AKID/20261121/s3/aws4_request` with X-Amz-Region-Set):
 * the access key names the account, the region and signing name route the
 * request. It travels in the Authorization header, a presigned URL's
 * X-Amz-Credential, or an S3 browser upload's x-amz-credential form field.
 */
import type { AwsRequest } from './request';

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const SIGV4_HEADER = 'AWS4-HMAC-SHA256 Credential=';

/**
 * The last SigV4 header scope read, by the header's text up to and including the comma after the
 * credential: a client signs call after call with the same key, day, region and service, so the
 * next header most likely starts with the same text, and a prefix compare replaces the scan and split.
 */
let last: { prefix: string; scope: CredentialScope } | undefined;

export function credentialScope(req: AwsRequest): CredentialScope | undefined {
  const auth = req.headers.authorization;
  if (last !== undefined && auth?.startsWith(last.prefix)) {
    const s = last.scope;
    // A fresh object each time: callers own what they are given.
    return { accessKeyId: s.accessKeyId, date: s.date, region: s.region, service: s.service };
  }
  let credential: string | undefined;
  if (auth?.startsWith(SIGV4_HEADER)) {
    // Every SDK call signs this way: its credential read by position, without the two regular expressions
    // below (this runs for every request, and in-process between the SDK's own steps).
    // An empty one there leaves the search for a later `Credential=` to the expression, as before.
    credential = sigV4HeaderCredential(auth) ?? /Credential=([^,\s]+)/.exec(auth)?.[1];
  } else {
    const v2 = sigV2AccessKey(req, auth);
    if (v2) return { accessKeyId: v2, date: '', region: '', service: 's3' };
    credential = auth
      ? /Credential=([^,\s]+)/.exec(auth)?.[1]
      : (req.url.searchParams.get('X-Amz-Credential') ?? formCredential(req));
  }
  if (!credential) return undefined;
  const parts = credential.split('/');
  if (parts.length === 4 && parts[3] === 'aws4_request') {
    return { accessKeyId: parts[0], date: parts[1], region: sigV4aRegion(req), service: parts[2] };
  }
  if (parts.length < 5) return undefined;
  const scope = { accessKeyId: parts[0], date: parts[1], region: parts[2], service: parts[3] };
  // Remembered only when the header reads back exactly as this scope (`…/aws4_request,` and nothing odd
  // between): any header that starts with that text has this same scope.
  const prefix = `${SIGV4_HEADER}${scope.accessKeyId}/${scope.date}/${scope.region}/${scope.service}/aws4_request,`;
  if (auth?.startsWith(prefix)) last = { prefix, scope: { ...scope } };
  return scope;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=...`: up to the first comma or space. */
function sigV4HeaderCredential(auth: string): string | undefined {
  let end = SIGV4_HEADER.length;
  while (end < auth.length) {
    const c = auth.charCodeAt(end);
    // The characters /Credential=([^,\s]+)/ stops at: a comma or any white space.
    if (c === 44 || c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(auth[end]))) break;
    end++;
  }
  return end > SIGV4_HEADER.length ? auth.slice(SIGV4_HEADER.length, end) : undefined;
}

/**
 * A SigV4a scope (`AKID/20261206/s3/aws4_request`) names no region: the
 * request is valid in each region of X-Amz-Region-Set (a header, or a
 * presigned URL's parameter), which may be a wildcard (`*`, `us-*`). The first
 * region the set names outright routes the request; a set of wildcards routes
 * by host, as an unscoped request does.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
function sigV4aRegion(req: AwsRequest): string {
  const set = req.headers['x-amz-region-set'] ?? req.url.searchParams.get('X-Amz-Region-Set') ?? '';
  return set.split(',').map((region) => region.trim()).find((region) => region && !region.includes('*')) ?? '';
}

/**
 * The access key of an S3 SigV2 request, which names no region or service
 * (only S3 still accepts SigV2): the `AWS AKID:signature` header, a presigned
 * URL's `AWSAccessKeyId` (with `Signature` and `Expires`, and no query
 * `Action`), or a browser POST form's `AWSAccessKeyId` field.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html
 */
function sigV2AccessKey(req: AwsRequest, auth: string | undefined): string | undefined {
  if (auth) return /^AWS ([^:\s]+):\S+$/.exec(auth)?.[1];
  const q = req.url.searchParams;
  if (q.has('AWSAccessKeyId') && q.has('Signature') && q.has('Expires') && !q.has('Action')) {
    return q.get('AWSAccessKeyId') ?? undefined;
  }
  return formField(req, 'AWSAccessKeyId');
}

/** S3 limits the form fields before the file to 20 KB; the credential is one of them. */
const FORM_FIELDS_LIMIT = 20 * 1024;

/**
 * The `x-amz-credential` field of an S3 browser upload (an unsigned
 * multipart/form-data POST that carries its SigV4 credential as a form
 * field), read from the fields that precede the file.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTForms.html
 */
function formCredential(req: AwsRequest): string | undefined {
  return formField(req, 'x-amz-credential');
}

function formField(req: AwsRequest, name: string): string | undefined {
  if (req.method !== 'POST' || !/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) return undefined;
  const head = req.body.toString('latin1', 0, Math.min(req.body.length, FORM_FIELDS_LIMIT));
  return new RegExp(`name="?${name}"?\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\n([^\\r\\n]+)`, 'i').exec(head)?.[1];
}
