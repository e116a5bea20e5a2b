/**
 * CloudWatch Logs: log groups and streams, PutLogEvents with AWS's batch
 * rules, reads with tokens and filter patterns, metric and subscription
 * filters, Logs Insights queries, export to S3, resource policies and
 * destinations. Other services write logs through LogsBackend.appendEvents.
 */
import type { ServiceModule } from '../../src/core/service';
import { LogsBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<LogsBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new LogsBackend(ctx),
  validation: { code: 'InvalidParameterException' },
};
export default service;
