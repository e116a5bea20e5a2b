/**
 * Threat protection (advanced security): risk configurations with CIDR
 * checks, auth events recorded on sign-in, feedback on them, blocked IP
 * ranges refusing sign-in in ENFORCED mode, and the add-on requirement.
 */
import {
  AdminInitiateAuthCommand,
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  ChangePasswordCommand,
  DescribeRiskConfigurationCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SetRiskConfigurationCommand,
  SignUpCommand,
  UpdateAuthEventFeedbackCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { createConfirmedUser, createPool, idp, PASSWORD } from './support';

const plus = (mode: 'AUDIT' | 'ENFORCED' = 'ENFORCED') => ({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: mode } }) as const;

describe('cognito-idp threat protection', () => {
  const m = useMockAws();

  it('answers UserPoolAddOnNotEnabledException when the pool has no advanced security', async () => {
    const { poolId } = await createPool(idp());
    await createConfirmedUser(idp(), poolId, 'ann');
    for (const command of [
      new SetRiskConfigurationCommand({ UserPoolId: poolId }),
      new DescribeRiskConfigurationCommand({ UserPoolId: poolId }),
      new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: 'ann' }),
    ]) {
      await expect(idp().send(command as never)).rejects.toMatchObject({ name: 'UserPoolAddOnNotEnabledException', $metadata: { httpStatusCode: 400 } });
    }
  });

  it('stores pool and client risk configurations; a client without its own inherits the pool one', async () => {
    const { poolId, clientId } = await createPool(idp(), plus());
    const set = await idp().send(
      new SetRiskConfigurationCommand({
        UserPoolId: poolId,
        CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' }, EventFilter: ['SIGN_IN'] },
        RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'], SkippedIPRangeList: ['2001:db8::/32'] },
      }),
    );
    expect(set.RiskConfiguration).toMatchObject({ UserPoolId: poolId, RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'] } });
    expect(set.RiskConfiguration?.LastModifiedDate).toBeInstanceOf(Date);
    const inherited = await idp().send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(inherited.RiskConfiguration?.CompromisedCredentialsRiskConfiguration?.Actions?.EventAction).toBe('BLOCK');

    await idp().send(
      new SetRiskConfigurationCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AccountTakeoverRiskConfiguration: { Actions: { HighAction: { EventAction: 'MFA_REQUIRED', Notify: false } } },
      }),
    );
    const own = await idp().send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(own.RiskConfiguration).toMatchObject({ ClientId: clientId, AccountTakeoverRiskConfiguration: { Actions: { HighAction: { EventAction: 'MFA_REQUIRED' } } } });
    // Only the pool id and client id: the client goes back to the pool's configuration.
    await idp().send(new SetRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }));
    const back = await idp().send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(back.RiskConfiguration?.ClientId).toBeUndefined();
    expect(back.RiskConfiguration?.RiskExceptionConfiguration?.BlockedIPRangeList).toEqual(['192.0.2.0/24']);
  });

  it('refuses an IP range that is not a CIDR block, and an unknown client', async () => {
    const { poolId } = await createPool(idp(), plus());
    for (const range of ['192.0.2.1', '192.0.2.0/33', '300.0.0.0/8', 'fe80::/129']) {
      await expect(
        idp().send(new SetRiskConfigurationCommand({ UserPoolId: poolId, RiskExceptionConfiguration: { BlockedIPRangeList: [range] } })),
      ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    }
    await expect(idp().send(new SetRiskConfigurationCommand({ UserPoolId: poolId, ClientId: 'nosuchclient' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('records sign-ins as auth events, newest first, with feedback by admin and by the user', async () => {
    const { poolId, clientId } = await createPool(idp(), plus('AUDIT'));
    await createConfirmedUser(idp(), poolId, 'bo');
    const signIn = (password: string) =>
      idp().send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'bo', PASSWORD: password },
          UserContextData: { IpAddress: '198.51.100.7' },
        }),
      );
    await expect(signIn('Wr0ng-password!')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    m.clock.advance(1000);
    await signIn(PASSWORD);
    const { AuthEvents } = await idp().send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: 'bo' }));
    expect(AuthEvents).toHaveLength(2);
    expect(AuthEvents?.[0]).toMatchObject({
      EventType: 'SignIn',
      EventResponse: 'Pass',
      EventRisk: { RiskDecision: 'NoRisk' },
      ChallengeResponses: [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }],
      EventContextData: { IpAddress: '198.51.100.7' },
    });
    expect(AuthEvents?.[1]).toMatchObject({ EventResponse: 'Fail', ChallengeResponses: [{ ChallengeName: 'Password', ChallengeResponse: 'Failure' }] });

    const page = await idp().send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: 'bo', MaxResults: 1 }));
    expect(page.AuthEvents?.[0].EventId).toBe(AuthEvents?.[0].EventId);
    const rest = await idp().send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: 'bo', MaxResults: 1, NextToken: page.NextToken }));
    expect(rest.AuthEvents?.[0].EventId).toBe(AuthEvents?.[1].EventId);

    const failedId = AuthEvents?.[1].EventId as string;
    await idp().send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: poolId, Username: 'bo', EventId: failedId, FeedbackValue: 'Invalid' }));
    const backend = await m.backends.cognitoidp();
    // Oldest first on the backend: the failed attempt's token (Cognito mails it with the notification).
    const token = backend.pools.get(poolId)?.authEvents.get('bo')?.[0].feedbackToken as string;
    await expect(
      idp().send(new UpdateAuthEventFeedbackCommand({ UserPoolId: poolId, Username: 'bo', EventId: failedId, FeedbackToken: 'forged', FeedbackValue: 'Valid' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const passedId = AuthEvents?.[0].EventId as string;
    await idp().send(new UpdateAuthEventFeedbackCommand({ UserPoolId: poolId, Username: 'bo', EventId: failedId, FeedbackToken: token, FeedbackValue: 'Valid' }));
    const after = await idp().send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: 'bo' }));
    expect(after.AuthEvents?.find((e) => e.EventId === failedId)?.EventFeedback).toMatchObject({ FeedbackValue: 'Valid', Provider: 'User' });
    expect(after.AuthEvents?.find((e) => e.EventId === passedId)?.EventFeedback).toBeUndefined();
  });

  it('refuses sign-in from a blocked IP range in ENFORCED mode unless a skipped range holds it; AUDIT only records', async () => {
    const { poolId, clientId } = await createPool(idp(), plus('ENFORCED'));
    await createConfirmedUser(idp(), poolId, 'cy');
    await idp().send(
      new SetRiskConfigurationCommand({
        UserPoolId: poolId,
        RiskExceptionConfiguration: { BlockedIPRangeList: ['203.0.113.0/24'], SkippedIPRangeList: ['203.0.113.128/25'] },
      }),
    );
    const adminSignIn = (ip: string) =>
      idp().send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'cy', PASSWORD },
          ContextData: { IpAddress: ip, ServerName: 'app.example.com', ServerPath: '/login', HttpHeaders: [] },
        }),
      );
    await expect(adminSignIn('203.0.113.9')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Request not allowed due to security reasons.' });
    expect((await adminSignIn('203.0.113.200')).AuthenticationResult?.AccessToken).toBeDefined();
    expect((await adminSignIn('198.51.100.1')).AuthenticationResult?.AccessToken).toBeDefined();
    const { AuthEvents } = await idp().send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: 'cy' }));
    expect(AuthEvents?.map((e) => [e.EventResponse, e.EventRisk?.RiskDecision])).toEqual([
      ['Pass', 'NoRisk'],
      ['Pass', 'NoRisk'],
      ['Fail', 'Block'],
    ]);
  });

  it('records sign-up, code resends, forgotten and changed passwords as events too', async () => {
    const { poolId, clientId } = await createPool(idp(), plus('AUDIT'));
    await idp().send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'dot',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'dot@example.com' }],
        UserContextData: { IpAddress: '192.0.2.55' },
      }),
    );
    await idp().send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'dot' }));
    await createConfirmedUser(idp(), poolId, 'eve');
    await idp().send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'eve' }));
    const tokens = await idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'eve', PASSWORD } }));
    await idp().send(new ChangePasswordCommand({ AccessToken: tokens.AuthenticationResult?.AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'N3w-password!' }));
    const dot = await idp().send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: 'dot' }));
    expect(dot.AuthEvents?.map((e) => e.EventType)).toEqual(['ResendCode', 'SignUp']);
    expect(dot.AuthEvents?.[1]).toMatchObject({ EventResponse: 'Pass', EventContextData: { IpAddress: '192.0.2.55' }, ChallengeResponses: [] });
    const eve = await idp().send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: 'eve' }));
    expect(eve.AuthEvents?.map((e) => e.EventType)).toEqual(['PasswordChange', 'SignIn', 'ForgotPassword']);
  });
});
