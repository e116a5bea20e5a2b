/**
 * What wraps every sign-in (InitiateAuth, RespondToAuthChallenge and their
 * Admin twins). Threat protection: with the pool's AdvancedSecurityMode on,
 * each finished sign-in attempt is recorded as an auth event (Pass with the
 * tokens, Fail on a wrong password or MFA code), and in ENFORCED mode a
 * request from a blocked IP range (RiskExceptionConfiguration) is refused
 * unless a skipped range also holds it. Session management: a sign-in that
 * opened a token session keeps the user within the pool's MaxPerUser.
 */
import { AwsError } from '../../../src/core/errors';
import { notAuthorized } from '../exceptions';
import { type AuthEvent, recordAuthEvent } from '../models/auth-events';
import { effectiveRisk, inCidr, threatProtection } from '../models/security';
import { evictBeyondLimit } from '../models/user-sessions';
import type { AuthAnswer, FlowContext } from './auth-steps';

type Challenges = AuthEvent['challenges'];

/** The IP address a sign-in came from: the request's context data (admin operations) or user context data. */
export interface SignInSource {
  name?: string;
  ip?: string;
  /** The answer is to an MFA challenge (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP). */
  mfa?: boolean;
}

function ipIn(ranges: string[] | undefined, ip: string): boolean {
  return (ranges ?? []).some((range) => inCidr(ip, range));
}

export async function guardSignIn(f: FlowContext, source: SignInSource, run: () => Promise<AuthAnswer>): Promise<AuthAnswer> {
  const answer = await withAuthEvents(f, source, run);
  const user = answer.AuthenticationResult?.RefreshToken && source.name ? f.pool.find(source.name) : undefined;
  if (user && f.pool.security.sessionTracking === 'ENABLED') evictBeyondLimit(f.pool, user.username);
  return answer;
}

async function withAuthEvents(f: FlowContext, source: SignInSource, run: () => Promise<AuthAnswer>): Promise<AuthAnswer> {
  const mode = threatProtection(f.pool);
  if (mode === 'OFF' || !source.name) return run();
  const user = f.pool.find(source.name);
  const context = source.ip ? { IpAddress: source.ip } : {};
  const exceptions = effectiveRisk(f.pool, f.client.ClientId)?.RiskExceptionConfiguration;
  const blocked = source.ip !== undefined && !ipIn(exceptions?.SkippedIPRangeList, source.ip) && ipIn(exceptions?.BlockedIPRangeList, source.ip);
  if (blocked && mode === 'ENFORCED') {
    if (user) recordAuthEvent(f.pool, user.username, { type: 'SignIn', response: 'Fail', riskDecision: 'Block', riskLevel: 'High', challenges: [], context });
    throw notAuthorized('Request not allowed due to security reasons.');
  }
  const record = (response: AuthEvent['response'], challenges: Challenges) => {
    if (user) recordAuthEvent(f.pool, user.username, { type: 'SignIn', response, riskDecision: 'NoRisk', challenges, context });
  };
  try {
    const answer = await run();
    if (answer.AuthenticationResult) {
      const mfa: Challenges = source.mfa ? [{ ChallengeName: 'Mfa', ChallengeResponse: 'Success' }] : [];
      record('Pass', [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }, ...mfa]);
    }
    return answer;
  } catch (e) {
    if (e instanceof AwsError && e.code === 'NotAuthorizedException' && e.message === 'Incorrect username or password.') {
      record('Fail', [{ ChallengeName: 'Password', ChallengeResponse: 'Failure' }]);
    } else if (e instanceof AwsError && e.code === 'CodeMismatchException') {
      record('Fail', [
        { ChallengeName: 'Password', ChallengeResponse: 'Success' },
        { ChallengeName: 'Mfa', ChallengeResponse: 'Failure' },
      ]);
    }
    throw e;
  }
}
