/** Hosts apigateway answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^apigateway(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^apigateway(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^apigateway(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
