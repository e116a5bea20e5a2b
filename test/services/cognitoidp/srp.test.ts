/**
 * Acceptance: real client libraries against mockAws(). amazon-cognito-identity-js
 * signs in with USER_SRP_AUTH (the real SRP-6a exchange over fetch, through
 * the HTTP fallback), and aws-jwt-verify verifies the ID token against the
 * pool's JWKS, which it fetches with https.get.
 */
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from './identity-js';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { useMockAws } from '../lifecycle';
import { claims, createConfirmedUser, createPool, idp, PASSWORD } from './support';

function signIn(poolId: string, clientId: string, username: string, password: string): Promise<CognitoUserSession> {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId });
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
      newPasswordRequired: () => reject(new Error('unexpected NEW_PASSWORD_REQUIRED')),
    });
  });
}

describe('USER_SRP_AUTH with amazon-cognito-identity-js, tokens verified by aws-jwt-verify', () => {
  const m = useMockAws();

  it('signs in with SRP and the ID token verifies against the served JWKS', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'sam');
    const session = await signIn(poolId, clientId, 'sam', PASSWORD);
    const idToken = session.getIdToken().getJwtToken();
    expect(claims(idToken)).toMatchObject({ 'cognito:username': 'sam', token_use: 'id', aud: clientId, email: 'sam@example.com' });

    const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
    const payload = await verifier.verify(idToken);
    expect(payload.sub).toBe(claims(idToken).sub);
    expect(payload.iss).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);

    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId });
    await expect(accessVerifier.verify(session.getAccessToken().getJwtToken())).resolves.toMatchObject({ username: 'sam', client_id: clientId });
  });

  it('refuses a wrong password in the SRP proof with NotAuthorizedException', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'sue');
    await expect(signIn(poolId, clientId, 'sue', 'Wr0ng-password!')).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('signs in by email alias in a pool that names users by email', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client, { UsernameAttributes: ['email'] });
    await createConfirmedUser(client, poolId, 'tom@example.com', 'tom@example.com');
    const session = await signIn(poolId, clientId, 'tom@example.com', PASSWORD);
    expect(claims(session.getIdToken().getJwtToken()).email).toBe('tom@example.com');
  });

  it('aws-jwt-verify refuses the token once the clock passes its expiry', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'ula');
    const session = await signIn(poolId, clientId, 'ula', PASSWORD);
    const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
    await verifier.verify(session.getIdToken().getJwtToken());
    // Fake timers that still run with real time (I/O keeps working); the clock's advance moves Date, which aws-jwt-verify reads.
    jest.useFakeTimers({ advanceTimers: true });
    m.clock.advance(3601_000);
    await expect(verifier.verify(session.getIdToken().getJwtToken())).rejects.toThrow(/expired/i);
  });
});
