/**
 * Lambda errors as Lambda sends them: the model's shape names as codes, a
 * `Type` of "User" for the caller's faults, and Lambda's own wording.
 */
import { AwsError } from '../../src/core/errors';

function userError(code: string, message: string, extra: Record<string, unknown> = {}): AwsError {
  return new AwsError(code, message, { fields: { Type: 'User', ...extra } });
}

export function invalidParameter(message: string): AwsError {
  return userError('InvalidParameterValueException', message);
}

export function resourceNotFound(message: string): AwsError {
  return userError('ResourceNotFoundException', message);
}

/** "Function not found: arn:aws:lambda:…:function:name[:qualifier]" */
export function functionNotFound(arn: string): AwsError {
  return resourceNotFound(`Function not found: ${arn}`);
}

/** What Lambda answers for a layer, policy or configuration that is not there. */
export function resourceMissing(): AwsError {
  return resourceNotFound('The resource you requested does not exist.');
}

export function conflict(message: string): AwsError {
  return userError('ResourceConflictException', message);
}

export function resourceInUse(message: string): AwsError {
  return userError('ResourceInUseException', message);
}

export function preconditionFailed(): AwsError {
  return userError(
    'PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
  );
}

/** Reserved concurrency 0, or every environment the reservation allows busy. */
export function throttled(): AwsError {
  return new AwsError('TooManyRequestsException', 'Rate Exceeded.', {
    status: 429,
    fields: { Type: 'User', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
  });
}

export function invalidZip(message: string): AwsError {
  return userError('InvalidZipFileException', message);
}

export function requestTooLarge(): AwsError {
  return new AwsError('RequestTooLargeException', 'Request must be smaller than 6291456 bytes for the InvokeFunction operation', {
    status: 413,
    fields: { Type: 'User' },
  });
}

export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message, { status: 400 });
}

export function codeSigningConfigNotFound(arn: string): AwsError {
  return userError('CodeSigningConfigNotFoundException', `The code signing configuration cannot be found. Check that the provided configuration is not deleted: ${arn}.`);
}

export function provisionedNotFound(): AwsError {
  return userError('ProvisionedConcurrencyConfigNotFoundException', 'No Provisioned Concurrency Config found for this function');
}
