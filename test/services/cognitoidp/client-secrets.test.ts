/**
 * Client secret rotation: a confidential client holds up to two secrets, both accepted for SECRET_HASH and
 * client authentication; the list never shows values; the last secret cannot be deleted.
 */
import {
  AddUserPoolClientSecretCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListUserPoolClientSecretsCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { createConfirmedUser, createPool, idp, PASSWORD, secretHash } from './support';

describe('cognito-idp client secrets', () => {
  useMockAws();

  async function setup() {
    const client = idp();
    const { poolId, clientId, clientSecret } = await createPool(client, {}, { GenerateSecret: true });
    await createConfirmedUser(client, poolId, 'rita');
    return { client, poolId, clientId, first: clientSecret as string };
  }

  const signIn = (client: ReturnType<typeof idp>, clientId: string, secret: string) =>
    client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'rita', PASSWORD, SECRET_HASH: secretHash(secret, 'rita', clientId) },
      }),
    );

  it('adds a second secret, accepts both for SECRET_HASH, and refuses a third', async () => {
    const { client, poolId, clientId, first } = await setup();
    const before = await client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(before.ClientSecrets).toHaveLength(1);
    expect(before.ClientSecrets?.[0].ClientSecretId).toMatch(new RegExp(`^${clientId}--\\d+$`));
    expect(before.ClientSecrets?.[0].ClientSecretValue).toBeUndefined();

    const added = await client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId }));
    const second = added.ClientSecretDescriptor?.ClientSecretValue as string;
    expect(second).toMatch(/^[a-z0-9]{51}$/);
    expect(added.ClientSecretDescriptor?.ClientSecretCreateDate).toBeInstanceOf(Date);

    expect((await signIn(client, clientId, first)).AuthenticationResult?.AccessToken).toBeDefined();
    const tokens = await signIn(client, clientId, second);
    expect(tokens.AuthenticationResult?.AccessToken).toBeDefined();
    await expect(signIn(client, clientId, 'x'.repeat(51))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${clientId}`,
    });
    // GetTokensFromRefreshToken takes the secret itself: the new one works too.
    const refreshed = await client.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: clientId, ClientSecret: second, RefreshToken: tokens.AuthenticationResult?.RefreshToken as string }),
    );
    expect(refreshed.AuthenticationResult?.IdToken).toBeDefined();

    await expect(client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      $metadata: { httpStatusCode: 400 },
    });
    const listed = await client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(listed.ClientSecrets?.map((s) => s.ClientSecretId)).toEqual([before.ClientSecrets?.[0].ClientSecretId, added.ClientSecretDescriptor?.ClientSecretId]);
    expect(listed.ClientSecrets?.every((s) => s.ClientSecretValue === undefined)).toBe(true);
    expect(listed.NextToken).toBeUndefined();

    // UpdateUserPoolClient resets settings but keeps the secrets.
    await client.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
    expect((await signIn(client, clientId, second)).AuthenticationResult).toBeDefined();
    expect((await client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }))).ClientSecrets).toHaveLength(2);
  });

  it('rotates: deleting the old secret leaves the new one, and the last cannot go', async () => {
    const { client, poolId, clientId, first } = await setup();
    const custom = 'MyOwnSecretValue_0123456789abc';
    const added = await client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecret: custom }));
    // A secret the caller chose is not echoed back.
    expect(added.ClientSecretDescriptor?.ClientSecretValue).toBeUndefined();
    const [old] = (await client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }))).ClientSecrets ?? [];
    await client.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecretId: old.ClientSecretId as string }));

    await expect(signIn(client, clientId, first)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect((await signIn(client, clientId, custom)).AuthenticationResult).toBeDefined();
    const described = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(described.UserPoolClient?.ClientSecret).toBe(custom);

    await expect(
      client.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecretId: added.ClientSecretDescriptor?.ClientSecretId as string })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      client.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecretId: old.ClientSecretId as string })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses public clients, unknown clients and malformed secrets', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await expect(client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: 'nosuchclient' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient does not exist.',
    });
    const secret = await createPool(client, {}, { GenerateSecret: true });
    // ClientSecretType: 24 to 64 word characters.
    await expect(
      client.send(new AddUserPoolClientSecretCommand({ UserPoolId: secret.poolId, ClientId: secret.clientId, ClientSecret: 'short' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
