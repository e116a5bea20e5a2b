/** API Gateway (REST APIs) errors: `{"message": ...}` under the model's codes. */
import { AwsError } from '../../src/core/errors';

export function notFound(message: string): AwsError {
  return new AwsError('NotFoundException', message);
}

export function badRequest(message: string): AwsError {
  return new AwsError('BadRequestException', message);
}

export function conflict(message: string): AwsError {
  return new AwsError('ConflictException', message);
}
