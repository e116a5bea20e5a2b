/**
 * SNS errors. Codes are the model's shape names; the query protocol sends
 * their awsQueryError codes (InvalidParameter, NotFound, ...), which the SDK
 * maps back to these names.
 */
import { AwsError } from '../../src/core/errors';

/** "Invalid parameter: X" or "Invalid parameter: X Reason: Y", SNS's usual wording. */
export function invalidParameter(parameter: string, reason?: string): AwsError {
  const message = reason ? `Invalid parameter: ${parameter} Reason: ${reason}` : `Invalid parameter: ${parameter}`;
  return new AwsError('InvalidParameterException', message);
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValueException', message);
}

export function notFound(message: string): AwsError {
  return new AwsError('NotFoundException', message);
}

export function topicNotFound(): AwsError {
  return notFound('Topic does not exist');
}

export function resourceNotFound(): AwsError {
  return new AwsError('ResourceNotFoundException', 'Resource does not exist');
}

/** The AWS validation framework's wording for a missing required member. */
export function missingMember(member: string): AwsError {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    { status: 400 },
  );
}

export const batchErrors = {
  empty(): AwsError {
    return new AwsError('EmptyBatchRequestException', 'The batch request doesn\'t contain any entries.');
  },
  tooMany(): AwsError {
    return new AwsError('TooManyEntriesInBatchRequestException', 'The batch request contains more entries than permissible.');
  },
  notDistinct(): AwsError {
    return new AwsError('BatchEntryIdsNotDistinctException', 'Two or more batch entries in the request have the same Id.');
  },
  invalidId(): AwsError {
    return new AwsError(
      'InvalidBatchEntryIdException',
      'The Id of a batch entry in a batch request doesn\'t abide by the specification.',
    );
  },
  tooLong(): AwsError {
    return new AwsError(
      'BatchRequestTooLongException',
      'The length of all the messages put together is more than the limit.',
    );
  },
};
