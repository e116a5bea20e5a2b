/**
 * A Kinesis data stream as the source of a delivery stream
 * (KinesisStreamAsSource): once the delivery stream is ACTIVE it reads every
 * shard of the Kinesis stream once a second on the core clock, as Firehose
 * calls GetRecords once per second per shard, starting at LATEST (records
 * that arrived from DeliveryStartTimestamp on), and buffers what it reads as
 * if it had been put. Closed shards are read to their end, children after
 * their parents (the Kinesis backend lists shards oldest first).
 * A missing Kinesis stream is noted in `failures` once per outage and
 * retried at the next read.
 */
import { clock } from '../../../src/core/clock';
import { eventLoop } from '../../../src/core/events';
import { parseArn } from '../../../src/core/ids';
import type { FirehoseBackend } from './backend';
import { enqueue } from './delivery';
import type { DeliveryStream } from './stream';

export const READ_INTERVAL_MS = 1000;
/** Records per shard and read (GetRecords' maximum). */
const READ_LIMIT = 10_000;

/** The Kinesis backend's reader API (services/kinesis/models/backend.ts), duck-typed. */
interface KinesisReader {
  shards(streamNameOrArn: string): Array<{ shardId: string }>;
  readFrom(streamNameOrArn: string, shardId: string, afterSequence: string | undefined, limit: number): Array<{ sequenceNumber: string; data: Uint8Array; arrival: number }>;
}

export interface SourceReader {
  /** Per shard, the last sequence number read (or skipped as older than the start). */
  after: Map<string, string>;
  failing: boolean;
}

/** Starts reading (called when the delivery stream becomes ACTIVE). */
export function startReading(backend: FirehoseBackend, stream: DeliveryStream): void {
  const source = stream.source?.KinesisStreamSourceDescription;
  if (!source?.KinesisStreamARN) return;
  stream.reader = { after: new Map(), failing: false };
  schedule(backend, stream, source.KinesisStreamARN, (source.DeliveryStartTimestamp as Date).getTime());
}

/** After a restore: reading goes on from the positions the reader kept. */
export function resumeReading(backend: FirehoseBackend, stream: DeliveryStream): void {
  const source = stream.source?.KinesisStreamSourceDescription;
  if (!source?.KinesisStreamARN || !stream.reader) return;
  schedule(backend, stream, source.KinesisStreamARN, (source.DeliveryStartTimestamp as Date).getTime());
}

/**
 * Reads are due every READ_INTERVAL_MS after the last one was due, not after
 * it ran: when the clock jumps (fake timers, aws.clock.advance) the missed
 * reads run one after another, each dated at its own due time, so buffering
 * intervals count from when the records would have been read.
 */
function schedule(backend: FirehoseBackend, stream: DeliveryStream, kinesisArn: string, since: number, at = clock.now() + READ_INTERVAL_MS): void {
  const loop = eventLoop(backend.backends);
  stream.readTimer = loop.schedule(
    async () => {
      if (stream.status !== 'ACTIVE' || backend.streams.get(stream.name) !== stream) return;
      await read(backend, stream, kinesisArn, since, at);
      schedule(backend, stream, kinesisArn, since, at + READ_INTERVAL_MS);
    },
    { at, label: `firehose ${stream.name} kinesis read` },
  );
}

async function read(backend: FirehoseBackend, stream: DeliveryStream, kinesisArn: string, since: number, at: number): Promise<void> {
  const reader = stream.reader as SourceReader;
  const parsed = parseArn(kinesisArn);
  const kinesis = await backend.backends.get<KinesisReader>('kinesis', parsed?.account, parsed?.region);
  let shards: Array<{ shardId: string }>;
  try {
    shards = kinesis.shards(kinesisArn);
  } catch (err) {
    if (!reader.failing) {
      reader.failing = true;
      backend.failures.push({ stream: stream.name, destination: stream.destination.kind, records: 0, bytes: 0, error: `Kinesis source ${kinesisArn}: ${err instanceof Error ? err.message : String(err)}` });
    }
    return;
  }
  reader.failing = false;
  const data: Buffer[] = [];
  for (const { shardId } of shards) {
    const records = kinesis.readFrom(kinesisArn, shardId, reader.after.get(shardId), READ_LIMIT);
    for (const r of records) {
      // A catch-up read (dated in the past) stops at what had arrived by its date.
      if (r.arrival > at) break;
      reader.after.set(shardId, r.sequenceNumber);
      // Records that arrived before the delivery stream began (LATEST at creation) are skipped.
      if (r.arrival >= since) data.push(Buffer.from(r.data));
    }
  }
  if (data.length > 0) enqueue(backend, stream, data, at);
}
