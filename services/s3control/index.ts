/** S3 Control: account-level Block Public Access (read by S3's access evaluation). */
import type { ServiceModule } from '../../src/core/service';
import { S3ControlBackend } from './models';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<S3ControlBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new S3ControlBackend(ctx),
};
export default service;
