/** Hosted UI domains and resource servers (the custom OAuth scopes the token endpoint grants). */
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { UserPool } from '../models/pool';
import type { CognitoidpOperations, ResourceServerType } from '../types';
import { pageOf } from './paging';
import { clock } from '../../../src/core/clock';

function serverOf(pool: UserPool, identifier: string): ResourceServerType {
  const server = pool.resourceServers.get(identifier);
  if (!server) throw resourceNotFound(`Resource server ${identifier} does not exist.`);
  return server;
}

export const domains: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  CreateUserPoolDomain(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    if (input.CustomDomainConfig) throw invalidParameter('mockaws serves only prefix domains (<prefix>.auth.<region>.amazoncognito.com).');
    if (ctx.backend.domains.has(input.Domain)) throw invalidParameter('Domain already associated with another user pool.');
    if (pool.domain) throw invalidParameter(`User pool ${pool.id} already has a domain configured.`);
    pool.domain = input.Domain;
    pool.domainVersion = input.ManagedLoginVersion ?? 1;
    ctx.backend.domains.set(input.Domain, pool);
    return { ManagedLoginVersion: pool.domainVersion };
  },

  DescribeUserPoolDomain(input, ctx) {
    const pool = ctx.backend.domains.get(input.Domain);
    // An unknown domain is not an error: Cognito answers an empty description.
    if (!pool) return { DomainDescription: {} };
    return {
      DomainDescription: {
        UserPoolId: pool.id,
        AWSAccountId: ctx.account,
        Domain: input.Domain,
        CloudFrontDistribution: `${input.Domain}.auth.${ctx.region}.amazoncognito.com`,
        Version: '1',
        Status: 'ACTIVE',
        ManagedLoginVersion: pool.domainVersion,
      },
    };
  },

  /** A prefix domain's only setting is its managed login version (1 classic hosted UI, 2 managed login). */
  UpdateUserPoolDomain(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    if (pool.domain !== input.Domain) throw invalidParameter('No such domain or user pool exists.');
    if (input.CustomDomainConfig) throw invalidParameter('mockaws serves only prefix domains (<prefix>.auth.<region>.amazoncognito.com).');
    if (input.ManagedLoginVersion !== undefined) pool.domainVersion = input.ManagedLoginVersion;
    return { ManagedLoginVersion: pool.domainVersion };
  },

  DeleteUserPoolDomain(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    if (pool.domain !== input.Domain) throw invalidParameter('No such domain or user pool exists.');
    ctx.backend.domains.delete(input.Domain);
    pool.domain = undefined;
    return {};
  },

  /** Classic hosted UI branding: a pool default (`ALL`) and per-client overrides; the pool must have a domain. */
  SetUICustomization(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const clientId = input.ClientId ?? 'ALL';
    if (clientId !== 'ALL') ctx.backend.client(clientId, pool.id);
    if (!pool.domain) throw invalidParameter('There has to be an existing domain associated with this user pool');
    const previous = pool.uiCustomizations.get(clientId);
    const now = clock.date();
    const custom = {
      UserPoolId: pool.id,
      ClientId: clientId,
      CSS: input.CSS ?? previous?.CSS,
      CSSVersion: String(now.getTime()),
      ImageUrl: input.ImageFile?.length
        ? `https://${pool.domain}.auth.${ctx.region}.amazoncognito.com/${clientId}/${now.getTime()}/assets/images/image.jpg`
        : previous?.ImageUrl,
      CreationDate: previous?.CreationDate ?? now,
      LastModifiedDate: now,
    };
    pool.uiCustomizations.set(clientId, custom);
    return { UICustomization: custom };
  },

  /** The client's branding, else the pool default, else an empty object. */
  GetUICustomization(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    if (input.ClientId !== undefined && input.ClientId !== 'ALL') ctx.backend.client(input.ClientId, pool.id);
    return { UICustomization: pool.uiCustomizations.get(input.ClientId ?? 'ALL') ?? pool.uiCustomizations.get('ALL') ?? {} };
  },

  CreateResourceServer(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    if (pool.resourceServers.has(input.Identifier)) throw invalidParameter(`${input.Identifier} already exists in user pool ${pool.id}.`);
    const server: ResourceServerType = { UserPoolId: pool.id, Identifier: input.Identifier, Name: input.Name, Scopes: input.Scopes ?? [] };
    pool.resourceServers.set(input.Identifier, server);
    return { ResourceServer: server };
  },

  DescribeResourceServer(input, ctx) {
    return { ResourceServer: serverOf(ctx.backend.pool(input.UserPoolId), input.Identifier) };
  },

  UpdateResourceServer(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    serverOf(pool, input.Identifier);
    const server: ResourceServerType = { UserPoolId: pool.id, Identifier: input.Identifier, Name: input.Name, Scopes: input.Scopes ?? [] };
    pool.resourceServers.set(input.Identifier, server);
    return { ResourceServer: server };
  },

  DeleteResourceServer(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    serverOf(pool, input.Identifier);
    pool.resourceServers.delete(input.Identifier);
  },

  ListResourceServers(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const page = pageOf([...pool.resourceServers.keys()].sort(), input.NextToken, input.MaxResults);
    return { ResourceServers: page.items.map((id) => pool.resourceServers.get(id) as ResourceServerType), NextToken: page.next };
  },
};
