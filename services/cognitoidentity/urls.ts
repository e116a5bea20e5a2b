/** Hosts cognitoidentity answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^cognito-identity(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^cognito-identity(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^cognito-identity(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
