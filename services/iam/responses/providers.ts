/** OpenID Connect and SAML identity providers, and server certificates. */
import { createPrivateKey, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { entityAlreadyExists, invalidInput, limitExceeded, noSuchEntity } from '../exceptions';
import type { IamBackend } from '../models/backend';
import type { OidcProvider, SamlProvider, ServerCertificate } from '../models/entities';
import { newId } from '../models/ids';
import { readCertificate } from '../models/keys';
import type { IamOperations } from '../types';
import {
  checkTags,
  date,
  pageFields,
  pathArn,
  pathOr,
  tagOperations,
} from './common';

function oidc(b: IamBackend, arn: string): OidcProvider {
  const p = b.oidcProviders.get(arn);
  if (!p) throw noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`);
  return p;
}

function saml(b: IamBackend, arn: string): SamlProvider {
  const p = b.samlProviders.get(arn);
  if (!p) throw noSuchEntity(`SAMLProvider not found for arn ${arn}`);
  return p;
}

function serverCert(b: IamBackend, name: string): ServerCertificate {
  const c = b.serverCertificates.get(name);
  if (!c) throw noSuchEntity(`The Server Certificate with name ${name} cannot be found.`);
  return c;
}

function checkThumbprints(list: string[]): string[] {
  if (list.length > 5) throw limitExceeded('Thumbprint list must contain fewer than 5 entries.');
  return [...new Set(list)];
}

/** ValidUntil is the metadata's `validUntil` attribute, else 100 years from upload (IAM's default). */
function metadataValidUntil(metadata: string): number {
  if (!/<(\w+:)?EntityDescriptor[\s>]/.test(metadata)) throw invalidInput('Could not parse metadata');
  const m = /validUntil="([^"]+)"/.exec(metadata);
  const t = m ? Date.parse(m[1]) : Number.NaN;
  return Number.isNaN(t) ? clock.now() + 100 * 365 * 86_400_000 : t;
}

function certMetadata(c: ServerCertificate) {
  return {
    Path: c.path,
    ServerCertificateName: c.name,
    ServerCertificateId: c.id,
    Arn: c.arn,
    UploadDate: date(c.uploaded),
    Expiration: date(c.expires),
  };
}

const oidcTags = tagOperations((input: { OpenIDConnectProviderArn: string }, ctx) => oidc(ctx.backend, input.OpenIDConnectProviderArn));
const samlTags = tagOperations((input: { SAMLProviderArn: string }, ctx) => saml(ctx.backend, input.SAMLProviderArn));
const certTags = tagOperations((input: { ServerCertificateName: string }, ctx) =>
  serverCert(ctx.backend, input.ServerCertificateName),
);

export const providerHandlers: HandlerTable<IamOperations, IamBackend> = {
  CreateOpenIDConnectProvider(input, ctx) {
    const b = ctx.backend;
    let url: URL;
    try {
      url = new URL(input.Url);
    } catch {
      throw invalidInput('Invalid Open ID Connect Provider URL');
    }
    if (url.protocol !== 'https:') throw invalidInput('Invalid Open ID Connect Provider URL');
    const id = `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
    const arn = b.arn(`oidc-provider/${id}`);
    if (b.oidcProviders.has(arn)) throw entityAlreadyExists(`Provider with url ${input.Url} already exists.`);
    if ((input.ClientIDList ?? []).length > 100) throw limitExceeded('Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100');
    const provider: OidcProvider = {
      arn,
      url: id,
      clientIds: [...new Set(input.ClientIDList ?? [])],
      thumbprints: checkThumbprints(input.ThumbprintList ?? []),
      created: clock.now(),
      tags: checkTags(input.Tags),
    };
    b.oidcProviders.set(arn, provider);
    return { OpenIDConnectProviderArn: arn, Tags: provider.tags.length > 0 ? provider.tags : undefined };
  },

  GetOpenIDConnectProvider(input, ctx) {
    const p = oidc(ctx.backend, input.OpenIDConnectProviderArn);
    return { Url: p.url, ClientIDList: p.clientIds, ThumbprintList: p.thumbprints, CreateDate: date(p.created), Tags: p.tags.length ? p.tags : undefined };
  },

  DeleteOpenIDConnectProvider(input, ctx) {
    // Deleting a provider that does not exist is not an error (API reference).
    ctx.backend.oidcProviders.delete(input.OpenIDConnectProviderArn);
  },

  ListOpenIDConnectProviders(_input, ctx) {
    return { OpenIDConnectProviderList: [...ctx.backend.oidcProviders.keys()].sort().map((Arn) => ({ Arn })) };
  },

  AddClientIDToOpenIDConnectProvider(input, ctx) {
    const p = oidc(ctx.backend, input.OpenIDConnectProviderArn);
    if (p.clientIds.includes(input.ClientID)) return;
    if (p.clientIds.length >= 100) throw limitExceeded('Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100');
    p.clientIds.push(input.ClientID);
  },

  RemoveClientIDFromOpenIDConnectProvider(input, ctx) {
    const p = oidc(ctx.backend, input.OpenIDConnectProviderArn);
    p.clientIds = p.clientIds.filter((c) => c !== input.ClientID);
  },

  UpdateOpenIDConnectProviderThumbprint(input, ctx) {
    const p = oidc(ctx.backend, input.OpenIDConnectProviderArn);
    p.thumbprints = checkThumbprints(input.ThumbprintList);
  },

  TagOpenIDConnectProvider: oidcTags.tag,
  UntagOpenIDConnectProvider: oidcTags.untag,
  ListOpenIDConnectProviderTags: oidcTags.list,

  CreateSAMLProvider(input, ctx) {
    const b = ctx.backend;
    const arn = b.arn(`saml-provider/${input.Name}`);
    if (b.samlProviders.has(arn)) throw entityAlreadyExists(`SAMLProvider ${input.Name} already exists`);
    const provider: SamlProvider = {
      arn,
      name: input.Name,
      uuid: randomUUID(),
      metadata: input.SAMLMetadataDocument,
      created: clock.now(),
      validUntil: metadataValidUntil(input.SAMLMetadataDocument),
      tags: checkTags(input.Tags),
    };
    b.samlProviders.set(arn, provider);
    return { SAMLProviderArn: arn, Tags: provider.tags.length ? provider.tags : undefined };
  },

  GetSAMLProvider(input, ctx) {
    const p = saml(ctx.backend, input.SAMLProviderArn);
    return {
      SAMLProviderUUID: p.uuid,
      SAMLMetadataDocument: p.metadata,
      CreateDate: date(p.created),
      ValidUntil: date(p.validUntil),
      Tags: p.tags.length ? p.tags : undefined,
    };
  },

  UpdateSAMLProvider(input, ctx) {
    const p = saml(ctx.backend, input.SAMLProviderArn);
    if (input.SAMLMetadataDocument !== undefined) {
      p.validUntil = metadataValidUntil(input.SAMLMetadataDocument);
      p.metadata = input.SAMLMetadataDocument;
    }
    return { SAMLProviderArn: p.arn };
  },

  DeleteSAMLProvider(input, ctx) {
    const b = ctx.backend;
    saml(b, input.SAMLProviderArn);
    b.samlProviders.delete(input.SAMLProviderArn);
  },

  ListSAMLProviders(_input, ctx) {
    const list = [...ctx.backend.samlProviders.values()].sort((x, y) => (x.arn < y.arn ? -1 : 1));
    return { SAMLProviderList: list.map((p) => ({ Arn: p.arn, ValidUntil: date(p.validUntil), CreateDate: date(p.created) })) };
  },

  TagSAMLProvider: samlTags.tag,
  UntagSAMLProvider: samlTags.untag,
  ListSAMLProviderTags: samlTags.list,

  UploadServerCertificate(input, ctx) {
    const b = ctx.backend;
    if (b.serverCertificates.has(input.ServerCertificateName)) {
      throw entityAlreadyExists(`The Server Certificate with name ${input.ServerCertificateName} already exists.`);
    }
    const cert = readCertificate(input.CertificateBody);
    if (!cert) throw new AwsError('MalformedCertificate', 'Certificate body is invalid.');
    let matches = false;
    try {
      matches = cert.checkPrivateKey(createPrivateKey(input.PrivateKey));
    } catch {
      throw new AwsError('MalformedCertificate', 'Private key is invalid.');
    }
    if (!matches) throw new AwsError('KeyPairMismatch', 'Certificate and private key do not match.');
    if (input.CertificateChain !== undefined && !readCertificate(input.CertificateChain)) {
      throw new AwsError('MalformedCertificate', 'Certificate chain is invalid.');
    }
    const path = pathOr(input.Path);
    const entry: ServerCertificate = {
      name: input.ServerCertificateName,
      id: newId('serverCertificate'),
      arn: pathArn(b, 'server-certificate', path, input.ServerCertificateName),
      path,
      body: input.CertificateBody.trim(),
      chain: input.CertificateChain?.trim(),
      uploaded: clock.now(),
      expires: Date.parse(cert.validTo),
      tags: checkTags(input.Tags),
    };
    b.serverCertificates.add(entry);
    return { ServerCertificateMetadata: certMetadata(entry), Tags: entry.tags.length ? entry.tags : undefined };
  },

  GetServerCertificate(input, ctx) {
    const c = serverCert(ctx.backend, input.ServerCertificateName);
    return {
      ServerCertificate: {
        ServerCertificateMetadata: certMetadata(c),
        CertificateBody: c.body,
        CertificateChain: c.chain,
        Tags: c.tags.length ? c.tags : undefined,
      },
    };
  },

  UpdateServerCertificate(input, ctx) {
    const b = ctx.backend;
    const c = serverCert(b, input.ServerCertificateName);
    const newName = input.NewServerCertificateName ?? c.name;
    if (newName.toLowerCase() !== c.name.toLowerCase() && b.serverCertificates.has(newName)) {
      throw entityAlreadyExists(`The Server Certificate with name ${newName} already exists.`);
    }
    b.serverCertificates.rekey(c, () => {
      c.name = newName;
      c.path = input.NewPath ?? c.path;
      c.arn = pathArn(b, 'server-certificate', c.path, c.name);
    });
  },

  DeleteServerCertificate(input, ctx) {
    const b = ctx.backend;
    b.serverCertificates.delete(serverCert(b, input.ServerCertificateName).name);
  },

  ListServerCertificates(input, ctx) {
    const prefix = pathOr(input.PathPrefix);
    const page = ctx.backend.serverCertificates.page(input.Marker, input.MaxItems, (c) => c.path.startsWith(prefix));
    return { ServerCertificateMetadataList: page.items.map(certMetadata), ...pageFields(page) };
  },

  TagServerCertificate: certTags.tag,
  UntagServerCertificate: certTags.untag,
  ListServerCertificateTags: certTags.list,
};

