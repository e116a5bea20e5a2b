/**
 * Third-party IdPs of a user pool: the details each type requires, the
 * endpoints Cognito fills in for social providers, IdP identifiers, paging,
 * app clients naming providers, and links between an IdP identity and a
 * local user.
 */
import {
  AdminDisableProviderForUserCommand,
  AdminLinkProviderForUserCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  DeleteIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  GetIdentityProviderByIdentifierCommand,
  ListIdentityProvidersCommand,
  UpdateIdentityProviderCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { createConfirmedUser, createPool, idp } from './support';

const OIDC = {
  client_id: 'idp-client',
  client_secret: 'idp-secret',
  authorize_scopes: 'openid email',
  attributes_request_method: 'GET',
  oidc_issuer: 'https://auth.example.com',
};

describe('cognito-idp identity providers', () => {
  useMockAws();

  it('creates, describes, updates, lists and deletes providers with the details Cognito keeps', async () => {
    const client = idp();
    const { poolId } = await createPool(client);
    const created = await client.send(
      new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corp', ProviderType: 'OIDC', ProviderDetails: OIDC, IdpIdentifiers: ['corp.example.com'] }),
    );
    expect(created.IdentityProvider).toMatchObject({
      UserPoolId: poolId,
      ProviderName: 'Corp',
      ProviderType: 'OIDC',
      ProviderDetails: { ...OIDC, attributes_url_add_attributes: 'false' },
      AttributeMapping: { username: 'sub' },
      IdpIdentifiers: ['corp.example.com'],
    });
    expect(created.IdentityProvider?.CreationDate).toBeInstanceOf(Date);

    const google = await client.send(
      new CreateIdentityProviderCommand({
        UserPoolId: poolId,
        ProviderName: 'Google',
        ProviderType: 'Google',
        ProviderDetails: { client_id: 'g.apps.googleusercontent.com', client_secret: 's', authorize_scopes: 'email profile openid' },
        AttributeMapping: { email: 'email' },
      }),
    );
    expect(google.IdentityProvider?.ProviderDetails).toMatchObject({
      authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
      token_url: 'https://www.googleapis.com/oauth2/v4/token',
      oidc_issuer: 'https://accounts.google.com',
      token_request_method: 'POST',
    });
    expect(google.IdentityProvider?.AttributeMapping).toEqual({ username: 'sub', email: 'email' });

    const apple = await client.send(
      new CreateIdentityProviderCommand({
        UserPoolId: poolId,
        ProviderName: 'SignInWithApple',
        ProviderType: 'SignInWithApple',
        ProviderDetails: { client_id: 'com.example', team_id: 'T', key_id: 'K', private_key: 'PRIVATE', authorize_scopes: 'email name' },
      }),
    );
    expect(apple.IdentityProvider?.ProviderDetails).not.toHaveProperty('private_key');

    expect((await client.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: 'corp.example.com' }))).IdentityProvider?.ProviderName).toBe('Corp');
    await expect(client.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: 'nobody' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });

    const updated = await client.send(
      new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corp', AttributeMapping: { email: 'mail' }, IdpIdentifiers: ['corp'] }),
    );
    expect(updated.IdentityProvider).toMatchObject({ AttributeMapping: { email: 'mail' }, IdpIdentifiers: ['corp'], ProviderDetails: { client_id: 'idp-client' } });

    const page1 = await client.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 2 }));
    expect(page1.Providers?.map((p) => p.ProviderName)).toEqual(['Corp', 'Google']);
    const page2 = await client.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 2, NextToken: page1.NextToken }));
    expect(page2.Providers).toEqual([expect.objectContaining({ ProviderName: 'SignInWithApple', ProviderType: 'SignInWithApple' })]);
    expect(page2.NextToken).toBeUndefined();

    await client.send(new DeleteIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corp' }));
    await expect(client.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corp' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(client.send(new DeleteIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corp' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses missing details, a social provider under another name, duplicates and unknown providers on clients', async () => {
    const client = idp();
    const { poolId } = await createPool(client);
    const create = (input: Record<string, unknown>) =>
      client.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corp', ProviderType: 'OIDC', ProviderDetails: OIDC, ...input }));
    const { oidc_issuer: _i, ...noIssuer } = OIDC;
    await expect(create({ ProviderDetails: noIssuer })).rejects.toMatchObject({ name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
    await expect(create({ ProviderDetails: { ...OIDC, oidc_issuer: 'http://insecure.example.com' } })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(create({ ProviderName: 'MyGoogle', ProviderType: 'Google', ProviderDetails: { client_id: 'a', client_secret: 'b', authorize_scopes: 'email' } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(create({ ProviderName: 'Saml', ProviderType: 'SAML', ProviderDetails: {} })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(create({ ProviderType: 'Twitter' })).rejects.toMatchObject({ name: 'InvalidParameterException' }); // the model's enum
    await create({ IdpIdentifiers: ['corp'] });
    await expect(create({})).rejects.toMatchObject({ name: 'DuplicateProviderException' });
    await expect(
      create({ ProviderName: 'Saml', ProviderType: 'SAML', ProviderDetails: { MetadataURL: 'https://idp.example.com/metadata' }, IdpIdentifiers: ['corp'] }),
    ).rejects.toMatchObject({ name: 'DuplicateProviderException' });

    await expect(
      client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', SupportedIdentityProviders: ['COGNITO', 'Okta'] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: `The provider Okta does not exist for User Pool ${poolId}` });
    const ok = await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', SupportedIdentityProviders: ['COGNITO', 'Corp'] }));
    expect(ok.UserPoolClient?.SupportedIdentityProviders).toEqual(['COGNITO', 'Corp']);
  });

  it('links an IdP identity to a local user and disables the link', async () => {
    const client = idp();
    const { poolId } = await createPool(client);
    await createConfirmedUser(client, poolId, 'lee');
    await createConfirmedUser(client, poolId, 'kim');
    await client.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corp', ProviderType: 'OIDC', ProviderDetails: OIDC }));
    const source = { ProviderName: 'Corp', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'corp-user-1' };
    const link = (username: string, src: Record<string, string> = source) =>
      client.send(
        new AdminLinkProviderForUserCommand({ UserPoolId: poolId, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: username }, SourceUser: src }),
      );
    await link('lee');
    await link('lee'); // linking the same pair again changes nothing
    await expect(link('kim')).rejects.toMatchObject({ name: 'AliasExistsException' });
    await expect(link('nobody', { ...source, ProviderAttributeValue: 'corp-user-2' })).rejects.toMatchObject({ name: 'UserNotFoundException' });
    await expect(link('lee', { ...source, ProviderName: 'Okta' })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    for (let i = 2; i <= 5; i++) await link('lee', { ...source, ProviderAttributeValue: `corp-user-${i}` });
    await expect(link('lee', { ...source, ProviderAttributeValue: 'corp-user-6' })).rejects.toMatchObject({ name: 'LimitExceededException' });

    await client.send(new AdminDisableProviderForUserCommand({ UserPoolId: poolId, User: source }));
    await expect(client.send(new AdminDisableProviderForUserCommand({ UserPoolId: poolId, User: source }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
    // The identity is free again: it can be linked to another user.
    await link('kim');
  });
});
