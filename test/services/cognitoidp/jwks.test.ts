/**
 * The pool's public documents through the core data plane: jwks.json and
 * openid-configuration fetched over HTTPS in-process (the HTTP fallback), and
 * the backend's public jwks() that other services (API Gateway's JWT
 * authorizers) call.
 */
import { createPublicKey, createVerify } from 'node:crypto';
import { AdminGetUserCommand, CreateUserPoolCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { createConfirmedUser, createPool, idp, PASSWORD } from './support';

describe('cognito-idp JWKS data plane', () => {
  const m = useMockAws();

  it('serves the two RS256 keys at /<poolId>/.well-known/jwks.json and they verify the tokens', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'val');
    const out = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'val', PASSWORD } }));
    const res = await fetch(`https://cognito-idp.us-east-1.amazonaws.com/${poolId}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const { keys } = (await res.json()) as { keys: Array<Record<string, string>> };
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(keys.map((k) => k.alg)).toEqual(['RS256', 'RS256']);
    expect(await m.backends.cognitoidp().then((b) => b.jwks(poolId))).toEqual({ keys });

    for (const token of [out.AuthenticationResult?.IdToken, out.AuthenticationResult?.AccessToken]) {
      const [h, p, s] = String(token).split('.');
      const kid = JSON.parse(Buffer.from(h, 'base64url').toString()).kid;
      const jwk = keys.find((k) => k.kid === kid) as Record<string, string>;
      const ok = createVerify('RSA-SHA256').update(`${h}.${p}`).verify(createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
      expect(ok).toBe(true);
    }
  });

  it('serves the OpenID configuration and answers 404 for an unknown pool', async () => {
    const { UserPool } = await idp().send(new CreateUserPoolCommand({ PoolName: 'oidc' }));
    const conf = await (await fetch(`https://cognito-idp.us-east-1.amazonaws.com/${UserPool?.Id}/.well-known/openid-configuration`)).json();
    expect(conf).toMatchObject({
      issuer: `https://cognito-idp.us-east-1.amazonaws.com/${UserPool?.Id}`,
      jwks_uri: `https://cognito-idp.us-east-1.amazonaws.com/${UserPool?.Id}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const missing = await fetch('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Missing00/.well-known/jwks.json');
    expect(missing.status).toBe(404);
    expect(await m.backends.cognitoidp().then((b) => b.jwks('us-east-1_Missing00'))).toBeUndefined();
  });

  it('matches usernames case-insensitively when the pool says so', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client, { UsernameConfiguration: { CaseSensitive: false } });
    await createConfirmedUser(client, poolId, 'Walt');
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'WALT' }));
    expect(user.Username).toBe('Walt');
    const out = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'walt', PASSWORD } }));
    expect(out.AuthenticationResult).toBeDefined();
    const strict = await createPool(client);
    await createConfirmedUser(client, strict.poolId, 'Xena');
    await expect(client.send(new AdminGetUserCommand({ UserPoolId: strict.poolId, Username: 'xena' }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });
});
