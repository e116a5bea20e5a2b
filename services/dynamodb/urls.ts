/** Hosts DynamoDB answers on: regional, FIPS, dual-stack, China, api.aws and account-based endpoints. */
export const hosts: RegExp[] = [
  /^dynamodb(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^dynamodb(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^dynamodb(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
  // credentials with an accountId send DynamoDB calls to {account}.ddb.{region}.amazonaws.com
  /^\d{12}\.ddb\.(?<region>[a-z0-9-]+)\.amazonaws\.com$/,
];
