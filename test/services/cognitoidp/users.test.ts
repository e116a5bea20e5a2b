/**
 * User pools, app clients and users through the real SDK: sign-up with a
 * readable code, the password policy's refusals, AdminCreateUser's temporary
 * password, attributes, ListUsers filters and pages, groups.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminUpdateUserAttributesCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  SignUpCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { createConfirmedUser, createPool, idp, PASSWORD, secretHash } from './support';

describe('cognito-idp user pools and users', () => {
  const m = useMockAws();

  it('creates a pool with Cognito defaults and an id of the form <region>_<9 chars>', async () => {
    const client = idp();
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'p1' }));
    expect(UserPool?.Id).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(UserPool?.Arn).toBe(`arn:aws:cognito-idp:us-east-1:123456789012:userpool/${UserPool?.Id}`);
    expect(UserPool?.Policies?.PasswordPolicy).toMatchObject({ MinimumLength: 8, RequireUppercase: true, TemporaryPasswordValidityDays: 7 });
    expect(UserPool?.MfaConfiguration).toBe('OFF');
    expect(UserPool?.SchemaAttributes?.find((a) => a.Name === 'sub')).toMatchObject({ Required: true, Mutable: false });
    const listed = await client.send(new ListUserPoolsCommand({ MaxResults: 10 }));
    expect(listed.UserPools?.map((p) => p.Id)).toEqual([UserPool?.Id]);
  });

  it('refuses an unknown pool with ResourceNotFoundException and a bad name with InvalidParameterException', async () => {
    const client = idp();
    await expect(client.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_missing00' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_missing00 does not exist.',
    });
    await expect(client.send(new CreateUserPoolCommand({ PoolName: 'bad/name' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(client.send(new CreateUserPoolCommand({ PoolName: 'x', UsernameAttributes: ['email'], AliasAttributes: ['email'] }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.',
    });
  });

  it('keeps a pool with deletion protection until it is turned off', async () => {
    const client = idp();
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'kept', DeletionProtection: 'ACTIVE' }));
    await expect(client.send(new DeleteUserPoolCommand({ UserPoolId: UserPool?.Id }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await client.send(new UpdateUserPoolCommand({ UserPoolId: UserPool?.Id, DeletionProtection: 'INACTIVE' }));
    await client.send(new DeleteUserPoolCommand({ UserPoolId: UserPool?.Id }));
    await expect(client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool?.Id }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('gives a client a 26-character id and, when asked, a secret', async () => {
    const client = idp();
    const { poolId } = await createPool(client);
    const { UserPoolClient } = await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'server', GenerateSecret: true }));
    expect(UserPoolClient?.ClientId).toMatch(/^[a-z0-9]{26}$/);
    expect(UserPoolClient?.ClientSecret).toMatch(/^[a-z0-9]{51}$/);
    expect(UserPoolClient?.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH']);
    const described = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: UserPoolClient?.ClientId }));
    expect(described.UserPoolClient?.ClientSecret).toBe(UserPoolClient?.ClientSecret);
    await expect(client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nope does not exist.',
    });
  });

  it('signs a user up UNCONFIRMED and confirms with the code the test reads from the backend', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    const out = await client.send(
      new SignUpCommand({ ClientId: clientId, Username: 'alice', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }] }),
    );
    expect(out.UserConfirmed).toBe(false);
    expect(out.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const before = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect(before.UserStatus).toBe('UNCONFIRMED');

    await expect(client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: '000000x' }))).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    const code = (await m.backends.cognitoidp()).lastCode(poolId, 'alice');
    expect(code).toMatch(/^\d{6}$/);
    await client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: code }));
    const after = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect(after.UserStatus).toBe('CONFIRMED');
    expect(after.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email_verified', Value: 'true' }, { Name: 'sub', Value: out.UserSub }]));
    await expect(client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: code }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });

  it.each([
    ['short1!A', 'Password did not conform with policy: Password not long enough', 'Sh0rt!'],
    ['lower', 'Password did not conform with policy: Password must have lowercase characters', 'UPPERCASE123!'],
    ['upper', 'Password did not conform with policy: Password must have uppercase characters', 'lowercase123!'],
    ['numbers', 'Password did not conform with policy: Password must have numeric characters', 'NoNumbers!!'],
    ['symbols', 'Password did not conform with policy: Password must have symbol characters', 'NoSymbols123'],
  ])('enforces the password policy (%s)', async (_case, message, password) => {
    const client = idp();
    const { clientId } = await createPool(client);
    await expect(client.send(new SignUpCommand({ ClientId: clientId, Username: 'bob', Password: password }))).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      message,
    });
  });

  it('refuses a duplicate username, unknown and missing required attributes, before writing anything', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client, {
      Schema: [{ Name: 'given_name', AttributeDataType: 'String', Required: true, Mutable: true }],
    });
    await expect(client.send(new SignUpCommand({ ClientId: clientId, Username: 'carol', Password: PASSWORD }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: given_name: The attribute is required',
    });
    await expect(
      client.send(new SignUpCommand({ ClientId: clientId, Username: 'carol', Password: PASSWORD, UserAttributes: [{ Name: 'given_name', Value: 'C' }, { Name: 'custom:nope', Value: '1' }] })),
    ).rejects.toMatchObject({ message: 'Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.' });
    const users = await client.send(new ListUsersCommand({ UserPoolId: poolId }));
    expect(users.Users).toEqual([]);
    await client.send(new SignUpCommand({ ClientId: clientId, Username: 'carol', Password: PASSWORD, UserAttributes: [{ Name: 'given_name', Value: 'C' }] }));
    await expect(
      client.send(new SignUpCommand({ ClientId: clientId, Username: 'carol', Password: PASSWORD, UserAttributes: [{ Name: 'given_name', Value: 'C' }] })),
    ).rejects.toMatchObject({ name: 'UsernameExistsException', message: 'User already exists' });
  });

  it('names users by sub when the pool signs in with email, and finds them by email', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client, { UsernameAttributes: ['email'] });
    await expect(client.send(new SignUpCommand({ ClientId: clientId, Username: 'not-an-email', Password: PASSWORD }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Username should be an email.',
    });
    const out = await client.send(new SignUpCommand({ ClientId: clientId, Username: 'dan@example.com', Password: PASSWORD }));
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dan@example.com' }));
    expect(user.Username).toBe(out.UserSub);
    await expect(client.send(new SignUpCommand({ ClientId: clientId, Username: 'dan@example.com', Password: PASSWORD }))).rejects.toMatchObject({
      name: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
  });

  it('requires SECRET_HASH from a client with a secret and verifies it', async () => {
    const client = idp();
    const { clientId, clientSecret } = await createPool(client, {}, { GenerateSecret: true });
    const input = { ClientId: clientId, Username: 'erin', Password: PASSWORD };
    await expect(client.send(new SignUpCommand(input))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    });
    await expect(client.send(new SignUpCommand({ ...input, SecretHash: secretHash('wrong', 'erin', clientId) }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${clientId}`,
    });
    const ok = await client.send(new SignUpCommand({ ...input, SecretHash: secretHash(clientSecret as string, 'erin', clientId) }));
    expect(ok.UserSub).toBeDefined();
  });

  it('creates users as admin in FORCE_CHANGE_PASSWORD and records the temporary password', async () => {
    const client = idp();
    const { poolId } = await createPool(client);
    const { User } = await client.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'frank', UserAttributes: [{ Name: 'email', Value: 'frank@example.com' }] }),
    );
    expect(User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(User?.Enabled).toBe(true);
    const temp = (await m.backends.cognitoidp()).lastCode(poolId, 'frank', 'ADMIN_CREATE_USER');
    expect(temp).toMatch(/[A-Z]/);
    await expect(client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'frank' }))).rejects.toMatchObject({
      name: 'UsernameExistsException',
      message: 'User account already exists',
    });
    await expect(client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ghost' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });

  it('filters and pages ListUsers with real tokens', async () => {
    const client = idp();
    const { poolId } = await createPool(client);
    for (const name of ['u1', 'u2', 'u3', 'u4', 'u5']) await createConfirmedUser(client, poolId, name);
    await client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'u4' }));
    const page1 = await client.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 2 }));
    expect(page1.Users?.map((u) => u.Username)).toEqual(['u1', 'u2']);
    const page2 = await client.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 2, PaginationToken: page1.PaginationToken }));
    expect(page2.Users?.map((u) => u.Username)).toEqual(['u3', 'u4']);
    const page3 = await client.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 2, PaginationToken: page2.PaginationToken }));
    expect(page3.Users?.map((u) => u.Username)).toEqual(['u5']);
    expect(page3.PaginationToken).toBeUndefined();

    const byEmail = await client.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "u3@example.com"' }));
    expect(byEmail.Users?.map((u) => u.Username)).toEqual(['u3']);
    const prefix = await client.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'username ^= "u"', AttributesToGet: ['email'] }));
    expect(prefix.Users).toHaveLength(5);
    expect(prefix.Users?.[0].Attributes).toEqual([{ Name: 'email', Value: 'u1@example.com' }]);
    const disabled = await client.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'status = "Disabled"' }));
    expect(disabled.Users?.map((u) => u.Username)).toEqual(['u4']);
    await expect(client.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = unquoted' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Error while parsing filter.',
    });
  });

  it('resets a forgotten password with the emailed code', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'gina');
    const out = await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'gina' }));
    expect(out.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    const code = (await m.backends.cognitoidp()).lastCode(poolId, 'gina', 'FORGOT_PASSWORD') as string;
    await expect(
      client.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'gina', ConfirmationCode: code, Password: 'weak' })),
    ).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    await client.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'gina', ConfirmationCode: code, Password: 'N3w-Passw0rd!' }));
    await expect(
      client.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'gina', ConfirmationCode: code, Password: 'N3w-Passw0rd!' })),
    ).rejects.toMatchObject({ name: 'CodeMismatchException' });
  });

  it('groups users, lists both ways, and marks a changed email unverified', async () => {
    const client = idp();
    const { poolId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'hank');
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins', Precedence: 1 }));
    await expect(client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }))).rejects.toMatchObject({ name: 'GroupExistsException' });
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'hank', GroupName: 'admins' }));
    await expect(client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'hank', GroupName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
    const groups = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'hank' }));
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['admins']);
    const members = await client.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
    expect(members.Users?.map((u) => u.Username)).toEqual(['hank']);
    await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'hank', UserAttributes: [{ Name: 'email', Value: 'new@example.com' }] }));
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'hank' }));
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email', Value: 'new@example.com' }, { Name: 'email_verified', Value: 'false' }]));
    await client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'hank' }));
    const after = await client.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
    expect(after.Users).toEqual([]);
  });
});
