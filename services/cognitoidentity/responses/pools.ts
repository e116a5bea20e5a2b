/** Identity pools: create, describe, list, update, delete, roles, tags. */
import { randomUUID } from 'node:crypto';
import { arn } from '../../../src/core/ids';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { CognitoIdentityBackend, StoredPool } from '../models/backend';
import type { CognitoidentityOperations, IdentityPool } from '../types';
import type { Ctx } from './logins';

function view(pool: StoredPool): IdentityPool {
  const { roles: _r, roleMappings: _m, ...rest } = pool;
  return rest;
}

function poolArn(ctx: Ctx, id: string): string {
  return arn({ service: 'cognito-identity', region: ctx.region, account: ctx.account, resource: `identitypool/${id}` });
}

function poolByArn(ctx: Ctx, resourceArn: string): StoredPool {
  for (const pool of ctx.backend.pools.values()) if (poolArn(ctx, pool.IdentityPoolId) === resourceArn) return pool;
  throw resourceNotFound(`Resource ${resourceArn} not found.`);
}

export const pools: HandlerTable<CognitoidentityOperations, CognitoIdentityBackend> = {
  CreateIdentityPool(input, ctx) {
    const pool: StoredPool = {
      ...input,
      IdentityPoolId: `${ctx.region}:${randomUUID()}`,
      AllowClassicFlow: input.AllowClassicFlow ?? false,
      IdentityPoolTags: input.IdentityPoolTags ?? {},
      roles: {},
      roleMappings: {},
    };
    ctx.backend.pools.set(pool.IdentityPoolId, pool);
    return view(pool);
  },

  DescribeIdentityPool(input, ctx) {
    return view(ctx.backend.pool(input.IdentityPoolId));
  },

  UpdateIdentityPool(input, ctx) {
    const pool = ctx.backend.pool(input.IdentityPoolId);
    const updated: StoredPool = { ...input, IdentityPoolTags: input.IdentityPoolTags ?? pool.IdentityPoolTags, roles: pool.roles, roleMappings: pool.roleMappings };
    ctx.backend.pools.set(pool.IdentityPoolId, updated);
    return view(updated);
  },

  DeleteIdentityPool(input, ctx) {
    ctx.backend.pool(input.IdentityPoolId);
    ctx.backend.pools.delete(input.IdentityPoolId);
    for (const identity of [...ctx.backend.identities.values()]) if (identity.poolId === input.IdentityPoolId) ctx.backend.deleteIdentity(identity);
    for (const key of [...ctx.backend.principalTagMaps.keys()]) if (key.startsWith(`${input.IdentityPoolId}|`)) ctx.backend.principalTagMaps.delete(key);
  },

  ListIdentityPools(input, ctx) {
    const ids = [...ctx.backend.pools.keys()].sort();
    const start = input.NextToken ? ids.findIndex((id) => id > Buffer.from(input.NextToken as string, 'base64').toString()) : 0;
    const items = start < 0 ? [] : ids.slice(start, start + input.MaxResults);
    const more = start >= 0 && start + input.MaxResults < ids.length;
    return {
      IdentityPools: items.map((id) => ({ IdentityPoolId: id, IdentityPoolName: ctx.backend.pool(id).IdentityPoolName })),
      NextToken: more ? Buffer.from(items[items.length - 1]).toString('base64') : undefined,
    };
  },

  SetIdentityPoolRoles(input, ctx) {
    const pool = ctx.backend.pool(input.IdentityPoolId);
    for (const key of Object.keys(input.Roles)) {
      if (key !== 'authenticated' && key !== 'unauthenticated') throw invalidParameter(`Invalid role type: ${key}`);
    }
    pool.roles = { ...input.Roles };
    pool.roleMappings = { ...(input.RoleMappings ?? {}) };
  },

  GetIdentityPoolRoles(input, ctx) {
    const pool = ctx.backend.pool(input.IdentityPoolId);
    return {
      IdentityPoolId: pool.IdentityPoolId,
      Roles: pool.roles,
      RoleMappings: Object.keys(pool.roleMappings).length ? pool.roleMappings : undefined,
    };
  },

  TagResource(input, ctx) {
    const pool = poolByArn(ctx, input.ResourceArn);
    pool.IdentityPoolTags = { ...pool.IdentityPoolTags, ...input.Tags };
    return {};
  },

  UntagResource(input, ctx) {
    const pool = poolByArn(ctx, input.ResourceArn);
    const tags = { ...pool.IdentityPoolTags };
    for (const key of input.TagKeys) delete tags[key];
    pool.IdentityPoolTags = tags;
    return {};
  },

  ListTagsForResource(input, ctx) {
    return { Tags: { ...poolByArn(ctx, input.ResourceArn).IdentityPoolTags } };
  },
};
