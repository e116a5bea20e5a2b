/**
 * EventBridge: event buses, rules with event patterns and schedules, targets
 * delivered through the core event loop (SQS, SNS, Lambda, CloudWatch Logs,
 * other buses; the rest recorded), archives and replays, connections, API
 * destinations, global endpoints and partner event sources. Other services
 * put their events on a bus with EventsBackend.publishEvent.
 */
import type { ServiceModule } from '../../src/core/service';
import { EventsBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<EventsBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new EventsBackend(ctx),
  validation: { code: 'ValidationException' },
};
export default service;
