/** KMS: keys with real cryptography (node:crypto), aliases, grants, policies, rotation, import, multi-Region. */
import type { ServiceModule } from '../../src/core/service';
import { KmsBackend } from './models/backend';
import { handlers } from './responses/index';
import { spec } from './spec';

const service: ServiceModule<KmsBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new KmsBackend(ctx),
  validation: { code: 'ValidationException' },
};
export default service;
