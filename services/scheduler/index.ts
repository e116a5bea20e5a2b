/**
 * EventBridge Scheduler: schedule groups and schedules (at, rate, cron with
 * time zones, start and end dates, flexible windows, ActionAfterCompletion)
 * firing on the core clock into SQS, SNS, Lambda and EventBridge; other
 * targets recorded.
 */
import type { ServiceModule } from '../../src/core/service';
import { SchedulerBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<SchedulerBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new SchedulerBackend(ctx),
  validation: { code: 'ValidationException' },
};
export default service;
