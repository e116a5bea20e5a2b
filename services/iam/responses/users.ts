/** Users, their tags and permissions boundaries, groups and membership. */
import { clock } from '../../../src/core/clock';
import type { HandlerTable } from '../../../src/core/service';
import { deleteConflict, entityAlreadyExists, invalidInput, quota } from '../exceptions';
import type { IamBackend } from '../models/backend';
import type { Group, User } from '../models/entities';
import { newId } from '../models/ids';
import { pageOf } from '../models/store';
import type { IamOperations } from '../types';
import {
  boundaryPolicy,
  type Ctx,
  checkTags,
  date,
  groupView,
  pageFields,
  pathArn,
  pathOr,
  setBoundary,
  tagOperations,
  userView,
} from './common';

/** The IAM user the request was signed as, when it was signed with one of its access keys. */
export function callingUser(ctx: Ctx): User | undefined {
  const issued = ctx.accessKeyId ? ctx.credentials.lookup(ctx.accessKeyId) : undefined;
  return issued?.arn ? ctx.backend.getUserByArn(issued.arn) : undefined;
}

/** UserName, or the caller's own user when it is left out (GetUser, ListAccessKeys ...). */
export function userOrCaller(ctx: Ctx, name: string | undefined): User {
  if (name !== undefined) return ctx.backend.user(name);
  const caller = callingUser(ctx);
  if (caller) return caller;
  throw invalidInput('Must specify userName when calling with non-User credentials');
}


const userTags = tagOperations((input: { UserName: string }, ctx) => ctx.backend.user(input.UserName));

export const userHandlers: HandlerTable<IamOperations, IamBackend> = {
  CreateUser(input, ctx) {
    const b = ctx.backend;
    if (b.users.has(input.UserName)) throw entityAlreadyExists(`User with name ${input.UserName} already exists.`);
    if (b.users.size >= 5000) throw quota('UsersPerAccount', 5000);
    const boundary = boundaryPolicy(b, input.PermissionsBoundary);
    const tags = checkTags(input.Tags);
    const path = pathOr(input.Path);
    const user: User = {
      kind: 'user',
      name: input.UserName,
      id: newId('user'),
      arn: pathArn(b, 'user', path, input.UserName),
      path,
      created: clock.now(),
      tags,
      boundary: boundary?.arn,
      groups: new Set(),
      inline: new Map(),
      attached: new Set(),
      accessKeys: [],
      mfaSerials: new Set(),
      sshKeys: [],
      signingCerts: [],
      serviceCredentials: [],
    };
    b.users.add(user);
    boundary?.boundaryOf.add(user);
    return { User: userView(user, true) };
  },

  GetUser(input, ctx) {
    if (input.UserName === undefined && !callingUser(ctx)) {
      // The account root asks about itself.
      const b = ctx.backend;
      // AWS leaves UserName and Path out for the root, though the model marks them required.
      const root = { UserId: b.account, Arn: b.arn('root'), CreateDate: date(b.created) };
      return { User: root as ReturnType<typeof userView> };
    }
    return { User: userView(userOrCaller(ctx, input.UserName), true) };
  },

  ListUsers(input, ctx) {
    const prefix = pathOr(input.PathPrefix);
    const page = ctx.backend.users.page(input.Marker, input.MaxItems, (u) => u.path.startsWith(prefix));
    return { Users: page.items.map((u) => userView(u)), ...pageFields(page) };
  },

  UpdateUser(input, ctx) {
    const b = ctx.backend;
    const user = b.user(input.UserName);
    const newName = input.NewUserName ?? user.name;
    if (newName.toLowerCase() !== user.name.toLowerCase() && b.users.has(newName)) {
      throw entityAlreadyExists(`User with name ${newName} already exists.`);
    }
    const oldArn = user.arn;
    b.users.rekey(user, () => {
      user.name = newName;
      user.path = input.NewPath ?? user.path;
      user.arn = pathArn(b, 'user', user.path, user.name);
    });
    for (const key of user.accessKeys) key.userName = user.name;
    for (const serial of user.mfaSerials) {
      const device = b.mfaDevices.get(serial);
      if (device) device.userName = user.name;
    }
    if (user.arn !== oldArn) b.registerKeys(user, ctx.credentials);
  },

  DeleteUser(input, ctx) {
    const b = ctx.backend;
    const user = b.user(input.UserName);
    if (user.loginProfile) throw deleteConflict('Cannot delete entity, must delete login profile first.');
    if (user.accessKeys.length > 0) throw deleteConflict('Cannot delete entity, must delete access keys first.');
    if (user.signingCerts.length > 0) throw deleteConflict('Cannot delete entity, must delete signing certificates first.');
    if (user.sshKeys.length > 0) throw deleteConflict('Cannot delete entity, must delete SSH public keys first.');
    if (user.serviceCredentials.length > 0) throw deleteConflict('Cannot delete entity, must delete service specific credentials first.');
    if (user.mfaSerials.size > 0) throw deleteConflict('Cannot delete entity, must delete MFA device first.');
    if (user.inline.size > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if (user.attached.size > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    if (user.groups.size > 0) throw deleteConflict('Cannot delete entity, must remove user from all groups first.');
    if (user.boundary) b.findPolicy(user.boundary)?.boundaryOf.delete(user);
    b.users.delete(user.name);
  },

  TagUser: userTags.tag,
  UntagUser: userTags.untag,
  ListUserTags: userTags.list,

  PutUserPermissionsBoundary(input, ctx) {
    setBoundary(ctx.backend, ctx.backend.user(input.UserName), input.PermissionsBoundary);
  },

  DeleteUserPermissionsBoundary(input, ctx) {
    setBoundary(ctx.backend, ctx.backend.user(input.UserName), undefined);
  },

  CreateGroup(input, ctx) {
    const b = ctx.backend;
    if (b.groups.has(input.GroupName)) throw entityAlreadyExists(`Group with name ${input.GroupName} already exists.`);
    if (b.groups.size >= 300) throw quota('GroupsPerAccount', 300);
    const path = pathOr(input.Path);
    const group: Group = {
      kind: 'group',
      name: input.GroupName,
      id: newId('group'),
      arn: pathArn(b, 'group', path, input.GroupName),
      path,
      created: clock.now(),
      members: new Set(),
      inline: new Map(),
      attached: new Set(),
    };
    b.groups.add(group);
    return { Group: groupView(group) };
  },

  GetGroup(input, ctx) {
    const group = ctx.backend.group(input.GroupName);
    const members = [...group.members].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
    const page = pageOfUsers(members, input.Marker, input.MaxItems);
    return { Group: groupView(group), Users: page.items.map((u) => userView(u)), ...pageFields(page) };
  },

  ListGroups(input, ctx) {
    const prefix = pathOr(input.PathPrefix);
    const page = ctx.backend.groups.page(input.Marker, input.MaxItems, (g) => g.path.startsWith(prefix));
    return { Groups: page.items.map(groupView), ...pageFields(page) };
  },

  UpdateGroup(input, ctx) {
    const b = ctx.backend;
    const group = b.group(input.GroupName);
    const newName = input.NewGroupName ?? group.name;
    if (newName.toLowerCase() !== group.name.toLowerCase() && b.groups.has(newName)) {
      throw entityAlreadyExists(`Group with name ${newName} already exists.`);
    }
    b.groups.rekey(group, () => {
      group.name = newName;
      group.path = input.NewPath ?? group.path;
      group.arn = pathArn(b, 'group', group.path, group.name);
    });
  },

  DeleteGroup(input, ctx) {
    const b = ctx.backend;
    const group = b.group(input.GroupName);
    if (group.members.size > 0) throw deleteConflict('Cannot delete entity, must remove users from group first.');
    if (group.inline.size > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if (group.attached.size > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    b.groups.delete(group.name);
  },

  AddUserToGroup(input, ctx) {
    const b = ctx.backend;
    const group = b.group(input.GroupName);
    const user = b.user(input.UserName);
    if (user.groups.has(group)) return;
    if (user.groups.size >= 10) throw quota('GroupsPerUser', 10);
    group.members.add(user);
    user.groups.add(group);
  },

  RemoveUserFromGroup(input, ctx) {
    const b = ctx.backend;
    const group = b.group(input.GroupName);
    const user = b.user(input.UserName);
    group.members.delete(user);
    user.groups.delete(group);
  },

  ListGroupsForUser(input, ctx) {
    const user = ctx.backend.user(input.UserName);
    const groups = [...user.groups].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
    const page = pageOfGroups(groups, input.Marker, input.MaxItems);
    return { Groups: page.items.map(groupView), ...pageFields(page) };
  },
};

const pageOfUsers = (users: User[], marker?: string, max?: number) => pageOf(users, marker, max, (u) => u.name.toLowerCase());
const pageOfGroups = (groups: Group[], marker?: string, max?: number) => pageOf(groups, marker, max, (g) => g.name.toLowerCase());
