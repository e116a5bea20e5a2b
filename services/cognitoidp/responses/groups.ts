/** Groups: CRUD, membership, listings. A group's precedence and role shape the tokens (cognito:groups, cognito:roles). */
import { clock } from '../../../src/core/clock';
import type { HandlerTable } from '../../../src/core/service';
import { groupExists, resourceNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { Group, UserPool } from '../models/pool';
import type { CognitoidpOperations } from '../types';
import { userOf, userType } from './common';
import { pageOf } from './paging';

function groupOf(pool: UserPool, name: string): Group {
  const group = pool.groups.get(name);
  if (!group) throw resourceNotFound('Group not found.');
  return group;
}

export const groups: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  CreateGroup(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    if (pool.groups.has(input.GroupName)) throw groupExists('A group with the name already exists.');
    const group: Group = {
      GroupName: input.GroupName,
      UserPoolId: pool.id,
      Description: input.Description,
      RoleArn: input.RoleArn,
      Precedence: input.Precedence,
      CreationDate: clock.date(),
      LastModifiedDate: clock.date(),
    };
    pool.groups.set(input.GroupName, group);
    return { Group: group };
  },

  GetGroup(input, ctx) {
    return { Group: groupOf(ctx.backend.pool(input.UserPoolId), input.GroupName) };
  },

  UpdateGroup(input, ctx) {
    const group = groupOf(ctx.backend.pool(input.UserPoolId), input.GroupName);
    if (input.Description !== undefined) group.Description = input.Description;
    if (input.RoleArn !== undefined) group.RoleArn = input.RoleArn;
    if (input.Precedence !== undefined) group.Precedence = input.Precedence;
    group.LastModifiedDate = clock.date();
    return { Group: group };
  },

  DeleteGroup(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    groupOf(pool, input.GroupName);
    pool.groups.delete(input.GroupName);
    for (const user of pool.allUsers()) user.groups.delete(input.GroupName);
  },

  ListGroups(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const page = pageOf([...pool.groups.keys()].sort(), input.NextToken, input.Limit ?? 60);
    return { Groups: page.items.map((n) => pool.groups.get(n) as Group), NextToken: page.next };
  },

  AdminAddUserToGroup(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    groupOf(pool, input.GroupName);
    userOf(pool, input.Username).groups.add(input.GroupName);
  },

  AdminRemoveUserFromGroup(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    groupOf(pool, input.GroupName);
    userOf(pool, input.Username).groups.delete(input.GroupName);
  },

  AdminListGroupsForUser(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const user = userOf(pool, input.Username);
    const page = pageOf([...user.groups].sort(), input.NextToken, input.Limit ?? 60);
    return { Groups: page.items.map((n) => pool.groups.get(n) as Group), NextToken: page.next };
  },

  ListUsersInGroup(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    groupOf(pool, input.GroupName);
    const members = new Map<string, ReturnType<typeof userType>>();
    for (const user of pool.allUsers()) if (user.groups.has(input.GroupName)) members.set(pool.orderKey(user), userType(user));
    const page = pageOf([...members.keys()].sort(), input.NextToken, input.Limit ?? 60);
    return { Users: page.items.map((k) => members.get(k) as ReturnType<typeof userType>), NextToken: page.next };
  },
};
