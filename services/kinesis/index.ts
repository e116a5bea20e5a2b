/**
 * Kinesis Data Streams: provisioned and on-demand streams, shards over the
 * 128-bit hash-key space, records with AWS-ordered sequence numbers, shard
 * iterators, retention and resharding on the core clock, consumers, tags,
 * encryption through the KMS backend. JSON 1.1 protocol.
 */
import type { ServiceModule } from '../../src/core/service';
import { KinesisBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<KinesisBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new KinesisBackend(ctx),
};
export default service;
