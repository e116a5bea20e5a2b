/** Public sign-up and recovery: SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword. */
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, notAuthorized, userNotFound } from '../exceptions';
import { recordActivity } from '../models/auth-events';
import type { CognitoIdpBackend } from '../models/backend';
import { checkPassword } from '../models/password';
import { runTrigger, userAttributesOf } from '../models/triggers';
import type { PoolUser } from '../models/user';
import type { CognitoidpOperations } from '../types';
import { checkSecretHash, consumeCode, type Ctx, deliveryFor, sendCode } from './common';
import { planNewUser } from './new-user';

async function postConfirmation(ctx: Ctx, poolId: string, user: PoolUser, source: string, clientId: string, clientMetadata?: Record<string, string>) {
  const pool = ctx.backend.pool(poolId);
  await runTrigger(ctx.backend.ctx, {
    pool,
    name: 'PostConfirmation',
    source,
    clientId,
    username: user.username,
    request: { userAttributes: userAttributesOf(user), clientMetadata: clientMetadata ?? {} },
  });
}

/** Marks verified the attribute the sign-up code went to (email, else phone number). */
function verifyDelivered(ctx: Ctx, poolId: string, user: PoolUser): void {
  const delivery = deliveryFor(ctx.backend.pool(poolId), user);
  if (delivery) user.attributes.set(`${delivery.attribute}_verified`, 'true');
}

export const signup: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  async SignUp(input, ctx) {
    const { pool, client } = ctx.backend.client(input.ClientId);
    checkSecretHash(client, input.Username, input.SecretHash);
    if (pool.settings.AdminCreateUserConfig?.AllowAdminCreateUserOnly) {
      throw notAuthorized('SignUp is not permitted for this user pool');
    }
    const plan = planNewUser(pool, input.Username, input.UserAttributes, { signUp: true, existsMessage: 'User already exists' });
    checkPassword(pool.settings.Policies?.PasswordPolicy ?? {}, input.Password ?? '');
    const attrs: Record<string, string> = Object.fromEntries(plan.attributes);
    const pre = await runTrigger(ctx.backend.ctx, {
      pool,
      name: 'PreSignUp',
      source: 'PreSignUp_SignUp',
      clientId: client.ClientId,
      username: plan.username,
      request: { userAttributes: attrs, validationData: toMap(input.ValidationData), clientMetadata: input.ClientMetadata ?? {} },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    const autoConfirm = pre?.autoConfirmUser === true;
    if ((pre?.autoVerifyEmail || pre?.autoVerifyPhone) && !autoConfirm) {
      throw invalidParameter('PreSignUp trigger cannot auto verify email or phone without auto confirming the user.');
    }
    const user = pool.addUser(plan.username, input.Password, autoConfirm ? 'CONFIRMED' : 'UNCONFIRMED', plan.sub);
    for (const [name, value] of plan.attributes) user.attributes.set(name, value);
    if (pre?.autoVerifyEmail && user.attributes.has('email')) user.attributes.set('email_verified', 'true');
    if (pre?.autoVerifyPhone && user.attributes.has('phone_number')) user.attributes.set('phone_number_verified', 'true');
    const delivery = autoConfirm ? undefined : await sendCode(ctx, pool, user, 'SIGN_UP', { clientId: client.ClientId, clientMetadata: input.ClientMetadata });
    recordActivity(pool, user.username, 'SignUp', input.UserContextData?.IpAddress);
    return { UserConfirmed: autoConfirm, CodeDeliveryDetails: delivery, UserSub: user.sub };
  },

  async ConfirmSignUp(input, ctx) {
    const { pool, client } = ctx.backend.client(input.ClientId);
    checkSecretHash(client, input.Username, input.SecretHash);
    const user = pool.find(input.Username);
    if (!user) throw userNotFound();
    if (user.status !== 'UNCONFIRMED') throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
    consumeCode(user, 'SIGN_UP', input.ConfirmationCode);
    user.status = 'CONFIRMED';
    verifyDelivered(ctx, pool.id, user);
    user.touch();
    await postConfirmation(ctx, pool.id, user, 'PostConfirmation_ConfirmSignUp', client.ClientId, input.ClientMetadata);
    return {};
  },

  async ResendConfirmationCode(input, ctx) {
    const { pool, client } = ctx.backend.client(input.ClientId);
    checkSecretHash(client, input.Username, input.SecretHash);
    const user = pool.find(input.Username);
    if (!user) throw userNotFound();
    if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
    const delivery = await sendCode(ctx, pool, user, 'SIGN_UP', { clientId: client.ClientId, resend: true, clientMetadata: input.ClientMetadata });
    recordActivity(pool, user.username, 'ResendCode', input.UserContextData?.IpAddress);
    return { CodeDeliveryDetails: delivery };
  },

  async ForgotPassword(input, ctx) {
    const { pool, client } = ctx.backend.client(input.ClientId);
    checkSecretHash(client, input.Username, input.SecretHash);
    const user = pool.find(input.Username);
    if (!user) throw userNotFound();
    if (!user.enabled) throw notAuthorized('User is disabled.');
    const verified = ['email', 'phone_number'].find((a) => user.attributes.has(a) && user.attributes.get(`${a}_verified`) === 'true');
    if (!verified) {
      throw invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
    }
    const delivery = await sendCode(ctx, pool, user, 'FORGOT_PASSWORD', { attribute: verified, clientId: client.ClientId, clientMetadata: input.ClientMetadata });
    recordActivity(pool, user.username, 'ForgotPassword', input.UserContextData?.IpAddress);
    return { CodeDeliveryDetails: delivery };
  },

  async ConfirmForgotPassword(input, ctx) {
    const { pool, client } = ctx.backend.client(input.ClientId);
    checkSecretHash(client, input.Username, input.SecretHash);
    const user = pool.find(input.Username);
    if (!user) throw userNotFound();
    checkPassword(pool.settings.Policies?.PasswordPolicy ?? {}, input.Password);
    consumeCode(user, 'FORGOT_PASSWORD', input.ConfirmationCode);
    user.password = input.Password;
    user.status = 'CONFIRMED';
    user.touch();
    await postConfirmation(ctx, pool.id, user, 'PostConfirmation_ConfirmForgotPassword', client.ClientId, input.ClientMetadata);
    return {};
  },
};

function toMap(list: Array<{ Name: string; Value?: string }> | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map((a) => [a.Name, a.Value ?? '']));
}
