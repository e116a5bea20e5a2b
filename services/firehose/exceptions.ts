/** Firehose errors (JSON 1.1; bare shape names as codes, all 400 but ServiceUnavailable's 503). */
import { AwsError } from '../../src/core/errors';

export const invalidArgument = (message: string) => new AwsError('InvalidArgumentException', message);
export const inUse = (message: string) => new AwsError('ResourceInUseException', message);
export const limitExceeded = (message: string) => new AwsError('LimitExceededException', message);
export const concurrentModification = (message: string) => new AwsError('ConcurrentModificationException', message);
/** A customer managed key KMS cannot find or use; `code` names KMS's reason. */
export const invalidKmsResource = (code: string, message: string) => new AwsError('InvalidKMSResourceException', message, { fields: { code } });
export const slowDown = () => new AwsError('ServiceUnavailableException', 'Slow down.', { status: 503 });

/** AWS's wording: "Firehose <name> under account <account> not found." */
export const streamNotFound = (name: string, account: string) =>
  new AwsError('ResourceNotFoundException', `Firehose ${name} under account ${account} not found.`);
