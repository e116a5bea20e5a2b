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
  // SNS answers a parameter outside its constraints with InvalidParameter ("Indicates that a request
  // parameter does not comply with the associated constraints"); phone numbers and one-time passwords
  // are checked by the SMS handlers in SNS's own words.
  validation: { code: 'InvalidParameter', skip: ['pattern'] },
};
export default service;
