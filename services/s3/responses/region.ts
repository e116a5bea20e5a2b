/**
 * A bucket answers in its own region. A request that reaches another region's
 * endpoint is told where to go (301 PermanentRedirect with
 * `x-amz-bucket-region` and the right Endpoint); one that reaches the right
 * region signed for another is AuthorizationHeaderMalformed ("the region 'X'
 * is wrong; expecting 'Y'"). The global endpoint `s3.amazonaws.com` is
 * us-east-1 for path-style requests, while a virtual-hosted name under it
 * resolves to the bucket's own region.
 * The SDK's `followRegionRedirects` retries the 301s (and HeadBucket's 400)
 * in the region the header names.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (PermanentRedirect, AuthorizationHeaderMalformed)
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
 *
 * Hosts that are not AWS endpoints (the server mode's address, a custom
 * endpoint) name no region, so nothing is checked for them.
 */
import { credentialScope } from '../../../src/core/credential-scope';
import type { AwsRequest } from '../../../src/core/request';
import { bucketFromHost } from '../../../src/protocols/s3/addressing';
import { permanentRedirect, wrongSigningRegion } from '../exceptions';
import type { Bucket } from '../models/bucket';

/** `s3.<region>.amazonaws.com`, `s3-<region>.amazonaws.com`, fips and dual-stack, with or without a bucket in front. */
const REGIONAL = /(?:^|\.)s3(?:-fips)?(?:\.dualstack)?[.-](?<region>[a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?$/;
const GLOBAL = /(?:^|\.)s3(?:-external-1)?\.amazonaws\.com$/;

/** Operations any region answers: the one that finds a bucket's region. */
const ANY_REGION = new Set(['GetBucketLocation', 'CreateBucket', 'ListBuckets']);

export function checkBucketRegion(request: AwsRequest, bucket: Bucket, operation: string): void {
  if (ANY_REGION.has(operation)) return;
  const host = request.url.hostname.toLowerCase();
  let reached: string | undefined = REGIONAL.exec(host)?.groups?.region;
  if (reached === undefined && GLOBAL.test(host)) reached = bucketFromHost(host) === undefined ? 'us-east-1' : bucket.region;
  if (reached === undefined) return;
  if (reached !== bucket.region) throw permanentRedirect(bucket.name, bucket.region);
  // SigV2 and unsigned requests name no region.
  const signed = credentialScope(request)?.region;
  if (signed && signed !== bucket.region) {
    throw wrongSigningRegion(signed, bucket.region, operation === 'HeadBucket' ? { 'x-amz-bucket-region': bucket.region } : undefined);
  }
}
