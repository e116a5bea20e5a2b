/**
 * Developer-authenticated identities: GetOpenIdTokenForDeveloperIdentity
 * (an RS512 OpenID token from cognito-identity.amazonaws.com, accepted as the
 * `cognito-identity.amazonaws.com` login and by STS AssumeRoleWithWebIdentity),
 * lookup, merge and unlink of developer users, UnlinkIdentity, and principal
 * tags passed to STS as the token's session tags.
 */
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  GetPrincipalTagAttributeMapCommand,
  LookupDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand,
  SetIdentityPoolRolesCommand,
  SetPrincipalTagAttributeMapCommand,
  UnlinkDeveloperIdentityCommand,
  UnlinkIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useMockAws } from '../lifecycle';
import { claims, createConfirmedUser, createPool, idp, PASSWORD } from '../cognitoidp/support';

const identity = () => new CognitoIdentityClient({ region: 'us-east-1' });
const DEV = 'login.example.app';
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
});
const header = (token: string | undefined) => JSON.parse(Buffer.from(String(token).split('.')[0], 'base64url').toString());

describe('cognito-identity developer-authenticated identities', () => {
  const aws = useMockAws();
  let roleN = 0;

  async function devPool(extra: Record<string, unknown> = {}) {
    const pool = await identity().send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'dev', AllowUnauthenticatedIdentities: false, DeveloperProviderName: DEV, ...extra }),
    );
    const role = await new IAMClient({ region: 'us-east-1' }).send(new CreateRoleCommand({ RoleName: `dev-auth-${++roleN}`, AssumeRolePolicyDocument: TRUST }));
    await identity().send(new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { authenticated: role.Role?.Arn as string } }));
    return { poolId: pool.IdentityPoolId as string, roleArn: role.Role?.Arn as string, roleName: `dev-auth-${roleN}` };
  }

  const tokenFor = (poolId: string, user: string, extra: Record<string, unknown> = {}) =>
    identity().send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { [DEV]: user }, ...extra }));

  it('issues an OpenID token for a developer user, the same identity each time, traded for credentials', async () => {
    const { poolId, roleArn, roleName } = await devPool();
    const first = await tokenFor(poolId, 'user-1');
    expect(first.IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(header(first.Token)).toEqual({ kid: 'us-east-1-1', typ: 'JWS', alg: 'RS512' });
    const c = claims(first.Token);
    expect(c).toMatchObject({ iss: 'https://cognito-identity.amazonaws.com', sub: first.IdentityId, aud: poolId, amr: ['authenticated', DEV] });
    expect(c.exp - c.iat).toBe(900); // 15 minutes unless TokenDuration says otherwise
    const again = await tokenFor(poolId, 'user-1', { TokenDuration: 3600 });
    expect(again.IdentityId).toBe(first.IdentityId);
    expect(claims(again.Token).exp - claims(again.Token).iat).toBe(3600);
    expect((await tokenFor(poolId, 'user-2')).IdentityId).not.toBe(first.IdentityId);
    expect((await identity().send(new DescribeIdentityCommand({ IdentityId: first.IdentityId }))).Logins).toEqual([DEV]);

    const creds = await identity().send(
      new GetCredentialsForIdentityCommand({ IdentityId: first.IdentityId, Logins: { 'cognito-identity.amazonaws.com': first.Token as string } }),
    );
    const sts = (k: { AccessKeyId?: string; SecretKey?: string; SecretAccessKey?: string; SessionToken?: string }) =>
      new STSClient({
        region: 'us-east-1',
        credentials: { accessKeyId: k.AccessKeyId as string, secretAccessKey: (k.SecretKey ?? k.SecretAccessKey) as string, sessionToken: k.SessionToken },
      });
    expect((await sts(creds.Credentials ?? {}).send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::123456789012:assumed-role/${roleName}/CognitoIdentityCredentials`,
    );

    // The basic flow: the token goes to STS directly.
    const direct = await new STSClient({ region: 'us-east-1' }).send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'web', WebIdentityToken: first.Token as string }),
    );
    expect((await sts(direct.Credentials ?? {}).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::123456789012:assumed-role/${roleName}/web`);
  });

  it('refuses a token of another identity, a forged token and a pool without a developer provider', async () => {
    const { poolId } = await devPool();
    const one = await tokenFor(poolId, 'a');
    const two = await tokenFor(poolId, 'b');
    await expect(
      identity().send(new GetCredentialsForIdentityCommand({ IdentityId: two.IdentityId, Logins: { 'cognito-identity.amazonaws.com': one.Token as string } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: "Logins don't match. Please include at least one valid login for this identity or identity pool." });
    const [h, , s] = String(one.Token).split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims(one.Token), sub: two.IdentityId })).toString('base64url')}.${s}`;
    await expect(
      identity().send(new GetCredentialsForIdentityCommand({ IdentityId: two.IdentityId, Logins: { 'cognito-identity.amazonaws.com': forged } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid login token. Not a valid OpenId Connect identity token.' });

    const plain = await identity().send(new CreateIdentityPoolCommand({ IdentityPoolName: 'plain', AllowUnauthenticatedIdentities: true }));
    await expect(
      identity().send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: plain.IdentityPoolId, Logins: { [DEV]: 'a' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
    await expect(tokenFor(poolId, 'x', { TokenDuration: 86401 })).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('links a developer user to a given identity once; another identity is DeveloperUserAlreadyRegistered', async () => {
    const { poolId } = await devPool();
    const a = await tokenFor(poolId, 'alice');
    const b = await tokenFor(poolId, 'bob');
    await expect(tokenFor(poolId, 'alice', { IdentityId: b.IdentityId })).rejects.toMatchObject({ name: 'DeveloperUserAlreadyRegisteredException' });
    expect((await tokenFor(poolId, 'alice-work', { IdentityId: a.IdentityId })).IdentityId).toBe(a.IdentityId);

    const lookup = (input: Record<string, unknown>) => identity().send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, ...input }));
    expect(await lookup({ DeveloperUserIdentifier: 'alice' })).toMatchObject({ IdentityId: a.IdentityId, DeveloperUserIdentifierList: ['alice', 'alice-work'] });
    const page1 = await lookup({ IdentityId: a.IdentityId, MaxResults: 1 });
    expect(page1.DeveloperUserIdentifierList).toEqual(['alice']);
    const page2 = await lookup({ IdentityId: a.IdentityId, MaxResults: 1, NextToken: page1.NextToken });
    expect(page2).toMatchObject({ DeveloperUserIdentifierList: ['alice-work'] });
    expect(page2.NextToken).toBeUndefined();
    await expect(lookup({ IdentityId: b.IdentityId, DeveloperUserIdentifier: 'alice' })).rejects.toMatchObject({ name: 'ResourceConflictException' });
    await expect(lookup({ DeveloperUserIdentifier: 'nobody' })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(lookup({})).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('merges the source user into the destination identity and unlinks developer users', async () => {
    const { poolId } = await devPool();
    const src = await tokenFor(poolId, 'src');
    const dst = await tokenFor(poolId, 'dst');
    const merge = (provider: string) =>
      identity().send(
        new MergeDeveloperIdentitiesCommand({ IdentityPoolId: poolId, DeveloperProviderName: provider, SourceUserIdentifier: 'src', DestinationUserIdentifier: 'dst' }),
      );
    await expect(merge('other.provider')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect((await merge(DEV)).IdentityId).toBe(dst.IdentityId);
    expect((await identity().send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: 'src' }))).IdentityId).toBe(dst.IdentityId);
    await expect(identity().send(new DescribeIdentityCommand({ IdentityId: src.IdentityId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Identity '${src.IdentityId}' not found.`,
    });

    const unlink = (user: string) =>
      identity().send(new UnlinkDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: dst.IdentityId, DeveloperProviderName: DEV, DeveloperUserIdentifier: user }));
    await unlink('src');
    await expect(unlink('src')).rejects.toMatchObject({ name: 'ResourceConflictException' });
    // An unlinked developer user is a new identity the next time it is seen.
    expect((await tokenFor(poolId, 'src')).IdentityId).not.toBe(dst.IdentityId);
  });

  it('unlinks a public provider login; the login then gets a new identity', async () => {
    const { poolId } = await devPool({ SupportedLoginProviders: { 'graph.facebook.com': '1234' }, AllowUnauthenticatedIdentities: true });
    const logins = { 'graph.facebook.com': 'facebook-token-of-pat' };
    const { IdentityId } = await identity().send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
    await expect(
      identity().send(new UnlinkIdentityCommand({ IdentityId, Logins: logins, LoginsToRemove: ['accounts.google.com'] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await identity().send(new UnlinkIdentityCommand({ IdentityId, Logins: logins, LoginsToRemove: ['graph.facebook.com'] }));
    expect((await identity().send(new DescribeIdentityCommand({ IdentityId }))).Logins).toBeUndefined();
    expect((await identity().send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }))).IdentityId).not.toBe(IdentityId);
  });

  it('passes principal tags to STS as session tags: the developer tags and a user pool provider mapping', async () => {
    let sent: Record<string, any> = {};
    aws.on('sts', 'AssumeRoleWithWebIdentity').callsFake(async (input, next) => {
      sent = claims(input.WebIdentityToken);
      return next();
    });
    const client = idp();
    const { poolId: userPoolId, clientId } = await createPool(client);
    await createConfirmedUser(client, userPoolId, 'pat');
    const signIn = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pat', PASSWORD } }));
    const idToken = signIn.AuthenticationResult?.IdToken as string;
    const provider = `cognito-idp.us-east-1.amazonaws.com/${userPoolId}`;
    const { poolId } = await devPool({ CognitoIdentityProviders: [{ ProviderName: provider, ClientId: clientId }] });

    const dev = await tokenFor(poolId, 'tagged', { PrincipalTags: { department: 'eng' } });
    expect(claims(dev.Token)['https://aws.amazon.com/tags']).toEqual({ principal_tags: { department: ['eng'] } });
    await identity().send(new GetCredentialsForIdentityCommand({ IdentityId: dev.IdentityId, Logins: { 'cognito-identity.amazonaws.com': dev.Token as string } }));
    expect(sent['https://aws.amazon.com/tags']).toEqual({ principal_tags: { department: ['eng'] } });

    const map = (input: Record<string, unknown>) =>
      identity().send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: provider, ...input }));
    expect(await identity().send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: provider }))).toMatchObject({
      UseDefaults: false,
    });
    expect(await map({ UseDefaults: true })).toMatchObject({ IdentityPoolId: poolId, IdentityProviderName: provider, UseDefaults: true });
    const logins = { [provider]: idToken };
    const { IdentityId } = await identity().send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
    await identity().send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    expect(sent['https://aws.amazon.com/tags']).toEqual({ principal_tags: { username: [claims(idToken).sub], client: [clientId] } });

    await map({ UseDefaults: false, PrincipalTags: { mail: 'email' } });
    expect(await identity().send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: provider }))).toMatchObject({
      UseDefaults: false,
      PrincipalTags: { mail: 'email' },
    });
    await identity().send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    expect(sent['https://aws.amazon.com/tags']).toEqual({ principal_tags: { mail: ['pat@example.com'] } });
    await expect(
      identity().send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: 'accounts.google.com', UseDefaults: true })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
