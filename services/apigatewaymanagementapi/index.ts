/**
 * API Gateway Management API: the `@connections` API of WebSocket APIs. It
 * keeps no state of its own: connections belong to the API Gateway v2
 * backend, whose data plane hands these requests over (apigatewayv2/dataplane/websocket-management.ts).
 */
import type { ServiceModule } from '../../src/core/service';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<unknown> = { spec, handlers, createBackend: () => ({}) };
export default service;
