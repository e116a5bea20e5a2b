/** Hosts iam answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^iam\.amazonaws\.com$/,
  /^iam(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^iam(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^iam(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
