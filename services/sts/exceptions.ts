/** STS's error codes, as the query protocol sends them. */
import { AwsError } from '../../src/core/errors';

/** STS words constraint failures the way the AWS validation framework does. */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message, { status: 400 });
}

export function constraintFailure(value: unknown, member: string, constraint: string): AwsError {
  return validationError(
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}
