/**
 * The assertions behind `expect(aws).toHaveReceivedOperation(...)`, shared by
 * the jest and vitest entries. They read the call journal of the handle they
 * are given (any mock handle: all handles of a session see the same journal).
 */
import type { CallFilter, JournalEntry } from './journal';
import type { InputMatch } from './match';

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

interface HasJournal {
  calls(filter?: CallFilter): JournalEntry[];
}

function journalOf(received: unknown): HasJournal {
  if (typeof (received as HasJournal | null)?.calls !== 'function') {
    throw new TypeError('mockaws matchers: expect() needs a mock handle, e.g. expect(mockAws())');
  }
  return received as HasJournal;
}

function describeInput(value: unknown): string {
  const text = JSON.stringify(value, (_key, v) => {
    if (v && typeof v === 'object' && v.type === 'Buffer' && Array.isArray(v.data)) return `<${v.data.length} bytes>`;
    return v;
  });
  if (text === undefined) return String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function describeCalls(entries: JournalEntry[]): string {
  if (entries.length === 0) return 'no calls';
  return entries
    .slice(-10)
    .map((e) => `  ${e.service}.${e.operation} ${describeInput(e.input)}${e.error ? ` → ${e.error.code}` : ''}`)
    .join('\n');
}

function named(service: string, operation: string, input: InputMatch | undefined): string {
  const what = `${service}.${operation}`;
  if (input === undefined) return what;
  return `${what} with input matching ${typeof input === 'function' ? 'a predicate' : describeInput(input)}`;
}

/** At least one call of `service.operation` (whose input matches, when given). */
export function receivedOperation(
  received: unknown,
  service: string,
  operation: string,
  input?: InputMatch,
): MatcherResult {
  const journal = journalOf(received);
  const hits = journal.calls({ service, operation, input });
  const pass = hits.length > 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected the mock not to have received ${named(service, operation, input)}, but it did ${hits.length} time(s)`
        : `expected the mock to have received ${named(service, operation, input)}; it received:\n${describeCalls(journal.calls())}`,
  };
}

/** Exactly `times` calls of `service.operation` (whose input matches, when given). */
export function receivedOperationTimes(
  received: unknown,
  service: string,
  operation: string,
  times: number,
  input?: InputMatch,
): MatcherResult {
  const journal = journalOf(received);
  const count = journal.calls({ service, operation, input }).length;
  const pass = count === times;
  return {
    pass,
    message: () =>
      pass
        ? `expected the mock not to have received ${named(service, operation, input)} ${times} time(s)`
        : `expected the mock to have received ${named(service, operation, input)} ${times} time(s), but it did ${count} time(s); it received:\n${describeCalls(journal.calls())}`,
  };
}

/** The matcher table handed to `expect.extend` (jest and vitest alike). */
export const awsMatchers = {
  toHaveReceivedOperation(received: unknown, service: string, operation: string, input?: InputMatch) {
    return receivedOperation(received, service, operation, input);
  },
  toHaveReceivedOperationTimes(
    received: unknown,
    service: string,
    operation: string,
    times: number,
    input?: InputMatch,
  ) {
    return receivedOperationTimes(received, service, operation, times, input);
  },
};

/** The matchers as they appear on `expect(...)`, for type augmentation. */
export interface AwsMatchers<R = unknown> {
  /** The mock answered at least one `service.operation` call (with input matching `input`, when given). */
  toHaveReceivedOperation(service: string, operation: string, input?: InputMatch): R;
  /** The mock answered exactly `times` such calls. */
  toHaveReceivedOperationTimes(service: string, operation: string, times: number, input?: InputMatch): R;
}
