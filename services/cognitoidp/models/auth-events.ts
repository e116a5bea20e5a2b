/**
 * Auth events, the user activity history threat protection keeps
 * (AdminListUserAuthEvents): one per sign-in attempt, with its outcome, the
 * challenges answered, the request context, the risk decision, and a feedback
 * token (Cognito puts it in the notification email; here tests read it from
 * the event) for UpdateAuthEventFeedback.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { AuthEventType, EventContextDataType, EventFeedbackType } from '../types';
import type { UserPool } from './pool';
import { threatProtection } from './security';

export interface AuthEvent {
  id: string;
  type: 'SignIn' | 'SignUp' | 'ForgotPassword' | 'PasswordChange' | 'ResendCode';
  created: number;
  response: 'Pass' | 'Fail' | 'InProgress';
  riskDecision: 'NoRisk' | 'AccountTakeover' | 'Block';
  riskLevel?: 'Low' | 'Medium' | 'High';
  challenges: Array<{ ChallengeName: 'Password' | 'Mfa'; ChallengeResponse: 'Success' | 'Failure' }>;
  context: EventContextDataType;
  feedbackToken: string;
  feedback?: EventFeedbackType;
}

/** Keeps the newest events of a user only: the history is for inspection, not an archive. */
const MAX_EVENTS_PER_USER = 1000;

export function recordAuthEvent(pool: UserPool, username: string, event: Omit<AuthEvent, 'id' | 'created' | 'feedbackToken'>): AuthEvent {
  const full: AuthEvent = { ...event, id: randomUUID(), created: clock.now(), feedbackToken: randomBytes(48).toString('base64url') };
  let list = pool.authEvents.get(username);
  if (!list) {
    list = [];
    pool.authEvents.set(username, list);
  }
  list.push(full);
  if (list.length > MAX_EVENTS_PER_USER) list.splice(0, list.length - MAX_EVENTS_PER_USER);
  return full;
}

export function authEventType(event: AuthEvent): AuthEventType {
  return {
    EventId: event.id,
    EventType: event.type,
    CreationDate: new Date(event.created),
    EventResponse: event.response,
    EventRisk: {
      RiskDecision: event.riskDecision,
      ...(event.riskLevel ? { RiskLevel: event.riskLevel } : {}),
      CompromisedCredentialsDetected: false,
    },
    ChallengeResponses: event.challenges,
    EventContextData: event.context,
    ...(event.feedback ? { EventFeedback: event.feedback } : {}),
  };
}

/**
 * A user's other activity threat protection records (SignUp, ForgotPassword,
 * ResendCode, PasswordChange), when it is on: events without challenges.
 */
export function recordActivity(pool: UserPool, username: string, type: Exclude<AuthEvent['type'], 'SignIn'>, ip?: string): void {
  if (threatProtection(pool) === 'OFF') return;
  recordAuthEvent(pool, username, { type, response: 'Pass', riskDecision: 'NoRisk', challenges: [], context: ip ? { IpAddress: ip } : {} });
}
