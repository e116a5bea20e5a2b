/**
 * Third-party identity providers of a pool (SAML, OIDC and the social ones)
 * with the provider details each type requires and the endpoints Cognito fills
 * in for the social providers, IdP identifiers, and the links between an IdP
 * identity and a local user (AdminLinkProviderForUser / AdminDisableProviderForUser).
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { UserPool } from '../models/pool';
import type { CognitoidpOperations, IdentityProviderType, ProviderUserIdentifierType } from '../types';
import { userOf } from './common';
import { pageOf } from './paging';

/** The details each provider type must be given, as the API reference lists them for a create request. */
const REQUIRED: Record<string, string[]> = {
  OIDC: ['client_id', 'authorize_scopes', 'attributes_request_method', 'oidc_issuer'],
  Google: ['client_id', 'client_secret', 'authorize_scopes'],
  Facebook: ['client_id', 'client_secret', 'authorize_scopes'],
  LoginWithAmazon: ['client_id', 'client_secret', 'authorize_scopes'],
  SignInWithApple: ['client_id', 'team_id', 'key_id', 'private_key', 'authorize_scopes'],
  SAML: [],
};

/** What Cognito adds to a social provider's details (the Describe responses of the API reference). */
function socialEndpoints(type: string, details: Record<string, string>): Record<string, string> {
  switch (type) {
    case 'Google':
      return {
        attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
        attributes_url_add_attributes: 'true',
        authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
        oidc_issuer: 'https://accounts.google.com',
        token_request_method: 'POST',
        token_url: 'https://www.googleapis.com/oauth2/v4/token',
      };
    case 'Facebook': {
      const v = details.api_version ?? 'v17.0';
      return {
        attributes_url: `https://graph.facebook.com/${v}/me?fields=`,
        attributes_url_add_attributes: 'true',
        authorize_url: `https://www.facebook.com/${v}/dialog/oauth`,
        token_request_method: 'GET',
        token_url: `https://graph.facebook.com/${v}/oauth/access_token`,
      };
    }
    case 'LoginWithAmazon':
      return {
        attributes_url: 'https://api.amazon.com/user/profile',
        attributes_url_add_attributes: 'false',
        authorize_url: 'https://www.amazon.com/ap/oa',
        token_request_method: 'POST',
        token_url: 'https://api.amazon.com/auth/o2/token',
      };
    case 'SignInWithApple':
      return {
        attributes_url_add_attributes: 'false',
        authorize_url: 'https://appleid.apple.com/auth/authorize',
        oidc_issuer: 'https://appleid.apple.com',
        token_request_method: 'POST',
        token_url: 'https://appleid.apple.com/auth/token',
      };
    case 'OIDC':
      return { attributes_url_add_attributes: 'false' };
    default:
      return {};
  }
}

/** The IdP claim each type maps to the user pool's username unless told otherwise. */
const USERNAME_CLAIM: Record<string, string> = { OIDC: 'sub', Google: 'sub', SignInWithApple: 'sub', Facebook: 'id', LoginWithAmazon: 'user_id' };

/** Checked details with Cognito's additions; Apple's private key is write-only. */
function detailsFor(type: string, name: string, given: Record<string, string>): Record<string, string> {
  const social = type !== 'OIDC' && type !== 'SAML';
  if (social && name !== type) throw invalidParameter(`The provider name must be ${type} for provider type ${type}.`);
  for (const key of REQUIRED[type] ?? []) {
    if (!given[key]) throw invalidParameter(`${key} is required for provider type ${type}.`);
  }
  if (type === 'SAML' && !given.MetadataURL === !given.MetadataFile) {
    throw invalidParameter('Exactly one of MetadataURL or MetadataFile is required for provider type SAML.');
  }
  if (type === 'OIDC' && !['GET', 'POST'].includes(given.attributes_request_method)) {
    throw invalidParameter('attributes_request_method must be GET or POST.');
  }
  for (const key of ['oidc_issuer', 'authorize_url', 'token_url', 'attributes_url', 'jwks_uri', 'MetadataURL']) {
    if (given[key] !== undefined && !/^https:\/\/\S+$/.test(given[key])) throw invalidParameter(`${key} must be an https URL.`);
  }
  const { private_key: _secret, ...shown } = given;
  return { ...socialEndpoints(type, given), ...shown };
}

function providerOf(pool: UserPool, name: string): IdentityProviderType {
  const provider = pool.identityProviders.get(name);
  if (!provider) throw resourceNotFound(`Identity provider ${name} does not exist.`);
  return provider;
}

/** IdP identifiers are unique across a pool's providers. */
function checkIdentifiers(pool: UserPool, name: string, ids: string[] | undefined): void {
  if (!ids) return;
  if (new Set(ids).size !== ids.length) throw invalidParameter('Duplicate IdP identifiers in the request.');
  for (const other of pool.identityProviders.values()) {
    if (other.ProviderName === name) continue;
    const taken = ids.find((id) => other.IdpIdentifiers?.includes(id));
    if (taken) throw new AwsError('DuplicateProviderException', `The IdP identifier ${taken} is already used by provider ${other.ProviderName}.`, { status: 400 });
  }
}

const linkKey = (u: ProviderUserIdentifierType) => `${u.ProviderName}|${u.ProviderAttributeName ?? 'Cognito_Subject'}|${u.ProviderAttributeValue}`;

export const identityProviders: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  CreateIdentityProvider(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    if (pool.identityProviders.has(input.ProviderName)) {
      throw new AwsError('DuplicateProviderException', `A provider with the name ${input.ProviderName} already exists in this user pool.`, { status: 400 });
    }
    const details = detailsFor(input.ProviderType, input.ProviderName, input.ProviderDetails);
    checkIdentifiers(pool, input.ProviderName, input.IdpIdentifiers);
    const claim = USERNAME_CLAIM[input.ProviderType];
    const provider: IdentityProviderType = {
      UserPoolId: pool.id,
      ProviderName: input.ProviderName,
      ProviderType: input.ProviderType,
      ProviderDetails: details,
      AttributeMapping: { ...(claim ? { username: claim } : {}), ...(input.AttributeMapping ?? {}) },
      IdpIdentifiers: input.IdpIdentifiers ?? [],
      LastModifiedDate: clock.date(),
      CreationDate: clock.date(),
    };
    pool.identityProviders.set(input.ProviderName, provider);
    return { IdentityProvider: provider };
  },

  DescribeIdentityProvider(input, ctx) {
    return { IdentityProvider: providerOf(ctx.backend.pool(input.UserPoolId), input.ProviderName) };
  },

  UpdateIdentityProvider(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const provider = providerOf(pool, input.ProviderName);
    const details = input.ProviderDetails ? detailsFor(provider.ProviderType as string, input.ProviderName, input.ProviderDetails) : provider.ProviderDetails;
    checkIdentifiers(pool, input.ProviderName, input.IdpIdentifiers);
    const updated: IdentityProviderType = {
      ...provider,
      ProviderDetails: details,
      AttributeMapping: input.AttributeMapping ? { ...input.AttributeMapping } : provider.AttributeMapping,
      IdpIdentifiers: input.IdpIdentifiers ?? provider.IdpIdentifiers,
      LastModifiedDate: clock.date(),
    };
    pool.identityProviders.set(input.ProviderName, updated);
    return { IdentityProvider: updated };
  },

  DeleteIdentityProvider(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    providerOf(pool, input.ProviderName);
    pool.identityProviders.delete(input.ProviderName);
    for (const key of [...pool.providerLinks.keys()]) if (key.startsWith(`${input.ProviderName}|`)) pool.providerLinks.delete(key);
    return {};
  },

  ListIdentityProviders(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const page = pageOf([...pool.identityProviders.keys()].sort(), input.NextToken, input.MaxResults || 60);
    return {
      Providers: page.items.map((name) => {
        const p = providerOf(pool, name);
        return { ProviderName: p.ProviderName, ProviderType: p.ProviderType, LastModifiedDate: p.LastModifiedDate, CreationDate: p.CreationDate };
      }),
      NextToken: page.next,
    };
  },

  GetIdentityProviderByIdentifier(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    for (const provider of pool.identityProviders.values()) {
      if (provider.IdpIdentifiers?.includes(input.IdpIdentifier)) return { IdentityProvider: provider };
    }
    throw resourceNotFound(`Identity provider with identifier ${input.IdpIdentifier} does not exist.`);
  },

  AdminLinkProviderForUser(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const { DestinationUser: dest, SourceUser: source } = input;
    if (dest.ProviderName !== 'Cognito') throw invalidParameter('DestinationUser must be a user of the user pool (ProviderName Cognito).');
    if (source.ProviderName === 'Cognito' || !source.ProviderName) throw invalidParameter('SourceUser must be a user of an external identity provider.');
    providerOf(pool, source.ProviderName);
    if (!source.ProviderAttributeValue) throw invalidParameter('SourceUser.ProviderAttributeValue is required.');
    const user = userOf(pool, dest.ProviderAttributeValue ?? '');
    const key = linkKey(source);
    const owner = pool.providerLinks.get(key);
    if (owner !== undefined && owner !== user.username) throw new AwsError('AliasExistsException', 'The source user is already linked to another user.', { status: 400 });
    const links = [...pool.providerLinks.values()].filter((u) => u === user.username).length;
    if (owner === undefined && links >= 5) throw new AwsError('LimitExceededException', 'A user can be linked to at most 5 federated identities.', { status: 400 });
    pool.providerLinks.set(key, user.username);
    return {};
  },

  AdminDisableProviderForUser(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const u = input.User;
    if (!u.ProviderName || u.ProviderName === 'Cognito') throw invalidParameter('ProviderName must name an external identity provider of the user pool.');
    providerOf(pool, u.ProviderName);
    if (!pool.providerLinks.delete(linkKey(u))) throw new AwsError('UserNotFoundException', 'User does not exist.', { status: 400 });
    return {};
  },
};
