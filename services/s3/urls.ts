/**
 * Hosts s3 answers on: regional, FIPS, dual-stack, China and api.aws endpoints,
 * path-style or with a virtual-hosted bucket in front (`my-bucket.s3.amazonaws.com`).
 * Signed requests also route by their signing name; the bucket-prefixed hosts
 * matter for unsigned ones (browser POST uploads, public reads).
 */
export const hosts: RegExp[] = [
  /^(?:[a-z0-9.-]+\.)?s3\.amazonaws\.com$/,
  /^(?:[a-z0-9.-]+\.)?s3(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^(?:[a-z0-9.-]+\.)?s3(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^(?:[a-z0-9.-]+\.)?s3-(?<region>[a-z]{2}-[a-z]+-\d)\.amazonaws\.com$/,
  /^s3(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
