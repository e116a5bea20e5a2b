/** Access keys, login profiles and ChangePassword: the credentials a user signs in or signs requests with. */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { entityAlreadyExists, invalidInput, noSuchEntity, quota } from '../exceptions';
import type { IamBackend } from '../models/backend';
import type { AccessKey, PasswordPolicy, User } from '../models/entities';
import { newId } from '../models/ids';
import { pageOf } from '../models/store';
import type { IamOperations } from '../types';
import {
  date,
  pageFields,
} from './common';
import { callingUser, userOrCaller } from './users';

const secret = () => randomBytes(30).toString('base64').slice(0, 40);

function accessKey(user: User, id: string): AccessKey {
  const key = user.accessKeys.find((k) => k.id === id);
  if (!key) throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
  return key;
}

/** The account password policy, or AWS's default one when none is set. */
function checkPassword(policy: PasswordPolicy | undefined, password: string): void {
  const violation = (m: string) => new AwsError('PasswordPolicyViolation', m);
  if (!policy) {
    const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
    if (password.length < 8 || kinds < 3) {
      throw violation('Password does not conform to the account password policy.');
    }
    return;
  }
  if (password.length < policy.MinimumPasswordLength) {
    throw violation(`Password should have a minimum length of ${policy.MinimumPasswordLength}`);
  }
  if (policy.RequireUppercaseCharacters && !/[A-Z]/.test(password)) throw violation('Password should have at least one uppercase letter');
  if (policy.RequireLowercaseCharacters && !/[a-z]/.test(password)) throw violation('Password should have at least one lowercase letter');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw violation('Password should have at least one number');
  if (policy.RequireSymbols && !/[^A-Za-z0-9]/.test(password)) throw violation('Password should have at least one symbol');
}

export const accessKeyHandlers: HandlerTable<IamOperations, IamBackend> = {
  CreateAccessKey(input, ctx) {
    const b = ctx.backend;
    const user = userOrCaller(ctx, input.UserName);
    if (user.accessKeys.length >= 2) throw quota('AccessKeysPerUser', 2);
    const key: AccessKey = { id: newId('accessKey'), secret: secret(), status: 'Active', created: clock.now(), userName: user.name };
    user.accessKeys.push(key);
    b.accessKeys.set(key.id, key);
    b.registerKeys(user, ctx.credentials);
    return {
      AccessKey: { UserName: user.name, AccessKeyId: key.id, Status: key.status, SecretAccessKey: key.secret, CreateDate: date(key.created) },
    };
  },

  DeleteAccessKey(input, ctx) {
    const b = ctx.backend;
    const user = userOrCaller(ctx, input.UserName);
    const key = accessKey(user, input.AccessKeyId);
    user.accessKeys = user.accessKeys.filter((k) => k !== key);
    b.accessKeys.delete(key.id);
    b.revokeKey(key, user, ctx.credentials);
  },

  UpdateAccessKey(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    const key = accessKey(user, input.AccessKeyId);
    key.status = input.Status as AccessKey['status'];
    ctx.backend.registerKeys(user, ctx.credentials);
  },

  ListAccessKeys(input, ctx) {
    if (input.UserName === undefined && !callingUser(ctx)) return { AccessKeyMetadata: [], IsTruncated: false };
    const user = userOrCaller(ctx, input.UserName);
    const page = pageOf(user.accessKeys, input.Marker, input.MaxItems, (k) => k.id);
    return {
      AccessKeyMetadata: page.items.map((k) => ({ UserName: user.name, AccessKeyId: k.id, Status: k.status, CreateDate: date(k.created) })),
      ...pageFields(page),
    };
  },

  GetAccessKeyLastUsed(input, ctx) {
    const key = ctx.backend.accessKeys.get(input.AccessKeyId);
    if (!key) throw noSuchEntity(`The Access Key with id ${input.AccessKeyId} cannot be found.`);
    return {
      UserName: key.userName,
      AccessKeyLastUsed: key.lastUsed
        ? { LastUsedDate: date(key.lastUsed.date), ServiceName: key.lastUsed.service, Region: key.lastUsed.region }
        : { ServiceName: 'N/A', Region: 'N/A' },
    };
  },

  CreateLoginProfile(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    if (user.loginProfile) throw entityAlreadyExists(`Login Profile for user ${user.name} already exists.`);
    if (input.Password === undefined) throw invalidInput('Password is required.');
    checkPassword(ctx.backend.passwordPolicy, input.Password);
    user.loginProfile = { created: clock.now(), resetRequired: input.PasswordResetRequired ?? false, password: input.Password };
    return { LoginProfile: { UserName: user.name, CreateDate: date(user.loginProfile.created), PasswordResetRequired: user.loginProfile.resetRequired } };
  },

  GetLoginProfile(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    const profile = user.loginProfile;
    if (!profile) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    return { LoginProfile: { UserName: user.name, CreateDate: date(profile.created), PasswordResetRequired: profile.resetRequired } };
  },

  UpdateLoginProfile(input, ctx) {
    const user = ctx.backend.user(input.UserName);
    const profile = user.loginProfile;
    if (!profile) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    if (input.Password !== undefined) checkPassword(ctx.backend.passwordPolicy, input.Password);
    if (input.Password !== undefined) profile.password = input.Password;
    if (input.PasswordResetRequired !== undefined) profile.resetRequired = input.PasswordResetRequired;
  },

  DeleteLoginProfile(input, ctx) {
    const user = userOrCaller(ctx, input.UserName);
    if (!user.loginProfile) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    user.loginProfile = undefined;
  },

  ChangePassword(input, ctx) {
    const user = callingUser(ctx);
    if (!user) throw new AwsError('InvalidUserType', 'Only IAM Users can change their own password.');
    const profile = user.loginProfile;
    if (!profile) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    if (ctx.backend.passwordPolicy && !ctx.backend.passwordPolicy.AllowUsersToChangePassword) {
      throw new AwsError('AccessDenied', 'Users are not allowed to change their own password.', { status: 403 });
    }
    if (profile.password !== input.OldPassword) throw invalidInput('The old password is incorrect.');
    checkPassword(ctx.backend.passwordPolicy, input.NewPassword);
    profile.password = input.NewPassword;
    profile.resetRequired = false;
  }
};
