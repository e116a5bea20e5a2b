/**
 * SQS errors as SQS sends them. Codes are the model's shape names (the JSON
 * protocol adds the awsQueryError code in `x-amzn-query-error`, the query
 * protocol sends it as <Code>); the unmodelled ones (InvalidParameterValue,
 * MissingParameter, ...) go out under their plain code.
 */
import { AwsError } from '../../src/core/errors';

export function queueDoesNotExist(): AwsError {
  return new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message, { status: 400 });
}

/** "Value X for parameter P is invalid. Reason: R." — SQS's usual wording. */
export function invalidValue(value: unknown, parameter: string, reason: string): AwsError {
  return invalidParameterValue(`Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`);
}

export function missingParameter(name: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${name}.`, { status: 400 });
}

export function invalidAttributeName(name: string): AwsError {
  return new AwsError('InvalidAttributeName', `Unknown Attribute ${name}.`, { status: 400 });
}

export function invalidAttributeValue(name: string, reason?: string): AwsError {
  const message = reason
    ? `Invalid value for the parameter ${name}. Reason: ${reason}`
    : `Invalid value for the parameter ${name}.`;
  return new AwsError('InvalidAttributeValue', message, { status: 400 });
}

export function receiptHandleIsInvalid(handle: string): AwsError {
  return new AwsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
}

export function queueNameExists(attribute: string): AwsError {
  return new AwsError(
    'QueueNameExists',
    `A queue already exists with the same name and a different value for attribute ${attribute}`,
  );
}

export function purgeQueueInProgress(queueUrl: string): AwsError {
  return new AwsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queueUrl} is allowed every 60 seconds.`);
}

export function resourceNotFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

export function unsupportedOperation(message: string): AwsError {
  return new AwsError('UnsupportedOperation', message);
}

export function invalidMessageContents(): AwsError {
  return new AwsError(
    'InvalidMessageContents',
    'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
  );
}

/** Batch-level errors: the whole request is refused. */
export const batchErrors = {
  empty(entryShape: string): AwsError {
    return new AwsError('EmptyBatchRequest', `There should be at least one ${entryShape} in the request.`);
  },
  tooMany(count: number): AwsError {
    return new AwsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${count}.`,
    );
  },
  notDistinct(id: string): AwsError {
    return new AwsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
  },
  invalidId(): AwsError {
    return new AwsError(
      'InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    );
  },
  tooLong(size: number, limit: number): AwsError {
    return new AwsError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${limit} bytes. You have sent ${size} bytes.`,
    );
  },
};
