/** Cognito identity pools' errors, with the messages AWS sends. */
import { AwsError } from '../../src/core/errors';

const err = (code: string) => (message: string) => new AwsError(code, message, { status: 400 });

export const notAuthorized = err('NotAuthorizedException');
export const resourceNotFound = err('ResourceNotFoundException');
export const invalidParameter = err('InvalidParameterException');
export const invalidPoolConfiguration = () =>
  err('InvalidIdentityPoolConfigurationException')('Invalid identity pool configuration. Check assigned IAM roles for this pool.');
export const poolNotFound = (id: string) => resourceNotFound(`IdentityPool '${id}' not found.`);
export const identityNotFound = (id: string) => resourceNotFound(`Identity '${id}' not found.`);
