/**
 * Live Tail sessions (StartLiveTail): one sessionStart, then a sessionUpdate
 * every second on the clock with the events ingested since (at most 500,
 * sampled beyond that; an empty list when none came), until the session has
 * been open three hours and ends with SessionTimeoutException. A consumer
 * slower than the stream loses the oldest events past 5,000 buffered, as
 * CloudWatch Logs documents (API reference, StartLiveTail).
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { CompiledPattern } from './filter-pattern';
import type { LogEvent, LogGroup, LogStream } from './resources';

const UPDATE_EVERY_MS = 1000;
const SESSION_MS = 3 * 60 * 60 * 1000;
const PER_UPDATE = 500;
const BUFFERED = 5000;

export interface LiveTailFilter {
  /** The log groups by name, each with the identifier the caller used (sent back on every event). */
  groups: Map<string, string>;
  streamNames?: string[];
  streamPrefixes?: string[];
  pattern: CompiledPattern;
}

interface TailEvent {
  logStreamName: string;
  logGroupIdentifier: string;
  message: string;
  timestamp: number;
  ingestionTime: number;
}

type Update = Record<string, unknown>;

export class LiveTail {
  readonly sessionId = randomUUID();
  private readonly started = clock.now();
  private pending: TailEvent[] = [];
  private closed = false;

  constructor(
    private readonly filter: LiveTailFilter,
    private readonly sessionStart: Record<string, unknown>,
    private readonly onClose: (tail: LiveTail) => void,
  ) {}

  /** Ingested events of one stream: those the session's filters keep are buffered for the next update. */
  offer(group: LogGroup, stream: LogStream, events: readonly LogEvent[]): void {
    const identifier = this.filter.groups.get(group.name);
    if (identifier === undefined || this.closed) return;
    const { streamNames, streamPrefixes, pattern } = this.filter;
    if (streamNames && !streamNames.includes(stream.name)) return;
    if (streamPrefixes && !streamPrefixes.some((p) => stream.name.startsWith(p))) return;
    for (const e of events) {
      if (!pattern.matches(e.message)) continue;
      this.pending.push({ logStreamName: stream.name, logGroupIdentifier: identifier, message: e.message, timestamp: e.timestamp, ingestionTime: e.ingestionTime });
    }
    if (this.pending.length > BUFFERED) this.pending.splice(0, this.pending.length - BUFFERED);
  }

  /** The response stream's union values, as the event-stream encoder sends them. */
  async *updates(): AsyncGenerator<Update> {
    try {
      yield { sessionStart: { ...this.sessionStart, sessionId: this.sessionId } };
      for (let next = this.started + UPDATE_EVERY_MS; ; next += UPDATE_EVERY_MS) {
        if (next - this.started > SESSION_MS) {
          throw new AwsError('SessionTimeoutException', 'Session timed out after three hours.');
        }
        await new Promise<void>((resolve) => clock.at(next, resolve));
        yield { sessionUpdate: this.takeUpdate() };
      }
    } finally {
      this.close();
    }
  }

  private takeUpdate(): Update {
    const all = this.pending;
    this.pending = [];
    if (all.length <= PER_UPDATE) return { sessionMetadata: { sampled: false }, sessionResults: all };
    // Sampled down to 500, evenly across the second's events, in their order.
    const step = all.length / PER_UPDATE;
    const sample = Array.from({ length: PER_UPDATE }, (_, i) => all[Math.floor(i * step)]);
    return { sessionMetadata: { sampled: true }, sessionResults: sample };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
  }
}
