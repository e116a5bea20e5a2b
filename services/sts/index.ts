/** STS: GetCallerIdentity and the credential-issuing operations. */
import type { ServiceModule } from '../../src/core/service';
import { StsBackend } from './models';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<StsBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new StsBackend(ctx),
  validation: { code: 'ValidationError' },
};
export default service;
