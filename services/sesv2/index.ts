/**
 * SES v2: identities with verification, DKIM and MAIL FROM, the sandbox,
 * sending (simple, raw MIME parsed with mailparser, templates), bulk sending,
 * configuration sets with event destinations (SNS, EventBridge), the mailbox
 * simulator, the account suppression list, contact lists, account and quota.
 * Its backend holds the state SES v1 (services/ses) shares.
 */
import type { ServiceModule } from '../../src/core/service';
import { SesBackend } from './models/backend';
import { handlers } from './responses';
import { spec } from './spec';

const service: ServiceModule<SesBackend> = {
  spec,
  handlers,
  createBackend: (ctx) => new SesBackend(ctx),
  validation: { code: 'BadRequestException' },
};
export default service;
