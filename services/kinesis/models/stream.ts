/**
 * A Kinesis data stream: its shards (open and closed, in creation order), the
 * status it is in (CREATING / UPDATING / DELETING settle on the clock),
 * retention, encryption, tags, consumers and resource policy.
 */
import { HASH_MAX, type HashRange, splitEvenly } from './hash';
import { Shard } from './shard';

export type StreamStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';

/** How long a stream stays CREATING / UPDATING / DELETING, and a consumer CREATING / DELETING, on the clock. */
export const TRANSITION_MS = 5;

export interface StreamConsumer {
  name: string;
  arn: string;
  createdAt: number;
  status: 'CREATING' | 'ACTIVE' | 'DELETING';
  until: number;
  tags: Map<string, string>;
  policy?: string;
}

export class Stream {
  readonly shards: Shard[] = [];
  readonly tags = new Map<string, string>();
  readonly consumers = new Map<string, StreamConsumer>();
  retentionHours = 24;
  /** The largest record (data + partition key) the stream takes, in KiB: 1 MiB unless raised (up to 10 MiB). */
  maxRecordKiB = 1024;
  encryption?: { type: 'KMS'; keyId: string };
  shardLevelMetrics: string[] = [];
  policy?: string;
  /** How records find their shard: by partition key (the default), or spread by the service (AUTO, on-demand only). */
  distribution: 'AUTO' | 'USER_PARTITION_KEY' = 'USER_PARTITION_KEY';
  /** Warm throughput of an on-demand stream: the target is reached once the UPDATING it started settles. */
  warm?: { target: number; previous: number; until: number };
  /** AUTO distribution: the next open shard in round-robin order. */
  private autoNext = 0;
  private statusValue: StreamStatus = 'CREATING';
  private statusUntil: number;
  /** Stream-wide sequence counter: children's sequence numbers follow their parents'. */
  private counter = 0;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly createdAt: number,
    public mode: 'PROVISIONED' | 'ON_DEMAND',
    shardCount: number,
  ) {
    this.statusUntil = createdAt + TRANSITION_MS;
    for (const range of splitEvenly(shardCount)) this.addShard(range, createdAt);
  }

  status(now: number): StreamStatus {
    if (this.statusValue !== 'ACTIVE' && this.statusValue !== 'DELETING' && now >= this.statusUntil) this.statusValue = 'ACTIVE';
    return this.statusValue;
  }

  /** Enter a transitional state that settles TRANSITION_MS later. */
  transition(status: StreamStatus, now: number): void {
    this.statusValue = status;
    this.statusUntil = now + TRANSITION_MS;
  }

  deletedBy(now: number): boolean {
    return this.statusValue === 'DELETING' && now >= this.statusUntil;
  }

  get retentionMs(): number {
    return this.retentionHours * 3600_000;
  }

  /** Drops expired records, and closed shards whose every record has expired. */
  trim(now: number): void {
    const cutoff = now - this.retentionMs;
    for (const shard of this.shards) shard.trim(cutoff);
    for (let i = this.shards.length - 1; i >= 0; i--) {
      const shard = this.shards[i];
      if (shard.closedAt !== undefined && shard.closedAt < cutoff) this.shards.splice(i, 1);
    }
  }

  openShards(): Shard[] {
    return this.shards.filter((s) => s.open).sort((a, b) => (a.range.start < b.range.start ? -1 : 1));
  }

  shard(id: string): Shard | undefined {
    return this.shards.find((s) => s.id === id);
  }

  /** AUTO distribution ignores partition and hash keys: open shards take records in turn. */
  nextAutoShard(): Shard {
    const open = this.openShards();
    const shard = open[this.autoNext % open.length];
    this.autoNext = (this.autoNext + 1) % open.length;
    return shard;
  }

  /** Write capacity in MiB/s: 1 MiB/s per open shard, or the warm throughput reached. */
  warmThroughput(now: number): { TargetMiBps?: number; CurrentMiBps: number } {
    const base = this.shards.filter((s) => s.open).length;
    if (!this.warm) return { CurrentMiBps: base };
    return { TargetMiBps: this.warm.target, CurrentMiBps: now >= this.warm.until ? this.warm.target : this.warm.previous };
  }

  /** The open shard owning `hash`. */
  shardFor(hash: bigint): Shard {
    const shard = this.shards.find((s) => s.open && s.owns(hash));
    if (!shard) throw new Error(`no open shard owns hash ${hash}`);
    return shard;
  }

  /**
   * Sequence numbers: 56 decimal digits, "49", the stream-wide counter, the
   * shard index. Same length, so string order is numeric order, and later
   * writes (in any shard, children included) get larger numbers.
   */
  nextSequence(shardIndex: number): string {
    this.counter++;
    return `49${String(this.counter).padStart(34, '0')}${String(shardIndex).padStart(20, '0')}`;
  }

  static shardIndexOf(seq: string): number | undefined {
    return /^49\d{54}$/.test(seq) ? Number(seq.slice(36)) : undefined;
  }

  addShard(range: HashRange, now: number, parent?: string, adjacent?: string): Shard {
    const index = this.shards.length === 0 ? 0 : Math.max(...this.shards.map((s) => s.index)) + 1;
    const id = `shardId-${String(index).padStart(12, '0')}`;
    const shard = new Shard(id, index, range, now, this.nextSequence(index), parent, adjacent);
    this.shards.push(shard);
    return shard;
  }

  close(shard: Shard, now: number): void {
    shard.close(now, this.nextSequence(shard.index));
  }

  split(parent: Shard, newStart: bigint, now: number): void {
    this.close(parent, now);
    this.addShard({ start: parent.range.start, end: newStart - 1n }, now, parent.id);
    this.addShard({ start: newStart, end: parent.range.end }, now, parent.id);
  }

  merge(a: Shard, b: Shard, now: number): void {
    const [low, high] = a.range.start < b.range.start ? [a, b] : [b, a];
    this.close(a, now);
    this.close(b, now);
    this.addShard({ start: low.range.start, end: high.range.end }, now, a.id, b.id);
  }

  /** UNIFORM_SCALING: the open shards close and `target` even ranges replace them. */
  rescale(target: number, now: number): void {
    const old = this.openShards();
    for (const shard of old) this.close(shard, now);
    for (const range of splitEvenly(target, 0n, HASH_MAX)) {
      const overlapping = old.filter((s) => s.range.start <= range.end && s.range.end >= range.start);
      this.addShard(range, now, overlapping[0]?.id, overlapping[1]?.id);
    }
  }
}
