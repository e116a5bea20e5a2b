/**
 * Sign-in flows through the SDK: USER_PASSWORD_AUTH and the admin flow,
 * NEW_PASSWORD_REQUIRED after AdminCreateUser, the claims of the tokens,
 * REFRESH_TOKEN_AUTH, GlobalSignOut / RevokeToken / AdminUserGlobalSignOut,
 * and the refusals in Cognito's words.
 */
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  AdminUserGlobalSignOutCommand,
  ChangePasswordCommand,
  CreateGroupCommand,
  AdminAddUserToGroupCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  UpdateUserPoolClientCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { claims, createConfirmedUser, createPool, idp, PASSWORD, secretHash } from './support';

describe('cognito-idp sign-in', () => {
  const m = useMockAws();

  async function passwordSignIn(clientId: string, username: string, password = PASSWORD) {
    return idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));
  }

  it('USER_PASSWORD_AUTH returns RS256 tokens with the claims Cognito issues', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'ann');
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Precedence: 2, RoleArn: 'arn:aws:iam::123456789012:role/editor' }));
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins', Precedence: 1 }));
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'ann', GroupName: 'editors' }));
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'ann', GroupName: 'admins' }));
    const out = await passwordSignIn(clientId, 'ann');
    const result = out.AuthenticationResult;
    expect(result).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    expect(result?.RefreshToken?.split('.')).toHaveLength(5);
    const header = JSON.parse(Buffer.from(String(result?.IdToken).split('.')[0], 'base64url').toString());
    expect(header).toEqual({ kid: expect.any(String), alg: 'RS256' });
    const id = claims(result?.IdToken);
    const access = claims(result?.AccessToken);
    const iss = `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`;
    expect(id).toMatchObject({
      iss,
      aud: clientId,
      token_use: 'id',
      'cognito:username': 'ann',
      'cognito:groups': ['admins', 'editors'],
      'cognito:roles': ['arn:aws:iam::123456789012:role/editor'],
      'cognito:preferred_role': 'arn:aws:iam::123456789012:role/editor',
      email: 'ann@example.com',
      email_verified: true,
    });
    expect(id.exp - id.iat).toBe(3600);
    expect(access).toMatchObject({ iss, client_id: clientId, token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: 'ann', sub: id.sub });
    expect(access.origin_jti).toBe(id.origin_jti);
    expect(access).toHaveProperty('jti');
    expect(access).toHaveProperty('event_id');

    const me = await client.send(new GetUserCommand({ AccessToken: result?.AccessToken }));
    expect(me.Username).toBe('ann');
  });

  it('refuses wrong passwords, unknown, unconfirmed and disabled users as Cognito does', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'bea');
    await expect(passwordSignIn(clientId, 'bea', 'Wr0ng-pass!')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    await expect(passwordSignIn(clientId, 'nobody')).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
    await client.send(new SignUpCommand({ ClientId: clientId, Username: 'cid', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'c@example.com' }] }));
    await expect(passwordSignIn(clientId, 'cid')).rejects.toMatchObject({ name: 'UserNotConfirmedException', message: 'User is not confirmed.' });
    await client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'bea' }));
    await expect(passwordSignIn(clientId, 'bea')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });
  });

  it('refuses a flow the client does not allow', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client, {}, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await createConfirmedUser(client, poolId, 'dee');
    await expect(passwordSignIn(clientId, 'dee')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
    await expect(
      client.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dee', PASSWORD } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Auth flow not enabled for this client' });
  });

  it('walks AdminCreateUser → NEW_PASSWORD_REQUIRED → tokens', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'eve', TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS' }));
    const first = await client.send(
      new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'eve', PASSWORD: 'Temp-Passw0rd!' } }),
    );
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(first.ChallengeParameters).toMatchObject({ USER_ID_FOR_SRP: 'eve', requiredAttributes: '[]' });
    expect(first.AuthenticationResult).toBeUndefined();
    await expect(
      client.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: first.Session, ChallengeResponses: { USERNAME: 'eve', NEW_PASSWORD: 'weak' } })),
    ).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    // A refused answer uses the session up, as Cognito's sessions are single-use.
    const again = await client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'eve', PASSWORD: 'Temp-Passw0rd!' } }),
    );
    const done = await client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: again.Session, ChallengeResponses: { USERNAME: 'eve', NEW_PASSWORD: 'Final-Passw0rd!' } }),
    );
    expect(claims(done.AuthenticationResult?.IdToken)['cognito:username']).toBe('eve');
    await expect(passwordSignIn(clientId, 'eve', 'Final-Passw0rd!')).resolves.toHaveProperty('AuthenticationResult');
  });

  it('expires an unused temporary password after TemporaryPasswordValidityDays', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client, { Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 1 } } });
    await client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'fay', TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS' }));
    m.clock.advance(86_401_000);
    await expect(passwordSignIn(clientId, 'fay', 'Temp-Passw0rd!')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Temporary password has expired and must be reset by an administrator.',
    });
  });

  it('refreshes with REFRESH_TOKEN_AUTH (same session, no new refresh token) until sign-out revokes it', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'gus');
    const signIn = (await passwordSignIn(clientId, 'gus')).AuthenticationResult;
    m.clock.advance(10_000);
    const refreshed = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: signIn?.RefreshToken as string } }));
    expect(refreshed.AuthenticationResult?.RefreshToken).toBeUndefined();
    const newId = claims(refreshed.AuthenticationResult?.IdToken);
    expect(newId.origin_jti).toBe(claims(signIn?.IdToken).origin_jti);
    expect(newId.auth_time).toBe(claims(signIn?.IdToken).auth_time);
    expect(newId.iat).toBeGreaterThan(claims(signIn?.IdToken).iat);

    await client.send(new GlobalSignOutCommand({ AccessToken: signIn?.AccessToken }));
    await expect(
      client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: signIn?.RefreshToken as string } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
    await expect(client.send(new GetUserCommand({ AccessToken: refreshed.AuthenticationResult?.AccessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
  });

  it('RevokeToken invalidates one sign-in; AdminUserGlobalSignOut all of them', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'hal');
    const a = (await passwordSignIn(clientId, 'hal')).AuthenticationResult;
    const b = (await passwordSignIn(clientId, 'hal')).AuthenticationResult;
    await expect(client.send(new RevokeTokenCommand({ ClientId: clientId, Token: a?.AccessToken as string }))).rejects.toMatchObject({
      name: 'UnsupportedTokenTypeException',
    });
    await client.send(new RevokeTokenCommand({ ClientId: clientId, Token: a?.RefreshToken as string }));
    await expect(client.send(new GetUserCommand({ AccessToken: a?.AccessToken }))).rejects.toMatchObject({ message: 'Access Token has been revoked' });
    await expect(client.send(new GetUserCommand({ AccessToken: b?.AccessToken }))).resolves.toMatchObject({ Username: 'hal' });
    await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: 'hal' }));
    await expect(client.send(new GetUserCommand({ AccessToken: b?.AccessToken }))).rejects.toMatchObject({ message: 'Access Token has been revoked' });
  });

  it('refuses an expired access token and a forged one', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'ida');
    const result = (await passwordSignIn(clientId, 'ida')).AuthenticationResult;
    const [h, p] = String(result?.AccessToken).split('.');
    await expect(client.send(new GetUserCommand({ AccessToken: `${h}.${p}.AAAA` }))).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Access Token' });
    m.clock.advance(3601_000);
    await expect(client.send(new GetUserCommand({ AccessToken: result?.AccessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
  });

  it('verifies SECRET_HASH in USER_PASSWORD_AUTH for a client with a secret', async () => {
    const client = idp();
    const { poolId, clientId, clientSecret } = await createPool(client, {}, { GenerateSecret: true });
    await createConfirmedUser(client, poolId, 'jon');
    const params = { USERNAME: 'jon', PASSWORD };
    await expect(client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { ...params, SECRET_HASH: 'bm9wZQ==' } }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${clientId}`,
    });
    const ok = await client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { ...params, SECRET_HASH: secretHash(clientSecret as string, 'jon', clientId) } }),
    );
    expect(ok.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('lets a signed-in user change the password and verify a changed email', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'kim');
    const token = (await passwordSignIn(clientId, 'kim')).AuthenticationResult?.AccessToken as string;
    await expect(client.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: 'Wr0ng-pass!', ProposedPassword: 'An0ther-pass!' }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    await client.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: PASSWORD, ProposedPassword: 'An0ther-pass!' }));
    await expect(passwordSignIn(clientId, 'kim', 'An0ther-pass!')).resolves.toHaveProperty('AuthenticationResult');

    const upd = await client.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'kim2@example.com' }] }));
    expect(upd.CodeDeliveryDetailsList).toEqual([{ Destination: 'k***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    const code = (await m.backends.cognitoidp()).lastCode(poolId, 'kim', 'VERIFY:email') as string;
    await client.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: code }));
    const me = await client.send(new GetUserCommand({ AccessToken: token }));
    expect(me.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email', Value: 'kim2@example.com' }, { Name: 'email_verified', Value: 'true' }]));
  });

  it('GetTokensFromRefreshToken rotates the refresh token when the client enables rotation', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'lou');
    const first = (await passwordSignIn(clientId, 'lou')).AuthenticationResult;
    const plain = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first?.RefreshToken }));
    expect(plain.AuthenticationResult?.RefreshToken).toBeUndefined();
    expect(claims(plain.AuthenticationResult?.IdToken)['cognito:username']).toBe('lou');

    await client.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      }),
    );
    const rotated = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first?.RefreshToken }));
    const next = rotated.AuthenticationResult?.RefreshToken as string;
    expect(next).toBeDefined();
    expect(next).not.toBe(first?.RefreshToken);
    // Within the grace period the old token still works (client retries); after it, it is refused.
    await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first?.RefreshToken }));
    m.clock.advance(10_001);
    await expect(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first?.RefreshToken }))).rejects.toMatchObject({
      name: 'RefreshTokenReuseException',
    });
    await expect(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: next }))).resolves.toHaveProperty('AuthenticationResult');
  });
});
