/**
 * AwsError: the one error type handlers throw. The protocol layer turns it
 * into the AWS error response of the request's protocol; its HTTP status
 * defaults to the one the service model gives the code.
 */

export interface AwsErrorOptions {
  /** HTTP status; when absent the model's status for this code, else 400. */
  status?: number;
  /** 'Sender' (client) or 'Receiver' (server); derived from status when absent. */
  senderFault?: boolean;
  /** Extra members of the error shape (S3 NoSuchKey `Key`, DynamoDB `Item`, ...). */
  fields?: Record<string, unknown>;
  /** Extra response headers (S3 `x-amz-bucket-region`, throttling `retry-after`). */
  headers?: Record<string, string>;
}

export class AwsError extends Error {
  readonly code: string;
  status: number | undefined;
  readonly senderFault: boolean | undefined;
  readonly fields: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = options.status;
    this.senderFault = options.senderFault;
    this.fields = options.fields ?? {};
    this.headers = options.headers ?? {};
  }

  get fault(): 'client' | 'server' {
    if (this.senderFault !== undefined) return this.senderFault ? 'client' : 'server';
    return (this.status ?? 400) >= 500 ? 'server' : 'client';
  }
}

export function isAwsError(err: unknown): err is AwsError {
  return err instanceof AwsError;
}

/** The answer for an operation the model has but no handler implements. */
export function notImplemented(service: string, operation: string): AwsError {
  return new AwsError(
    'NotImplemented',
    `mockaws does not implement ${service}.${operation} yet. To answer it in a test, stub it: ` +
      `aws.on('${service}', '${operation}').resolves({ ... }) (or .callsFake(fn)); ` +
      `the operations each service implements are listed in docs/services/`,
    { status: 501, senderFault: false },
  );
}

/**
 * Wraps anything a handler threw that is not an AwsError: a short message
 * with the request id, never a stack trace (that goes to the debug log,
 * printed when MOCKAWS_DEBUG is set).
 */
export function internalError(err: unknown, requestId?: string): AwsError {
  const text = err instanceof Error ? err.message : String(err);
  const firstLine = text.split('\n', 1)[0].slice(0, 200);
  if (process.env.MOCKAWS_DEBUG) {
    console.error(`mockaws internal error${requestId ? ` (request ${requestId})` : ''}:`, err instanceof Error ? err.stack : err);
  }
  const where = requestId ? ` (request ${requestId})` : '';
  return new AwsError('InternalFailure', `mockaws internal error${where}: ${firstLine}`, {
    status: 500,
    senderFault: false,
  });
}
