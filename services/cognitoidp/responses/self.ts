/** Operations a signed-in user makes with their access token: profile, attributes, password, MFA. */
import { clock } from '../../../src/core/clock';
import type { HandlerTable } from '../../../src/core/service';
import { badCredentials, enableSoftwareTokenMfa, invalidParameter, notAuthorized, softwareTokenNotFound } from '../exceptions';
import { recordActivity } from '../models/auth-events';
import type { CognitoIdpBackend } from '../models/backend';
import { checkPassword } from '../models/password';
import { newTotpSecret, totpMatches } from '../models/totp';
import type { PoolUser } from '../models/user';
import type { CognitoidpOperations } from '../types';
import { deleteAttributes, mfaView, writeAttributes } from './admin-users';
import { consumeCode, type Ctx, sendCode, userOf } from './common';

/** The user behind an access token, or behind an MFA_SETUP session (AssociateSoftwareToken / VerifySoftwareToken). */
function tokenOrSessionUser(ctx: Ctx, accessToken: string | undefined, session: string | undefined): { user: PoolUser; session?: string } {
  if (accessToken) return { user: ctx.backend.accessTokenUser(accessToken).user };
  const s = session ? ctx.backend.sessions.get(session) : undefined;
  if (!s || s.expires <= clock.now()) throw notAuthorized('Invalid session for the user.');
  return { user: userOf(ctx.backend.pool(s.poolId), s.username), session };
}

function setMfa(user: PoolUser, sms?: { Enabled?: boolean; PreferredMfa?: boolean }, totp?: { Enabled?: boolean; PreferredMfa?: boolean }, email?: { Enabled?: boolean; PreferredMfa?: boolean }): void {
  if (totp?.Enabled && !user.totpVerified) throw invalidParameter('User has not verified software token mfa');
  if (sms?.Enabled && !user.attributes.has('phone_number')) throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
  if (email?.Enabled && !user.attributes.has('email')) throw invalidParameter('User does not have delivery config set to turn on EMAIL_OTP');
  const apply = (key: 'sms' | 'totp' | 'email', name: string, s?: { Enabled?: boolean; PreferredMfa?: boolean }) => {
    if (!s) return;
    if (s.Enabled !== undefined) user.mfa[key] = s.Enabled;
    if (s.PreferredMfa) user.mfa.preferred = name;
    else if (user.mfa.preferred === name && (s.PreferredMfa === false || s.Enabled === false)) user.mfa.preferred = undefined;
  };
  apply('sms', 'SMS_MFA', sms);
  apply('totp', 'SOFTWARE_TOKEN_MFA', totp);
  apply('email', 'EMAIL_OTP', email);
  user.touch();
}

export const self: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  GetUser(input, ctx) {
    const { user } = ctx.backend.accessTokenUser(input.AccessToken);
    return { Username: user.username, UserAttributes: user.attributeList(), ...mfaView(user) };
  },

  DeleteUser(input, ctx) {
    const { pool, user } = ctx.backend.accessTokenUser(input.AccessToken);
    pool.removeUser(user);
  },

  async UpdateUserAttributes(input, ctx) {
    const { pool, user } = ctx.backend.accessTokenUser(input.AccessToken);
    const changed = writeAttributes(pool, user, input.UserAttributes);
    const auto = pool.settings.AutoVerifiedAttributes ?? [];
    const details = [];
    for (const attr of changed) {
      if (!auto.includes(attr)) continue;
      const d = await sendCode(ctx, pool, user, `VERIFY:${attr}`, { attribute: attr, clientMetadata: input.ClientMetadata });
      if (d) details.push(d);
    }
    return { CodeDeliveryDetailsList: details.length ? details : undefined };
  },

  DeleteUserAttributes(input, ctx) {
    const { pool, user } = ctx.backend.accessTokenUser(input.AccessToken);
    deleteAttributes(pool, user, input.UserAttributeNames);
    return {};
  },

  ChangePassword(input, ctx) {
    const { pool, user } = ctx.backend.accessTokenUser(input.AccessToken);
    if (input.PreviousPassword !== undefined && input.PreviousPassword !== user.password) throw badCredentials();
    checkPassword(pool.settings.Policies?.PasswordPolicy ?? {}, input.ProposedPassword);
    user.password = input.ProposedPassword;
    user.touch();
    recordActivity(pool, user.username, 'PasswordChange');
    return {};
  },

  async GetUserAttributeVerificationCode(input, ctx) {
    const { pool, user } = ctx.backend.accessTokenUser(input.AccessToken);
    if (!['email', 'phone_number'].includes(input.AttributeName) || !user.attributes.has(input.AttributeName)) {
      throw invalidParameter(`User does not have an attribute ${input.AttributeName} to verify.`);
    }
    return { CodeDeliveryDetails: await sendCode(ctx, pool, user, `VERIFY:${input.AttributeName}`, { attribute: input.AttributeName, clientMetadata: input.ClientMetadata }) };
  },

  VerifyUserAttribute(input, ctx) {
    const { user } = ctx.backend.accessTokenUser(input.AccessToken);
    consumeCode(user, `VERIFY:${input.AttributeName}`, input.Code);
    user.attributes.set(`${input.AttributeName}_verified`, 'true');
    user.touch();
    return {};
  },

  AssociateSoftwareToken(input, ctx) {
    const { user, session } = tokenOrSessionUser(ctx, input.AccessToken, input.Session);
    user.totpSecret = newTotpSecret();
    user.totpVerified = false;
    return { SecretCode: user.totpSecret, Session: session };
  },

  VerifySoftwareToken(input, ctx) {
    const { user, session } = tokenOrSessionUser(ctx, input.AccessToken, input.Session);
    if (!user.totpSecret) throw softwareTokenNotFound('Software token MFA has not been associated with the user.');
    if (!totpMatches(user.totpSecret, input.UserCode, clock.now())) throw enableSoftwareTokenMfa('Code mismatch');
    user.totpVerified = true;
    // Verifying during MFA_SETUP turns TOTP on, as Cognito does for the sign-in that needed it.
    if (session) user.mfa.totp = true;
    user.touch();
    return { Status: 'SUCCESS', Session: session };
  },

  SetUserMFAPreference(input, ctx) {
    const { user } = ctx.backend.accessTokenUser(input.AccessToken);
    setMfa(user, input.SMSMfaSettings, input.SoftwareTokenMfaSettings, input.EmailMfaSettings);
    return {};
  },

  AdminSetUserMFAPreference(input, ctx) {
    const user = userOf(ctx.backend.pool(input.UserPoolId), input.Username);
    setMfa(user, input.SMSMfaSettings, input.SoftwareTokenMfaSettings, input.EmailMfaSettings);
    return {};
  },
};

