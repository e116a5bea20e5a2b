/**
 * Multi-Region replication: Create/List/Update/DeleteUserPoolReplica, kept on
 * the primary pool (models/replicas.ts). ListUserPoolReplicas lists the
 * primary too; DescribeUserPool lists the replicas' Regions.
 */
import { clock } from '../../../src/core/clock';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { UserPool } from '../models/pool';
import { currentReplica, type Replica, replicaType } from '../models/replicas';
import type { CognitoidpOperations } from '../types';
import type { Ctx } from './common';
import { pageOf } from './paging';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The live replicas of a pool by Region, statuses brought up to date (finished deletions dropped). */
function replicasOf(pool: UserPool): Map<string, Replica> {
  for (const [region, replica] of pool.replicas) {
    const now = currentReplica(replica);
    if (!now) pool.replicas.delete(region);
    else pool.replicas.set(region, now);
  }
  return pool.replicas;
}

function replicaOf(pool: UserPool, region: string): Replica {
  const replica = replicasOf(pool).get(region);
  if (!replica) throw resourceNotFound(`User pool ${pool.id} has no replica in ${region}.`);
  return replica;
}

const describe = (ctx: Ctx, pool: UserPool, r: Replica) => replicaType(pool.id, ctx.account, r.region, 'SECONDARY', r.status);

export const replicas: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  CreateUserPoolReplica(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    if (!REGION.test(input.RegionName)) throw invalidParameter(`${input.RegionName} is not a valid Region.`);
    if (input.RegionName === ctx.region) throw invalidParameter(`The user pool ${pool.id} is already in ${input.RegionName}.`);
    if (replicasOf(pool).has(input.RegionName)) throw invalidParameter(`User pool ${pool.id} already has a replica in ${input.RegionName}.`);
    const replica: Replica = { region: input.RegionName, status: 'CREATING', since: clock.now(), ...(input.UserPoolTags ? { tags: input.UserPoolTags } : {}) };
    pool.replicas.set(replica.region, replica);
    return { UserPoolReplica: describe(ctx, pool, replica) };
  },

  ListUserPoolReplicas(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const all = new Map([...replicasOf(pool)].map(([region, r]) => [region, describe(ctx, pool, r)]));
    all.set(ctx.region, replicaType(pool.id, ctx.account, ctx.region, 'PRIMARY', 'ACTIVE'));
    const page = pageOf([...all.keys()].sort(), input.NextToken, 60);
    return { UserPoolReplicas: page.items.map((region) => all.get(region)!), ...(page.next ? { NextToken: page.next } : {}) };
  },

  UpdateUserPoolReplica(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    if (input.RegionName === ctx.region) throw invalidParameter('The primary Region of a user pool cannot be activated or deactivated.');
    const replica = replicaOf(pool, input.RegionName);
    if (replica.status === 'CREATING' || replica.status === 'DELETING') {
      throw invalidParameter(`The replica in ${input.RegionName} is ${replica.status} and cannot be updated.`);
    }
    if (replica.status !== input.Status) {
      replica.status = input.Status as Replica['status'];
      replica.since = clock.now();
    }
    return { UserPoolReplica: describe(ctx, pool, replica) };
  },

  /** Only an INACTIVE replica can be deleted; it is DELETING for a while, then gone. */
  DeleteUserPoolReplica(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const replica = replicaOf(pool, input.RegionName);
    if (replica.status !== 'INACTIVE') throw invalidParameter(`Only an INACTIVE replica can be deleted; the replica in ${input.RegionName} is ${replica.status}.`);
    replica.status = 'DELETING';
    replica.since = clock.now();
    return { UserPoolReplica: describe(ctx, pool, replica) };
  },
};
