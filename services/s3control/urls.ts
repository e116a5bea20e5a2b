/** Hosts s3control answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^(?:\d{12}\.)?s3-control(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^(?:\d{12}\.)?s3-control(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^(?:\d{12}\.)?s3-control(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
