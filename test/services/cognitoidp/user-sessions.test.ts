/**
 * Session management: token sessions (one per sign-in) listed and revoked by
 * the user and by an administrator once the pool tracks sessions, and the
 * pool's MaxPerUser evicting the least recently used session.
 */
import {
  AdminInitiateAuthCommand,
  AdminListUserSessionsCommand,
  AdminRevokeUserSessionCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUserSessionsCommand,
  RevokeUserSessionCommand,
  SetUserPoolSessionConfigurationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { createConfirmedUser, createPool, idp, PASSWORD } from './support';

describe('cognito-idp user sessions', () => {
  const m = useMockAws();

  async function setup(maxPerUser = 20) {
    const pool = await createPool(idp());
    await createConfirmedUser(idp(), pool.poolId, 'fay');
    await idp().send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: pool.poolId, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: maxPerUser } }));
    const signIn = async () =>
      (await idp().send(new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'fay', PASSWORD } })))
        .AuthenticationResult!;
    return { ...pool, signIn };
  }

  it('needs session tracking (OperationNotEnabledException)', async () => {
    const { poolId, clientId } = await createPool(idp());
    await createConfirmedUser(idp(), poolId, 'gus');
    const tokens = await idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'gus', PASSWORD } }));
    await expect(idp().send(new ListUserSessionsCommand({ AccessToken: tokens.AuthenticationResult?.AccessToken }))).rejects.toMatchObject({
      name: 'OperationNotEnabledException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(idp().send(new AdminListUserSessionsCommand({ UserPoolId: poolId, Username: 'gus' }))).rejects.toMatchObject({ name: 'OperationNotEnabledException' });
  });

  it('lists one token session per sign-in, newest first, marking the caller’s', async () => {
    const { poolId, clientId, signIn } = await setup();
    const first = await signIn();
    m.clock.advance(1000);
    const second = await signIn();
    const { Sessions } = await idp().send(new ListUserSessionsCommand({ AccessToken: second.AccessToken }));
    expect(Sessions).toHaveLength(2);
    expect(Sessions?.[0]).toMatchObject({ SessionType: 'TOKEN', ClientId: clientId, IsCurrentSession: true });
    expect(Sessions?.[0].SessionId).toMatch(/^tkn[a-z0-9]{25}$/);
    expect(Sessions?.[1].IsCurrentSession).toBe(false);
    expect(Number(Sessions?.[0].CreateDate)).toBeGreaterThan(Number(Sessions?.[1].CreateDate));
    // A refresh stays in its sign-in's session.
    await idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }));
    const admin = await idp().send(new AdminListUserSessionsCommand({ UserPoolId: poolId, Username: 'fay' }));
    expect(admin.Sessions?.map((s) => s.SessionId)).toEqual(Sessions?.map((s) => s.SessionId));
    expect(admin.Sessions?.every((s) => s.IsCurrentSession === false)).toBe(true);
    expect(admin.NextToken).toBeUndefined();
  });

  it('RevokeUserSession ends another session (its refresh and access tokens) but not the caller’s own', async () => {
    const { clientId, signIn } = await setup();
    const other = await signIn();
    const mine = await signIn();
    const { Sessions } = await idp().send(new ListUserSessionsCommand({ AccessToken: mine.AccessToken }));
    const current = Sessions?.find((s) => s.IsCurrentSession)?.SessionId as string;
    const otherId = Sessions?.find((s) => !s.IsCurrentSession)?.SessionId as string;
    await expect(idp().send(new RevokeUserSessionCommand({ AccessToken: mine.AccessToken, SessionId: current }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await idp().send(new RevokeUserSessionCommand({ AccessToken: mine.AccessToken, SessionId: otherId, RevokeAssociatedSessions: 'NONE' }));
    await expect(idp().send(new GetUserCommand({ AccessToken: other.AccessToken }))).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    await expect(
      idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: other.RefreshToken! } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect((await idp().send(new GetUserCommand({ AccessToken: mine.AccessToken }))).Username).toBe('fay');
    const after = await idp().send(new ListUserSessionsCommand({ AccessToken: mine.AccessToken }));
    expect(after.Sessions?.map((s) => s.SessionId)).toEqual([current]);
    await expect(idp().send(new RevokeUserSessionCommand({ AccessToken: mine.AccessToken, SessionId: otherId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('AdminRevokeUserSession revokes any of the user’s sessions', async () => {
    const { poolId, signIn } = await setup();
    const tokens = await signIn();
    const { Sessions } = await idp().send(new AdminListUserSessionsCommand({ UserPoolId: poolId, Username: 'fay' }));
    await idp().send(new AdminRevokeUserSessionCommand({ UserPoolId: poolId, Username: 'fay', SessionId: Sessions![0].SessionId!, RevokeAssociatedSessions: 'LINKED' }));
    await expect(idp().send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect((await idp().send(new AdminListUserSessionsCommand({ UserPoolId: poolId, Username: 'fay' }))).Sessions).toEqual([]);
  });

  it('evicts the least recently used session when a sign-in goes beyond MaxPerUser', async () => {
    const { poolId, clientId, signIn } = await setup(2);
    const oldest = await signIn();
    m.clock.advance(1000);
    await signIn();
    m.clock.advance(1000);
    await idp().send(
      new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'fay', PASSWORD } }),
    );
    const { Sessions } = await idp().send(new AdminListUserSessionsCommand({ UserPoolId: poolId, Username: 'fay' }));
    expect(Sessions).toHaveLength(2);
    await expect(idp().send(new GetUserCommand({ AccessToken: oldest.AccessToken }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('sign-ins before tracking was turned on have no session record', async () => {
    const { poolId, clientId } = await createPool(idp());
    await createConfirmedUser(idp(), poolId, 'hal');
    await idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'hal', PASSWORD } }));
    m.clock.advance(1000);
    await idp().send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: poolId, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 20 } }));
    expect((await idp().send(new AdminListUserSessionsCommand({ UserPoolId: poolId, Username: 'hal' }))).Sessions).toEqual([]);
  });
});
