/**
 * Log groups and log streams. A stream keeps its events sorted by
 * (timestamp, arrival), so reads by time range binary-search it and
 * FilterLogEvents merges streams without sorting.
 */
import { persistDerived, persistRecords, rebuildDerived, touchRecord } from '../../../src/core/persist-hints';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import type { MetricTransformation, Processor } from '../types';
import type { IndexPolicy } from './index-policies';

export interface LogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  /** Arrival order across the backend: the tie-break and the event id. */
  seq: number;
  /** The message as the group's transformer made it, when the group has one that applies. */
  transformed?: string;
}

export interface MetricFilter {
  filterName: string;
  filterPattern: string;
  metricTransformations: MetricTransformation[];
  creationTime: number;
  applyOnTransformedLogs?: boolean;
}

export interface SubscriptionFilter {
  filterName: string;
  filterPattern: string;
  destinationArn: string;
  roleArn?: string;
  distribution: string;
  creationTime: number;
  applyOnTransformedLogs?: boolean;
}

/** Index of the first event at or after (timestamp, seq). */
export function lowerBound(events: LogEvent[], timestamp: number, seq = -1): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const e = events[mid];
    if (e.timestamp < timestamp || (e.timestamp === timestamp && e.seq < seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LogStream {
  /**
   * With a state directory the events are saved by arrival (`bySeq`, in chunks: a flush encodes the
   * events that arrived, not the stream) and `events` is sorted again from them after a restore. Not
   * a `persistLog`: an event may be inserted before others (timestamps up to 14 days back).
   */
  static readonly [persistRecords] = ['bySeq'];
  static readonly [persistDerived] = ['events'];
  /** Every event held, by seq, in arrival order. */
  bySeq = new Map<number, LogEvent>();
  /** The same events sorted by (timestamp, seq): what reads binary-search. */
  events: LogEvent[] = [];
  storedBytes = 0;
  lastIngestionTime?: number;
  uploadSequenceToken: string;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly creationTime: number,
  ) {
    this.uploadSequenceToken = sequenceToken(1);
  }

  get firstEventTimestamp(): number | undefined {
    return this.events[0]?.timestamp;
  }

  get lastEventTimestamp(): number | undefined {
    return this.events[this.events.length - 1]?.timestamp;
  }

  add(event: LogEvent): void {
    // Later arrivals have larger seq, so inserting after equal timestamps keeps (timestamp, seq) order.
    const at = lowerBound(this.events, event.timestamp, Number.MAX_SAFE_INTEGER);
    if (at === this.events.length) this.events.push(event);
    else this.events.splice(at, 0, event);
    this.bySeq.set(event.seq, event);
    touchRecord(this.bySeq, event.seq);
    this.storedBytes += Buffer.byteLength(event.message);
    this.lastIngestionTime = event.ingestionTime;
  }

  /** Drops events older than `cutoff` (retention). */
  expire(cutoff: number): void {
    const n = lowerBound(this.events, cutoff);
    if (n === 0) return;
    for (const e of this.events.slice(0, n)) {
      this.storedBytes -= Buffer.byteLength(e.message);
      this.bySeq.delete(e.seq);
      touchRecord(this.bySeq, e.seq);
    }
    this.events.splice(0, n);
  }

  [rebuildDerived](): void {
    // A state saved before bySeq holds the sorted events instead.
    if (!(this.bySeq instanceof Map)) {
      this.bySeq = new Map((this.events ?? []).map((e) => [e.seq, e]));
      return;
    }
    this.events = [...this.bySeq.values()].sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
  }
}

/** The 56-digit tokens AWS hands out (still returned, now ignored). */
export function sequenceToken(n: number): string {
  return String(n).padStart(56, '4');
}

export class LogGroup {
  readonly streams = new Map<string, LogStream>();
  readonly streamNames = new SortedKeySet();
  readonly tags = new Map<string, string>();
  readonly metricFilters = new Map<string, MetricFilter>();
  readonly subscriptionFilters = new Map<string, SubscriptionFilter>();
  retentionInDays?: number;
  kmsKeyId?: string;
  dataProtectionPolicy?: { policyDocument: string; lastUpdatedTime: number };
  indexPolicy?: IndexPolicy;
  transformer?: { config: Processor[]; creationTime: number; lastModifiedTime: number };
  deletionProtectionEnabled: boolean;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly creationTime: number,
    readonly logGroupClass: string,
    options: { kmsKeyId?: string; deletionProtectionEnabled?: boolean },
  ) {
    this.kmsKeyId = options.kmsKeyId;
    this.deletionProtectionEnabled = options.deletionProtectionEnabled ?? false;
  }

  /** The ARN without the trailing `:*` (logGroupArn, and what tagging APIs take). */
  get bareArn(): string {
    return this.arn.slice(0, -2);
  }

  get storedBytes(): number {
    let total = 0;
    for (const s of this.streams.values()) total += s.storedBytes;
    return total;
  }

  /** Applies retention as of `now`: events older than the period are gone. */
  expire(now: number): void {
    if (this.retentionInDays === undefined) return;
    const cutoff = now - this.retentionInDays * 86_400_000;
    for (const s of this.streams.values()) s.expire(cutoff);
  }
}
