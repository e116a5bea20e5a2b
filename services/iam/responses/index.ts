/** IAM's handler table, keyed by the model's operation names: one family of operations per file. */
import { AwsError } from '../../../src/core/errors';
import type { Handler, HandlerTable } from '../../../src/core/service';
import type { IamBackend } from '../models/backend';
import type { IamOperations } from '../types';
import { accessKeyHandlers } from './access-keys';
import { accountHandlers } from './account';
import type { Ctx } from './common';
import { mfaHandlers } from './mfa';
import { policyHandlers } from './policies';
import { providerHandlers } from './providers';
import { roleHandlers } from './roles';
import { simulateHandlers } from './simulate';
import { userKeyHandlers } from './user-keys';
import { userHandlers } from './users';

const table: HandlerTable<IamOperations, IamBackend> = {
  ...userHandlers,
  ...roleHandlers,
  ...policyHandlers,
  ...accessKeyHandlers,
  ...mfaHandlers,
  ...userKeyHandlers,
  ...providerHandlers,
  ...accountHandlers,
  ...simulateHandlers,
};

/**
 * A call signed with an access key IAM made Inactive or deleted is refused
 * before it does anything, as AWS refuses it.
 */
function refuseDisabledKeys(handler: Handler<any, any, IamBackend>): Handler<any, any, IamBackend> {
  return (input, ctx: Ctx) => {
    const issued = ctx.accessKeyId ? ctx.credentials.lookup(ctx.accessKeyId) : undefined;
    if (issued?.disabled) {
      throw new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', { status: 403 });
    }
    if (ctx.accessKeyId) ctx.backend.noteAccessKeyUsed(ctx.accessKeyId, 'iam', ctx.region);
    return handler(input, ctx);
  };
}

export const handlers: Record<string, Handler<any, any, IamBackend> | undefined> = Object.fromEntries(
  Object.entries(table).map(([name, handler]) => [name, handler && refuseDisabledKeys(handler as Handler<any, any, IamBackend>)]),
);
