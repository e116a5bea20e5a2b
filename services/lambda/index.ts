/**
 * Lambda: the control plane (functions, versions, aliases, layers, policies,
 * concurrency, URLs, event invoke configs, event source mappings) and a
 * runtime that executes Node.js functions in the test process. See
 * docs/services/lambda.md for what is isolated and what is not.
 */
import type { ServiceModule } from '../../src/core/service';
import { LambdaBackend } from './models/backend';
import { handlers } from './responses';
import { answerFunctionUrl } from './responses/url-invocations';
import { spec } from './spec';

const service: ServiceModule<LambdaBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new LambdaBackend(ctx),
  validation: { code: 'ValidationException' },
  dataPlane: answerFunctionUrl,
};
export default service;
