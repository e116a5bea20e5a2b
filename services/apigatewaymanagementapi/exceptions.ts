/** The @connections API's errors (GoneException 410, PayloadTooLargeException 413, ForbiddenException 403). */
import { AwsError } from '../../src/core/errors';

export function gone(): AwsError {
  return new AwsError('GoneException', '');
}

export function payloadTooLarge(message: string): AwsError {
  return new AwsError('PayloadTooLargeException', message, { fields: { Message: message } });
}
