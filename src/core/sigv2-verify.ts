/**
 * S3's SigV2 (`--verify-signatures`): the `Authorization: AWS AKID:signature`
 * header and presigned URLs (`?AWSAccessKeyId=&Expires=&Signature=`), an
 * HMAC-SHA1 of S3's StringToSign with the secret the fake knows for the key.
 * Browser POST forms signed with SigV2 are not checked here (their policy is
 * the PostObject handler's).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError } from './errors';
import type { AwsRequest } from './request';

/** Query parameters that are part of the signed resource (sub-resources and response overrides). */
const SUB_RESOURCES = new Set([
  'accelerate', 'acl', 'analytics', 'cors', 'delete', 'encryption', 'intelligent-tiering', 'inventory', 'legal-hold',
  'lifecycle', 'location', 'logging', 'metrics', 'notification', 'object-lock', 'ownershipControls', 'partNumber',
  'policy', 'policyStatus', 'publicAccessBlock', 'replication', 'requestPayment', 'response-cache-control',
  'response-content-disposition', 'response-content-encoding', 'response-content-language', 'response-content-type',
  'response-expires', 'restore', 'retention', 'select', 'select-type', 'tagging', 'torrent', 'uploadId', 'uploads',
  'versionId', 'versioning', 'versions', 'website',
]);

interface SignedV2 {
  accessKeyId: string;
  signature: string;
  /** The Date line of the StringToSign: the Expires of a presigned URL, else the Date header. */
  date: string;
}

function parseV2(req: AwsRequest, headers: Record<string, string>): SignedV2 | undefined {
  const auth = headers.authorization;
  if (auth?.startsWith('AWS ')) {
    const m = /^AWS ([^:\s]+):(\S+)$/.exec(auth);
    if (!m) throw new AwsError('InvalidArgument', 'Authorization header is invalid -- one and only one \' \' (space) required', { status: 400 });
    return { accessKeyId: m[1], signature: m[2], date: headers['x-amz-date'] !== undefined ? '' : (headers.date ?? '') };
  }
  const q = req.url.searchParams;
  const accessKeyId = q.get('AWSAccessKeyId');
  const signature = q.get('Signature');
  const expires = q.get('Expires');
  if (auth || accessKeyId === null || signature === null || expires === null) return undefined;
  return { accessKeyId, signature, date: expires };
}

/**
 * The canonical resource: the path as sent, then the signed sub-resources
 * sorted, values decoded. A bucket's resource ends in `/` (`/bucket/`), which
 * a path-style request to the bucket does not send.
 */
function canonicalResource(req: AwsRequest): string {
  let path = (req.rawPath ?? req.url.pathname).split('?')[0];
  if (/^\/[^/]+$/.test(path)) path += '/';
  const subs: string[] = [];
  for (const [name, value] of req.url.searchParams) {
    if (SUB_RESOURCES.has(name)) subs.push(value === '' ? name : `${name}=${value}`);
  }
  subs.sort();
  return subs.length ? `${path}?${subs.join('&')}` : path;
}

export function stringToSignV2(req: AwsRequest, headers: Record<string, string>, date: string): string {
  const amz = Object.keys(headers)
    .filter((h) => h.startsWith('x-amz-'))
    .sort()
    .map((h) => `${h}:${headers[h].trim()}\n`)
    .join('');
  return `${req.method}\n${headers['content-md5'] ?? ''}\n${headers['content-type'] ?? ''}\n${date}\n${amz}${canonicalResource(req)}`;
}

/**
 * True when the request is SigV2-signed and the signature holds; undefined
 * when it is not a SigV2 request; throws S3's error when it does not hold.
 */
export function verifySigV2(
  req: AwsRequest,
  headers: Record<string, string>,
  secretOf: (accessKeyId: string) => string | undefined,
): true | undefined {
  const signed = parseV2(req, headers);
  if (!signed) return undefined;
  const secret = secretOf(signed.accessKeyId);
  if (secret === undefined) {
    throw new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      status: 403,
      fields: { AWSAccessKeyId: signed.accessKeyId },
    });
  }
  const stringToSign = stringToSignV2(req, headers, signed.date);
  const expected = createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
  const a = Buffer.from(expected);
  const b = Buffer.from(signed.signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new AwsError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        status: 403,
        fields: {
          AWSAccessKeyId: signed.accessKeyId,
          StringToSign: stringToSign,
          SignatureProvided: signed.signature,
          StringToSignBytes: [...Buffer.from(stringToSign, 'utf8')].map((x) => x.toString(16).padStart(2, '0')).join(' '),
        },
      },
    );
  }
  return true;
}
