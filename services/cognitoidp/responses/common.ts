/** What several families of handlers share: lookups, SECRET_HASH, code delivery, user shapes. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../../src/core/service';
import { clock } from '../../../src/core/clock';
import type { CodeDeliveryDetailsType, UserType } from '../types';
import { expiredCode, invalidCode, notAuthorized, userNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import { type AppClient, activeSecrets, type UserPool } from '../models/pool';
import { runTrigger, userAttributesOf } from '../models/triggers';
import type { CodePurpose, PoolUser } from '../models/user';

export type Ctx = RequestContext<CognitoIdpBackend>;

/** The user an admin operation names (username, or an alias / username attribute). */
export function userOf(pool: UserPool, username: string): PoolUser {
  const user = pool.find(username);
  if (!user) throw userNotFound();
  return user;
}

/**
 * A client with a secret must be sent SECRET_HASH = Base64(HMAC-SHA256(secret,
 * username + clientId)), made with any of its active secrets (two during a
 * rotation). A hash sent to a client without a secret is ignored.
 */
export function checkSecretHash(client: AppClient, username: string, secretHash: string | undefined): void {
  const secrets = activeSecrets(client);
  if (!secrets.length) return;
  if (!secretHash) throw notAuthorized(`Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`);
  const got = Buffer.from(secretHash, 'base64');
  const matches = (secret: string) => {
    const expected = createHmac('sha256', secret).update(username + client.ClientId).digest();
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  if (!secrets.some(matches)) throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
}

/** A client secret presented as such (token endpoint, GetTokensFromRefreshToken, RevokeToken): any active one. */
export function secretMatches(client: AppClient, secret: string | undefined): boolean {
  return secret !== undefined && activeSecrets(client).includes(secret);
}

/** How Cognito masks a destination: `a***@e***` for email, `+*******1234` for phone numbers. */
export function maskDestination(medium: 'EMAIL' | 'SMS', value: string): string {
  if (medium === 'EMAIL') {
    const [local, domain = ''] = value.split('@');
    return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`;
  }
  return `+${'*'.repeat(Math.max(0, value.length - 5))}${value.slice(-4)}`;
}

/** Where a code for the user goes: the verified (or auto-verified) email, else the phone number. */
export function deliveryFor(pool: UserPool, user: PoolUser, attribute?: string): { medium: 'EMAIL' | 'SMS'; attribute: string } | undefined {
  const auto = pool.settings.AutoVerifiedAttributes ?? [];
  const pickAttr = attribute ?? (auto.includes('email') && user.attributes.has('email') ? 'email' : auto.includes('phone_number') && user.attributes.has('phone_number') ? 'phone_number' : user.attributes.has('email') ? 'email' : user.attributes.has('phone_number') ? 'phone_number' : undefined);
  if (!pickAttr || !user.attributes.has(pickAttr)) return undefined;
  return { medium: pickAttr === 'phone_number' ? 'SMS' : 'EMAIL', attribute: pickAttr };
}

const TTL: Record<string, number> = { SIGN_UP: 24 * 3600_000, FORGOT_PASSWORD: 3600_000, MFA: 3 * 60_000 };

const MESSAGE_SOURCE: Record<string, string> = {
  SIGN_UP: 'CustomMessage_SignUp',
  RESEND: 'CustomMessage_ResendCode',
  FORGOT_PASSWORD: 'CustomMessage_ForgotPassword',
  MFA: 'CustomMessage_Authentication',
};

/**
 * Makes a code for `purpose`, "sends" it (recorded for the test to read with
 * backend.lastCode) through the custom message trigger when the pool has one,
 * and answers the CodeDeliveryDetails Cognito returns.
 */
export async function sendCode(
  ctx: Ctx,
  pool: UserPool,
  user: PoolUser,
  purpose: CodePurpose,
  opts: { attribute?: string; clientId?: string; resend?: boolean; clientMetadata?: Record<string, string> } = {},
): Promise<CodeDeliveryDetailsType | undefined> {
  const delivery = deliveryFor(pool, user, opts.attribute);
  if (!delivery) return undefined;
  const code = user.newCode(purpose, TTL[purpose] ?? 24 * 3600_000);
  const source = opts.resend ? MESSAGE_SOURCE.RESEND : (MESSAGE_SOURCE[purpose] ?? 'CustomMessage_VerifyUserAttribute');
  await runTrigger(ctx.backend.ctx, {
    pool,
    name: 'CustomMessage',
    source,
    clientId: opts.clientId,
    username: user.username,
    request: {
      userAttributes: userAttributesOf(user),
      codeParameter: '{####}',
      usernameParameter: null,
      clientMetadata: opts.clientMetadata ?? {},
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  });
  ctx.backend.recordCode(pool, user, purpose, code, delivery.medium);
  return {
    Destination: maskDestination(delivery.medium, user.attributes.get(delivery.attribute) ?? ''),
    DeliveryMedium: delivery.medium,
    AttributeName: delivery.attribute,
  };
}

/** Checks and uses up a code: CodeMismatchException for a wrong one, ExpiredCodeException for a stale one. */
export function consumeCode(user: PoolUser, purpose: CodePurpose, code: string): void {
  const pending = user.codes.get(purpose);
  if (!pending || pending.code !== code) throw invalidCode();
  if (pending.expires <= clock.now()) throw expiredCode('Invalid code provided, please request a code again.');
  user.codes.delete(purpose);
}

export function userType(user: PoolUser, attributesToGet?: string[]): UserType {
  const wanted = attributesToGet ? new Set(attributesToGet) : undefined;
  return {
    Username: user.username,
    Attributes: user.attributeList(wanted ? (n) => wanted.has(n) : undefined),
    UserCreateDate: new Date(user.created),
    UserLastModifiedDate: new Date(user.modified),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...(user.mfaOptions.length ? { MFAOptions: user.mfaOptions } : {}),
  };
}

/** Attributes as a name → value map, for writing. */
export function attributeMap(list: Array<{ Name: string; Value?: string }> | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const { Name, Value } of list ?? []) map.set(Name, Value ?? '');
  return map;
}
