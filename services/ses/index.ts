/**
 * SES v1 (query protocol): identities, sending (SendEmail, SendRawEmail,
 * SendTemplatedEmail, SendBulkTemplatedEmail), templates, configuration sets,
 * quota, receipt rules and filters; a view of the SES v2 backend's state.
 */
import type { ServiceModule } from '../../src/core/service';
import { SesV1Backend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<SesV1Backend> = {
  spec,
  handlers,
  createBackend: (ctx) => new SesV1Backend(ctx),
  validation: { code: 'ValidationError' },
};
export default service;
