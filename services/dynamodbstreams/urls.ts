/** Hosts dynamodbstreams answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^streams\.dynamodb(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^streams\.dynamodb(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^streams\.dynamodb(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];
