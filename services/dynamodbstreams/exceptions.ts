/** DynamoDB Streams error codes with the wording the service uses. */
import { AwsError } from '../../src/core/errors';

export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message, { status: 400 });
}

export function streamNotFound(arn: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Requested resource not found: Stream: ${arn} not found`, { status: 400 });
}

export function expiredIterator(): AwsError {
  return new AwsError('ExpiredIteratorException', 'Iterator expired. The iterator was created more than 15 minutes ago.', { status: 400 });
}

export function trimmed(): AwsError {
  return new AwsError(
    'TrimmedDataAccessException',
    'The operation attempted to read past the oldest stream record in a shard.',
    { status: 400 },
  );
}
