/**
 * Choice-based sign-in (AuthFlow USER_AUTH): the first factors the pool's
 * SignInPolicy allows and the user can use (PASSWORD and PASSWORD_SRP with a
 * password, EMAIL_OTP with a verified email, SMS_OTP with a verified phone
 * number). With PREFERRED_CHALLENGE the flow starts there; otherwise Cognito
 * answers SELECT_CHALLENGE with the AvailableChallenges, and the ANSWER picks one.
 * WEB_AUTHN (a user with a registered passkey) is in webauthn.ts.
 */
import type { HandlerTable } from '../../../src/core/service';
import { badCredentials, invalidParameter } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { UserPool } from '../models/pool';
import type { PoolUser } from '../models/user';
import type { CognitoidpOperations } from '../types';
import { afterPassword, type AuthAnswer, challenge, checkEnabled, type FlowContext, preAuthentication, signInUser } from './auth-steps';
import { checkSecretHash, maskDestination, userOf } from './common';
import { passkeysOf, webAuthnChallenge } from './webauthn';

/** The first factors a user can sign in with, in Cognito's order. */
export function availableFactors(pool: UserPool, user: PoolUser): string[] {
  const allowed = new Set(pool.settings.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD']);
  const out: string[] = [];
  if (allowed.has('PASSWORD') && user.password !== undefined) out.push('PASSWORD', 'PASSWORD_SRP');
  if (allowed.has('EMAIL_OTP') && user.attributes.get('email_verified') === 'true') out.push('EMAIL_OTP');
  if (allowed.has('SMS_OTP') && user.attributes.get('phone_number_verified') === 'true') out.push('SMS_OTP');
  if (allowed.has('WEB_AUTHN') && passkeysOf(pool, user).size > 0) out.push('WEB_AUTHN');
  return out;
}

/** The sign-in factors the user has configured (GetUserAuthFactors): the choices without the SRP variant. */
function configuredFactors(pool: UserPool, user: PoolUser): string[] {
  return availableFactors(pool, user).filter((f) => f !== 'PASSWORD_SRP');
}

/** Start the chosen factor; PASSWORD_SRP is USER_SRP_AUTH's exchange, answered with PASSWORD_VERIFIER. */
async function runChoice(
  f: FlowContext,
  user: PoolUser,
  choice: string,
  params: Record<string, string>,
  srp: (f: FlowContext, params: Record<string, string>) => Promise<AuthAnswer>,
): Promise<AuthAnswer> {
  switch (choice) {
    case 'PASSWORD': {
      if (!params.PASSWORD) throw invalidParameter('Missing required parameter PASSWORD');
      await preAuthentication(f, user);
      if (user.password === undefined || user.password !== params.PASSWORD) throw badCredentials();
      return afterPassword(f, user, params.DEVICE_KEY);
    }
    case 'PASSWORD_SRP':
      if (!params.SRP_A) throw invalidParameter('Missing required parameter SRP_A');
      return srp(f, { USERNAME: user.username, SRP_A: params.SRP_A, SECRET_HASH: params.SECRET_HASH ?? '' });
    case 'EMAIL_OTP':
    case 'SMS_OTP': {
      const medium = choice === 'EMAIL_OTP' ? 'EMAIL' : 'SMS';
      const destination = user.attributes.get(medium === 'EMAIL' ? 'email' : 'phone_number') ?? '';
      const code = user.newCode('MFA', 3 * 60_000);
      f.ctx.backend.recordCode(f.pool, user, 'MFA', code, medium);
      return challenge(f, user, choice, { CODE_DELIVERY_DELIVERY_MEDIUM: medium, CODE_DELIVERY_DESTINATION: maskDestination(medium, destination) }, { mfaCode: code });
    }
    case 'WEB_AUTHN':
      return webAuthnChallenge(f, user);
    default:
      throw invalidParameter(`The challenge ${choice} is not available for this user.`);
  }
}

export async function userAuthStart(
  f: FlowContext,
  params: Record<string, string>,
  srp: (f: FlowContext, params: Record<string, string>) => Promise<AuthAnswer>,
): Promise<AuthAnswer> {
  const user = signInUser(f, params.USERNAME);
  checkSecretHash(f.client, params.USERNAME, params.SECRET_HASH);
  checkEnabled(user);
  const available = availableFactors(f.pool, user);
  const preferred = params.PREFERRED_CHALLENGE;
  if (preferred && available.includes(preferred)) return runChoice(f, user, preferred, params, srp);
  if (!available.length) throw invalidParameter('No sign-in method is available for the user.');
  return { ...challenge(f, user, 'SELECT_CHALLENGE', {}), AvailableChallenges: available };
}

/** The SELECT_CHALLENGE answer: one of the available challenges, with what that challenge needs. */
export function selectChallenge(
  f: FlowContext,
  user: PoolUser,
  responses: Record<string, string>,
  srp: (f: FlowContext, params: Record<string, string>) => Promise<AuthAnswer>,
): Promise<AuthAnswer> {
  const answer = responses.ANSWER;
  if (!answer) throw invalidParameter('Missing required parameter ANSWER');
  if (!availableFactors(f.pool, user).includes(answer)) throw invalidParameter(`The challenge ${answer} is not available for this user.`);
  return runChoice(f, user, answer, responses, srp);
}

function authFactors(pool: UserPool, user: PoolUser) {
  return {
    Username: user.username,
    PreferredMfaSetting: user.mfa.preferred,
    UserMFASettingList: user.mfaSettingList(),
    ConfiguredUserAuthFactors: configuredFactors(pool, user),
  };
}

export const userAuthFactors: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  GetUserAuthFactors(input, ctx) {
    const { pool, user } = ctx.backend.accessTokenUser(input.AccessToken);
    return authFactors(pool, user);
  },

  AdminGetUserAuthFactors(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    return authFactors(pool, userOf(pool, input.Username));
  },
};
