/**
 * The sign-in engine shared by InitiateAuth, AdminInitiateAuth and both
 * RespondToAuthChallenge operations: user checks in Cognito's order, the
 * challenges that may follow a verified password (NEW_PASSWORD_REQUIRED, MFA),
 * and the triggers around token issue.
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { badCredentials, invalidParameter, notAuthorized, userNotConfirmed, userNotFound } from '../exceptions';
import type { AppClient, UserPool } from '../models/pool';
import { type ClaimOverrides, issueTokens } from '../models/tokens';
import { preTokenVersion, runTrigger, userAttributesOf } from '../models/triggers';
import { newDevice } from '../models/device';
import type { PoolUser } from '../models/user';
import type { AuthenticationResultType } from '../types';
import { type Ctx, maskDestination } from './common';
import { deviceOf } from './devices';

export interface AuthAnswer {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: AuthenticationResultType;
  /** USER_AUTH's SELECT_CHALLENGE: the first factors the user can choose. */
  AvailableChallenges?: string[];
}

export interface FlowContext {
  ctx: Ctx;
  pool: UserPool;
  client: AppClient;
  clientMetadata?: Record<string, string>;
  /** The tracked device that proved itself (DEVICE_PASSWORD_VERIFIER): no new device is offered. */
  deviceKey?: string;
}

/** The user a sign-in names; Cognito's LEGACY user-existence errors unless the client prevents them. */
export function signInUser(f: FlowContext, username: string | undefined): PoolUser {
  if (!username) throw invalidParameter('Missing required parameter USERNAME');
  const user = f.pool.find(username);
  if (!user) throw f.client.PreventUserExistenceErrors === 'ENABLED' ? badCredentials() : userNotFound();
  return user;
}

export async function preAuthentication(f: FlowContext, user: PoolUser, validationData?: Record<string, string>): Promise<void> {
  await runTrigger(f.ctx.backend.ctx, {
    pool: f.pool,
    name: 'PreAuthentication',
    source: 'PreAuthentication_Authentication',
    clientId: f.client.ClientId,
    username: user.username,
    request: { userAttributes: userAttributesOf(user), validationData: validationData ?? {}, userNotFound: false },
  });
}

export function checkEnabled(user: PoolUser): void {
  if (!user.enabled) throw notAuthorized('User is disabled.');
}

/**
 * After the password (or its SRP proof) checked out: the user's state decides
 * what comes next. A sign-in from a tracked device (DEVICE_KEY) must then prove
 * the device with DEVICE_SRP_AUTH.
 */
export async function afterPassword(f: FlowContext, user: PoolUser, deviceKey?: string): Promise<AuthAnswer> {
  if (user.status === 'UNCONFIRMED') throw userNotConfirmed();
  if (user.status === 'RESET_REQUIRED') {
    throw new AwsError('PasswordResetRequiredException', 'Password reset required for the user', { status: 400 });
  }
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    if (user.temporaryPasswordExpires !== undefined && user.temporaryPasswordExpires <= clock.now()) {
      throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
    }
    const attrs = Object.fromEntries([...user.attributes].filter(([n]) => n !== 'sub' && !n.endsWith('_verified')));
    const required = [...f.pool.schema.values()]
      .filter((d) => d.Required && d.Name !== 'sub' && !user.attributes.has(d.Name ?? ''))
      .map((d) => `userAttributes.${d.Name}`);
    return challenge(f, user, 'NEW_PASSWORD_REQUIRED', {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(required),
      userAttributes: JSON.stringify(attrs),
    });
  }
  if (deviceKey) {
    deviceOf(user, deviceKey);
    return challenge(f, user, 'DEVICE_SRP_AUTH', {}, { deviceKey });
  }
  return mfaOrTokens(f, user, 'TokenGeneration_Authentication');
}

/** MFA when the pool requires it or the user turned it on; otherwise tokens. */
export async function mfaOrTokens(f: FlowContext, user: PoolUser, source: string): Promise<AuthAnswer> {
  const config = f.pool.settings.MfaConfiguration ?? 'OFF';
  const method = config === 'OFF' ? undefined : user.preferredMfa();
  if (method === 'SOFTWARE_TOKEN_MFA' && user.totpVerified) {
    return challenge(f, user, 'SOFTWARE_TOKEN_MFA', { USER_ID_FOR_SRP: user.username });
  }
  if (method === 'SMS_MFA' || method === 'EMAIL_OTP') {
    const medium = method === 'SMS_MFA' ? 'SMS' : 'EMAIL';
    const destination = user.attributes.get(medium === 'SMS' ? 'phone_number' : 'email') ?? '';
    const code = user.newCode('MFA', 3 * 60_000);
    f.ctx.backend.recordCode(f.pool, user, 'MFA', code, medium);
    return challenge(f, user, method, {
      CODE_DELIVERY_DELIVERY_MEDIUM: medium,
      CODE_DELIVERY_DESTINATION: maskDestination(medium, destination),
      USER_ID_FOR_SRP: user.username,
    }, { mfaCode: code });
  }
  if (config === 'ON' && !user.mfaEnabled()) {
    const options = [f.pool.softwareTokenMfa ? 'SOFTWARE_TOKEN_MFA' : undefined, f.pool.settings.SmsConfiguration ? 'SMS_MFA' : undefined].filter(Boolean);
    return challenge(f, user, 'MFA_SETUP', { MFAS_CAN_SETUP: JSON.stringify(options) });
  }
  return { ChallengeParameters: {}, AuthenticationResult: await finishSignIn(f, user, source) };
}

export function challenge(
  f: FlowContext,
  user: PoolUser,
  name: string,
  params: Record<string, string>,
  extra: { mfaCode?: string; deviceKey?: string; webAuthnChallenge?: string } = {},
): AuthAnswer {
  const Session = f.ctx.backend.openSession(
    { poolId: f.pool.id, clientId: f.client.ClientId, username: user.username, challenge: name, clientMetadata: f.clientMetadata, ...extra },
    f.client.AuthSessionValidity ?? 3,
  );
  return { ChallengeName: name, Session, ChallengeParameters: params };
}

/** Post authentication and pre token generation triggers, then the tokens. */
export async function finishSignIn(
  f: FlowContext,
  user: PoolUser,
  source: string,
  refresh?: { originJti: string; authTime: number; rotate?: boolean },
): Promise<AuthenticationResultType> {
  if (!refresh) {
    await runTrigger(f.ctx.backend.ctx, {
      pool: f.pool,
      name: 'PostAuthentication',
      source: 'PostAuthentication_Authentication',
      clientId: f.client.ClientId,
      username: user.username,
      request: { userAttributes: userAttributesOf(user), newDeviceUsed: false, clientMetadata: f.clientMetadata ?? {} },
    });
  }
  const overrides = await preTokenGeneration(f, user, source);
  const tokens = issueTokens(f.pool, user, f.client, {
    region: f.ctx.region,
    authTime: refresh?.authTime ?? clock.epochSeconds(),
    originJti: refresh?.originJti,
    withRefreshToken: !refresh || refresh.rotate === true,
    overrides,
  });
  // A pool that tracks devices offers each sign-in that came from no known device a new one (ConfirmDevice keeps it).
  if (!refresh && f.pool.settings.DeviceConfiguration && !f.deviceKey) {
    const device = newDevice(f.ctx.region);
    user.devices.set(device.key, device);
    tokens.NewDeviceMetadata = { DeviceKey: device.key, DeviceGroupKey: device.groupKey };
  }
  return tokens;
}

async function preTokenGeneration(f: FlowContext, user: PoolUser, source: string): Promise<ClaimOverrides | undefined> {
  const version = preTokenVersion(f.pool);
  const groups = [...user.groups];
  const groupConfiguration = {
    groupsToOverride: groups,
    iamRolesToOverride: groups.map((g) => f.pool.groups.get(g)?.RoleArn).filter(Boolean),
    preferredRole: null,
  };
  const request: Record<string, unknown> = { userAttributes: userAttributesOf(user), groupConfiguration, clientMetadata: f.clientMetadata ?? {} };
  if (version !== 'V1_0') request.scopes = ['aws.cognito.signin.user.admin'];
  const response = await runTrigger(f.ctx.backend.ctx, {
    pool: f.pool,
    name: 'PreTokenGeneration',
    source,
    clientId: f.client.ClientId,
    username: user.username,
    version: version === 'V1_0' ? '1' : version === 'V2_0' ? '2' : '3',
    request,
    response: version === 'V1_0' ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null },
  });
  if (!response) return undefined;
  const protectedClaims = new Set(['acr', 'amr', 'aud', 'auth_time', 'azp', 'exp', 'iat', 'identities', 'iss', 'sub', 'token_use', 'nonce', 'at_hash', 'cognito:username']);
  const safe = (claims: Record<string, unknown> | undefined) =>
    claims ? Object.fromEntries(Object.entries(claims).filter(([k]) => !protectedClaims.has(k))) : undefined;
  if (version === 'V1_0') {
    const d = response.claimsOverrideDetails ?? {};
    return { idAdd: safe(d.claimsToAddOrOverride), idSuppress: d.claimsToSuppress, groups: d.groupOverrideDetails ?? undefined };
  }
  const d = response.claimsAndScopeOverrideDetails ?? {};
  return {
    idAdd: safe(d.idTokenGeneration?.claimsToAddOrOverride),
    idSuppress: d.idTokenGeneration?.claimsToSuppress,
    accessAdd: safe(d.accessTokenGeneration?.claimsToAddOrOverride),
    accessSuppress: d.accessTokenGeneration?.claimsToSuppress,
    scopesAdd: d.accessTokenGeneration?.scopesToAdd,
    scopesSuppress: d.accessTokenGeneration?.scopesToSuppress,
    groups: d.groupOverrideDetails ?? undefined,
  };
}

