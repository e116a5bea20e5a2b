/**
 * Threat protection (advanced security): risk configurations for a pool or an
 * app client, the auth event history of a user, and feedback on its events.
 * All of it needs the pool's UserPoolAddOns.AdvancedSecurityMode AUDIT or
 * ENFORCED (UserPoolAddOnNotEnabledException otherwise).
 */
import { AwsError } from '../../../src/core/errors';
import { clock } from '../../../src/core/clock';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import { type AuthEvent, authEventType } from '../models/auth-events';
import type { CognitoIdpBackend } from '../models/backend';
import type { UserPool } from '../models/pool';
import { threatProtection, validCidr } from '../models/security';
import type { CognitoidpOperations, RiskConfigurationType } from '../types';
import { type Ctx, userOf } from './common';
import { decodeToken, encodeToken } from './paging';

function requireAddOn(pool: UserPool): void {
  if (threatProtection(pool) === 'OFF') {
    throw new AwsError('UserPoolAddOnNotEnabledException', `Threat protection (advanced security) is not enabled for user pool ${pool.id}.`, { status: 400 });
  }
}

function poolWithAddOn(ctx: Ctx, poolId: string, clientId?: string): UserPool {
  const pool = ctx.backend.pool(poolId);
  if (clientId !== undefined) ctx.backend.client(clientId, poolId);
  requireAddOn(pool);
  return pool;
}

function eventOf(pool: UserPool, username: string, eventId: string): AuthEvent {
  const event = pool.authEvents.get(username)?.find((e) => e.id === eventId);
  if (!event) throw resourceNotFound(`Auth event ${eventId} does not exist.`);
  return event;
}

export const threatProtectionHandlers: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  /**
   * Only the pool id resets the pool's configuration to defaults; the pool id
   * and a client id alone drop the client's own, so it inherits the pool's.
   */
  SetRiskConfiguration(input, ctx) {
    const pool = poolWithAddOn(ctx, input.UserPoolId, input.ClientId);
    for (const list of ['BlockedIPRangeList', 'SkippedIPRangeList'] as const) {
      for (const range of input.RiskExceptionConfiguration?.[list] ?? []) {
        if (!validCidr(range)) throw invalidParameter(`${range} in ${list} is not a valid CIDR block.`);
      }
    }
    const key = input.ClientId ?? '';
    const settings = input.CompromisedCredentialsRiskConfiguration || input.AccountTakeoverRiskConfiguration || input.RiskExceptionConfiguration;
    const config: RiskConfigurationType = {
      UserPoolId: pool.id,
      ...(input.ClientId ? { ClientId: input.ClientId } : {}),
      ...(input.CompromisedCredentialsRiskConfiguration ? { CompromisedCredentialsRiskConfiguration: input.CompromisedCredentialsRiskConfiguration } : {}),
      ...(input.AccountTakeoverRiskConfiguration ? { AccountTakeoverRiskConfiguration: input.AccountTakeoverRiskConfiguration } : {}),
      ...(input.RiskExceptionConfiguration ? { RiskExceptionConfiguration: input.RiskExceptionConfiguration } : {}),
      LastModifiedDate: clock.date(),
    };
    if (input.ClientId && !settings) pool.security.risk.delete(key);
    else pool.security.risk.set(key, config);
    return { RiskConfiguration: input.ClientId && !settings ? (pool.security.risk.get('') ?? { UserPoolId: pool.id }) : config };
  },

  DescribeRiskConfiguration(input, ctx) {
    const pool = poolWithAddOn(ctx, input.UserPoolId, input.ClientId);
    const own = input.ClientId ? pool.security.risk.get(input.ClientId) : undefined;
    return { RiskConfiguration: own ?? pool.security.risk.get('') ?? { UserPoolId: pool.id } };
  },

  /** Newest first; the page token is the id of the last event returned. */
  AdminListUserAuthEvents(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    requireAddOn(pool);
    const user = userOf(pool, input.Username);
    const events = [...(pool.authEvents.get(user.username) ?? [])].reverse();
    const after = decodeToken(input.NextToken);
    let start = 0;
    if (after !== undefined) {
      start = events.findIndex((e) => e.id === after) + 1;
      if (start === 0) throw invalidParameter('Invalid pagination token.');
    }
    const max = input.MaxResults ?? 60;
    const page = events.slice(start, start + max);
    const more = start + max < events.length;
    return { AuthEvents: page.map(authEventType), ...(more ? { NextToken: encodeToken(page[page.length - 1].id) } : {}) };
  },

  AdminUpdateAuthEventFeedback(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    requireAddOn(pool);
    const user = userOf(pool, input.Username);
    eventOf(pool, user.username, input.EventId).feedback = { FeedbackValue: input.FeedbackValue, Provider: 'Admin', FeedbackDate: clock.date() };
    return {};
  },

  /** The user's own feedback, authorized by the token issued with the event (the notification email's link). */
  UpdateAuthEventFeedback(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    requireAddOn(pool);
    const user = userOf(pool, input.Username);
    const event = eventOf(pool, user.username, input.EventId);
    if (input.FeedbackToken !== event.feedbackToken) throw invalidParameter('Invalid feedback token.');
    event.feedback = { FeedbackValue: input.FeedbackValue, Provider: 'User', FeedbackDate: clock.date() };
    return {};
  },
};
