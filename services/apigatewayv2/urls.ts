import type { DataPlaneRoute } from '../../src/core/service';

/** Hosts apigatewayv2 answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^apigateway(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^apigateway(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^apigateway(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];

/** v1 (REST APIs) and v2 share the host; v2's API paths all start with /v2/. */
export const paths: RegExp[] = [/^\/v2\//];

/**
 * execute-api, for v1 and v2 APIs alike (dataplane/index.ts): the API's own
 * host, the server mode's `/_aws/execute-api/<id>/...` and v1's
 * `/restapis/<id>/<stage>/_user_request_/...` on any host.
 */
export const dataPlane: DataPlaneRoute = {
  // mockAPIGateway() serves REST APIs through this plane too.
  // ... and mockApiGatewayManagementApi() the @connections API, which arrives on the same hosts.
  alsoFor: ['apigateway', 'apigatewaymanagementapi'],
  hosts: [
    /^(?<api>[a-z0-9]{10})\.execute-api\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
    // A REGIONAL custom domain's target name, served through its base path mappings.
    /^d-[a-z0-9]{10}\.execute-api\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  ],
  paths: [/^\/_aws\/execute-api\/[a-z0-9]{10}(?:\/|$)/, /^\/restapis\/[a-z0-9]{10}\/[^/]+\/_user_request_(?:\/|$)/],
};
