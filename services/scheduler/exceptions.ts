/** EventBridge Scheduler errors (rest-json; codes and statuses from the model). */
import { AwsError } from '../../src/core/errors';

export const validation = (message: string) => new AwsError('ValidationException', message);
export const notFound = (message: string) => new AwsError('ResourceNotFoundException', message);
export const conflict = (message: string) => new AwsError('ConflictException', message);
