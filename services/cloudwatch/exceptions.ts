/**
 * CloudWatch errors under their query codes (the protocol layer maps them to
 * the model's shapes: InvalidParameterValue → InvalidParameterValueException, ...).
 */
import { AwsError } from '../../src/core/errors';

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message, { status: 400 });
}

export function invalidParameterCombination(message: string): AwsError {
  return new AwsError('InvalidParameterCombination', message, { status: 400 });
}

export function missingParameter(message: string): AwsError {
  return new AwsError('MissingParameter', message, { status: 400 });
}

export function resourceNotFound(message: string): AwsError {
  return new AwsError('ResourceNotFound', message, { status: 404 });
}

/** The newer operations' not-found (anomaly detectors, metric streams, insight rules, tags), a shape apart from ResourceNotFound. */
export function resourceNotFoundException(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message, { status: 404 });
}

export function invalidNextToken(): AwsError {
  return new AwsError('InvalidNextToken', 'The service cannot complete the request because the next token is invalid.', { status: 400 });
}

export function limitExceeded(message: string): AwsError {
  return new AwsError('LimitExceeded', message, { status: 400 });
}
