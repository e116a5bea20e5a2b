/**
 * Choice-based sign-in (USER_AUTH): SELECT_CHALLENGE with the available first
 * factors of the pool's SignInPolicy, PREFERRED_CHALLENGE PASSWORD / EMAIL_OTP,
 * the PASSWORD and PASSWORD_SRP answers, and Get/AdminGetUserAuthFactors.
 */
import {
  AdminGetUserAuthFactorsCommand,
  GetUserAuthFactorsCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { claims, createConfirmedUser, createPool, idp, PASSWORD } from './support';

describe('cognito-idp USER_AUTH choice-based sign-in', () => {
  const m = useMockAws();
  const FLOWS = ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as const;

  async function setup(factors: string[] = ['PASSWORD', 'EMAIL_OTP']) {
    const client = idp();
    const { poolId, clientId } = await createPool(
      client,
      { Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors as never } } },
      { ExplicitAuthFlows: [...FLOWS] },
    );
    await createConfirmedUser(client, poolId, 'uma');
    return { client, poolId, clientId };
  }

  it('offers the available challenges and signs in with the chosen one', async () => {
    const { client, poolId, clientId } = await setup();
    const start = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'uma' } }));
    expect(start).toMatchObject({ ChallengeName: 'SELECT_CHALLENGE', AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'], Session: expect.any(String) });
    const wrong = client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: start.Session, ChallengeResponses: { USERNAME: 'uma', ANSWER: 'PASSWORD', PASSWORD: 'Wr0ng-pass!' } }),
    );
    await expect(wrong).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });

    const again = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'uma' } }));
    const done = await client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: again.Session, ChallengeResponses: { USERNAME: 'uma', ANSWER: 'PASSWORD', PASSWORD } }),
    );
    expect(claims(done.AuthenticationResult?.IdToken)['cognito:username']).toBe('uma');

    // EMAIL_OTP: a code goes to the verified email; the answer is EMAIL_OTP_CODE.
    const third = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'uma' } }));
    const otp = await client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: third.Session, ChallengeResponses: { USERNAME: 'uma', ANSWER: 'EMAIL_OTP' } }),
    );
    expect(otp).toMatchObject({ ChallengeName: 'EMAIL_OTP', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL' } });
    const code = (await m.backends.cognitoidp()).lastCode(poolId, 'uma', 'MFA') as string;
    const bad = client.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: otp.Session, ChallengeResponses: { USERNAME: 'uma', EMAIL_OTP_CODE: code === '000000' ? '111111' : '000000' } }));
    await expect(bad).rejects.toMatchObject({ name: 'CodeMismatchException' });
  });

  it('starts at PREFERRED_CHALLENGE: PASSWORD in one call, EMAIL_OTP with the code', async () => {
    const { client, poolId, clientId } = await setup();
    const direct = await client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'uma', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD } }),
    );
    expect(direct.AuthenticationResult?.AccessToken).toBeDefined();

    const otp = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'uma', PREFERRED_CHALLENGE: 'EMAIL_OTP' } }));
    expect(otp.ChallengeName).toBe('EMAIL_OTP');
    const code = (await m.backends.cognitoidp()).lastCode(poolId, 'uma', 'MFA') as string;
    const done = await client.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: otp.Session, ChallengeResponses: { USERNAME: 'uma', EMAIL_OTP_CODE: code } }));
    expect(done.AuthenticationResult?.IdToken).toBeDefined();

    // PASSWORD_SRP continues as USER_SRP_AUTH does.
    const srp = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'uma', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: 'ab'.repeat(64) } }));
    expect(srp).toMatchObject({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SRP_B: expect.any(String), SALT: expect.any(String), USERNAME: 'uma' } });
  });

  it('allows only the pool policy factors, needs ALLOW_USER_AUTH, and reports the user auth factors', async () => {
    const { client, clientId } = await setup(['PASSWORD']);
    const start = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'uma' } }));
    expect(start.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP']);
    await expect(
      client.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: start.Session, ChallengeResponses: { USERNAME: 'uma', ANSWER: 'EMAIL_OTP' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });

    const { clientId: legacy } = await createPool(client, {}, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
    await expect(client.send(new InitiateAuthCommand({ ClientId: legacy, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'uma' } }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Auth flow not enabled for this client',
    });

    const signedIn = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'uma', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD } }));
    expect(await client.send(new GetUserAuthFactorsCommand({ AccessToken: signedIn.AuthenticationResult?.AccessToken }))).toMatchObject({
      Username: 'uma',
      ConfiguredUserAuthFactors: ['PASSWORD'],
      UserMFASettingList: [],
    });
    const { poolId: otpPool } = await setup(['PASSWORD', 'EMAIL_OTP']);
    expect((await client.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: otpPool, Username: 'uma' }))).ConfiguredUserAuthFactors).toEqual(['PASSWORD', 'EMAIL_OTP']);
  });
});
