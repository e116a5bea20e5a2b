/**
 * Passkeys: registration (StartWebAuthnRegistration / CompleteWebAuthnRegistration with `none` and `packed`
 * attestation, ES256 and RS256), the checks on the authenticator's answer (challenge, origin, relying party,
 * user verification), List/DeleteWebAuthnCredential, and USER_AUTH sign-in with WEB_AUTHN, driven by a
 * software authenticator.
 */
import {
  type CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserAuthFactorsCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { SoftwareAuthenticator, UP } from './passkey-authenticator';
import { claims, createConfirmedUser, createPool, idp, PASSWORD } from './support';

const FLOWS = ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

describe('cognito-idp passkeys', () => {
  useMockAws();

  async function setup(opts: { factors?: string[]; rpId?: string | null; uv?: 'required' | 'preferred' } = {}) {
    const client = idp();
    const { poolId, clientId } = await createPool(
      client,
      { Policies: { SignInPolicy: { AllowedFirstAuthFactors: (opts.factors ?? ['PASSWORD', 'WEB_AUTHN']) as never } } },
      { ExplicitAuthFlows: FLOWS as never },
    );
    if (opts.rpId !== null) {
      await client.send(
        new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, WebAuthnConfiguration: { RelyingPartyId: opts.rpId ?? 'example.com', UserVerification: opts.uv ?? 'required' } }),
      );
    }
    await createConfirmedUser(client, poolId, 'pat');
    const accessToken = await signIn(client, clientId);
    return { client, poolId, clientId, accessToken };
  }

  async function signIn(client: CognitoIdentityProviderClient, clientId: string) {
    const out = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pat', PASSWORD } }));
    return out.AuthenticationResult?.AccessToken as string;
  }

  const start = async (client: CognitoIdentityProviderClient, AccessToken: string) =>
    (await client.send(new StartWebAuthnRegistrationCommand({ AccessToken }))).CredentialCreationOptions as Record<string, any>;

  async function passkeySignIn(client: CognitoIdentityProviderClient, clientId: string) {
    const begun = await client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'pat', PREFERRED_CHALLENGE: 'WEB_AUTHN' } }),
    );
    return { begun, options: JSON.parse(begun.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? '{}') };
  }

  const answer = (client: CognitoIdentityProviderClient, clientId: string, Session: string | undefined, credential: unknown) =>
    client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'WEB_AUTHN', Session, ChallengeResponses: { USERNAME: 'pat', CREDENTIAL: JSON.stringify(credential) } }),
    );

  it('registers a passkey and signs in with it through USER_AUTH', async () => {
    const { client, poolId, clientId, accessToken } = await setup();
    expect((await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).WebAuthnConfiguration).toEqual({
      RelyingPartyId: 'example.com',
      UserVerification: 'required',
    });
    const options = await start(client, accessToken);
    expect(options).toMatchObject({
      rp: { id: 'example.com' },
      user: { name: 'pat' },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: { userVerification: 'required', residentKey: 'required' },
      excludeCredentials: [],
    });
    expect(Buffer.from(options.challenge, 'base64url')).toHaveLength(32);

    const authenticator = new SoftwareAuthenticator();
    await client.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: authenticator.register(options) as never }));
    const listed = await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }));
    expect(listed.Credentials).toEqual([
      {
        CredentialId: authenticator.id,
        FriendlyCredentialName: expect.any(String),
        RelyingPartyId: 'example.com',
        AuthenticatorAttachment: 'platform',
        AuthenticatorTransports: ['internal', 'hybrid'],
        CreatedAt: expect.any(Date),
      },
    ]);
    // The next registration excludes the passkey the user already has; the user's factors now list it.
    expect((await start(client, accessToken)).excludeCredentials).toEqual([{ type: 'public-key', id: authenticator.id, transports: ['internal', 'hybrid'] }]);
    expect((await client.send(new GetUserAuthFactorsCommand({ AccessToken: accessToken }))).ConfiguredUserAuthFactors).toEqual(['PASSWORD', 'WEB_AUTHN']);

    const select = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'pat' } }));
    expect(select.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'WEB_AUTHN']);
    // Choosing WEB_AUTHN from SELECT_CHALLENGE gives the request options too.
    const chosen = await client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: select.Session, ChallengeResponses: { USERNAME: 'pat', ANSWER: 'WEB_AUTHN' } }),
    );
    expect(chosen.ChallengeName).toBe('WEB_AUTHN');
    const viaSelect = await answer(client, clientId, chosen.Session, authenticator.assert(JSON.parse(chosen.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS as string)));
    expect(viaSelect.AuthenticationResult?.AccessToken).toBeDefined();

    const { begun, options: request } = await passkeySignIn(client, clientId);
    expect(begun.ChallengeName).toBe('WEB_AUTHN');
    expect(request).toMatchObject({ rpId: 'example.com', userVerification: 'required', allowCredentials: [{ type: 'public-key', id: authenticator.id }] });
    const assertion = authenticator.assert(request);
    const done = await answer(client, clientId, begun.Session, assertion);
    expect(claims(done.AuthenticationResult?.IdToken)['cognito:username']).toBe('pat');

    // The same assertion again (a replay, or a cloned authenticator's stale counter) is refused.
    const again = await passkeySignIn(client, clientId);
    const stale = authenticator.assert(again.options, { bump: false });
    await expect(answer(client, clientId, again.begun.Session, stale)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'The passkey signature counter did not increase.',
    });
  });

  it('refuses a bad signature, another challenge, an unknown passkey and missing user verification at sign-in', async () => {
    const { client, clientId, accessToken } = await setup();
    const authenticator = new SoftwareAuthenticator();
    await client.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: authenticator.register(await start(client, accessToken)) as never }));

    const first = await passkeySignIn(client, clientId);
    await expect(answer(client, clientId, first.begun.Session, authenticator.assert(first.options, { badSignature: true }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'The passkey signature is not valid.',
    });
    const second = await passkeySignIn(client, clientId);
    const other = await passkeySignIn(client, clientId);
    await expect(answer(client, clientId, second.begun.Session, authenticator.assert(other.options))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'The passkey answered another challenge.',
    });
    const third = await passkeySignIn(client, clientId);
    await expect(answer(client, clientId, third.begun.Session, new SoftwareAuthenticator().assert(third.options))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'The passkey is not registered for the user.',
    });
    const fourth = await passkeySignIn(client, clientId);
    await expect(answer(client, clientId, fourth.begun.Session, authenticator.assert(fourth.options, { flags: UP }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    const fifth = await passkeySignIn(client, clientId);
    await expect(answer(client, clientId, fifth.begun.Session, authenticator.assert(fifth.options, { origin: 'https://evil.example.net' }))).rejects.toMatchObject({
      name: 'WebAuthnOriginNotAllowedException',
    });
  });

  it('verifies packed self attestation with ES256 and RS256 and refuses unsupported formats', async () => {
    const { client, accessToken } = await setup();
    for (const alg of ['ES256', 'RS256'] as const) {
      const authenticator = new SoftwareAuthenticator(alg);
      await client.send(
        new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: authenticator.register(await start(client, accessToken), { fmt: 'packed' }) as never }),
      );
    }
    expect((await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials).toHaveLength(2);
    const u2f = new SoftwareAuthenticator().register(await start(client, accessToken), { fmt: 'fido-u2f' });
    await expect(client.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: u2f as never }))).rejects.toMatchObject({
      name: 'WebAuthnCredentialNotSupportedException',
    });
    // A packed statement whose signature does not verify.
    const forged = new SoftwareAuthenticator().register(await start(client, accessToken), { fmt: 'packed' }) as any;
    const other = new SoftwareAuthenticator().register(await start(client, accessToken), { fmt: 'packed' }) as any;
    forged.response.clientDataJSON = other.response.clientDataJSON;
    await expect(client.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: forged }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The attestation signature is not valid.',
    });
  });

  it('pins the registration errors: challenge, origin, relying party, user verification, client', async () => {
    const { client, poolId, clientId, accessToken } = await setup();
    const authenticator = new SoftwareAuthenticator();
    // No StartWebAuthnRegistration yet.
    const unstarted = authenticator.register({ challenge: 'AAAA', rp: { id: 'example.com' } });
    await expect(client.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: unstarted as never }))).rejects.toMatchObject({
      name: 'WebAuthnChallengeNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
    const options = await start(client, accessToken);
    const cases: Array<[Parameters<SoftwareAuthenticator['register']>[1], string]> = [
      [{ challenge: 'b3RoZXItY2hhbGxlbmdl' }, 'WebAuthnChallengeNotFoundException'],
      [{ origin: 'https://example.org' }, 'WebAuthnOriginNotAllowedException'],
      [{ origin: 'http://example.com' }, 'WebAuthnOriginNotAllowedException'],
      [{ rpId: 'example.org' }, 'WebAuthnRelyingPartyMismatchException'],
      [{ flags: UP }, 'InvalidParameterException'],
    ];
    for (const [opts, name] of cases) {
      await expect(client.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: authenticator.register(options, opts) as never }))).rejects.toMatchObject({ name });
    }
    // A subdomain of the relying party is an allowed origin; the failures above stored nothing.
    expect((await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials).toEqual([]);
    await client.send(
      new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: authenticator.register(options, { origin: 'https://app.example.com' }) as never }),
    );
    // The challenge is used up.
    await expect(client.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: authenticator.register(options) as never }))).rejects.toMatchObject({
      name: 'WebAuthnChallengeNotFoundException',
    });

    // Started with one app client's token, completed with another's.
    const { UserPoolClient } = await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'other', ExplicitAuthFlows: FLOWS as never }));
    const otherToken = await signIn(client, UserPoolClient?.ClientId as string);
    const pending = await start(client, accessToken);
    await expect(
      client.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: otherToken, Credential: new SoftwareAuthenticator().register(pending) as never })),
    ).rejects.toMatchObject({ name: 'WebAuthnClientMismatchException' });
    expect(clientId).not.toBe(UserPoolClient?.ClientId);
  });

  it('deletes passkeys, and needs WEB_AUTHN allowed and a relying party', async () => {
    const { client, accessToken } = await setup({ uv: 'preferred' });
    const authenticator = new SoftwareAuthenticator();
    // With UserVerification preferred, presence alone is enough.
    await client.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: authenticator.register(await start(client, accessToken), { flags: UP }) as never }));
    await expect(client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: authenticator.id }));
    expect((await client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials).toEqual([]);
    await expect(client.send(new StartWebAuthnRegistrationCommand({ AccessToken: 'not-a-token' }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });

    const disabled = await setup({ factors: ['PASSWORD'] });
    await expect(start(disabled.client, disabled.accessToken)).rejects.toMatchObject({ name: 'WebAuthnNotEnabledException' });

    const noRp = await setup({ rpId: null });
    await expect(start(noRp.client, noRp.accessToken)).rejects.toMatchObject({ name: 'WebAuthnConfigurationMissingException' });
    // With a prefix domain, the relying party is the domain's host name.
    await noRp.client.send(new CreateUserPoolDomainCommand({ UserPoolId: noRp.poolId, Domain: 'passkeys-test' }));
    expect((await start(noRp.client, noRp.accessToken)).rp.id).toBe('passkeys-test.auth.us-east-1.amazoncognito.com');
  });
});
