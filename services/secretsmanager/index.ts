/** Secrets Manager: secrets, versions and staging labels, encrypted through the KMS backend. */
import type { ServiceModule } from '../../src/core/service';
import { SecretsManagerBackend } from './models/backend';
import { handlers } from './responses/index';
import { spec } from './spec';

const service: ServiceModule<SecretsManagerBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new SecretsManagerBackend(ctx),
  validation: { code: 'ValidationException' },
};
export default service;
