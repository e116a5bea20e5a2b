/**
 * The rest of the administrative surface: pool updates, custom attributes,
 * tags, MFA configuration, client listing and deletion, user enable/disable,
 * password resets, attribute deletion, confirmation by an admin, group CRUD,
 * resource servers, and self-service deletion.
 */
import {
  AddCustomAttributesCommand,
  AdminConfirmSignUpCommand,
  AdminDeleteUserAttributesCommand,
  AdminEnableUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRemoveUserFromGroupCommand,
  AdminAddUserToGroupCommand,
  AdminResetUserPasswordCommand,
  AdminRespondToAuthChallengeCommand,
  AdminCreateUserCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  DeleteGroupCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListTagsForResourceCommand,
  ListUserPoolClientsCommand,
  ListUsersCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateGroupCommand,
  UpdateUserPoolCommand,
  AdminListGroupsForUserCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { createConfirmedUser, createPool, idp, PASSWORD } from './support';

describe('cognito-idp administration', () => {
  const m = useMockAws();

  it('updates a pool (omitted settings back to defaults), adds custom attributes, tags it', async () => {
    const client = idp();
    const { poolId } = await createPool(client, { MfaConfiguration: 'OFF', UserPoolTags: { team: 'a' } });
    await client.send(new UpdateUserPoolCommand({ UserPoolId: poolId, Policies: { PasswordPolicy: { MinimumLength: 12 } } }));
    const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(UserPool?.Policies?.PasswordPolicy?.MinimumLength).toBe(12);
    expect(UserPool?.AutoVerifiedAttributes).toBeUndefined();
    await client.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'tier', AttributeDataType: 'String' }] }));
    await expect(client.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'tier', AttributeDataType: 'String' }] }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    const after = await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(after.UserPool?.SchemaAttributes?.find((a) => a.Name === 'custom:tier')).toMatchObject({ AttributeDataType: 'String', Mutable: true });

    const arn = after.UserPool?.Arn as string;
    await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: 'test' } }));
    await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team'] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual({ env: 'test' });
    expect(await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).toMatchObject({ MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } });
  });

  it('lists clients in pages and deletes one', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'b' }));
    await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c' }));
    const p1 = await client.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 2 }));
    const p2 = await client.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 2, NextToken: p1.NextToken }));
    expect([...(p1.UserPoolClients ?? []), ...(p2.UserPoolClients ?? [])].map((c) => c.ClientName).sort()).toEqual(['b', 'c', 'web']);
    expect(p2.NextToken).toBeUndefined();
    await client.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    await expect(client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'x', PASSWORD } }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool client ${clientId} does not exist.`,
    });
  });

  it('re-enables a disabled user, resets a password to RESET_REQUIRED, deletes attributes', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'max');
    const signIn = () => client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'max', PASSWORD } }));
    await client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'max' }));
    await client.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'max' }));
    await expect(signIn()).resolves.toHaveProperty('AuthenticationResult');
    await client.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'max' }));
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'max' }))).UserStatus).toBe('RESET_REQUIRED');
    expect((await m.backends.cognitoidp()).lastCode(poolId, 'max', 'FORGOT_PASSWORD')).toMatch(/^\d{6}$/);
    await expect(signIn()).rejects.toMatchObject({ name: 'PasswordResetRequiredException', message: 'Password reset required for the user' });

    await client.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'max', UserAttributeNames: ['email_verified'] }));
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'max' }));
    expect(user.UserAttributes?.map((a) => a.Name)).not.toContain('email_verified');
    await expect(client.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'max', UserAttributeNames: ['sub'] }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('confirms a sign-up as admin and re-sends a code only to an unconfirmed user', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await client.send(new SignUpCommand({ ClientId: clientId, Username: 'ned', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'ned@example.com' }] }));
    const first = (await m.backends.cognitoidp()).lastCode(poolId, 'ned');
    const resent = await client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ned' }));
    expect(resent.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    expect((await m.backends.cognitoidp()).sentCodes.filter((c) => c.username === 'ned')).toHaveLength(2);
    expect(first).toBeDefined();
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'ned' }));
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ned' }))).UserStatus).toBe('CONFIRMED');
    await expect(client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ned' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'User is already confirmed.',
    });
  });

  it('gets, updates, lists and deletes groups; removes members', async () => {
    const client = idp();
    const { poolId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'ola');
    for (const name of ['a', 'b', 'c']) await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: name }));
    await client.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'a', Description: 'first', Precedence: 5 }));
    expect((await client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'a' }))).Group).toMatchObject({ Description: 'first', Precedence: 5 });
    const p1 = await client.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 2 }));
    const p2 = await client.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 2, NextToken: p1.NextToken }));
    expect([...(p1.Groups ?? []), ...(p2.Groups ?? [])].map((g) => g.GroupName)).toEqual(['a', 'b', 'c']);
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'ola', GroupName: 'b' }));
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'ola', GroupName: 'c' }));
    await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: 'ola', GroupName: 'b' }));
    await client.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'c' }));
    expect((await client.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'ola' }))).Groups).toEqual([]);
    await expect(client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'c' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.' });
  });

  it('answers NEW_PASSWORD_REQUIRED through AdminRespondToAuthChallenge, with required attributes', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client, { Schema: [{ Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true }] });
    await client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'pia', TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS' }));
    const start = () =>
      client.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pia', PASSWORD: 'Temp-Passw0rd!' } }));
    const first = await start();
    expect(JSON.parse(first.ChallengeParameters?.requiredAttributes ?? '')).toEqual(['userAttributes.name']);
    await expect(
      client.send(new AdminRespondToAuthChallengeCommand({ UserPoolId: poolId, ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: first.Session, ChallengeResponses: { USERNAME: 'pia', NEW_PASSWORD: 'Final-Passw0rd!' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid attributes given, name is missing' });
    const second = await start();
    const done = await client.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: second.Session,
        ChallengeResponses: { USERNAME: 'pia', NEW_PASSWORD: 'Final-Passw0rd!', 'userAttributes.name': 'Pia' },
      }),
    );
    expect(done.AuthenticationResult?.IdToken).toBeDefined();
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'pia' }))).UserAttributes).toContainEqual({ Name: 'name', Value: 'Pia' });
  });

  it('lets a user request a verification code, delete an attribute and delete themselves', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'quin');
    const token = (await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'quin', PASSWORD } })))
      .AuthenticationResult?.AccessToken as string;
    const code = await client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' }));
    expect(code.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    await expect(client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'phone_number' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await client.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['email_verified'] }));
    await client.send(new DeleteUserCommand({ AccessToken: token }));
    expect((await client.send(new ListUsersCommand({ UserPoolId: poolId }))).Users).toEqual([]);
  });
});
