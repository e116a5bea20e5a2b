/** Helpers for the Cognito user pool tests: a client, a pool with an app client, a confirmed user. */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { createHmac } from 'node:crypto';
import type { MockAws } from '../../../src/mock';

export const idp = () => new CognitoIdentityProviderClient({ region: 'us-east-1' });

export const PASSWORD = 'Corr3ct-horse!';

export async function createPool(
  client: CognitoIdentityProviderClient,
  pool: Partial<CreateUserPoolCommandInput> = {},
  app: Partial<CreateUserPoolClientCommandInput> = {},
) {
  const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'users', AutoVerifiedAttributes: ['email'], ...pool }));
  const poolId = UserPool?.Id as string;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      ...app,
    }),
  );
  return { poolId, clientId: UserPoolClient?.ClientId as string, clientSecret: UserPoolClient?.ClientSecret };
}

/** A CONFIRMED user with a permanent password (AdminCreateUser + AdminSetUserPassword). */
export async function createConfirmedUser(client: CognitoIdentityProviderClient, poolId: string, username: string, email = `${username}@example.com`) {
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
      MessageAction: 'SUPPRESS',
    }),
  );
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
}

export function secretHash(secret: string, username: string, clientId: string): string {
  return createHmac('sha256', secret).update(username + clientId).digest('base64');
}

export function claims(token: string | undefined): Record<string, any> {
  return JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString('utf8'));
}

export async function backend(m: MockAws) {
  return m.backends.cognitoidp();
}
