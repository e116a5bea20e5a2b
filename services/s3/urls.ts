/** Hosts s3 answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^s3\.amazonaws\.com$/,
  /^s3(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^s3(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^s3(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
