/**
 * A tracked device's proof after the user's password: DEVICE_SRP_AUTH (the
 * client's SRP_A for the device) answered with DEVICE_PASSWORD_VERIFIER
 * parameters (B and the salt of the verifier ConfirmDevice registered), then
 * the signature keyed as in USER_SRP_AUTH with the device group key for the
 * pool name and the device key for the username. A remembered device skips MFA.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { invalidParameter, notAuthorized } from '../exceptions';
import type { ChallengeSession } from '../models/backend';
import { expectedSignature, SRP_TIMESTAMP, signatureMatches, srpStartWithVerifier } from '../models/srp';
import type { PoolUser } from '../models/user';
import { type AuthAnswer, challenge, finishSignIn, type FlowContext, mfaOrTokens } from './auth-steps';
import { deviceOf } from './devices';

/** The device the session was opened for; the request must name the same one. */
function sessionDevice(user: PoolUser, session: ChallengeSession, named: string | undefined) {
  if (!named) throw invalidParameter('Missing required parameter DEVICE_KEY');
  if (named !== session.deviceKey) throw notAuthorized('Invalid device key given.');
  return deviceOf(user, named);
}

export function deviceSrpStart(f: FlowContext, user: PoolUser, session: ChallengeSession, responses: Record<string, string>): AuthAnswer {
  const device = sessionDevice(user, session, responses.DEVICE_KEY);
  if (!responses.SRP_A) throw invalidParameter('Missing required parameter SRP_A');
  if (device.verifier === undefined || device.salt === undefined) throw notAuthorized('Device has no verifier.');
  const state = srpStartWithVerifier(responses.SRP_A, device.verifier, device.salt);
  if (!state) throw notAuthorized('Invalid SRP_A value.');
  const secretBlock = randomBytes(512).toString('base64');
  const answer = challenge(f, user, 'DEVICE_PASSWORD_VERIFIER', {
    SRP_B: state.B.toString(16),
    SALT: state.salt.toString(16),
    SECRET_BLOCK: secretBlock,
    DEVICE_KEY: device.key,
    USERNAME: user.username,
  }, { deviceKey: device.key });
  // The verifier step needs the SRP state: kept on the session just opened.
  const opened = f.ctx.backend.sessions.get(answer.Session as string);
  if (opened) opened.srp = state;
  return answer;
}

export async function devicePasswordVerifier(f: FlowContext, user: PoolUser, session: ChallengeSession, responses: Record<string, string>): Promise<AuthAnswer> {
  const device = sessionDevice(user, session, responses.DEVICE_KEY);
  if (!session.srp) throw notAuthorized('Invalid session for the user.');
  const timestamp = responses.TIMESTAMP ?? '';
  if (!SRP_TIMESTAMP.test(timestamp)) throw invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
  const secretBlock = Buffer.from(responses.PASSWORD_CLAIM_SECRET_BLOCK ?? '', 'base64');
  const expected = expectedSignature(session.srp, device.groupKey, device.key, secretBlock, timestamp);
  if (!signatureMatches(expected, responses.PASSWORD_CLAIM_SIGNATURE ?? '')) throw notAuthorized('Incorrect username or password.');
  device.lastAuthenticated = clock.now();
  f.deviceKey = device.key;
  if (device.remembered === 'remembered') {
    return { ChallengeParameters: {}, AuthenticationResult: await finishSignIn(f, user, 'TokenGeneration_Authentication') };
  }
  return mfaOrTokens(f, user, 'TokenGeneration_Authentication');
}
