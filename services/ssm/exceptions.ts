/** SSM's errors: the model's shape names, with the messages AWS sends. */
import { AwsError } from '../../src/core/errors';

export function ssmError(code: string, message: string, status = 400): AwsError {
  return new AwsError(code, message, { status });
}

export function validation(message: string): AwsError {
  return ssmError('ValidationException', message);
}

/** AWS sends ParameterNotFound without a message. */
export function parameterNotFound(): AwsError {
  return ssmError('ParameterNotFound', '');
}

export function versionNotFound(name: string, version: string | number): AwsError {
  return ssmError(
    'ParameterVersionNotFound',
    `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`,
  );
}

export function invalidNextToken(): AwsError {
  return ssmError('InvalidNextToken', 'The specified token is not valid.');
}

export function invalidResourceId(): AwsError {
  return ssmError('InvalidResourceId', '');
}
