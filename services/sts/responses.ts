/**
 * STS handlers. Credentials issued here are real to the fake: a client that
 * uses them is answered in the account of the role it assumed.
 */
import type { HandlerTable, RequestContext } from '../../src/core/service';
import { AwsError } from '../../src/core/errors';
import { parseArn, partitionOf } from '../../src/core/ids';
import { constraintFailure, validationError } from './exceptions';
import type { StsBackend } from './models';
import type { StsOperations } from './types';
import { readWebIdentity } from './web-identity';

type Ctx = RequestContext<StsBackend>;

const SESSION_NAME = /^[\w+=,.@-]*$/;

function checkLength(value: string | undefined, member: string, min: number, max: number): void {
  if (value === undefined) return;
  if (value.length < min) throw constraintFailure(value, member, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw constraintFailure(value, member, `Member must have length less than or equal to ${max}`);
}

function checkRange(value: number | undefined, member: string, min: number, max: number): void {
  if (value === undefined) return;
  if (value < min) throw constraintFailure(value, member, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraintFailure(value, member, `Member must have value less than or equal to ${max}`);
}

function checkSessionName(value: string, member: string): void {
  checkLength(value, member, 2, 64);
  if (!SESSION_NAME.test(value)) {
    throw constraintFailure(value, member, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
  }
}

function credentialsOf(session: ReturnType<StsBackend['issue']>) {
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: new Date(session.expires),
  };
}

/** What STS needs of IAM's backend (duck-typed: services reach each other only through backends). */
interface IamRoles {
  getRoleByArn(arn: string): { id: string; name: string; maxSessionDuration: number } | undefined;
  noteRoleUsed(arn: string, region: string): void;
}

/** The caller's ARN, as AWS names it in AccessDenied messages. */
function callerArn(ctx: Ctx): string {
  const issued = ctx.accessKeyId ? ctx.credentials.lookup(ctx.accessKeyId) : undefined;
  return issued?.arn ?? `arn:${partitionOf(ctx.region)}:iam::${ctx.account}:root`;
}

async function assumeRoleCommon(
  ctx: Ctx,
  roleArn: string,
  sessionName: string,
  durationSeconds: number | undefined,
  policy: string | undefined,
) {
  checkLength(roleArn, 'roleArn', 20, 2048);
  checkSessionName(sessionName, 'roleSessionName');
  checkRange(durationSeconds, 'durationSeconds', 900, 43200);
  const arn = parseArn(roleArn);
  if (!arn?.resource.startsWith('role/')) {
    throw validationError(`${roleArn} is invalid`);
  }
  const account = arn.account || ctx.account;
  // The role must exist in its account's IAM: AWS refuses a missing role as it refuses an untrusted caller.
  const iam = await ctx.backends.get<IamRoles>('iam', account);
  const role = iam.getRoleByArn(roleArn);
  if (!role) {
    throw new AwsError('AccessDenied', `User: ${callerArn(ctx)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, {
      status: 403,
    });
  }
  const duration = durationSeconds ?? 3600;
  if (duration > role.maxSessionDuration) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  if (duration > 3600 && /:assumed-role\//.test(callerArn(ctx))) {
    throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  const assumedArn = `arn:${partitionOf(ctx.region)}:sts::${account}:assumed-role/${role.name}/${sessionName}`;
  const session = ctx.backend.issue(
    ctx.credentials,
    { account, arn: assumedArn, userId: `${role.id}:${sessionName}` },
    duration,
  );
  iam.noteRoleUsed(roleArn, ctx.region);
  return {
    Credentials: credentialsOf(session),
    AssumedRoleUser: { AssumedRoleId: `${role.id}:${sessionName}`, Arn: assumedArn },
    // AWS reports the packed session policy size as a percentage of the limit.
    PackedPolicySize: policy ? Math.min(100, Math.ceil((policy.length / 2048) * 100)) : undefined,
    SourceIdentity: undefined as string | undefined,
  };
}

const table: HandlerTable<StsOperations, StsBackend> = {
  GetCallerIdentity(_input, ctx) {
    const issued = ctx.accessKeyId ? ctx.credentials.lookup(ctx.accessKeyId) : undefined;
    if (issued?.arn) return { Account: issued.account, Arn: issued.arn, UserId: issued.userId };
    return {
      Account: ctx.account,
      Arn: `arn:${partitionOf(ctx.region)}:iam::${ctx.account}:root`,
      UserId: ctx.account,
    };
  },

  async AssumeRole(input, ctx) {
    checkLength(input.ExternalId, 'externalId', 2, 1224);
    checkLength(input.Policy, 'policy', 1, 2048);
    const out = await assumeRoleCommon(ctx, input.RoleArn, input.RoleSessionName, input.DurationSeconds, input.Policy);
    out.SourceIdentity = input.SourceIdentity;
    return out;
  },

  async AssumeRoleWithWebIdentity(input, ctx) {
    checkLength(input.WebIdentityToken, 'webIdentityToken', 4, 20000);
    const identity = readWebIdentity(input.WebIdentityToken, input.ProviderId);
    const out = await assumeRoleCommon(ctx, input.RoleArn, input.RoleSessionName, input.DurationSeconds, input.Policy);
    return {
      ...out,
      SubjectFromWebIdentityToken: identity.subject,
      Provider: identity.provider,
      Audience: identity.audience,
      SourceIdentity: identity.sourceIdentity,
    };
  },

  GetSessionToken(input, ctx) {
    checkRange(input.DurationSeconds, 'durationSeconds', 900, 129600);
    const caller = table.GetCallerIdentity?.({}, ctx) as { Account: string; Arn: string; UserId: string };
    const session = ctx.backend.issue(
      ctx.credentials,
      { account: caller.Account, arn: caller.Arn, userId: caller.UserId },
      input.DurationSeconds ?? 43200,
    );
    return { Credentials: credentialsOf(session) };
  },

  GetFederationToken(input, ctx) {
    checkLength(input.Name, 'name', 2, 32);
    if (!SESSION_NAME.test(input.Name)) {
      throw constraintFailure(input.Name, 'name', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
    }
    checkRange(input.DurationSeconds, 'durationSeconds', 900, 129600);
    const arn = `arn:${partitionOf(ctx.region)}:sts::${ctx.account}:federated-user/${input.Name}`;
    const userId = `${ctx.account}:${input.Name}`;
    const session = ctx.backend.issue(
      ctx.credentials,
      { account: ctx.account, arn, userId },
      input.DurationSeconds ?? 43200,
    );
    return {
      Credentials: credentialsOf(session),
      FederatedUser: { FederatedUserId: userId, Arn: arn },
      PackedPolicySize: input.Policy ? Math.min(100, Math.ceil((input.Policy.length / 2048) * 100)) : undefined,
    };
  },

  GetAccessKeyInfo(input, ctx) {
    checkLength(input.AccessKeyId, 'accessKeyId', 16, 128);
    return { Account: ctx.credentials.accountOf(input.AccessKeyId) ?? ctx.account };
  },
};

/**
 * A call signed with an IAM access key that was made Inactive or deleted is
 * refused as AWS refuses it, before the operation runs.
 */
export const handlers: HandlerTable<StsOperations, StsBackend> = Object.fromEntries(
  Object.entries(table).map(([name, handler]) => [
    name,
    (input: unknown, ctx: Ctx) => {
      if (ctx.accessKeyId && ctx.credentials.lookup(ctx.accessKeyId)?.disabled) {
        throw new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', { status: 403 });
      }
      return (handler as (i: unknown, c: Ctx) => unknown)(input, ctx);
    },
  ]),
) as HandlerTable<StsOperations, StsBackend>;
