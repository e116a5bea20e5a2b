/** Hosts secretsmanager answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^secretsmanager(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^secretsmanager(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^secretsmanager(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
