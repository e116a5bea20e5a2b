/**
 * Cognito identity pools: pools and their roles, identities for user pool
 * (and other providers') logins, and AWS credentials for them issued through
 * STS, so calls signed with them run as the pool's role.
 */
import type { ServiceModule } from '../../src/core/service';
import { CognitoIdentityBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<CognitoIdentityBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new CognitoIdentityBackend(ctx),
};
export default service;
