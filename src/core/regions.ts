/**
 * Which region names get backend state. A request names its region in its
 * SigV4 scope, and anyone can write anything there; state made for every such
 * string would never be freed (a server fed random regions grows without
 * bound). A region is valid when it has the shape of a region of one of AWS's
 * partitions (`us-east-1`, `cn-north-1`, `us-gov-west-1`, `us-iso-east-1`,
 * `eu-isoe-west-1`, `eusc-de-east-1`, …): new AWS regions keep working, random
 * strings do not.
 */
import { AwsError } from './errors';

const REGION = /^(?:us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|us-iso[a-z]?|eu-iso[a-z]?|eusc)-[a-z]+-\d{1,2}$/;

export function isValidRegion(region: string): boolean {
  return REGION.test(region);
}

/**
 * AWS's answer to a signature scoped to a region that does not exist: S3
 * names the malformed header, the other services reject the signature.
 */
export function assertRegion(service: string, region: string): void {
  if (isValidRegion(region)) return;
  if (service === 's3') {
    throw new AwsError(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${region}' is wrong; expecting 'us-east-1'`,
      { status: 400, fields: { Region: 'us-east-1' } },
    );
  }
  throw new AwsError('SignatureDoesNotMatch', 'Credential should be scoped to a valid region.', {
    status: 403,
    senderFault: true,
  });
}
