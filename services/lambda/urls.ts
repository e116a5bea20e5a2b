import type { DataPlaneRoute } from '../../src/core/service';

/** Hosts lambda answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^lambda(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^lambda(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^lambda(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];

/**
 * Function URLs (responses/url-invocations.ts): AWS's host, the same name under
 * `.localhost` for the server mode (it resolves to loopback), and the server's
 * path form `/_aws/lambda-url/<url-id>/<path>`.
 */
export const dataPlane: DataPlaneRoute = {
  hosts: [/^[a-z0-9]+\.lambda-url\.(?<region>[a-z0-9-]+)\.(?:on\.aws|localhost)$/],
  paths: [/^\/_aws\/lambda-url\/[a-z0-9]+(?:\/|$)/],
};
