/** Secrets Manager's errors, worded as the service words them. */
import { AwsError } from '../../src/core/errors';

function error(code: string, message: string, status = 400): AwsError {
  return new AwsError(code, message, { status });
}

export const smError = error;

export function secretNotFound(): AwsError {
  return error('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
}

export function versionNotFound(kind: 'VersionId' | 'staging label', value: string): AwsError {
  return error('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for ${kind}: ${value}`);
}

export function invalidParameter(message: string): AwsError {
  return error('InvalidParameterException', message);
}

export function invalidRequest(message: string): AwsError {
  return error('InvalidRequestException', message);
}

export function markedForDeletion(): AwsError {
  return invalidRequest("You can't perform this operation on the secret because it was marked for deletion.");
}

export function encryptionFailure(): AwsError {
  return error(
    'EncryptionFailure',
    "Secrets Manager can't encrypt the protected secret text using the provided KMS key. Check that the KMS key is available, enabled, and not in an invalid state.",
  );
}

export function decryptionFailure(): AwsError {
  return error('DecryptionFailure', "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
}

export function replicaReadOnly(): AwsError {
  return invalidRequest("Operation not permitted on a replica secret. Call must be made in primary secret's region.");
}
