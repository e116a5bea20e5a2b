/**
 * API Gateway v2: HTTP and WebSocket APIs (control plane), and the
 * execute-api data plane for HTTP APIs and, through the v1 backend, REST APIs.
 */
import type { ServiceModule } from '../../src/core/service';
import { executeApi } from './dataplane';
import { openWebSocket } from './dataplane/websocket';
import { ApiGatewayV2Backend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<ApiGatewayV2Backend> = {
  spec,
  handlers,
  createBackend: (ctx) => new ApiGatewayV2Backend(ctx),
  validation: { code: 'BadRequestException' },
  dataPlane: executeApi,
  webSocket: openWebSocket,
};
export default service;
