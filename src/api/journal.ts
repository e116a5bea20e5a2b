/**
 * The call journal: every call the fake answered, in order, with the service,
 * operation, parsed input, the raw request as it came off the wire, and the
 * output or the error. Tests query it directly (`m.calls(...)`) or through the
 * matchers (`toHaveReceivedOperation`).
 */
import type { Call, CallListener } from '../core/dispatch';
import type { AwsError } from '../core/errors';
import type { AwsResponse } from '../core/request';
import { type InputMatch, inputMatches } from './match';

/** A call as the dispatcher saw it (service, operation, input, request, ...) and how it was answered. */
export interface JournalEntry extends Call {
  /** The HTTP response the caller received. */
  response: AwsResponse;
  /** The handler's output, when the call succeeded. */
  output?: unknown;
  /** The AWS error the caller received, when it failed. */
  error?: AwsError;
}

export interface CallFilter {
  /** Service id as in the registry: 's3', 'dynamodb', 'sqs', ... */
  service?: string;
  /** Exact operation name: 'PutObject', 'GetItem', ... */
  operation?: string;
  /** Partial input to match, or a predicate. */
  input?: InputMatch;
  /** Only calls that failed (true) or succeeded (false). */
  failed?: boolean;
}

/** Calls kept by default: enough for any test, bounded for long loops and benchmarks. */
export const DEFAULT_JOURNAL_LIMIT = 10_000;

export class Journal {
  private readonly entries: JournalEntry[] = [];

  /** Keep the last `limit` calls (0 keeps none). */
  constructor(private readonly limit = DEFAULT_JOURNAL_LIMIT) {}

  /** The dispatcher listener that fills the journal. */
  readonly listener: CallListener = (event) => {
    if (!event.call || this.limit <= 0) return;
    const { call } = event;
    this.entries.push({
      service: call.service,
      operation: call.operation,
      input: call.input,
      account: call.account,
      region: call.region,
      requestId: call.requestId,
      request: event.request,
      response: event.response,
      output: event.output,
      error: event.error,
    });
    // Trim in batches, so dropping the oldest calls stays O(1) per call.
    if (this.entries.length >= this.limit * 2) this.entries.splice(0, this.entries.length - this.limit);
  };

  calls(filter: CallFilter = {}): JournalEntry[] {
    const from = Math.max(0, this.entries.length - this.limit);
    return this.entries.slice(from).filter(
      (entry) =>
        (filter.service === undefined || entry.service === filter.service) &&
        (filter.operation === undefined || entry.operation === filter.operation) &&
        (filter.failed === undefined || (entry.error !== undefined) === filter.failed) &&
        inputMatches(entry.input, filter.input),
    );
  }

  clear(): void {
    this.entries.length = 0;
  }
}
