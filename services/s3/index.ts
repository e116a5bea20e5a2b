/** S3: buckets, objects, versions, multipart uploads and bucket configuration, per account. */
import type { ServiceModule } from '../../src/core/service';
import { S3Backend } from './models';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<S3Backend> = {
  spec,
  handlers,
  createBackend: (ctx) => new S3Backend(ctx),
};
export default service;
