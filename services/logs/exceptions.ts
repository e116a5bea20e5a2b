/** CloudWatch Logs errors, worded as the service words them. */
import { AwsError } from '../../src/core/errors';

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

/** "1 validation error detected: Value 'v' at 'member' failed to satisfy constraint: ..." */
export function constraint(value: unknown, member: string, rule: string): AwsError {
  return invalidParameter(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`);
}

export function notFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

export const groupNotFound = (): AwsError => notFound('The specified log group does not exist.');
export const streamNotFound = (): AwsError => notFound('The specified log stream does not exist.');

export function alreadyExists(message: string): AwsError {
  return new AwsError('ResourceAlreadyExistsException', message);
}

export function limitExceeded(message = 'Resource limit exceeded.'): AwsError {
  return new AwsError('LimitExceededException', message);
}

export function malformedQuery(message: string): AwsError {
  return new AwsError('MalformedQueryException', message);
}

export function operationAborted(message: string): AwsError {
  return new AwsError('OperationAbortedException', message);
}

/** The delivery APIs (vended logs) answer with these, not InvalidParameterException. */
export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function conflict(message: string): AwsError {
  return new AwsError('ConflictException', message);
}
