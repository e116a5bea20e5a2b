/**
 * API Gateway REST APIs (v1): the control plane. Their execute-api data plane
 * lives with v2's (services/apigatewayv2/dataplane/), which reads this backend.
 */
import type { ServiceModule } from '../../src/core/service';
import { ApiGatewayBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<ApiGatewayBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new ApiGatewayBackend(ctx),
  validation: { code: 'BadRequestException' },
};
export default service;
