/**
 * Session management: ListUserSessions / AdminListUserSessions and
 * RevokeUserSession / AdminRevokeUserSession over the user's token sessions
 * (models/user-sessions.ts). They need the pool's session tracking ENABLED
 * (OperationNotEnabledException otherwise). The fake has no SSO sessions (the
 * hosted UI keeps none), so LINKED revokes what NONE does.
 */
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { UserPool } from '../models/pool';
import { describeSession, revokeSession, type TokenSession, tokenSessions } from '../models/user-sessions';
import type { CognitoidpOperations } from '../types';
import { userOf } from './common';

function requireTracking(pool: UserPool): void {
  if (pool.security.sessionTracking !== 'ENABLED') {
    throw new AwsError('OperationNotEnabledException', `Session tracking is not enabled for user pool ${pool.id}.`, { status: 400 });
  }
}

function sessionOf(pool: UserPool, username: string, sessionId: string): TokenSession {
  const session = tokenSessions(pool, username).find((s) => s.id === sessionId);
  if (!session) throw resourceNotFound(`Session ${sessionId} does not exist.`);
  return session;
}

/** All of a user's sessions fit one page (Cognito answers up to 125, and MaxPerUser is at most 100): no NextToken. */
export const userSessions: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  ListUserSessions(input, ctx) {
    const { pool, user, claims } = ctx.backend.accessTokenUser(input.AccessToken);
    requireTracking(pool);
    return { Sessions: tokenSessions(pool, user.username).map((s) => describeSession(s, String(claims.origin_jti))) };
  },

  AdminListUserSessions(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    requireTracking(pool);
    const user = userOf(pool, input.Username);
    return { Sessions: tokenSessions(pool, user.username).map((s) => describeSession(s)) };
  },

  RevokeUserSession(input, ctx) {
    const { pool, user, claims } = ctx.backend.accessTokenUser(input.AccessToken);
    requireTracking(pool);
    const session = sessionOf(pool, user.username, input.SessionId);
    if (session.originJti === claims.origin_jti) {
      throw invalidParameter('The session that the access token belongs to cannot be revoked; use GlobalSignOut or RevokeToken.');
    }
    revokeSession(pool, session);
    return {};
  },

  AdminRevokeUserSession(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    requireTracking(pool);
    const user = userOf(pool, input.Username);
    revokeSession(pool, sessionOf(pool, user.username, input.SessionId));
    return {};
  },
};
