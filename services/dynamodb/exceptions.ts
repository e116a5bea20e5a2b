/**
 * DynamoDB's error codes and the exact wording DynamoDB uses for them
 * (us-east-1 wording, without the "1 validation error detected:" prefix
 * some regions have started to add).
 */
import { AwsError } from '../../src/core/errors';

export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message, { status: 400 });
}

/** "One or more parameter values were invalid: ..." */
export function invalidParameter(detail: string): AwsError {
  return validation(`One or more parameter values were invalid: ${detail}`);
}

export function constraintFailure(value: unknown, member: string, constraint: string): AwsError {
  const shown = value === null || value === undefined ? 'null' : `'${String(value)}'`;
  return validation(`1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}

export function resourceNotFound(message = 'Requested resource not found'): AwsError {
  return new AwsError('ResourceNotFoundException', message, { status: 400 });
}

export function tableNotFound(name: string): AwsError {
  return resourceNotFound(`Requested resource not found: Table: ${name} not found`);
}

export function resourceInUse(message: string): AwsError {
  return new AwsError('ResourceInUseException', message, { status: 400 });
}

export function conditionalCheckFailed(item?: Record<string, unknown>): AwsError {
  return new AwsError('ConditionalCheckFailedException', 'The conditional request failed', {
    status: 400,
    fields: item ? { Item: item } : {},
  });
}

export function limitExceeded(message: string): AwsError {
  return new AwsError('LimitExceededException', message, { status: 400 });
}

/** "Invalid <Kind>Expression: <detail>" */
export function invalidExpression(kind: string, detail: string): AwsError {
  return validation(`Invalid ${kind}: ${detail}`);
}

/** Any other modelled DynamoDB error (all are 400s). */
export function awsError(code: string, message: string): AwsError {
  return new AwsError(code, message, { status: 400 });
}

/** The control-plane "table not found" of backups, PITR and exports (TableNotFoundException, not ResourceNotFound). */
export function noSuchTable(name: string): AwsError {
  return awsError('TableNotFoundException', `Table not found: ${name}`);
}

/**
 * A JSON value of the wrong type for a string member. The core's typed
 * parser answers these before any handler; this is the handlers' own guard
 * for values that reach them anyway, in the words DynamoDB's parser uses.
 */
export function notAString(value: unknown): AwsError {
  const found =
    typeof value === 'boolean'
      ? `${value ? 'TRUE' : 'FALSE'}_VALUE cannot be converted to String`
      : typeof value === 'number'
        ? 'NUMBER_VALUE cannot be converted to String'
        : Array.isArray(value)
          ? 'Start of list found where not expected'
          : 'Start of structure or map found where not expected';
  return new AwsError('SerializationException', found, { status: 400 });
}

/** Checks that a member the handler iterates is a JSON list (objects and scalars are the parser's type errors). */
export function listMember(value: unknown): void {
  if (value === undefined || value === null || Array.isArray(value)) return;
  throw new AwsError(
    'SerializationException',
    typeof value === 'object' ? 'Start of structure or map found where not expected' : 'Unexpected field type',
    { status: 400 },
  );
}

/** Checks that a list element the handler reads members of is a JSON object. */
export function structureMember(value: unknown): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return;
  throw new AwsError('SerializationException', Array.isArray(value) ? 'Start of list found where not expected' : 'Unexpected field type', { status: 400 });
}

/** Checks that an optional member holding a name or an expression is a string. */
export function stringMember(value: unknown): void {
  if (value !== undefined && value !== null && typeof value !== 'string') throw notAString(value);
}
