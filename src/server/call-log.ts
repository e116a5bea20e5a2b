/**
 * The server's call log, read over `GET /_mockaws/calls`: one summary per
 * call the dispatcher answered (service, operation, account, region, status,
 * error code, input). It is bounded twice, because a server may run for
 * hours: at most `limit` calls and at most `maxBytes` of summaries (the oldest
 * go first, O(1) per call). Inputs are never serialised whole: a summary is
 * built by a walk that stops at a byte budget per call, so an upload's body
 * shows as `<N bytes>` and a 10 MiB string as its first 512 characters.
 */
import { clock } from '../core/clock';
import type { CallListener } from '../core/dispatch';

export interface CallSummary {
  /** Position since the server started (or was reset): gaps show evicted calls. */
  seq: number;
  /** Epoch ms when the answer went out. */
  time: number;
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
  /** The parsed input, summarised: binary members appear as `<N bytes>`, long values cut. */
  input?: Record<string, unknown>;
}

export interface CallQuery {
  service?: string;
  operation?: string;
}

/** Per call: what one summary may take (approximate UTF-16 length of its JSON). */
export const SUMMARY_BUDGET = 4096;
const MAX_STRING = 512;
const MAX_ITEMS = 20;
const MAX_DEPTH = 6;

export class CallLog {
  /** Oldest first; `head` is the index of the oldest live entry (a queue without shifting). */
  private entries: Array<{ summary: CallSummary; size: number }> = [];
  private head = 0;
  private bytes = 0;
  private seq = 0;

  constructor(
    private readonly limit: number,
    private readonly maxBytes = 8 * 1024 * 1024,
  ) {}

  readonly listener: CallListener = (event) => {
    const budget = { left: SUMMARY_BUDGET };
    const call = event.call;
    const summary: CallSummary = {
      seq: ++this.seq,
      time: clock.now(),
      service: call?.service ?? event.service,
      operation: call?.operation,
      account: call?.account,
      region: call?.region,
      requestId: call?.requestId,
      method: event.request.method,
      path: cut(event.request.url.pathname, budget),
      status: event.response.status,
      error: event.error?.code,
      input: call ? (summarise(call.input, budget, 0) as Record<string, unknown>) : undefined,
    };
    const size = 256 + SUMMARY_BUDGET - budget.left;
    this.entries.push({ summary, size });
    this.bytes += size;
    while (this.entries.length - this.head > this.limit || this.bytes > this.maxBytes) {
      this.bytes -= this.entries[this.head].size;
      this.entries[this.head++] = undefined as never;
    }
    // Compact once the dead prefix is as long as the live part: amortised O(1).
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  };

  /** Oldest first, optionally filtered, optionally only calls after `since` (a seq). */
  list(query: CallQuery & { since?: number } = {}): CallSummary[] {
    const out: CallSummary[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const c = this.entries[i].summary;
      if (query.since !== undefined && c.seq <= query.since) continue;
      if (query.service !== undefined && c.service !== query.service) continue;
      if (query.operation !== undefined && c.operation !== query.operation) continue;
      out.push(c);
    }
    return out;
  }

  /** Approximate bytes the live summaries hold. */
  get size(): number {
    return this.bytes;
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
    this.seq = 0;
  }
}

/**
 * A JSON-safe summary of a value, spending from `budget` (characters) as it
 * goes and never reading more of the value than it writes: binary is
 * `<N bytes>`, streams `<stream>`, strings and arrays are cut, deep nesting
 * is `<…>`. Buffers are never expanded (JSON.stringify would call
 * Buffer#toJSON first: an array of every byte).
 */
export function summarise(value: unknown, budget: { left: number }, depth: number, maxDepth = MAX_DEPTH): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') {
    budget.left -= 5;
    return value;
  }
  if (typeof value === 'number') {
    budget.left -= 8;
    return Number.isFinite(value) ? value : String(value);
  }
  if (typeof value === 'bigint') return cut(value.toString(), budget);
  if (typeof value === 'string') return cut(value, budget);
  if (value instanceof Uint8Array) return cut(`<${value.byteLength} bytes>`, budget);
  if (value instanceof Date) return cut(value.toISOString(), budget);
  if (typeof value !== 'object') return cut(`<${typeof value}>`, budget);
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return cut('<stream>', budget);
  if (depth >= maxDepth || budget.left <= 0) return '<…>';
  // Iterated, never copied: a Map of a million entries costs only what is shown.
  if (Array.isArray(value) || value instanceof Set) {
    const total = Array.isArray(value) ? value.length : value.size;
    const out: unknown[] = [];
    for (const item of value) {
      if (out.length >= MAX_ITEMS || budget.left <= 0) {
        out.push(`<${total - out.length} more>`);
        break;
      }
      out.push(summarise(item, budget, depth + 1, maxDepth));
    }
    return out;
  }
  const out: Record<string, unknown> = Object.create(null);
  if (value instanceof Map) {
    let taken = 0;
    for (const [key, item] of value) {
      if (budget.left <= 0 || taken >= MAX_ITEMS) {
        out['…'] = `<${value.size - taken} more members>`;
        break;
      }
      member(out, String(key), item, budget, depth, maxDepth);
      taken++;
    }
    return out;
  }
  // A plain object (every call's input): its keys once, no [key, value] pair per member.
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    if (budget.left <= 0) {
      out['…'] = `<${keys.length - i} more members>`;
      break;
    }
    member(out, keys[i], record[keys[i]], budget, depth, maxDepth);
  }
  return out;
}

function member(out: Record<string, unknown>, name: string, item: unknown, budget: { left: number }, depth: number, maxDepth: number): void {
  budget.left -= name.length + 4;
  out[name] = typeof item === 'function' ? '<function>' : summarise(item, budget, depth + 1, maxDepth);
}

function cut(text: string, budget: { left: number }): string {
  const room = Math.max(16, Math.min(MAX_STRING, budget.left));
  const out = text.length <= room ? text : `${text.slice(0, room)}…<${text.length} chars>`;
  budget.left -= out.length + 2;
  return out;
}
