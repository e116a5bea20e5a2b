/** STS answers on the global endpoint and on regional ones. */
export const hosts: RegExp[] = [
  /^sts\.amazonaws\.com$/,
  /^sts(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^sts\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
