/**
 * SubscribeToShard (enhanced fan-out): a subscription of one consumer to one
 * shard, read as an async iterable of events, the handler's `EventStream`.
 *
 * - The first event comes at once (the records from the starting position, or
 *   none); later ones as soon as records are written to the shard, or after
 *   HEARTBEAT_MS on the clock without any (an empty event carrying the same
 *   ContinuationSequenceNumber, so a checkpoint holds even on an idle shard).
 * - ContinuationSequenceNumber is the last record delivered (before any, the
 *   record just before the starting position, or the shard's starting
 *   sequence number); passed back with AFTER_SEQUENCE_NUMBER it resumes.
 * - At the end of a closed shard the last event lists ChildShards and has no
 *   ContinuationSequenceNumber (what the KCL takes for shard end); the
 *   subscription then ends.
 * - A subscription lasts SUBSCRIPTION_MS (5 minutes) on the clock, then ends.
 *   Subscribing the same consumer to the same shard again within
 *   RESUBSCRIBE_MS (5 s) is ResourceInUseException; later, the new
 *   subscription takes over and the old one fails with ResourceInUseException.
 */
import { type ClockTimer, clock } from '../../../src/core/clock';
import { resourceInUse, resourceNotFound, streamNotFound } from '../exceptions';
import type { Shard, StoredRecord } from './shard';
import type { Stream, StreamConsumer } from './stream';

export const SUBSCRIPTION_MS = 300_000;
export const RESUBSCRIBE_MS = 5_000;
export const HEARTBEAT_MS = 5_000;
/** Records per event (a GetRecords call's maximum). */
const EVENT_RECORDS = 10_000;

export interface ShardEvent {
  records: StoredRecord[];
  continuationSequenceNumber?: string;
  millisBehindLatest: number;
  childShards?: Shard[];
}

/** The latest subscription of each consumer+shard: a newer one supersedes it. */
export class Subscriptions {
  private readonly latest = new Map<string, { startedAt: number; id: number }>();
  private next = 0;

  /** Registers a subscription, or refuses one within 5 s of the last; returns its id. */
  open(consumer: StreamConsumer, shardId: string, now: number): number {
    const key = `${consumer.arn} ${shardId}`;
    const previous = this.latest.get(key);
    if (previous && now - previous.startedAt < RESUBSCRIBE_MS) {
      throw resourceInUse(
        `Another active subscription exists for consumer ${consumer.arn} on shard ${shardId}; retry ${RESUBSCRIBE_MS / 1000} seconds after subscribing.`,
      );
    }
    const id = ++this.next;
    this.latest.set(key, { startedAt: now, id });
    return id;
  }

  current(consumer: StreamConsumer, shardId: string, id: number): boolean {
    return this.latest.get(`${consumer.arn} ${shardId}`)?.id === id;
  }
}

export interface SubscriptionSource {
  account: string;
  subscriptions: Subscriptions;
  collect(shard: Shard, from: number, limit: number): { records: StoredRecord[]; next: number };
}

/** The events of one subscription, from `position`, until it ends or fails. */
export async function* shardEvents(
  source: SubscriptionSource,
  stream: Stream,
  consumer: StreamConsumer,
  shard: Shard,
  position: number,
  id: number,
  startedAt: number,
): AsyncGenerator<ShardEvent, void, undefined> {
  let continuation = shard.at(position - 1)?.sequenceNumber ?? shard.startingSequenceNumber;
  let lastEventAt: number | undefined;
  while (true) {
    const now = clock.now();
    if (!source.subscriptions.current(consumer, shard.id, id)) {
      throw resourceInUse(`Subscription to shard ${shard.id} for consumer ${consumer.arn} was taken over by a newer subscription.`);
    }
    if (now >= startedAt + SUBSCRIPTION_MS) return;
    if (stream.status(now) === 'DELETING') throw streamNotFound(stream.name, source.account);
    if (consumer.status === 'DELETING' || stream.consumers.get(consumer.name) !== consumer) {
      throw resourceNotFound(`Consumer ${consumer.arn} under account ${source.account} not found.`);
    }
    stream.trim(now);
    const { records, next } = source.collect(shard, position, EVENT_RECORDS);
    const drained = next >= shard.end;
    const ended = !shard.open && drained;
    if (records.length > 0 || lastEventAt === undefined || ended || now >= lastEventAt + HEARTBEAT_MS) {
      position = next;
      if (records.length > 0) continuation = records[records.length - 1].sequenceNumber;
      const millisBehindLatest = drained ? 0 : Math.max(0, now - (shard.at(next)?.arrival ?? now));
      lastEventAt = now;
      if (ended) {
        const childShards = stream.shards.filter((s) => s.parentShardId === shard.id || s.adjacentParentShardId === shard.id);
        yield { records, millisBehindLatest, childShards };
        return;
      }
      yield { records, continuationSequenceNumber: continuation, millisBehindLatest };
      continue;
    }
    await changeOrTime(shard, Math.min(lastEventAt + HEARTBEAT_MS, startedAt + SUBSCRIPTION_MS));
  }
}

/** Resolves at the next write to (or close of) the shard, or when the clock reaches `at`. */
function changeOrTime(shard: Shard, at: number): Promise<void> {
  return new Promise((resolve) => {
    let timer: ClockTimer | undefined;
    const stop = shard.onChange(() => {
      timer?.cancel();
      resolve();
    });
    timer = clock.at(at, () => {
      stop();
      resolve();
    });
  });
}
