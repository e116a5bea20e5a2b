/**
 * AssumeRoleWithWebIdentity reads the token as STS documents: an OIDC ID token's `iss`, `aud` and `sub` come back
 * as Provider, Audience and SubjectFromWebIdentityToken; an expired one is ExpiredTokenException; something that
 * is not a JWT (and names no OAuth ProviderId) is InvalidIdentityToken.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useMockAws } from '../lifecycle';

const ACCOUNT = '123456789012';
const iam = new IAMClient({ region: 'us-east-1' });
const sts = new STSClient({ region: 'us-east-1' });
const ROLE = `arn:aws:iam::${ACCOUNT}:role/web`;

function jwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${part(claims)}.${Buffer.from('signature').toString('base64url')}`;
}

describe('STS AssumeRoleWithWebIdentity', () => {
  useMockAws();

  beforeEach(async () => {
    const trust = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
    };
    await iam.send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  });

  const assume = (WebIdentityToken: string, ProviderId?: string) =>
    sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'app', WebIdentityToken, ProviderId }));

  it('reports the ID token claims: iss as Provider, aud as Audience, sub as the subject', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const out = await assume(jwt({ iss: 'https://accounts.google.com', aud: 'client-1', sub: '1100223344', exp }));
    expect(out).toMatchObject({
      Provider: 'https://accounts.google.com',
      Audience: 'client-1',
      SubjectFromWebIdentityToken: '1100223344',
      AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/web/app` },
    });
    const source = await assume(jwt({ iss: 'https://idp.example.com', aud: ['a', 'b'], sub: 'u', exp, 'https://aws.amazon.com/source_identity': 'alice' }));
    expect(source).toMatchObject({ Audience: 'a', SourceIdentity: 'alice' });
  });

  it('refuses an expired token with ExpiredTokenException and a non-JWT with InvalidIdentityToken', async () => {
    const expired = await assume(jwt({ iss: 'https://accounts.google.com', aud: 'c', sub: 's', exp: Math.floor(Date.now() / 1000) - 1 })).catch((e) => e);
    expect(expired.name).toBe('ExpiredTokenException');
    expect(expired.$metadata.httpStatusCode).toBe(400);
    expect(expired.message).toMatch(/^The web identity token that was passed is expired or is not valid/);
    const opaque = await assume('not-a-jwt-at-all').catch((e) => e);
    // The wire code is InvalidIdentityToken; the SDK raises its modelled class for it.
    expect(opaque.name).toBe('InvalidIdentityTokenException');
    expect(opaque.Error?.Code ?? opaque.Code).toBe('InvalidIdentityToken');
    expect(opaque.$metadata.httpStatusCode).toBe(400);
    expect(opaque.message).toMatch(/^The web identity token that was passed could not be validated/);
  });

  it('takes an opaque OAuth 2.0 access token with its ProviderId, which it reports as Provider', async () => {
    const out = await assume('Atza|IQEBLjAsAhRFiXuWpUXuRvQ9PZL3GMFcYevydwIUFAHZwXZXX', 'www.amazon.com');
    expect(out.Provider).toBe('www.amazon.com');
    expect(out.Audience).toBeUndefined();
  });
});
