import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  CreateSAMLProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  DeleteSAMLProviderCommand,
  DeleteServerCertificateCommand,
  GetOpenIDConnectProviderCommand,
  GetSAMLProviderCommand,
  GetServerCertificateCommand,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  ListServerCertificatesCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  ListOpenIDConnectProviderTagsCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  UpdateServerCertificateCommand,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import { useMockAws } from '../lifecycle';
import { ACCOUNT, failure, fixture, iam } from './support';

const thumbprint = 'a'.repeat(40);
const metadata = (validUntil?: string) =>
  `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"${
    validUntil ? ` validUntil="${validUntil}"` : ''
  }><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${'<!-- padding -->'.repeat(70)}</md:IDPSSODescriptor></md:EntityDescriptor>`;

describe('IAM identity providers and server certificates', () => {
  useMockAws();

  it('creates an OIDC provider named by its URL, and edits its clients and thumbprints', async () => {
    const out = await iam.send(
      new CreateOpenIDConnectProviderCommand({ Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [thumbprint] }),
    );
    const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    expect(out.OpenIDConnectProviderArn).toBe(arn);
    const dup = await failure(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://token.actions.githubusercontent.com', ThumbprintList: [thumbprint] })));
    expect(dup.name).toBe('EntityAlreadyExistsException');
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'app' }));
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'sts.amazonaws.com' }));
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: ['b'.repeat(40)] }));
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(got.Url).toBe('token.actions.githubusercontent.com');
    expect(got.ClientIDList).toEqual(['app']);
    expect(got.ThumbprintList).toEqual(['b'.repeat(40)]);
    await iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'k', Value: 'v' }] }));
    expect((await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
    expect((await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList).toEqual([{ Arn: arn }]);
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    const gone = await failure(iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })));
    expect(gone.name).toBe('NoSuchEntityException');
  });

  it('refuses a non-https OIDC URL and more than five thumbprints', async () => {
    const http = await failure(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'http://idp.example.com', ThumbprintList: [thumbprint] })));
    expect(http.name).toBe('InvalidInputException');
    const many = await failure(
      iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://idp.example.com', ThumbprintList: ['1', '2', '3', '4', '5', '6'].map((c) => c.repeat(40)) })),
    );
    expect(many.name).toBe('LimitExceededException');
  });

  it('creates a SAML provider with ValidUntil from its metadata', async () => {
    const out = await iam.send(new CreateSAMLProviderCommand({ Name: 'corp', SAMLMetadataDocument: metadata('2030-01-01T00:00:00Z') }));
    expect(out.SAMLProviderArn).toBe(`arn:aws:iam::${ACCOUNT}:saml-provider/corp`);
    const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: out.SAMLProviderArn }));
    expect(got.ValidUntil?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(got.SAMLMetadataDocument).toContain('EntityDescriptor');
    const list = await iam.send(new ListSAMLProvidersCommand({}));
    expect(list.SAMLProviderList?.map((p) => p.Arn)).toEqual([out.SAMLProviderArn]);
    const bad = await failure(iam.send(new CreateSAMLProviderCommand({ Name: 'bad', SAMLMetadataDocument: `<nope>${'x'.repeat(1000)}</nope>` })));
    expect(bad.name).toBe('InvalidInputException');
    await iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: out.SAMLProviderArn }));
    expect((await failure(iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: out.SAMLProviderArn })))).name).toBe('NoSuchEntityException');
  });

  it('uploads a server certificate whose private key matches, with its expiration', async () => {
    const out = await iam.send(
      new UploadServerCertificateCommand({ ServerCertificateName: 'web', Path: '/cloudfront/', CertificateBody: fixture('cert-1.pem'), PrivateKey: fixture('key-1.pem') }),
    );
    const meta = out.ServerCertificateMetadata;
    expect(meta?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/web`);
    expect(meta?.ServerCertificateId).toMatch(/^ASCA[A-Z0-9]{17}$/);
    expect(meta?.Expiration?.getUTCFullYear()).toBeGreaterThan(2100);
    const mismatch = await failure(
      iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'x', CertificateBody: fixture('cert-1.pem'), PrivateKey: fixture('key-2.pem') })),
    );
    expect(mismatch.name).toBe('KeyPairMismatchException');
    const malformed = await failure(iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'y', CertificateBody: 'nope', PrivateKey: fixture('key-1.pem') })));
    expect(malformed.name).toBe('MalformedCertificateException');
    await iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewServerCertificateName: 'site' }));
    const got = await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'site' }));
    expect(got.ServerCertificate?.CertificateBody).toBe(fixture('cert-1.pem').trim());
    expect((await iam.send(new ListServerCertificatesCommand({ PathPrefix: '/cloudfront/' }))).ServerCertificateMetadataList?.map((c) => c.ServerCertificateName)).toEqual(['site']);
    await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'site' }));
    const gone = await failure(iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'site' })));
    expect(gone.message).toBe('The Server Certificate with name site cannot be found.');
  });
});
