/** SSM: Parameter Store (SecureString through KMS), documents, Run Command, maintenance windows. */
import type { ServiceModule } from '../../src/core/service';
import { SsmBackend } from './models/backend';
import { handlers } from './responses/index';
import { spec } from './spec';

const service: ServiceModule<SsmBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new SsmBackend(ctx),
  validation: { code: 'ValidationException' },
};
export default service;
