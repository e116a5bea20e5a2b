/**
 * The server's call log, read over `GET /_mockaws/calls`: one summary per
 * call the dispatcher answered (service, operation, account, region, status,
 * error code, input). It is bounded, because a server may run for hours:
 * only the most recent `limit` calls are kept (a ring, O(1) per call), and
 * each keeps a JSON copy of its input with bodies summarised, never the
 * request's Buffers (a log of 1000 uploads must not hold 1000 objects).
 */
import type { CallListener } from '../core/dispatch';

export interface CallSummary {
  /** Position since the server started (or was reset): gaps show evicted calls. */
  seq: number;
  service?: string;
  operation?: string;
  account?: string;
  region?: string;
  requestId?: string;
  method: string;
  path: string;
  status: number;
  /** The AWS error code the caller got, when the call failed. */
  error?: string;
  /** The parsed input; binary members appear as `<N bytes>`. */
  input?: Record<string, unknown>;
}

export interface CallQuery {
  service?: string;
  operation?: string;
}

export class CallLog {
  private readonly ring: CallSummary[] = [];
  private next = 0;
  private seq = 0;

  constructor(private readonly limit: number) {}

  readonly listener: CallListener = (event) => {
    const summary: CallSummary = {
      seq: ++this.seq,
      service: event.call?.service ?? event.service,
      operation: event.call?.operation,
      account: event.call?.account,
      region: event.call?.region,
      requestId: event.call?.requestId,
      method: event.request.method,
      path: event.request.url.pathname,
      status: event.response.status,
      error: event.error?.code,
      input: event.call && detach(event.call.input),
    };
    if (this.ring.length < this.limit) this.ring.push(summary);
    else this.ring[this.next] = summary;
    this.next = (this.next + 1) % this.limit;
  };

  /** Oldest first, optionally filtered. */
  list(query: CallQuery = {}): CallSummary[] {
    const ordered = this.ring.length < this.limit ? this.ring : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return ordered.filter(
      (c) =>
        (query.service === undefined || c.service === query.service) &&
        (query.operation === undefined || c.operation === query.operation),
    );
  }

  clear(): void {
    this.ring.length = 0;
    this.next = 0;
    this.seq = 0;
  }
}

/** A JSON-safe copy of a call input, holding no reference to its buffers or streams. */
function detach(input: Record<string, unknown>): Record<string, unknown> | undefined {
  try {
    return JSON.parse(JSON.stringify(input, summariseValue));
  } catch {
    return undefined;
  }
}

/**
 * JSON.stringify replacer for call inputs: bodies are summarised, never
 * expanded into byte arrays, and values JSON cannot hold are named.
 * @note `this[key]` is the value before Buffer#toJSON ran.
 */
function summariseValue(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  if (original instanceof Uint8Array) return `<${original.byteLength} bytes>`;
  if (typeof value === 'bigint') return value.toString();
  if (value && typeof value === 'object' && typeof (value as { pipe?: unknown }).pipe === 'function') return '<stream>';
  return value;
}
