/**
 * Lambda triggers run through the Lambda backend: pre sign-up (auto-confirm,
 * refusal), post confirmation, custom message, pre/post authentication, pre
 * token generation (v1 and v2 claim overrides), and CUSTOM_AUTH's define /
 * create / verify auth challenge.
 */
import {
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { claims, createConfirmedUser, createPool, idp, PASSWORD } from './support';

const ARN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

describe('cognito-idp Lambda triggers', () => {
  const m = useMockAws();
  useLambdaRole();

  /** A function whose handler is `body` (real code, run by the Lambda runtime). */
  async function fn(name: string, body: string) {
    await createNodeFunction(lambdaClient(), name, { 'index.js': `exports.handler = async (event) => { ${body} };` });
    return ARN(name);
  }

  /** A function that records the events it gets, then answers `answer(event)`. */
  async function recorder(name: string, answer: (event: any) => unknown = (e) => e) {
    await fn(name, 'return event;');
    const events: any[] = [];
    (await m.backends.lambda()).setHandler(name, async (event: any) => {
      events.push(structuredClone(event));
      return answer(event);
    });
    return { arn: ARN(name), events };
  }

  it('pre sign-up can auto-confirm and auto-verify', async () => {
    const preSignUp = await fn('pre', 'event.response.autoConfirmUser = true; event.response.autoVerifyEmail = true; return event;');
    const client = idp();
    const { poolId, clientId } = await createPool(client, { LambdaConfig: { PreSignUp: preSignUp } });
    const out = await client.send(new SignUpCommand({ ClientId: clientId, Username: 'amy', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'amy@example.com' }] }));
    expect(out.UserConfirmed).toBe(true);
    expect(out.CodeDeliveryDetails).toBeUndefined();
    const signedIn = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'amy', PASSWORD } }));
    expect(claims(signedIn.AuthenticationResult?.IdToken).email_verified).toBe(true);
    expect((await m.backends.cognitoidp()).lastCode(poolId, 'amy')).toBeUndefined();
  });

  it('a pre sign-up error refuses the sign-up with UserLambdaValidationException and creates no user', async () => {
    const preSignUp = await fn('deny', "throw new Error('Domain not allowed');");
    const client = idp();
    const { clientId } = await createPool(client, { LambdaConfig: { PreSignUp: preSignUp } });
    await expect(client.send(new SignUpCommand({ ClientId: clientId, Username: 'bo', Password: PASSWORD }))).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Domain not allowed.',
    });
    await expect(client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bo', ConfirmationCode: '123456' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
  });

  it('post confirmation and custom message get Cognito-shaped events', async () => {
    const post = await recorder('post');
    const message = await recorder('msg', (e) => ({ ...e, response: { emailSubject: 'Hi', emailMessage: `Code ${e.request.codeParameter}`, smsMessage: null } }));
    const client = idp();
    const { poolId, clientId } = await createPool(client, { LambdaConfig: { PostConfirmation: post.arn, CustomMessage: message.arn } });
    await client.send(new SignUpCommand({ ClientId: clientId, Username: 'cy', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'cy@example.com' }] }));
    expect(message.events[0]).toMatchObject({
      triggerSource: 'CustomMessage_SignUp',
      userPoolId: poolId,
      userName: 'cy',
      request: { codeParameter: '{####}', userAttributes: { email: 'cy@example.com' } },
    });
    const code = (await m.backends.cognitoidp()).lastCode(poolId, 'cy') as string;
    await client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'cy', ConfirmationCode: code }));
    expect(post.events).toHaveLength(1);
    expect(post.events[0]).toMatchObject({
      version: '1',
      region: 'us-east-1',
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      callerContext: { clientId },
      request: { userAttributes: { email: 'cy@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' } },
    });
  });

  it('pre authentication can refuse a sign-in; post authentication sees it succeed', async () => {
    const pre = await fn('preauth', "if (event.userName === 'blocked') throw new Error('Blocked'); return event;");
    const post = await recorder('postauth');
    const client = idp();
    const { poolId, clientId } = await createPool(client, { LambdaConfig: { PreAuthentication: pre, PostAuthentication: post.arn } });
    await createConfirmedUser(client, poolId, 'blocked');
    await createConfirmedUser(client, poolId, 'fine');
    const signIn = (u: string) => client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: u, PASSWORD } }));
    await expect(signIn('blocked')).rejects.toMatchObject({ name: 'UserLambdaValidationException', message: 'PreAuthentication failed with error Blocked.' });
    await signIn('fine');
    expect(post.events.map((e) => [e.triggerSource, e.userName])).toEqual([['PostAuthentication_Authentication', 'fine']]);
  });

  it('pre token generation v1 overrides ID token claims and groups', async () => {
    const pre = await recorder('v1', (e) => ({
      ...e,
      response: { claimsOverrideDetails: { claimsToAddOrOverride: { tenant: 'acme', sub: 'ignored' }, claimsToSuppress: ['email'], groupOverrideDetails: { groupsToOverride: ['vip'] } } },
    }));
    const client = idp();
    const { poolId, clientId } = await createPool(client, { LambdaConfig: { PreTokenGeneration: pre.arn } });
    await createConfirmedUser(client, poolId, 'dot');
    const out = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dot', PASSWORD } }));
    const id = claims(out.AuthenticationResult?.IdToken);
    expect(id.tenant).toBe('acme');
    expect(id.sub).not.toBe('ignored');
    expect(id).not.toHaveProperty('email');
    expect(id['cognito:groups']).toEqual(['vip']);
    expect(pre.events[0]).toMatchObject({ triggerSource: 'TokenGeneration_Authentication', request: { groupConfiguration: { groupsToOverride: [] } } });
  });

  it('pre token generation v2 customizes the access token and its scopes', async () => {
    const pre = await recorder('v2', (e) => ({
      ...e,
      response: {
        claimsAndScopeOverrideDetails: {
          accessTokenGeneration: { claimsToAddOrOverride: { plan: 'pro' }, scopesToAdd: ['orders/read'], scopesToSuppress: [] },
          idTokenGeneration: { claimsToAddOrOverride: { nickname: 'D' } },
        },
      },
    }));
    const client = idp();
    const { poolId, clientId } = await createPool(client, {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: pre.arn, LambdaVersion: 'V2_0' } },
    });
    await createConfirmedUser(client, poolId, 'eli');
    const out = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'eli', PASSWORD } }));
    expect(claims(out.AuthenticationResult?.AccessToken)).toMatchObject({ plan: 'pro', scope: 'aws.cognito.signin.user.admin orders/read' });
    expect(claims(out.AuthenticationResult?.IdToken).nickname).toBe('D');
    expect(pre.events[0]).toMatchObject({ version: '2', request: { scopes: ['aws.cognito.signin.user.admin'] } });
  });

  it('CUSTOM_AUTH runs define, create and verify auth challenge until tokens are issued', async () => {
    const define = await fn(
      'define',
      `const s = event.request.session;
       if (s.length && s[s.length - 1].challengeResult) { event.response.issueTokens = true; event.response.failAuthentication = false; }
       else if (s.length >= 2) { event.response.issueTokens = false; event.response.failAuthentication = true; }
       else { event.response.challengeName = 'CUSTOM_CHALLENGE'; event.response.issueTokens = false; event.response.failAuthentication = false; }
       return event;`,
    );
    const create = await fn(
      'create',
      "event.response.publicChallengeParameters = { question: 'colour?' }; event.response.privateChallengeParameters = { answer: 'blue' }; event.response.challengeMetadata = 'Q1'; return event;",
    );
    const verify = await fn('verify', 'event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer; return event;');
    const client = idp();
    const { poolId, clientId } = await createPool(
      client,
      { LambdaConfig: { DefineAuthChallenge: define, CreateAuthChallenge: create, VerifyAuthChallengeResponse: verify } },
      { ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    );
    await createConfirmedUser(client, poolId, 'fox');
    const start = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'fox' } }));
    expect(start.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(start.ChallengeParameters).toEqual({ question: 'colour?', USERNAME: 'fox' });
    const wrong = await client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: start.Session, ChallengeResponses: { USERNAME: 'fox', ANSWER: 'red' } }),
    );
    expect(wrong.ChallengeName).toBe('CUSTOM_CHALLENGE');
    const right = await client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: wrong.Session, ChallengeResponses: { USERNAME: 'fox', ANSWER: 'blue' } }),
    );
    expect(claims(right.AuthenticationResult?.IdToken)['cognito:username']).toBe('fox');

    const again = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'fox' } }));
    const miss1 = await client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: again.Session, ChallengeResponses: { USERNAME: 'fox', ANSWER: 'x' } }),
    );
    await expect(
      client.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: miss1.Session, ChallengeResponses: { USERNAME: 'fox', ANSWER: 'y' } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });
});
