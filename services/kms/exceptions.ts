/** KMS's error codes (the model's shape names) and the messages AWS words them with. */
import { AwsError } from '../../src/core/errors';

export function kmsError(code: string, message: string): AwsError {
  return new AwsError(code, message, { status: 400 });
}

export function validationException(message: string): AwsError {
  return kmsError('ValidationException', message);
}

export function notFound(message: string): AwsError {
  return kmsError('NotFoundException', message);
}

export function keyNotFound(arn: string): AwsError {
  return notFound(`Key '${arn}' does not exist`);
}

export function invalidKeyId(id: string): AwsError {
  return notFound(`Invalid keyId '${id}'`);
}

export function aliasNotFound(aliasArn: string): AwsError {
  return notFound(`Alias ${aliasArn} is not found.`);
}

export function invalidState(message: string): AwsError {
  return kmsError('KMSInvalidStateException', message);
}

export function disabled(arn: string): AwsError {
  return kmsError('DisabledException', `${arn} is disabled.`);
}

/** AWS sends no message text with a ciphertext it cannot open. */
export function invalidCiphertext(): AwsError {
  return kmsError('InvalidCiphertextException', '');
}

export function incorrectKey(): AwsError {
  return kmsError(
    'IncorrectKeyException',
    'The key ID in the request does not identify a CMK that can perform this operation.',
  );
}

export function invalidKeyUsage(message: string): AwsError {
  return kmsError('InvalidKeyUsageException', message);
}

export function unsupported(message: string): AwsError {
  return kmsError('UnsupportedOperationException', message);
}

export function dryRunSucceeded(): AwsError {
  return kmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
}

export function invalidGrantToken(): AwsError {
  return kmsError('InvalidGrantTokenException', 'Invalid grant token.');
}

export function invalidGrantId(): AwsError {
  return kmsError('InvalidGrantIdException', 'Invalid grant ID.');
}

export function malformedPolicy(message: string): AwsError {
  return kmsError('MalformedPolicyDocumentException', message);
}

export function invalidMarker(): AwsError {
  return kmsError('InvalidMarkerException', 'The request was rejected because the marker is not valid.');
}

export function limitExceeded(message: string): AwsError {
  return kmsError('LimitExceededException', message);
}
