/** EventBridge errors, worded as the service words them. */
import { AwsError } from '../../src/core/errors';

export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function notFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

export function alreadyExists(message: string): AwsError {
  return new AwsError('ResourceAlreadyExistsException', message);
}

export function invalidPattern(reason: string): AwsError {
  return new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`);
}

export function limitExceeded(message: string): AwsError {
  return new AwsError('LimitExceededException', message);
}

export function illegalStatus(message: string): AwsError {
  return new AwsError('IllegalStatusException', message);
}

export function invalidState(message: string): AwsError {
  return new AwsError('InvalidStateException', message);
}

export function concurrentModification(message: string): AwsError {
  return new AwsError('ConcurrentModificationException', message);
}

export function managedRule(message: string): AwsError {
  return new AwsError('ManagedRuleException', message);
}

export function policyLengthExceeded(): AwsError {
  return new AwsError('PolicyLengthExceededException', 'Policy length exceeded.');
}

/** "1 validation error detected: Value 'v' at 'member' failed to satisfy constraint: ..." */
export function constraint(value: unknown, member: string, rule: string): AwsError {
  return validation(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`);
}
