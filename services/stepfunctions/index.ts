/**
 * Step Functions: state machines (versions, aliases), activities and
 * executions that run — an Amazon States Language interpreter (interpreter/)
 * with both query languages, every state type, Retry/Catch, task tokens and
 * the service integrations, on the core event loop and clock.
 */
import type { ServiceModule } from '../../src/core/service';
import { StepFunctionsBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<StepFunctionsBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new StepFunctionsBackend(ctx),
  validation: { code: 'ValidationException' },
};
export default service;
