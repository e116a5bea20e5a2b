/**
 * CUSTOM_AUTH: the define auth challenge trigger decides each step from the
 * session's history, create auth challenge makes a CUSTOM_CHALLENGE, verify
 * auth challenge response judges the answer.
 */
import { badCredentials, invalidParameter } from '../exceptions';
import type { ChallengeSession } from '../models/backend';
import { runTrigger, triggerArn, userAttributesOf } from '../models/triggers';
import type { PoolUser } from '../models/user';
import { type AuthAnswer, checkEnabled, finishSignIn, type FlowContext, preAuthentication, signInUser } from './auth-steps';
import { checkSecretHash } from './common';

type History = NonNullable<ChallengeSession['customHistory']>;

async function nextStep(f: FlowContext, user: PoolUser, history: History): Promise<AuthAnswer> {
  const base = { clientId: f.client.ClientId, username: user.username, pool: f.pool };
  const define = await runTrigger(f.ctx.backend.ctx, {
    ...base,
    name: 'DefineAuthChallenge',
    source: 'DefineAuthChallenge_Authentication',
    request: { userAttributes: userAttributesOf(user), session: history, clientMetadata: f.clientMetadata ?? {}, userNotFound: false },
    response: { challengeName: null, issueTokens: false, failAuthentication: false },
  });
  if (!define || define.failAuthentication) throw badCredentials();
  if (define.issueTokens) {
    return { ChallengeParameters: {}, AuthenticationResult: await finishSignIn(f, user, 'TokenGeneration_Authentication') };
  }
  if (define.challengeName !== 'CUSTOM_CHALLENGE') {
    throw invalidParameter(`mockaws supports only CUSTOM_CHALLENGE steps in CUSTOM_AUTH, the trigger chose ${define.challengeName}.`);
  }
  const created = await runTrigger(f.ctx.backend.ctx, {
    ...base,
    name: 'CreateAuthChallenge',
    source: 'CreateAuthChallenge_Authentication',
    request: { userAttributes: userAttributesOf(user), challengeName: 'CUSTOM_CHALLENGE', session: history, clientMetadata: f.clientMetadata ?? {}, userNotFound: false },
    response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  });
  const Session = f.ctx.backend.openSession(
    {
      poolId: f.pool.id,
      clientId: f.client.ClientId,
      username: user.username,
      challenge: 'CUSTOM_CHALLENGE',
      customHistory: history,
      customPrivate: created?.privateChallengeParameters ?? {},
      customMetadata: created?.challengeMetadata ?? undefined,
      clientMetadata: f.clientMetadata,
    },
    f.client.AuthSessionValidity ?? 3,
  );
  return {
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session,
    ChallengeParameters: { ...(created?.publicChallengeParameters ?? {}), USERNAME: user.username },
  };
}

export async function customAuthStart(f: FlowContext, params: Record<string, string>): Promise<AuthAnswer> {
  if (!triggerArn(f.pool, 'DefineAuthChallenge')) throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  const user = signInUser(f, params.USERNAME);
  checkSecretHash(f.client, params.USERNAME, params.SECRET_HASH);
  checkEnabled(user);
  await preAuthentication(f, user);
  return nextStep(f, user, []);
}

export async function customAuthAnswer(f: FlowContext, user: PoolUser, session: ChallengeSession, responses: Record<string, string>): Promise<AuthAnswer> {
  const verified = await runTrigger(f.ctx.backend.ctx, {
    pool: f.pool,
    name: 'VerifyAuthChallengeResponse',
    source: 'VerifyAuthChallengeResponse_Authentication',
    clientId: f.client.ClientId,
    username: user.username,
    request: {
      userAttributes: userAttributesOf(user),
      privateChallengeParameters: session.customPrivate ?? {},
      challengeAnswer: responses.ANSWER ?? '',
      clientMetadata: f.clientMetadata ?? {},
      userNotFound: false,
    },
    response: { answerCorrect: false },
  });
  const history: History = [
    ...(session.customHistory ?? []),
    { challengeName: 'CUSTOM_CHALLENGE', challengeResult: verified?.answerCorrect === true, challengeMetadata: session.customMetadata },
  ];
  return nextStep(f, user, history);
}
