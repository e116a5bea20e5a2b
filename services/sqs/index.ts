/**
 * SQS: standard and FIFO queues, long polling, dead-letter queues and move
 * tasks, over the JSON protocol (current SDKs) and query (older SDKs, CLI).
 */
import type { ServiceModule } from '../../src/core/service';
import { SqsBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<SqsBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new SqsBackend(ctx),
};
export default service;
