/** Hosts s3control answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */
export const hosts: RegExp[] = [
  /^(?:\d{12}\.)?s3-control(?:-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^(?:\d{12}\.)?s3-control(?:-fips)?\.dualstack\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^(?:\d{12}\.)?s3-control(?:-fips)?\.(?<region>[a-z0-9-]+)\.api\.aws$/,
];

/**
 * S3 Control signs as `s3`, like S3: on an address that names neither (the
 * server mode's), its API's path tells it from S3: `/v20180820/` and one of
 * the API's resource names (only the keys of a path-style bucket named
 * `v20180820` under those names are shadowed there).
 */
export const paths: RegExp[] = [
  /^\/v20180820\/(?:accessgrantsinstances?|accesspoint(?:fordirectory|forobjectlambda)?|async-requests|bucket|configuration|jobs|mrap|storagelens(?:group)?|tags)(?:\/|$)/,
];
