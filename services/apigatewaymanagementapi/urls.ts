/** Hosts apigatewaymanagementapi answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^execute-api(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^execute-api(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^execute-api(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
