/**
 * Identity pools: GetId for a user pool login (same identity each time) and
 * for guests, GetCredentialsForIdentity returning STS credentials for the
 * pool's role (STS GetCallerIdentity signed with them names the assumed
 * role), role mappings from the token, and the refusals AWS answers.
 */
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  GetOpenIdTokenCommand,
  ListIdentitiesCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { AdminAddUserToGroupCommand, CreateGroupCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useMockAws } from '../lifecycle';
import { claims, createConfirmedUser, createPool, idp, PASSWORD } from '../cognitoidp/support';

const identity = () => new CognitoIdentityClient({ region: 'us-east-1' });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
});

async function role(name: string): Promise<string> {
  const out = await new IAMClient({ region: 'us-east-1' }).send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
  return out.Role?.Arn as string;
}

describe('cognito-identity pools', () => {
  useMockAws();

  async function setup(allowGuests = false) {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'pat');
    const signIn = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pat', PASSWORD } }));
    const provider = `cognito-idp.us-east-1.amazonaws.com/${poolId}`;
    const pool = await identity().send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'app',
        AllowUnauthenticatedIdentities: allowGuests,
        CognitoIdentityProviders: [{ ProviderName: provider, ClientId: clientId }],
      }),
    );
    return { client, poolId, clientId, provider, idToken: signIn.AuthenticationResult?.IdToken as string, identityPoolId: pool.IdentityPoolId as string };
  }

  it('gives a signed-in user one identity and credentials for the authenticated role', async () => {
    const { provider, idToken, identityPoolId } = await setup();
    expect(identityPoolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const authRole = await role('auth-role');
    await identity().send(new SetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId, Roles: { authenticated: authRole } }));
    expect((await identity().send(new GetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId }))).Roles).toEqual({ authenticated: authRole });

    const logins = { [provider]: idToken };
    const { IdentityId } = await identity().send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: logins }));
    expect(IdentityId).toMatch(/^us-east-1:/);
    expect((await identity().send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: logins }))).IdentityId).toBe(IdentityId);
    expect((await identity().send(new DescribeIdentityCommand({ IdentityId }))).Logins).toEqual([provider]);

    const creds = await identity().send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    expect(creds.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const sts = new STSClient({
      region: 'us-east-1',
      credentials: {
        accessKeyId: creds.Credentials?.AccessKeyId as string,
        secretAccessKey: creds.Credentials?.SecretKey as string,
        sessionToken: creds.Credentials?.SessionToken,
      },
    });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:sts::123456789012:assumed-role/auth-role/CognitoIdentityCredentials');

    const open = await identity().send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins }));
    expect(claims(open.Token)).toMatchObject({ sub: IdentityId, aud: identityPoolId, iss: 'https://cognito-identity.amazonaws.com', amr: ['authenticated', provider] });
  });

  it('refuses logins missing from an authenticated identity, and guests when the pool allows none', async () => {
    const { provider, idToken, identityPoolId } = await setup();
    await identity().send(new SetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId, Roles: { authenticated: await role('auth-role') } }));
    await expect(identity().send(new GetIdCommand({ IdentityPoolId: identityPoolId }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
    const { IdentityId } = await identity().send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: { [provider]: idToken } }));
    await expect(identity().send(new GetCredentialsForIdentityCommand({ IdentityId }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    });
    await expect(identity().send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: { [provider]: `${idToken}x` } }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Not a valid OpenId Connect identity token.',
    });
    await expect(
      identity().send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Other0000': idToken } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid login token. Token is not from a supported provider of this identity pool.' });
    await expect(identity().send(new GetCredentialsForIdentityCommand({ IdentityId: 'us-east-1:00000000-0000-0000-0000-000000000000' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Identity 'us-east-1:00000000-0000-0000-0000-000000000000' not found.",
    });
  });

  it('gives guests their own identities and the unauthenticated role, and lists identities in pages', async () => {
    const { identityPoolId } = await setup(true);
    await expect(identity().send(new GetCredentialsForIdentityCommand({ IdentityId: (await identity().send(new GetIdCommand({ IdentityPoolId: identityPoolId }))).IdentityId }))).rejects.toMatchObject({
      name: 'InvalidIdentityPoolConfigurationException',
      message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
    });
    await identity().send(new SetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId, Roles: { unauthenticated: await role('guest') } }));
    const a = await identity().send(new GetIdCommand({ IdentityPoolId: identityPoolId }));
    const b = await identity().send(new GetIdCommand({ IdentityPoolId: identityPoolId }));
    expect(a.IdentityId).not.toBe(b.IdentityId);
    const creds = await identity().send(new GetCredentialsForIdentityCommand({ IdentityId: a.IdentityId }));
    expect(creds.Credentials?.SessionToken).toBeDefined();
    const page1 = await identity().send(new ListIdentitiesCommand({ IdentityPoolId: identityPoolId, MaxResults: 2 }));
    expect(page1.Identities).toHaveLength(2);
    const page2 = await identity().send(new ListIdentitiesCommand({ IdentityPoolId: identityPoolId, MaxResults: 2, NextToken: page1.NextToken }));
    expect(page2.Identities).toHaveLength(1);
    expect(page2.NextToken).toBeUndefined();
  });

  it('maps a user to the role of their group with a Token role mapping', async () => {
    const { client, poolId, clientId, provider, identityPoolId } = await setup();
    const adminRole = await role('admin-role');
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins', RoleArn: adminRole, Precedence: 1 }));
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'pat', GroupName: 'admins' }));
    const idToken = (await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pat', PASSWORD } })))
      .AuthenticationResult?.IdToken as string;
    await identity().send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: identityPoolId,
        Roles: { authenticated: await role('auth-role') },
        RoleMappings: { [provider]: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' } },
      }),
    );
    const logins = { [provider]: idToken };
    const { IdentityId } = await identity().send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: logins }));
    const creds = await identity().send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    const sts = new STSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: creds.Credentials?.AccessKeyId as string, secretAccessKey: creds.Credentials?.SecretKey as string, sessionToken: creds.Credentials?.SessionToken },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:sts::123456789012:assumed-role/admin-role/CognitoIdentityCredentials');
    await expect(identity().send(new DescribeIdentityPoolCommand({ IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000001' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000001' not found.",
    });
  });
});
