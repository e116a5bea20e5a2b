/**
 * FirehoseBackend: the delivery streams of one account and region. Status
 * changes (CREATING → ACTIVE, DELETING → gone, ENABLING → ENABLED) happen a
 * few milliseconds later on the core event loop; records wait in each
 * stream's buffer until its size or interval hint is reached (delivery.ts).
 * Other services put records through `putRecords`.
 */
import { clock } from '../../../src/core/clock';
import { eventLoop } from '../../../src/core/events';
import { arn } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import { streamNotFound } from '../exceptions';
import { enqueue } from './delivery';
import { resumeReading, startReading } from './kinesis-source';
import type { DeliveryStream, Delivery } from './stream';

/** How long CREATING, DELETING, ENABLING and DISABLING last. */
export const TRANSITION_MS = 5;

/** Direct PUT quotas per stream and second (docs: limits.html); the three large regions get more. */
const LARGE_REGIONS = new Set(['us-east-1', 'us-west-2', 'eu-west-1']);
export interface Quota {
  records: number;
  requests: number;
  bytes: number;
}

export class FirehoseBackend {
  readonly account: string;
  readonly region: string;
  readonly backends: BackendAccess;
  readonly streams = new Map<string, DeliveryStream>();
  readonly names = new SortedKeySet();
  /** Every object written and every HTTP endpoint batch, oldest first. */
  readonly deliveries: Delivery[] = [];
  /** Deliveries that could not be made (missing bucket, missing Lambda, ...), oldest first. */
  readonly failures: Delivery[] = [];
  readonly quota: Quota;

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
    this.quota = LARGE_REGIONS.has(ctx.region)
      ? { records: 500_000, requests: 2_000, bytes: 5 * 1024 * 1024 }
      : { records: 100_000, requests: 1_000, bytes: 1024 * 1024 };
  }

  arn(name: string): string {
    return arn({ service: 'firehose', region: this.region, account: this.account, resource: `deliverystream/${name}` });
  }

  stream(name: string): DeliveryStream {
    const s = this.streams.get(name);
    if (!s) throw streamNotFound(name, this.account);
    return s;
  }

  add(stream: DeliveryStream): void {
    this.streams.set(stream.name, stream);
    this.names.add(stream.name);
    this.transition(stream, 'ACTIVE', () => startReading(this, stream));
  }

  /** Sets `status` after TRANSITION_MS on the core clock (`then` runs with it). */
  transition(stream: DeliveryStream, status: string, then?: () => void): void {
    stream.transition?.cancel();
    stream.transition = eventLoop(this.backends).schedule(
      () => {
        stream.transition = undefined;
        stream.status = status;
        then?.();
      },
      { at: clock.now() + TRANSITION_MS, label: `firehose ${stream.name} ${status}` },
    );
  }

  /**
   * For other services (a Logs subscription, an SNS subscription): records
   * into an ACTIVE stream named by name or ARN, buffered and delivered as
   * PutRecordBatch's are, without the per-second quota. Returns record ids.
   */
  putRecords(nameOrArn: string, records: Uint8Array[]): string[] {
    const marker = 'deliverystream/';
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.indexOf(marker) + marker.length) : nameOrArn;
    const stream = this.stream(name);
    if (stream.status !== 'ACTIVE') throw streamNotFound(name, this.account);
    return enqueue(this, stream, records.map((r) => Buffer.from(r)));
  }

  remove(stream: DeliveryStream): void {
    stream.buffer.timer?.cancel();
    stream.readTimer?.cancel();
    stream.status = 'DELETING';
    this.transition(stream, 'DELETED', () => {
      if (this.streams.get(stream.name) !== stream) return;
      this.streams.delete(stream.name);
      this.names.delete(stream.name);
    });
  }

  /** After a restore (snapshot or state directory): pending transitions, buffer flushes and Kinesis reads are queued again. */
  restored(): void {
    for (const stream of [...this.streams.values()]) {
      if (stream.status === 'DELETING') {
        this.remove(stream);
        continue;
      }
      if (stream.status === 'CREATING') this.transition(stream, 'ACTIVE', () => startReading(this, stream));
      else if (stream.status === 'ACTIVE') resumeReading(this, stream);
      if (stream.buffer.records.length > 0) enqueue(this, stream, [], clock.now()); // arms the flush the buffer is due
    }
  }

  dispose(): void {
    for (const s of this.streams.values()) {
      s.transition?.cancel();
      s.buffer.timer?.cancel();
      s.readTimer?.cancel();
    }
  }
}
