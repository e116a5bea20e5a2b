/** DynamoDB Streams: reads the stream records the dynamodb backend of the same account and region keeps. */
import type { ServiceModule } from '../../src/core/service';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule = { spec, handlers, createBackend: () => ({}) };
export default service;
