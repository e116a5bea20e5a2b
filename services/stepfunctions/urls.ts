/** Hosts stepfunctions answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^states(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^states(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^states(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
