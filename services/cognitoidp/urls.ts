import type { DataPlaneRoute } from '../../src/core/service';

/** Hosts cognitoidp answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^cognito-idp(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^cognito-idp(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^cognito-idp(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];

/** The pool's public key set and OpenID configuration: GET https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/... */
export const dataPlane: DataPlaneRoute = {
  paths: [/^\/[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+\/\.well-known\/(jwks\.json|openid-configuration)$/],
};
