/** Admin user operations (IAM-authorized, by pool id and username). */
import { randomInt } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, notAuthorized, unsupportedUserState, usernameExists } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import { checkPassword, DEFAULT_PASSWORD_POLICY } from '../models/password';
import type { UserPool } from '../models/pool';
import { checkAttributes } from '../models/schema';
import { runTrigger } from '../models/triggers';
import type { PoolUser } from '../models/user';
import type { AttributeType, CognitoidpOperations, PasswordPolicyType } from '../types';
import { type Ctx, sendCode, userOf, userType } from './common';
import { planNewUser } from './new-user';
import { filterUsers } from './list-users';

/** A temporary password that satisfies the pool's policy (one of each class, then letters). */
function temporaryPassword(policy: PasswordPolicyType): string {
  const length = Math.max(policy.MinimumLength ?? DEFAULT_PASSWORD_POLICY.MinimumLength, 8);
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%&*+-=?@^_'];
  const chars = classes.map((c) => c[randomInt(c.length)]);
  while (chars.length < length) chars.push(classes[1][randomInt(classes[1].length)]);
  return chars.join('');
}

/**
 * Writes attributes after the checks: a changed email or phone number loses
 * its verified flag unless the caller sets it in the same call, and aliases stay unique.
 */
export function writeAttributes(pool: UserPool, user: PoolUser, attrs: AttributeType[]): string[] {
  checkAttributes(pool.schema, attrs, { update: true, existing: user.attributes });
  const unique = new Set([...(pool.settings.AliasAttributes ?? []), ...(pool.settings.UsernameAttributes ?? [])]);
  for (const { Name, Value } of attrs) {
    if (unique.has(Name) && Value && pool.holderOf(Name, Value, user)) {
      throw usernameExists(`An account with the given ${Name} already exists.`);
    }
  }
  const changedContacts: string[] = [];
  const given = new Set(attrs.map((a) => a.Name));
  for (const { Name, Value } of attrs) {
    const before = user.attributes.get(Name);
    user.attributes.set(Name, Value ?? '');
    if ((Name === 'email' || Name === 'phone_number') && before !== Value) {
      if (!given.has(`${Name}_verified`)) user.attributes.set(`${Name}_verified`, 'false');
      changedContacts.push(Name);
    }
  }
  user.touch();
  return changedContacts;
}

function mfaView(user: PoolUser) {
  const list = user.mfaSettingList();
  return {
    MFAOptions: user.mfaOptions.length ? user.mfaOptions : undefined,
    PreferredMfaSetting: user.preferredMfa(),
    UserMFASettingList: list.length ? list : undefined,
  };
}

export { mfaView };

export const adminUsers: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  async AdminCreateUser(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const policy = pool.settings.Policies?.PasswordPolicy ?? {};
    if (input.MessageAction === 'RESEND') {
      const user = userOf(pool, input.Username);
      if (user.status !== 'FORCE_CHANGE_PASSWORD') {
        throw unsupportedUserState(`Resend not possible. ${input.Username} status is not FORCE_CHANGE_PASSWORD.`);
      }
      user.password = input.TemporaryPassword ?? temporaryPassword(policy);
      user.temporaryPasswordExpires = clock.now() + (policy.TemporaryPasswordValidityDays ?? 7) * 86400_000;
      deliverTemporaryPassword(ctx, pool, user, input.DesiredDeliveryMediums);
      return { User: userType(user) };
    }
    const plan = planNewUser(pool, input.Username, input.UserAttributes, { signUp: false, existsMessage: 'User account already exists' });
    if (input.TemporaryPassword !== undefined) checkPassword(policy, input.TemporaryPassword);
    if (input.DesiredDeliveryMediums?.includes('EMAIL') && !plan.attributes.has('email') && input.MessageAction !== 'SUPPRESS') {
      throw invalidParameter('User has no attribute matching desired auto verified attributes');
    }
    await runTrigger(ctx.backend.ctx, {
      pool,
      name: 'PreSignUp',
      source: 'PreSignUp_AdminCreateUser',
      username: plan.username,
      request: { userAttributes: Object.fromEntries(plan.attributes), validationData: {}, clientMetadata: input.ClientMetadata ?? {} },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    const user = pool.addUser(plan.username, input.TemporaryPassword ?? temporaryPassword(policy), 'FORCE_CHANGE_PASSWORD', plan.sub);
    for (const [name, value] of plan.attributes) user.attributes.set(name, value);
    user.temporaryPasswordExpires = clock.now() + (policy.TemporaryPasswordValidityDays ?? 7) * 86400_000;
    if (input.MessageAction !== 'SUPPRESS') deliverTemporaryPassword(ctx, pool, user, input.DesiredDeliveryMediums);
    return { User: userType(user) };
  },

  AdminGetUser(input, ctx) {
    const user = userOf(ctx.backend.pool(input.UserPoolId), input.Username);
    return {
      Username: user.username,
      UserAttributes: user.attributeList(),
      UserCreateDate: new Date(user.created),
      UserLastModifiedDate: new Date(user.modified),
      Enabled: user.enabled,
      UserStatus: user.status,
      ...mfaView(user),
    };
  },

  AdminDeleteUser(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    pool.removeUser(userOf(pool, input.Username));
  },

  AdminDisableUser(input, ctx) {
    const user = userOf(ctx.backend.pool(input.UserPoolId), input.Username);
    user.enabled = false;
    user.touch();
    return {};
  },

  AdminEnableUser(input, ctx) {
    const user = userOf(ctx.backend.pool(input.UserPoolId), input.Username);
    user.enabled = true;
    user.touch();
    return {};
  },

  AdminUpdateUserAttributes(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    writeAttributes(pool, userOf(pool, input.Username), input.UserAttributes);
    return {};
  },

  AdminDeleteUserAttributes(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const user = userOf(pool, input.Username);
    deleteAttributes(pool, user, input.UserAttributeNames);
    return {};
  },

  AdminSetUserPassword(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const user = userOf(pool, input.Username);
    checkPassword(pool.settings.Policies?.PasswordPolicy ?? {}, input.Password);
    user.password = input.Password;
    user.status = input.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    if (!input.Permanent) {
      user.temporaryPasswordExpires = clock.now() + (pool.settings.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays ?? 7) * 86400_000;
    }
    user.touch();
    return {};
  },

  async AdminResetUserPassword(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const user = userOf(pool, input.Username);
    if (!user.enabled) throw notAuthorized('User is disabled.');
    user.status = 'RESET_REQUIRED';
    user.touch();
    await sendCode(ctx, pool, user, 'FORGOT_PASSWORD', { clientMetadata: input.ClientMetadata });
    return {};
  },

  async AdminConfirmSignUp(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const user = userOf(pool, input.Username);
    if (user.status !== 'UNCONFIRMED') throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
    user.status = 'CONFIRMED';
    user.codes.delete('SIGN_UP');
    user.touch();
    await runTrigger(ctx.backend.ctx, {
      pool,
      name: 'PostConfirmation',
      source: 'PostConfirmation_ConfirmSignUp',
      username: user.username,
      request: { userAttributes: Object.fromEntries(user.attributes), clientMetadata: input.ClientMetadata ?? {} },
    });
    return {};
  },

  ListUsers(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const { users, next } = filterUsers(pool, input.Filter, input.PaginationToken, input.Limit ?? 60);
    return { Users: users.map((u) => userType(u, input.AttributesToGet)), PaginationToken: next };
  },

  AdminUserGlobalSignOut(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    signOutEverywhere(pool, userOf(pool, input.Username));
    return {};
  },
};

/** Revokes every refresh token of the user and the access/ID tokens issued with them. */
export function signOutEverywhere(pool: UserPool, user: PoolUser): void {
  for (const session of pool.refreshTokens.values()) {
    if (session.username !== user.username) continue;
    session.revoked = true;
    pool.revokedOrigins.add(session.originJti);
  }
}

export function deleteAttributes(pool: UserPool, user: PoolUser, names: string[]): void {
  for (const name of names) {
    const def = pool.schema.get(name);
    if (!def) throw invalidParameter(`Invalid user attributes: ${name}: Attribute does not exist in the schema.\n`);
    if (def.Required || name === 'sub') throw invalidParameter(`Invalid user attributes: ${name}: Required attribute cannot be deleted.\n`);
  }
  for (const name of names) user.attributes.delete(name);
  user.touch();
}

/** The invitation: the temporary password, recorded as sent (purpose ADMIN_CREATE_USER) for the test to read. */
function deliverTemporaryPassword(ctx: Ctx, pool: UserPool, user: PoolUser, mediums: string[] | undefined): void {
  const medium = mediums?.includes('SMS') && user.attributes.has('phone_number') ? 'SMS' : 'EMAIL';
  ctx.backend.recordCode(pool, user, 'ADMIN_CREATE_USER', user.password ?? '', medium);
}
