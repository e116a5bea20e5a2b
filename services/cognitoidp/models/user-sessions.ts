/**
 * Token sessions (session management): one per sign-in, i.e. per refresh
 * token family (the refresh tokens sharing an origin_jti, rotation included).
 * They are listed only while the pool tracks sessions, and only those that
 * began after tracking was turned on (Cognito keeps no record before).
 */
import { createHash } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { SessionDescriptionType } from '../types';
import type { RefreshSession, UserPool } from './pool';
import { validity } from './tokens';

export interface TokenSession {
  id: string;
  originJti: string;
  clientId: string;
  created: number;
  lastActive: number;
  tokens: RefreshSession[];
}

/** A stable id for the family: `tkn` and 25 characters, the form the API reference's examples show. */
export function sessionIdOf(originJti: string): string {
  const digest = createHash('sha256').update(originJti).digest();
  return `tkn${Array.from(digest.subarray(0, 25), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('')}`;
}

/** Whether a refresh token still works: not revoked, not rotated out, not expired. */
function live(pool: UserPool, token: RefreshSession, now: number): boolean {
  if (token.revoked || (token.rotatedUntil !== undefined && token.rotatedUntil <= now)) return false;
  const client = pool.clients.get(token.clientId);
  return !!client && token.issuedAt + validity(client).refresh * 1000 > now;
}

/** The user's active token sessions, newest first. */
export function tokenSessions(pool: UserPool, username: string): TokenSession[] {
  const since = pool.security.trackingSince;
  if (since === undefined) return [];
  const now = clock.now();
  const families = new Map<string, TokenSession>();
  for (const token of pool.refreshTokens.values()) {
    if (token.username !== username) continue;
    let family = families.get(token.originJti);
    if (!family) {
      family = { id: sessionIdOf(token.originJti), originJti: token.originJti, clientId: token.clientId, created: token.issuedAt, lastActive: token.issuedAt, tokens: [] };
      families.set(token.originJti, family);
    }
    family.tokens.push(token);
    family.created = Math.min(family.created, token.issuedAt);
    family.lastActive = Math.max(family.lastActive, token.issuedAt);
  }
  return [...families.values()]
    .filter((f) => f.created >= since && f.tokens.some((t) => live(pool, t, now)))
    .sort((a, b) => b.created - a.created);
}

export function describeSession(s: TokenSession, currentOrigin?: string): SessionDescriptionType {
  return {
    SessionId: s.id,
    SessionType: 'TOKEN',
    ClientId: s.clientId,
    CreateDate: new Date(s.created),
    LastActiveDate: new Date(s.lastActive),
    DeviceType: 'unknown',
    IsCurrentSession: s.originJti === currentOrigin,
  };
}

/** Revokes the family: its refresh tokens, and the ID and access tokens issued with them. */
export function revokeSession(pool: UserPool, s: TokenSession): void {
  for (const token of s.tokens) token.revoked = true;
  pool.revokedOrigins.add(s.originJti);
}

/**
 * Keeps the user within the pool's MaxPerUser after a sign-in created a
 * session: the least recently active sessions beyond the limit are revoked.
 */
export function evictBeyondLimit(pool: UserPool, username: string): void {
  const max = pool.security.maxSessionsPerUser ?? 20;
  const sessions = tokenSessions(pool, username).sort((a, b) => b.lastActive - a.lastActive);
  for (const s of sessions.slice(max)) revokeSession(pool, s);
}
