/**
 * Headers a presigned URL carries in its query string. The SDK's presigner
 * hoists `x-amz-*` headers (x-amz-meta-*, x-amz-server-side-encryption,
 * x-amz-acl, ...) into the query so that a plain `fetch(url)` sends them;
 * S3 reads them as if they were headers. A header actually sent wins.
 * @note Checksums are the exception: S3 ignores an `x-amz-checksum-*` in a
 * presigned URL's query (the JS SDK >= 3.729 signs the CRC32 of the empty
 * body into every presigned PutObject URL, and real S3 still accepts it).
 */

/** SigV4's own query parameters: authentication, not request headers. */
const AUTH_PARAMS = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-signedheaders',
  'x-amz-signature',
  'x-amz-security-token',
]);

/** `headers` plus the x-amz-* headers hoisted into a presigned URL's query (same object when none). */
export function withHoistedHeaders(headers: Record<string, string>, query: URLSearchParams): Record<string, string> {
  if (!query.has('X-Amz-Signature')) return headers;
  let merged: Record<string, string> | undefined;
  for (const [key, value] of query) {
    const name = key.toLowerCase();
    if (!name.startsWith('x-amz-') || AUTH_PARAMS.has(name) || headers[name] !== undefined) continue;
    if (name.startsWith('x-amz-checksum-') || name === 'x-amz-sdk-checksum-algorithm') continue;
    merged ??= { ...headers };
    merged[name] = value;
  }
  return merged ?? headers;
}
