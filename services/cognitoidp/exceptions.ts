/** Cognito user pools' errors, with the messages AWS sends. All are 400 client faults in JSON 1.1. */
import { AwsError } from '../../src/core/errors';

const err = (code: string) => (message: string) => new AwsError(code, message, { status: 400 });

export const invalidParameter = err('InvalidParameterException');
export const notAuthorized = err('NotAuthorizedException');
export const resourceNotFound = err('ResourceNotFoundException');
export const invalidPassword = err('InvalidPasswordException');
export const codeMismatch = err('CodeMismatchException');
export const expiredCode = err('ExpiredCodeException');
export const usernameExists = err('UsernameExistsException');
export const aliasExists = err('AliasExistsException');
export const groupExists = err('GroupExistsException');
export const unsupportedTokenType = err('UnsupportedTokenTypeException');
export const softwareTokenNotFound = err('SoftwareTokenMFANotFoundException');
export const enableSoftwareTokenMfa = err('EnableSoftwareTokenMFAException');
export const invalidLambdaResponse = err('InvalidLambdaResponseException');
export const userLambdaValidation = err('UserLambdaValidationException');
export const unexpectedLambda = err('UnexpectedLambdaException');

export const userNotFound = () => err('UserNotFoundException')('User does not exist.');
export const userNotConfirmed = () => err('UserNotConfirmedException')('User is not confirmed.');
export const poolNotFound = (id: string) => resourceNotFound(`User pool ${id} does not exist.`);
export const clientNotFound = (id: string) => resourceNotFound(`User pool client ${id} does not exist.`);
export const badCredentials = () => notAuthorized('Incorrect username or password.');
export const invalidCode = () => codeMismatch('Invalid verification code provided, please try again.');
export const unsupportedUserState = err('UnsupportedUserStateException');
