/**
 * S3 addressing: a virtual-hosted request (`my-bucket.s3.us-east-1.amazonaws.com/key`,
 * or `my-bucket.localhost:4566/key` for a custom endpoint without
 * forcePathStyle) names its bucket in the Host. The rest-xml router matches
 * path-style templates (`/{Bucket}/{Key+}`), so such requests are rewritten
 * to `/my-bucket/key` first.
 *
 * A host is virtual-hosted when a bucket label (or dotted labels) sits in front
 * of a known S3 endpoint: an AWS S3 host (`s3.amazonaws.com`, `s3.<region>…`,
 * `s3-<region>…`, dualstack, fips, accelerate, express) or a local one
 * (`localhost`, `localhost.localstack.cloud`). IP hosts are always path-style.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
 */

import { boundedMemo } from '../../core/bounded-memo';

/** S3 endpoints a bucket may be prefixed to. */
const S3_BASES: RegExp[] = [
  /^s3(?:express-[a-z0-9-]+|-fips|-accelerate|-external-1|-[a-z]{2}-[a-z-]+-\d)?(?:\.[a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/,
  /^(?:s3\.)?localhost(?:\.localstack\.cloud)?$/,
];

/** S3-signed services that carry something else than a bucket in front of their host. */
const NOT_BUCKET_HOSTS = /(?:^|\.)(?:s3-control|s3-object-lambda|s3-outposts)[.-]/;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function isS3Base(host: string): boolean {
  return S3_BASES.some((re) => re.test(host));
}

/**
 * Answers by hostname (null: path-style): every S3 request asks, and the patterns below cost
 * about 1 µs a call. Bounded, since server-mode hostnames come from callers.
 */
const bucketsByHost = boundedMemo(512, (hostname: string): string | null => hostBucket(hostname) ?? null);

/** The bucket a virtual-hosted S3 host names, or undefined for a path-style host. */
export function bucketFromHost(hostname: string): string | undefined {
  return bucketsByHost(hostname) ?? undefined;
}

function hostBucket(hostname: string): string | undefined {
  const host = hostname.toLowerCase();
  if (IPV4.test(host) || host.startsWith('[') || host.includes(':')) return undefined;
  if (NOT_BUCKET_HOSTS.test(host) || isS3Base(host)) return undefined;
  // A bucket may itself hold dots: try every split, shortest S3 base last.
  for (let dot = host.indexOf('.'); dot > 0; dot = host.indexOf('.', dot + 1)) {
    if (isS3Base(host.slice(dot + 1))) return hostname.slice(0, dot);
  }
  return undefined;
}

/** The raw path of a request as path-style: `/bucket` prepended for a virtual-hosted one. */
export function pathStylePath(hostname: string, rawPath: string): string {
  const bucket = bucketFromHost(hostname);
  if (bucket === undefined) return rawPath;
  const rest = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  return `/${encodeURIComponent(bucket)}${rest === '/' ? '/' : rest}`;
}
