/**
 * Terms documents (one terms-of-use and one privacy-policy per app client, links per language) and managed
 * login branding styles (one per app client; settings and assets, UseCognitoProvidedValues, merge on update).
 */
import {
  CreateManagedLoginBrandingCommand,
  CreateTermsCommand,
  DeleteManagedLoginBrandingCommand,
  DeleteTermsCommand,
  DeleteUserPoolClientCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeManagedLoginBrandingCommand,
  DescribeTermsByClientCommand,
  DescribeTermsCommand,
  ListTermsCommand,
  UpdateManagedLoginBrandingCommand,
  UpdateTermsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useMockAws } from '../lifecycle';
import { createPool, idp } from './support';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('cognito-idp terms documents', () => {
  useMockAws();

  it('creates, describes, lists, updates and deletes terms, one of each name per client', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    const base = { UserPoolId: poolId, ClientId: clientId, TermsSource: 'LINK' as const, Enforcement: 'NONE' as const };
    const { Terms } = await client.send(
      new CreateTermsCommand({ ...base, TermsName: 'terms-of-use', Links: { 'cognito:default': 'https://example.com/terms', 'cognito:spanish': 'https://example.com/es/terms' } }),
    );
    expect(Terms).toMatchObject({ TermsId: expect.stringMatching(UUID), UserPoolId: poolId, ClientId: clientId, TermsName: 'terms-of-use', TermsSource: 'LINK', Enforcement: 'NONE' });
    expect(Terms?.CreationDate).toBeInstanceOf(Date);
    await expect(client.send(new CreateTermsCommand({ ...base, TermsName: 'terms-of-use', Links: { 'cognito:default': 'https://example.com/t2' } }))).rejects.toMatchObject({
      name: 'TermsExistsException',
      $metadata: { httpStatusCode: 400 },
    });
    const privacy = await client.send(new CreateTermsCommand({ ...base, TermsName: 'privacy-policy', Links: { 'cognito:default': 'https://example.com/privacy' } }));

    const described = await client.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: Terms?.TermsId as string }));
    expect(described.Terms?.Links).toEqual({ 'cognito:default': 'https://example.com/terms', 'cognito:spanish': 'https://example.com/es/terms' });

    const byClient = await client.send(new DescribeTermsByClientCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: 'privacy-policy' }));
    expect(byClient.Terms?.TermsId).toBe(privacy.Terms?.TermsId);

    const page1 = await client.send(new ListTermsCommand({ UserPoolId: poolId, MaxResults: 1 }));
    const page2 = await client.send(new ListTermsCommand({ UserPoolId: poolId, MaxResults: 1, NextToken: page1.NextToken }));
    expect([...(page1.Terms ?? []), ...(page2.Terms ?? [])].map((t) => t.TermsName).sort()).toEqual(['privacy-policy', 'terms-of-use']);
    expect(page2.NextToken).toBeUndefined();
    expect(Object.keys(page1.Terms?.[0] ?? {}).sort()).toEqual(['CreationDate', 'Enforcement', 'LastModifiedDate', 'TermsId', 'TermsName']);

    // Renaming onto the other document's name is a duplicate; new links replace the old.
    await expect(client.send(new UpdateTermsCommand({ UserPoolId: poolId, TermsId: privacy.Terms?.TermsId as string, TermsName: 'terms-of-use' }))).rejects.toMatchObject({
      name: 'TermsExistsException',
    });
    const updated = await client.send(
      new UpdateTermsCommand({ UserPoolId: poolId, TermsId: privacy.Terms?.TermsId as string, Links: { 'cognito:default': 'https://example.com/privacy-v2' } }),
    );
    expect(updated.Terms).toMatchObject({ TermsName: 'privacy-policy', Links: { 'cognito:default': 'https://example.com/privacy-v2' } });

    await client.send(new DeleteTermsCommand({ UserPoolId: poolId, TermsId: Terms?.TermsId as string }));
    await expect(client.send(new DescribeTermsByClientCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: 'terms-of-use' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(client.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: Terms?.TermsId as string }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('validates names, languages, links and the client', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    const base = { UserPoolId: poolId, ClientId: clientId, TermsSource: 'LINK' as const, Enforcement: 'NONE' as const };
    await expect(client.send(new CreateTermsCommand({ ...base, TermsName: 'cookies', Links: { 'cognito:default': 'https://x.example' } }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(client.send(new CreateTermsCommand({ ...base, TermsName: 'terms-of-use', Links: { 'cognito:klingon': 'https://x.example' } }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(client.send(new CreateTermsCommand({ ...base, TermsName: 'terms-of-use' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(client.send(new CreateTermsCommand({ ...base, ClientId: 'nosuchclient', TermsName: 'terms-of-use', Links: { 'cognito:default': 'https://x.example' } }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect((await client.send(new ListTermsCommand({ UserPoolId: poolId }))).Terms).toEqual([]);
  });
});

describe('cognito-idp managed login branding', () => {
  useMockAws();

  it('keeps one style per client with its settings and assets, and merges updates', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    const settings = { components: { pageBackground: { lightMode: { color: 'ffffffff' } } }, categories: { global: { colorSchemeMode: 'LIGHT' } } };
    const created = await client.send(
      new CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        Settings: settings,
        Assets: [{ Category: 'PAGE_HEADER_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG }],
      }),
    );
    const id = created.ManagedLoginBranding?.ManagedLoginBrandingId as string;
    expect(id).toMatch(UUID);
    expect(created.ManagedLoginBranding).toMatchObject({ UserPoolId: poolId, UseCognitoProvidedValues: false, Settings: settings });
    expect(Buffer.from(created.ManagedLoginBranding?.Assets?.[0].Bytes as Uint8Array)).toEqual(Buffer.from(PNG));

    await expect(client.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true }))).rejects.toMatchObject({
      name: 'ManagedLoginBrandingExistsException',
      $metadata: { httpStatusCode: 400 },
    });
    const byClient = await client.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(byClient.ManagedLoginBranding?.ManagedLoginBrandingId).toBe(id);

    const updated = await client.send(
      new UpdateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: id,
        Settings: { components: { pageBackground: { darkMode: { color: '000000ff' } } } },
        Assets: [{ Category: 'FAVICON_ICO', ColorMode: 'DYNAMIC', Extension: 'ICO', Bytes: new Uint8Array([0, 0, 1, 0]) }],
      }),
    );
    expect(updated.ManagedLoginBranding?.Settings).toEqual({
      components: { pageBackground: { lightMode: { color: 'ffffffff' }, darkMode: { color: '000000ff' } } },
      categories: { global: { colorSchemeMode: 'LIGHT' } },
    });
    expect(updated.ManagedLoginBranding?.Assets?.map((a) => a.Category)).toEqual(['PAGE_HEADER_LOGO', 'FAVICON_ICO']);

    const reset = await client.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, UseCognitoProvidedValues: true }));
    expect(reset.ManagedLoginBranding).toMatchObject({ UseCognitoProvidedValues: true, Assets: [] });
    expect(reset.ManagedLoginBranding?.Settings).toBeUndefined();
    const described = await client.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }));
    expect(described.ManagedLoginBranding?.UseCognitoProvidedValues).toBe(true);

    await client.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }));
    await expect(client.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('validates defaults against settings, asset categories and extensions, and goes with its client', async () => {
    const client = idp();
    const { poolId, clientId } = await createPool(client);
    const attempt = (input: Partial<ConstructorParameters<typeof CreateManagedLoginBrandingCommand>[0]>) =>
      client.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, ...input }));
    await expect(attempt({ UseCognitoProvidedValues: true, Settings: {} })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(attempt({ Assets: [{ Category: 'FAVICON_ICO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG }] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Asset category FAVICON_ICO requires extension ICO.',
    });
    await expect(attempt({ Assets: [{ Category: 'BANNER', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG } as never] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      attempt({
        Assets: [
          { Category: 'FORM_LOGO', ColorMode: 'DARK', Extension: 'PNG', Bytes: PNG },
          { Category: 'FORM_LOGO', ColorMode: 'DARK', Extension: 'SVG', Bytes: PNG },
        ],
      }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(attempt({ Assets: [{ Category: 'FORM_LOGO', ColorMode: 'DARK', Extension: 'PNG', Bytes: new Uint8Array(1_000_001) }] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });

    const made = await attempt({ UseCognitoProvidedValues: true });
    await client.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    await expect(
      client.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: made.ManagedLoginBranding?.ManagedLoginBrandingId as string })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
