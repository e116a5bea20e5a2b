/**
 * Permissive CORS for the server, so the SDK running in a browser page (any
 * origin) can call it: preflights are answered here, and every response
 * carries `access-control-allow-origin: *` plus the headers the SDK reads.
 *
 * @note No SDK client ever sends OPTIONS (S3's OPTIONS object preflight is a
 * browser-only request), so answering every OPTIONS here takes nothing from an
 * AWS operation. A response that already carries CORS headers (an emulated
 * bucket CORS rule) keeps them: the server's are defaults, never overrides.
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

/** Is this a CORS preflight (OPTIONS naming the method the page wants)? */
export function isPreflight(req: AwsRequest): boolean {
  return req.method === 'OPTIONS';
}

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
