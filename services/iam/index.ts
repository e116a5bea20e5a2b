/** IAM: users, groups, roles, policies, credentials and the policy simulator; one backend per account. */
import type { ServiceModule } from '../../src/core/service';
import { IamBackend } from './models/backend';
import { handlers } from './responses/index';
import { spec } from './spec';

const service: ServiceModule<IamBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new IamBackend(ctx),
  validation: { code: 'ValidationError' },
};
export default service;
