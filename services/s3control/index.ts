/** s3control: no operation implemented yet; each answers NotImplemented. */
import type { ServiceModule } from '../../src/core/service';
import { spec } from './spec';

const service: ServiceModule = { spec, handlers: {}, createBackend: () => ({}) };
export default service;
