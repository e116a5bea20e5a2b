/**
 * SubscribeToShard. The handler answers `{ EventStream }`, an async iterable
 * of `{ SubscribeToShardEvent }` members (models/subscription.ts says when
 * events come); the protocol layer encodes it on the wire as an event stream.
 */
import { clock } from '../../../src/core/clock';
import { streamNotFound } from '../exceptions';
import type { ShardEvent } from '../models/subscription';
import type * as T from '../types';
import { type Ctx, childShardOut, recordOut } from './common';
import { consumerByArn } from './consumers';

export interface SubscribeToShardEventOut {
  SubscribeToShardEvent: T.SubscribeToShardEvent;
}

async function* wire(events: AsyncGenerator<ShardEvent, void, undefined>): AsyncGenerator<SubscribeToShardEventOut, void, undefined> {
  for await (const event of events) {
    yield {
      SubscribeToShardEvent: {
        Records: event.records.map(recordOut),
        // Absent only in the last event of a closed shard (with ChildShards).
        ContinuationSequenceNumber: event.continuationSequenceNumber as string,
        MillisBehindLatest: event.millisBehindLatest,
        ChildShards: event.childShards?.map(childShardOut),
      },
    };
  }
}

export function subscribeToShard(input: T.SubscribeToShardInput, ctx: Ctx) {
  const { stream, consumer } = consumerByArn(input.ConsumerARN, ctx);
  const status = stream.status(clock.now());
  if (status === 'CREATING' || status === 'DELETING') throw streamNotFound(stream.name, ctx.account);
  const events = ctx.backend.subscribe(stream, consumer, input.ShardId, {
    type: input.StartingPosition.Type,
    sequenceNumber: input.StartingPosition.SequenceNumber,
    timestamp: input.StartingPosition.Timestamp,
  });
  // The generated output type names the union of one event; the stream of them is an async iterable.
  return { EventStream: wire(events) as unknown as T.SubscribeToShardEventStream };
}
