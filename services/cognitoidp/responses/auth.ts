/** Sign-in: InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge (and Admin), sign-out and token revocation. */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { HandlerTable } from '../../../src/core/service';
import { AwsError } from '../../../src/core/errors';
import {
  badCredentials,
  codeMismatch,
  invalidParameter,
  notAuthorized,
  unsupportedTokenType,
} from '../exceptions';
import type { CognitoIdpBackend, ChallengeSession } from '../models/backend';
import { checkPassword } from '../models/password';
import { expectedSignature, SRP_TIMESTAMP, signatureMatches, srpStart } from '../models/srp';
import { validity } from '../models/tokens';
import { totpMatches } from '../models/totp';
import type { CognitoidpOperations } from '../types';
import { signOutEverywhere, writeAttributes } from './admin-users';
import {
  afterPassword,
  type AuthAnswer,
  checkEnabled,
  finishSignIn,
  type FlowContext,
  mfaOrTokens,
  preAuthentication,
  signInUser,
} from './auth-steps';
import { checkSecretHash, type Ctx, secretMatches } from './common';
import { guardSignIn } from './auth-events';
import { customAuthStart, customAuthAnswer } from './custom-auth';
import { devicePasswordVerifier, deviceSrpStart } from './device-auth';
import { selectChallenge, userAuthStart } from './user-auth';
import { webAuthnAnswer } from './webauthn';

const ADMIN_FLOWS = new Set(['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);

function flowAllowed(f: FlowContext, flow: string): void {
  const flows = new Set(f.client.ExplicitAuthFlows ?? []);
  const legacy = [...flows].some((x) => !x.startsWith('ALLOW_'));
  const ok = (() => {
    switch (flow) {
      case 'USER_PASSWORD_AUTH':
        return flows.has('ALLOW_USER_PASSWORD_AUTH') || flows.has('USER_PASSWORD_AUTH');
      case 'ADMIN_USER_PASSWORD_AUTH':
      case 'ADMIN_NO_SRP_AUTH':
        return flows.has('ALLOW_ADMIN_USER_PASSWORD_AUTH') || flows.has('ADMIN_NO_SRP_AUTH');
      case 'USER_SRP_AUTH':
        return flows.has('ALLOW_USER_SRP_AUTH') || legacy;
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        return flows.has('ALLOW_REFRESH_TOKEN_AUTH') || legacy;
      case 'CUSTOM_AUTH':
        return flows.has('ALLOW_CUSTOM_AUTH') || flows.has('CUSTOM_AUTH_FLOW_ONLY');
      case 'USER_AUTH':
        return flows.has('ALLOW_USER_AUTH');
      default:
        return false;
    }
  })();
  if (!ok) {
    throw invalidParameter(flow === 'USER_PASSWORD_AUTH' ? 'USER_PASSWORD_AUTH flow not enabled for this client' : 'Auth flow not enabled for this client');
  }
}

async function passwordFlow(f: FlowContext, params: Record<string, string>): Promise<AuthAnswer> {
  const user = signInUser(f, params.USERNAME);
  checkSecretHash(f.client, params.USERNAME, params.SECRET_HASH);
  checkEnabled(user);
  await preAuthentication(f, user);
  // An imported user (CSV import) has no password yet: it must reset one first.
  if (user.password === undefined && user.status === 'RESET_REQUIRED') {
    throw new AwsError('PasswordResetRequiredException', 'Password reset required for the user', { status: 400 });
  }
  if (user.password === undefined || user.password !== params.PASSWORD) throw badCredentials();
  return afterPassword(f, user, params.DEVICE_KEY);
}

export async function srpFlow(f: FlowContext, params: Record<string, string>): Promise<AuthAnswer> {
  const user = signInUser(f, params.USERNAME);
  checkSecretHash(f.client, params.USERNAME, params.SECRET_HASH);
  checkEnabled(user);
  if (!params.SRP_A) throw invalidParameter('Missing required parameter SRP_A');
  const state = srpStart(params.SRP_A, f.pool.srpName, user.username, user.password ?? '');
  if (!state) throw notAuthorized('Invalid SRP_A value.');
  // The secret block carries the challenge state back: the client echoes it as PASSWORD_CLAIM_SECRET_BLOCK.
  const secretBlock = randomBytes(512).toString('base64');
  f.ctx.backend.sessions.set(secretBlock, {
    poolId: f.pool.id,
    clientId: f.client.ClientId,
    username: user.username,
    challenge: 'PASSWORD_VERIFIER',
    expires: clock.now() + (f.client.AuthSessionValidity ?? 3) * 60_000,
    srp: state,
    clientMetadata: f.clientMetadata,
  });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: state.salt.toString(16),
      SRP_B: state.B.toString(16),
      SECRET_BLOCK: secretBlock,
      USER_ID_FOR_SRP: user.username,
      USERNAME: user.username,
    },
  };
}

/** The live refresh session a token names, or Cognito's refusal (`reuse` is the error for a token rotated out). */
function refreshSession(f: FlowContext, token: string, reuse: () => Error) {
  const session = f.pool.refreshTokens.get(token);
  if (!session || session.revoked || session.clientId !== f.client.ClientId) throw notAuthorized('Invalid Refresh Token');
  if (session.rotatedUntil !== undefined && session.rotatedUntil <= clock.now()) throw reuse();
  if (session.issuedAt + validity(f.client).refresh * 1000 <= clock.now()) throw notAuthorized('Refresh Token has expired');
  const user = f.pool.byUsername(session.username);
  if (!user) throw notAuthorized('Invalid Refresh Token');
  return { session, user };
}

async function refreshFlow(f: FlowContext, params: Record<string, string>): Promise<AuthAnswer> {
  const token = params.REFRESH_TOKEN;
  if (!token) throw invalidParameter('Missing required parameter REFRESH_TOKEN');
  const { session, user } = refreshSession(f, token, () => notAuthorized('Invalid Refresh Token'));
  checkSecretHash(f.client, params.USERNAME ?? user.username, params.SECRET_HASH);
  checkEnabled(user);
  const AuthenticationResult = await finishSignIn(f, user, 'TokenGeneration_RefreshTokens', { originJti: session.originJti, authTime: session.authTime });
  return { ChallengeParameters: {}, AuthenticationResult };
}

async function initiate(f: FlowContext, flow: string, params: Record<string, string>): Promise<AuthAnswer> {
  flowAllowed(f, flow);
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      return passwordFlow(f, params);
    case 'USER_SRP_AUTH':
      return srpFlow(f, params);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshFlow(f, params);
    case 'CUSTOM_AUTH':
      return customAuthStart(f, params);
    case 'USER_AUTH':
      return userAuthStart(f, params, srpFlow);
    default:
      throw invalidParameter(`Initiate Auth method not supported.`);
  }
}

async function respond(f: FlowContext, name: string, sessionId: string | undefined, responses: Record<string, string>): Promise<AuthAnswer> {
  if (name === 'PASSWORD_VERIFIER') {
    const session = f.ctx.backend.takeSession(responses.PASSWORD_CLAIM_SECRET_BLOCK, f.client.ClientId);
    return passwordVerifier(f, session, responses);
  }
  const session = f.ctx.backend.takeSession(sessionId, f.client.ClientId);
  if (session.challenge !== name) throw invalidParameter(`Invalid challenge name: expected ${session.challenge}.`);
  const user = f.pool.byUsername(session.username);
  if (!user) throw notAuthorized('Invalid session for the user.');
  checkSecretHash(f.client, responses.USERNAME ?? user.username, responses.SECRET_HASH);
  f.clientMetadata ??= session.clientMetadata;
  switch (name) {
    case 'NEW_PASSWORD_REQUIRED': {
      const password = responses.NEW_PASSWORD;
      if (!password) throw invalidParameter('Missing required parameter NEW_PASSWORD');
      checkPassword(f.pool.settings.Policies?.PasswordPolicy ?? {}, password);
      const attrs = Object.entries(responses)
        .filter(([k]) => k.startsWith('userAttributes.'))
        .map(([k, v]) => ({ Name: k.slice('userAttributes.'.length), Value: v }));
      const missing = [...f.pool.schema.values()].filter(
        (d) => d.Required && d.Name !== 'sub' && !user.attributes.has(d.Name ?? '') && !attrs.some((a) => a.Name === d.Name),
      );
      if (missing.length) {
        throw invalidParameter(`Invalid attributes given, ${missing.map((d) => d.Name).join(', ')} is missing`);
      }
      if (attrs.length) writeAttributes(f.pool, user, attrs);
      user.password = password;
      user.status = 'CONFIRMED';
      user.temporaryPasswordExpires = undefined;
      user.touch();
      return mfaOrTokens(f, user, 'TokenGeneration_NewPasswordChallenge');
    }
    case 'SOFTWARE_TOKEN_MFA': {
      if (!user.totpSecret || !totpMatches(user.totpSecret, responses.SOFTWARE_TOKEN_MFA_CODE ?? '', clock.now())) {
        throw codeMismatch('Invalid code received for user');
      }
      return { ChallengeParameters: {}, AuthenticationResult: await finishSignIn(f, user, 'TokenGeneration_Authentication') };
    }
    case 'SMS_MFA':
    case 'SMS_OTP':
    case 'EMAIL_OTP': {
      const code = name === 'SMS_MFA' ? responses.SMS_MFA_CODE : name === 'SMS_OTP' ? responses.SMS_OTP_CODE : responses.EMAIL_OTP_CODE;
      if (!session.mfaCode || code !== session.mfaCode) throw codeMismatch('Invalid code or auth state for the user.');
      return { ChallengeParameters: {}, AuthenticationResult: await finishSignIn(f, user, 'TokenGeneration_Authentication') };
    }
    case 'MFA_SETUP': {
      if (!user.totpVerified) throw invalidParameter('Software token MFA has not been set up for the user.');
      return { ChallengeParameters: {}, AuthenticationResult: await finishSignIn(f, user, 'TokenGeneration_Authentication') };
    }
    case 'CUSTOM_CHALLENGE':
      return customAuthAnswer(f, user, session, responses);
    case 'SELECT_CHALLENGE':
      return selectChallenge(f, user, responses, srpFlow);
    case 'WEB_AUTHN':
      return webAuthnAnswer(f, user, session, responses);
    case 'DEVICE_SRP_AUTH':
      return deviceSrpStart(f, user, session, responses);
    case 'DEVICE_PASSWORD_VERIFIER':
      return devicePasswordVerifier(f, user, session, responses);
    default:
      throw invalidParameter(`Invalid challenge name ${name}`);
  }
}

async function passwordVerifier(f: FlowContext, session: ChallengeSession, responses: Record<string, string>): Promise<AuthAnswer> {
  const user = f.pool.byUsername(session.username);
  if (!user || !session.srp) throw notAuthorized('Invalid session for the user.');
  checkSecretHash(f.client, responses.USERNAME ?? user.username, responses.SECRET_HASH);
  const timestamp = responses.TIMESTAMP ?? '';
  if (!SRP_TIMESTAMP.test(timestamp)) throw invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
  const expected = expectedSignature(session.srp, f.pool.srpName, user.username, Buffer.from(responses.PASSWORD_CLAIM_SECRET_BLOCK ?? '', 'base64'), timestamp);
  f.clientMetadata ??= session.clientMetadata;
  await preAuthentication(f, user);
  if (!signatureMatches(expected, responses.PASSWORD_CLAIM_SIGNATURE ?? '')) throw badCredentials();
  return afterPassword(f, user, responses.DEVICE_KEY);
}

const MFA_CHALLENGES = new Set(['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
/** Refresh flows are no sign-in: threat protection records no event for them. */
const signInName = (flow: string, params: Record<string, string> | undefined) => (flow.startsWith('REFRESH_TOKEN') ? undefined : params?.USERNAME);

function adminPoolClient(ctx: Ctx, poolId: string, clientId: string) {
  ctx.backend.pool(poolId);
  return ctx.backend.client(clientId, poolId);
}

export const auth: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  InitiateAuth(input, ctx) {
    const { pool, client } = ctx.backend.client(input.ClientId);
    if (ADMIN_FLOWS.has(input.AuthFlow)) throw invalidParameter('Initiate Auth method not supported.');
    const f: FlowContext = { ctx, pool, client, clientMetadata: input.ClientMetadata };
    const source = { name: signInName(input.AuthFlow, input.AuthParameters), ip: input.UserContextData?.IpAddress };
    return guardSignIn(f, source, () => initiate(f, input.AuthFlow, input.AuthParameters ?? {}));
  },

  AdminInitiateAuth(input, ctx) {
    const { pool, client } = adminPoolClient(ctx, input.UserPoolId, input.ClientId);
    if (input.AuthFlow === 'USER_PASSWORD_AUTH') throw invalidParameter('Initiate Auth method not supported.');
    const f: FlowContext = { ctx, pool, client, clientMetadata: input.ClientMetadata };
    const source = { name: signInName(input.AuthFlow, input.AuthParameters), ip: input.ContextData?.IpAddress };
    return guardSignIn(f, source, () => initiate(f, input.AuthFlow, input.AuthParameters ?? {}));
  },

  RespondToAuthChallenge(input, ctx) {
    const { pool, client } = ctx.backend.client(input.ClientId);
    const f: FlowContext = { ctx, pool, client, clientMetadata: input.ClientMetadata };
    const source = { name: input.ChallengeResponses?.USERNAME, ip: input.UserContextData?.IpAddress, mfa: MFA_CHALLENGES.has(input.ChallengeName) };
    return guardSignIn(f, source, () => respond(f, input.ChallengeName, input.Session, input.ChallengeResponses ?? {}));
  },

  AdminRespondToAuthChallenge(input, ctx) {
    const { pool, client } = adminPoolClient(ctx, input.UserPoolId, input.ClientId);
    const f: FlowContext = { ctx, pool, client, clientMetadata: input.ClientMetadata };
    const source = { name: input.ChallengeResponses?.USERNAME, ip: input.ContextData?.IpAddress, mfa: MFA_CHALLENGES.has(input.ChallengeName) };
    return guardSignIn(f, source, () => respond(f, input.ChallengeName, input.Session, input.ChallengeResponses ?? {}));
  },

  /**
   * New tokens from a refresh token; with the client's refresh token rotation
   * ENABLED also a new refresh token, the old one staying valid for the
   * client's RetryGracePeriodSeconds (then RefreshTokenReuseException).
   */
  async GetTokensFromRefreshToken(input, ctx) {
    const { pool, client } = ctx.backend.client(input.ClientId);
    if (client.ClientSecret && !secretMatches(client, input.ClientSecret)) {
      throw notAuthorized(`Unable to verify client secret for client ${client.ClientId}`);
    }
    const f: FlowContext = { ctx, pool, client, clientMetadata: input.ClientMetadata };
    const { session, user } = refreshSession(f, input.RefreshToken, () => new AwsError('RefreshTokenReuseException', 'Refresh token has been rotated.', { status: 400 }));
    checkEnabled(user);
    const rotation = client.RefreshTokenRotation;
    const rotate = rotation?.Feature === 'ENABLED';
    const result = await finishSignIn(f, user, 'TokenGeneration_RefreshTokens', { originJti: session.originJti, authTime: session.authTime, rotate });
    if (rotate && session.rotatedUntil === undefined) session.rotatedUntil = clock.now() + (rotation?.RetryGracePeriodSeconds ?? 0) * 1000;
    return { AuthenticationResult: result };
  },

  GlobalSignOut(input, ctx) {
    const { pool, user } = ctx.backend.accessTokenUser(input.AccessToken);
    signOutEverywhere(pool, user);
    return {};
  },

  RevokeToken(input, ctx) {
    const { pool, client } = ctx.backend.client(input.ClientId);
    if (client.ClientSecret && !secretMatches(client, input.ClientSecret)) {
      throw new AwsError('UnauthorizedException', 'Client authentication failed.', { status: 401 });
    }
    if (client.EnableTokenRevocation === false) {
      throw new AwsError('UnsupportedOperationException', 'Token revocation is not enabled for this client.', { status: 400 });
    }
    if (input.Token.split('.').length === 3) throw unsupportedTokenType('Unsupported token type.');
    const session = pool.refreshTokens.get(input.Token);
    // Revoking a token the client does not own (or an unknown one) changes nothing, as RFC 7009 has it.
    if (session && session.clientId === client.ClientId) {
      session.revoked = true;
      pool.revokedOrigins.add(session.originJti);
    }
    return {};
  },
};
