/**
 * API Gateway v2's errors: `{"message": ...}` bodies under the model's codes
 * (BadRequestException 400, NotFoundException 404, ConflictException 409).
 */
import { AwsError } from '../../src/core/errors';

export function notFound(message: string, resourceType?: string): AwsError {
  return new AwsError('NotFoundException', message, { fields: resourceType ? { ResourceType: resourceType } : {} });
}

export function badRequest(message: string): AwsError {
  return new AwsError('BadRequestException', message);
}

export function conflict(message: string): AwsError {
  return new AwsError('ConflictException', message);
}
