/**
 * SNS: topics (standard and FIFO), subscriptions with filter policies, and
 * publishing with fan-out to SQS; other endpoints are recorded, not sent.
 */
import type { ServiceModule } from '../../src/core/service';
import { SnsBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<SnsBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new SnsBackend(ctx),
};
export default service;
