/** IAM's errors, as the query protocol sends them (status from the model). */
import { AwsError } from '../../src/core/errors';

export const noSuchEntity = (message: string) => new AwsError('NoSuchEntity', message);
export const entityAlreadyExists = (message: string) => new AwsError('EntityAlreadyExists', message);
export const deleteConflict = (message: string) => new AwsError('DeleteConflict', message);
export const limitExceeded = (message: string) => new AwsError('LimitExceeded', message);
export const invalidInput = (message: string) => new AwsError('InvalidInput', message);
export const malformedPolicy = (message: string) => new AwsError('MalformedPolicyDocument', message);
export const unmodifiable = (message: string) => new AwsError('UnmodifiableEntity', message);
export const validationError = (message: string) => new AwsError('ValidationError', message, { status: 400 });
export const notAttachable = (message: string) => new AwsError('PolicyNotAttachable', message);

/** A quota breach, worded as IAM words them: "Cannot exceed quota for AccessKeysPerUser: 2". */
export const quota = (name: string, limit: number) => limitExceeded(`Cannot exceed quota for ${name}: ${limit}`);
