/**
 * The state this work added (passkeys with their keys and counters, client secret lists, terms, branding) is plain
 * data and exported classes: it survives mockAws({ stateDir }) into a later mock, which signs in with the passkey.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddUserPoolClientSecretCommand,
  CompleteWebAuthnRegistrationCommand,
  CreateManagedLoginBrandingCommand,
  CreateTermsCommand,
  CreateUserPoolClientCommand,
  DescribeManagedLoginBrandingByClientCommand,
  InitiateAuthCommand,
  ListTermsCommand,
  ListUserPoolClientSecretsCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockAws } from '../../../src/mock';
import { SoftwareAuthenticator } from './passkey-authenticator';
import { claims, createConfirmedUser, createPool, idp, PASSWORD } from './support';

describe('cognito-idp passkeys, secrets, terms and branding under stateDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-cognito-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps them for the next mock', async () => {
    const client = idp();
    const authenticator = new SoftwareAuthenticator();
    let ids = { poolId: '', clientId: '', secretClient: '' };
    const first = mockAws({ stateDir: dir });
    try {
      const { poolId, clientId } = await createPool(
        client,
        { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } },
        { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      );
      await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, WebAuthnConfiguration: { RelyingPartyId: 'example.com', UserVerification: 'required' } }));
      await createConfirmedUser(client, poolId, 'pia');
      const signedIn = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pia', PASSWORD } }));
      const AccessToken = signedIn.AuthenticationResult?.AccessToken as string;
      const options = (await client.send(new StartWebAuthnRegistrationCommand({ AccessToken }))).CredentialCreationOptions as Record<string, any>;
      await client.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: authenticator.register(options, { fmt: 'packed' }) as never }));
      const secretClient = (await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'svc', GenerateSecret: true }))).UserPoolClient?.ClientId as string;
      await client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: secretClient }));
      await client.send(
        new CreateTermsCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: 'terms-of-use', TermsSource: 'LINK', Enforcement: 'NONE', Links: { 'cognito:default': 'https://example.com/t' } }),
      );
      await client.send(
        new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, Assets: [{ Category: 'FORM_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: new Uint8Array([1, 2, 3]) }] }),
      );
      ids = { poolId, clientId, secretClient };
    } finally {
      first.stop();
    }

    const second = mockAws({ stateDir: dir });
    try {
      const begun = await client.send(
        new InitiateAuthCommand({ ClientId: ids.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'pia', PREFERRED_CHALLENGE: 'WEB_AUTHN' } }),
      );
      const request = JSON.parse(begun.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS as string);
      const done = await client.send(
        new RespondToAuthChallengeCommand({
          ClientId: ids.clientId,
          ChallengeName: 'WEB_AUTHN',
          Session: begun.Session,
          ChallengeResponses: { USERNAME: 'pia', CREDENTIAL: JSON.stringify(authenticator.assert(request)) },
        }),
      );
      expect(claims(done.AuthenticationResult?.IdToken)['cognito:username']).toBe('pia');
      expect((await client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: ids.poolId, ClientId: ids.secretClient }))).ClientSecrets).toHaveLength(2);
      expect((await client.send(new ListTermsCommand({ UserPoolId: ids.poolId }))).Terms?.map((t) => t.TermsName)).toEqual(['terms-of-use']);
      const style = await client.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: ids.poolId, ClientId: ids.clientId }));
      expect(Buffer.from(style.ManagedLoginBranding?.Assets?.[0].Bytes as Uint8Array)).toEqual(Buffer.from([1, 2, 3]));
    } finally {
      second.stop();
    }
  });
});
