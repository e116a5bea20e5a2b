/**
 * Permissive CORS for the AWS APIs other than S3, so the SDK running in a
 * browser page (any origin) can call them, as AWS's own endpoints allow:
 * their preflights are answered here, and their answers to a request with an
 * Origin carry `access-control-allow-origin: *` plus the headers the SDK
 * reads. S3 answers from bucket rules instead (s3-cors.ts); the server's own
 * endpoints get none (access.ts).
 */
import type { AwsRequest, AwsResponse } from '../core/request';

const METHODS = 'GET, PUT, POST, DELETE, HEAD, PATCH, OPTIONS';

/**
 * Response headers browser code may read. `*` covers them for requests
 * without credentials; ETag and the request ids are named as well because
 * browsers ignore the wildcard on credentialed requests.
 */
const EXPOSED = [
  '*',
  'etag',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amzn-requestid',
  'x-amzn-errortype',
  'x-amz-version-id',
  'x-amz-delete-marker',
  'x-amz-checksum-crc32',
  'x-amz-checksum-crc32c',
  'x-amz-checksum-crc64nvme',
  'x-amz-checksum-sha1',
  'x-amz-checksum-sha256',
  'x-amz-server-side-encryption',
  'content-range',
  'content-length',
  'last-modified',
].join(', ');

/** Headers added to every response (defaults only: the response's own win). */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': EXPOSED,
};

/** 200 with whatever method and headers the page asked to use. */
export function preflightResponse(req: AwsRequest): AwsResponse {
  return {
    status: 200,
    headers: {
      ...CORS_HEADERS,
      'access-control-allow-methods': METHODS,
      'access-control-allow-headers': req.headers['access-control-request-headers'] || '*',
      'access-control-max-age': '86400',
      vary: 'origin, access-control-request-method, access-control-request-headers',
    },
    body: Buffer.alloc(0),
  };
}
