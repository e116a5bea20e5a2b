/**
 * One shard: its hash-key range, lineage (parent / adjacent parent after a
 * split or merge), and its records in arrival order. Records are addressed
 * by an absolute position (`base` + array index) so trimming expired records
 * off the front never moves what an iterator points at.
 */
import type { HashRange } from './hash';

export interface StoredRecord {
  sequenceNumber: string;
  data: Uint8Array;
  partitionKey: string;
  arrival: number;
  encryptionType?: string;
}

/** Per-shard write limits of a second (AWS: 1,000 records and 1 MiB per second per shard). */
export const SHARD_RECORDS_PER_SECOND = 1000;
export const SHARD_BYTES_PER_SECOND = 1024 * 1024;

export class Shard {
  readonly records: StoredRecord[] = [];
  /** Absolute position of records[0]. */
  base = 0;
  closedAt?: number;
  endingSequenceNumber?: string;
  private window = { second: -1, records: 0, bytes: 0 };
  /** SubscribeToShard readers waiting for a write to (or the close of) this shard. */
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly id: string,
    readonly index: number,
    readonly range: HashRange,
    readonly createdAt: number,
    readonly startingSequenceNumber: string,
    readonly parentShardId?: string,
    readonly adjacentParentShardId?: string,
  ) {}

  get open(): boolean {
    return this.closedAt === undefined;
  }

  /** Absolute position one past the last record. */
  get end(): number {
    return this.base + this.records.length;
  }

  owns(hash: bigint): boolean {
    return hash >= this.range.start && hash <= this.range.end;
  }

  /** Whether one more record of `bytes` fits this second's write allowance; counts it when it does. */
  admit(bytes: number, now: number): boolean {
    const second = Math.floor(now / 1000);
    if (this.window.second !== second) this.window = { second, records: 0, bytes: 0 };
    // A record above the per-second bytes (a stream whose MaxRecordSizeInKiB was raised) fits a second of its own.
    const overBytes = this.window.bytes > 0 && this.window.bytes + bytes > SHARD_BYTES_PER_SECOND;
    if (this.window.records + 1 > SHARD_RECORDS_PER_SECOND || overBytes) return false;
    this.window.records++;
    this.window.bytes += bytes;
    return true;
  }

  /** Drops records that arrived before `cutoff`. */
  trim(cutoff: number): void {
    let n = 0;
    while (n < this.records.length && this.records[n].arrival < cutoff) n++;
    if (n === 0) return;
    this.records.splice(0, n);
    this.base += n;
  }

  /** First position whose sequence number is ≥ `seq` (same-length decimal strings sort as numbers). */
  positionOfSequence(seq: string): number {
    return this.base + lowerBound(this.records, (r) => compareSeq(r.sequenceNumber, seq) < 0);
  }

  /** First position whose record arrived at or after `at`. */
  positionOfTime(at: number): number {
    return this.base + lowerBound(this.records, (r) => r.arrival < at);
  }

  at(position: number): StoredRecord | undefined {
    return this.records[position - this.base];
  }

  close(now: number, lastSequence: string): void {
    this.closedAt = now;
    this.endingSequenceNumber = lastSequence;
    this.wake();
  }

  /** Stores a record and wakes the readers waiting for one. */
  push(record: StoredRecord): void {
    this.records.push(record);
    this.wake();
  }

  /** Calls `fn` once, at the next write or close; returns what stops waiting. */
  onChange(fn: () => void): () => void {
    this.waiters.add(fn);
    return () => this.waiters.delete(fn);
  }

  private wake(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const fn of waiting) fn();
  }
}

export function compareSeq(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowerBound<T>(items: T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(items[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
