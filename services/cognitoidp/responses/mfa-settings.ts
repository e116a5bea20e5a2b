/**
 * The legacy MFA settings (AdminSetUserSettings / SetUserSettings: MFAOptions,
 * SMS only, as the API reference says) and AdminDeleteSoftwareToken.
 */
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { PoolUser } from '../models/user';
import type { CognitoidpOperations, MFAOptionType } from '../types';
import { userOf } from './common';

/** MFAOptions turn SMS MFA on (an SMS option for phone_number) or off (an empty list). */
function setMfaOptions(user: PoolUser, options: MFAOptionType[]): void {
  for (const option of options) {
    if (option.DeliveryMedium !== 'SMS') throw invalidParameter('Only SMS is supported as a delivery medium for MFA options; use SetUserMFAPreference.');
    if (option.AttributeName !== undefined && option.AttributeName !== 'phone_number') {
      throw invalidParameter('The attribute name for SMS MFA must be phone_number.');
    }
  }
  if (options.length && !user.attributes.has('phone_number')) throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
  user.mfaOptions = options.length ? [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] : [];
  user.mfa.sms = options.length > 0;
  if (!user.mfa.sms && user.mfa.preferred === 'SMS_MFA') user.mfa.preferred = undefined;
  user.touch();
}

export const mfaSettings: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  AdminSetUserSettings(input, ctx) {
    setMfaOptions(userOf(ctx.backend.pool(input.UserPoolId), input.Username), input.MFAOptions);
    return {};
  },

  SetUserSettings(input, ctx) {
    setMfaOptions(ctx.backend.accessTokenUser(input.AccessToken).user, input.MFAOptions);
    return {};
  },

  /**
   * Removes the TOTP registration and any TOTP preference; other factors stay.
   * The next sign-in falls back to them, or gets MFA_SETUP when the pool requires MFA.
   */
  AdminDeleteSoftwareToken(input, ctx) {
    const user = userOf(ctx.backend.pool(input.UserPoolId), input.Username);
    user.totpSecret = undefined;
    user.totpVerified = false;
    user.mfa.totp = false;
    if (user.mfa.preferred === 'SOFTWARE_TOKEN_MFA') user.mfa.preferred = undefined;
    user.touch();
    return {};
  },
};
