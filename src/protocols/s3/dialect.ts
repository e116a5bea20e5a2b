/**
 * The S3 dialect of rest-xml, chosen by a spec fact (S3's own endpoint
 * prefix) rather than by service name: virtual-host addressing, aws-chunked
 * bodies, `x-amz-request-id` + `x-amz-id-2` request ids and the bare `<Error>`
 * error document.
 */
import { createHash } from 'node:crypto';
import type { ServiceSpec } from '../../core/spec';

export function isS3Dialect(spec: ServiceSpec): boolean {
  return spec.endpointPrefix === 's3' && spec.protocols.includes('rest-xml');
}

/** `x-amz-id-2`: S3's extended request id, derived from the request id so it is stable per request. */
export function hostId(requestId: string): string {
  return createHash('sha256').update(requestId).digest('base64');
}

export function s3RequestIdHeaders(requestId: string): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId(requestId) };
}
