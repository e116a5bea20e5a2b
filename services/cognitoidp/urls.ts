/** Hosts cognitoidp answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^cognito-idp(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^cognito-idp(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^cognito-idp(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
