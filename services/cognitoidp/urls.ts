import type { DataPlaneRoute } from '../../src/core/service';

/** Hosts cognitoidp answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^cognito-idp(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^cognito-idp(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^cognito-idp(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];

/**
 * Not API calls: the pool's public key set and OpenID configuration
 * (GET https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/...), and the hosted UI
 * domains' OAuth endpoints (<prefix>.auth.<region>.amazoncognito.com, or
 * /_aws/cognito-idp/<prefix>/... on the server's own address).
 */
export const dataPlane: DataPlaneRoute = {
  hosts: [/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.auth\.(?<region>[a-z0-9-]+)\.amazoncognito\.com$/],
  paths: [
    /^\/[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+\/\.well-known\/(jwks\.json|openid-configuration)$/,
    /^\/_aws\/cognito-idp\/[a-z0-9-]+\/(?:oauth2\/|login$|logout$|signup$|confirmUser$|forgotPassword$|confirmForgotPassword$)/,
    // The pre-signed URL of a user import job (import-upload.ts).
    /^\/_aws\/cognito-idp\/user-import\/\d{12}\/[\w-]+_[0-9A-Za-z]+\/import-[0-9A-Za-z-]+$/,
  ],
};
