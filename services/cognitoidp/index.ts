/**
 * Cognito user pools: pools, app clients, users, groups, the sign-in flows
 * (password, SRP, refresh, custom, MFA) with real RS256 tokens, Lambda
 * triggers, and the JWKS / OpenID configuration served as a data plane.
 */
import type { ServiceModule } from '../../src/core/service';
import { dataPlane } from './data-plane';
import { CognitoIdpBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<CognitoIdpBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new CognitoIdpBackend(ctx),
  // Cognito answers model violations as InvalidParameterException ("1 validation error detected: ...").
  validation: { code: 'InvalidParameterException' },
  dataPlane,
};
export default service;
