/**
 * Amazon Data Firehose: DirectPut delivery streams buffering records into
 * S3 (prefix expressions, GZIP, Lambda transformation) on the core clock;
 * HTTP endpoint deliveries recorded; Kinesis-sourced streams stored.
 */
import type { ServiceModule } from '../../src/core/service';
import { FirehoseBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<FirehoseBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new FirehoseBackend(ctx),
};
export default service;
