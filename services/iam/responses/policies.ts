/** Managed policies and their versions, attachments, and the inline policies of users, groups and roles. */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { policySize } from '../../../src/core/policy';
import type { HandlerTable } from '../../../src/core/service';
import { deleteConflict, entityAlreadyExists, limitExceeded, noSuchEntity, quota } from '../exceptions';
import type { IamBackend } from '../models/backend';
import type { Group, ManagedPolicy, PolicyHolder, Role, User } from '../models/entities';
import { newId } from '../models/ids';
import { pageOf } from '../models/store';
import type { IamOperations } from '../types';
import {
  type Ctx,
  checkDocument,
  checkTags,
  date,
  encodeDocument,
  pageFields,
  pathOr,
  policyView,
  removeTags,
  tagPage,
} from './common';
import { callingUser } from './users';

/** AWS owns its managed policies: changing one is refused as an unauthorized call. */
function customerOwned(ctx: Ctx, policy: ManagedPolicy): ManagedPolicy {
  if (!policy.awsManaged) return policy;
  const caller = callingUser(ctx)?.arn ?? ctx.backend.arn('root');
  throw new AwsError(
    'AccessDenied',
    `User: ${caller} is not authorized to perform: iam:${ctx.operation} on resource: policy ${policy.arn}`,
    { status: 403 },
  );
}

function versionView(policy: ManagedPolicy, id: string, withDocument: boolean) {
  const v = policy.versions.find((x) => x.id === id);
  if (!v) throw noSuchEntity(`Policy ${policy.arn} version ${id} does not exist or is not attachable.`);
  return {
    Document: withDocument ? encodeDocument(v.document) : undefined,
    VersionId: v.id,
    IsDefaultVersion: v.id === policy.defaultVersion,
    CreateDate: date(v.created),
  };
}

// --- attachments -------------------------------------------------------------

type HolderKind = 'user' | 'group' | 'role';
const QUOTA_NAME: Record<HolderKind, string> = { user: 'PoliciesPerUser', group: 'PoliciesPerGroup', role: 'PoliciesPerRole' };

function setOf(policy: ManagedPolicy, kind: HolderKind): Set<User | Group | Role> {
  return (kind === 'user' ? policy.users : kind === 'group' ? policy.groups : policy.roles) as Set<User | Group | Role>;
}

function attach(b: IamBackend, kind: HolderKind, holder: User | Group | Role, arn: string): void {
  const policy = b.attachablePolicy(arn);
  if (holder.attached.has(policy.arn)) return;
  if (holder.attached.size >= 10) throw quota(QUOTA_NAME[kind], 10);
  holder.attached.add(policy.arn);
  setOf(policy, kind).add(holder);
}

function detach(b: IamBackend, kind: HolderKind, holder: User | Group | Role, arn: string): void {
  if (!holder.attached.has(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
  holder.attached.delete(arn);
  const policy = b.findPolicy(arn);
  if (policy) setOf(policy, kind).delete(holder);
}

function listAttached(b: IamBackend, holder: PolicyHolder, input: { PathPrefix?: string; Marker?: string; MaxItems?: number }) {
  const prefix = pathOr(input.PathPrefix);
  const policies = [...holder.attached]
    .map((arn) => b.findPolicy(arn))
    .filter((p): p is ManagedPolicy => !!p && p.path.startsWith(prefix));
  const page = pageOf(policies, input.Marker, input.MaxItems, (p) => p.arn);
  return { AttachedPolicies: page.items.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })), ...pageFields(page) };
}

// --- inline policies ---------------------------------------------------------

/** Inline policies share one size quota per entity (characters, whitespace excluded). */
const INLINE_LIMIT: Record<HolderKind, number> = { user: 2048, group: 5120, role: 10240 };

function putInline(kind: HolderKind, holder: User | Group | Role, name: string, document: string): void {
  checkDocument(document);
  let total = policySize(document);
  for (const p of holder.inline.values()) if (p.name.toLowerCase() !== name.toLowerCase()) total += policySize(p.document);
  if (total > INLINE_LIMIT[kind]) {
    throw limitExceeded(`Maximum policy size of ${INLINE_LIMIT[kind]} bytes exceeded for ${kind} ${holder.name}`);
  }
  holder.inline.set(name.toLowerCase(), { name, document });
}

function getInline(kind: HolderKind, holder: PolicyHolder, name: string) {
  const p = holder.inline.get(name.toLowerCase());
  if (!p) throw noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`);
  return p;
}

function inlineAnswer(kind: HolderKind, holder: PolicyHolder, name: string) {
  const p = getInline(kind, holder, name);
  return { PolicyName: p.name, PolicyDocument: encodeDocument(p.document) };
}

function deleteInline(kind: HolderKind, holder: PolicyHolder, name: string): void {
  getInline(kind, holder, name);
  holder.inline.delete(name.toLowerCase());
}

function listInline(holder: PolicyHolder, marker: string | undefined, maxItems: number | undefined) {
  const names = [...holder.inline.values()].map((p) => p.name).sort();
  const page = pageOf(names, marker, maxItems, (n) => n);
  return { PolicyNames: page.items, ...pageFields(page) };
}

export const policyHandlers: HandlerTable<IamOperations, IamBackend> = {
  CreatePolicy(input, ctx) {
    const b = ctx.backend;
    const path = pathOr(input.Path);
    const arn = b.arn(`policy${path}${input.PolicyName}`);
    for (const p of b.policies.values()) {
      if (!p.awsManaged && p.name.toLowerCase() === input.PolicyName.toLowerCase()) {
        throw entityAlreadyExists(`A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
      }
    }
    checkDocument(input.PolicyDocument, 'identity', 6144, 'PolicySize');
    const tags = checkTags(input.Tags);
    if ([...b.policies.values()].filter((p) => !p.awsManaged).length >= 1500) throw quota('CustomerManagedPolicies', 1500);
    const now = clock.now();
    const policy: ManagedPolicy = {
      name: input.PolicyName,
      id: newId('policy'),
      arn,
      path,
      description: input.Description,
      created: now,
      updated: now,
      defaultVersion: 'v1',
      versions: [{ id: 'v1', document: input.PolicyDocument, created: now }],
      nextVersion: 2,
      tags,
      awsManaged: false,
      users: new Set(),
      groups: new Set(),
      roles: new Set(),
      boundaryOf: new Set(),
    };
    b.policies.set(arn, policy);
    const view = policyView(policy);
    return { Policy: { ...view, Description: undefined } };
  },

  GetPolicy(input, ctx) {
    return { Policy: policyView(ctx.backend.policy(input.PolicyArn)) };
  },

  DeletePolicy(input, ctx) {
    const b = ctx.backend;
    const policy = customerOwned(ctx, b.policy(input.PolicyArn));
    if (policy.users.size + policy.groups.size + policy.roles.size + policy.boundaryOf.size > 0) {
      throw deleteConflict('Cannot delete a policy attached to entities.');
    }
    if (policy.versions.length > 1) {
      throw deleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    b.policies.delete(policy.arn);
  },

  ListPolicies(input, ctx) {
    const b = ctx.backend;
    const scope = input.Scope ?? 'All';
    const prefix = pathOr(input.PathPrefix);
    const policies = (scope === 'Local' ? [...b.policies.values()] : b.allPolicies())
      .filter((p) => (scope === 'AWS' ? p.awsManaged : scope === 'Local' ? !p.awsManaged : true))
      .filter((p) => p.path.startsWith(prefix))
      .filter((p) => !input.OnlyAttached || p.users.size + p.groups.size + p.roles.size > 0)
      .filter((p) => input.PolicyUsageFilter !== 'PermissionsBoundary' || p.boundaryOf.size > 0)
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.arn < y.arn ? -1 : 1));
    const page = pageOf(policies, input.Marker, input.MaxItems, (p) => p.arn);
    return { Policies: page.items.map((p) => policyView(p, false)), ...pageFields(page) };
  },

  CreatePolicyVersion(input, ctx) {
    const b = ctx.backend;
    const policy = customerOwned(ctx, b.policy(input.PolicyArn));
    if (policy.versions.length >= 5) {
      throw limitExceeded('A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.');
    }
    checkDocument(input.PolicyDocument, 'identity', 6144, 'PolicySize');
    const id = `v${policy.nextVersion++}`;
    const now = clock.now();
    policy.versions.push({ id, document: input.PolicyDocument, created: now });
    if (input.SetAsDefault) policy.defaultVersion = id;
    policy.updated = now;
    return { PolicyVersion: versionView(policy, id, false) };
  },

  GetPolicyVersion(input, ctx) {
    const policy = ctx.backend.policy(input.PolicyArn);
    return { PolicyVersion: versionView(policy, input.VersionId, true) };
  },

  DeletePolicyVersion(input, ctx) {
    const policy = customerOwned(ctx, ctx.backend.policy(input.PolicyArn));
    versionView(policy, input.VersionId, false);
    if (input.VersionId === policy.defaultVersion) throw deleteConflict('Cannot delete the default version of a policy.');
    policy.versions = policy.versions.filter((v) => v.id !== input.VersionId);
  },

  ListPolicyVersions(input, ctx) {
    const policy = ctx.backend.policy(input.PolicyArn);
    // Newest first, as IAM lists them.
    const ids = policy.versions.map((v) => v.id).reverse();
    const page = pageOf(ids, input.Marker, input.MaxItems, (id) => id);
    return { Versions: page.items.map((id) => versionView(policy, id, false)), ...pageFields(page) };
  },

  SetDefaultPolicyVersion(input, ctx) {
    const policy = customerOwned(ctx, ctx.backend.policy(input.PolicyArn));
    versionView(policy, input.VersionId, false);
    policy.defaultVersion = input.VersionId;
    policy.updated = clock.now();
  },

  TagPolicy(input, ctx) {
    const policy = customerOwned(ctx, ctx.backend.policy(input.PolicyArn));
    policy.tags = checkTags(input.Tags, policy.tags);
  },

  UntagPolicy(input, ctx) {
    const policy = customerOwned(ctx, ctx.backend.policy(input.PolicyArn));
    policy.tags = removeTags(policy.tags, input.TagKeys);
  },

  ListPolicyTags(input, ctx) {
    return tagPage(ctx.backend.policy(input.PolicyArn).tags, input.Marker, input.MaxItems);
  },

  AttachUserPolicy: (input, ctx) => attach(ctx.backend, 'user', ctx.backend.user(input.UserName), input.PolicyArn),
  AttachGroupPolicy: (input, ctx) => attach(ctx.backend, 'group', ctx.backend.group(input.GroupName), input.PolicyArn),
  AttachRolePolicy(input, ctx) {
    const role = ctx.backend.role(input.RoleName);
    if (role.serviceLinked) {
      throw new AwsError('UnmodifiableEntity', `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`);
    }
    attach(ctx.backend, 'role', role, input.PolicyArn);
  },
  DetachUserPolicy: (input, ctx) => detach(ctx.backend, 'user', ctx.backend.user(input.UserName), input.PolicyArn),
  DetachGroupPolicy: (input, ctx) => detach(ctx.backend, 'group', ctx.backend.group(input.GroupName), input.PolicyArn),
  DetachRolePolicy: (input, ctx) => detach(ctx.backend, 'role', ctx.backend.role(input.RoleName), input.PolicyArn),
  ListAttachedUserPolicies: (input, ctx) => listAttached(ctx.backend, ctx.backend.user(input.UserName), input),
  ListAttachedGroupPolicies: (input, ctx) => listAttached(ctx.backend, ctx.backend.group(input.GroupName), input),
  ListAttachedRolePolicies: (input, ctx) => listAttached(ctx.backend, ctx.backend.role(input.RoleName), input),

  ListEntitiesForPolicy(input, ctx) {
    const policy = ctx.backend.policy(input.PolicyArn);
    const prefix = pathOr(input.PathPrefix);
    const usage = input.PolicyUsageFilter;
    const filter = input.EntityFilter;
    type Entry = { kind: HolderKind; entity: User | Group | Role; use: 'policy' | 'boundary' };
    const entries: Entry[] = [];
    const add = (kind: HolderKind, use: Entry['use'], items: Iterable<User | Group | Role>) => {
      if (filter && filter !== 'LocalManagedPolicy' && filter !== 'AWSManagedPolicy' && filter.toLowerCase() !== kind) return;
      for (const entity of items) if (entity.path.startsWith(prefix)) entries.push({ kind, entity, use });
    };
    if (usage !== 'PermissionsBoundary') {
      add('group', 'policy', policy.groups);
      add('user', 'policy', policy.users);
      add('role', 'policy', policy.roles);
    }
    if (usage !== 'PermissionsPolicy') {
      add('user', 'boundary', [...policy.boundaryOf].filter((e) => e.kind === 'user'));
      add('role', 'boundary', [...policy.boundaryOf].filter((e) => e.kind === 'role'));
    }
    const page = pageOf(entries, input.Marker, input.MaxItems, (e) => `${e.use}:${e.kind}:${e.entity.id}`);
    return {
      PolicyGroups: page.items.filter((e) => e.kind === 'group').map((e) => ({ GroupName: e.entity.name, GroupId: e.entity.id })),
      PolicyUsers: page.items.filter((e) => e.kind === 'user').map((e) => ({ UserName: e.entity.name, UserId: e.entity.id })),
      PolicyRoles: page.items.filter((e) => e.kind === 'role').map((e) => ({ RoleName: e.entity.name, RoleId: e.entity.id })),
      ...pageFields(page),
    };
  },

  PutUserPolicy: (input, ctx) => putInline('user', ctx.backend.user(input.UserName), input.PolicyName, input.PolicyDocument),
  PutGroupPolicy: (input, ctx) => putInline('group', ctx.backend.group(input.GroupName), input.PolicyName, input.PolicyDocument),
  PutRolePolicy(input, ctx) {
    const role = ctx.backend.role(input.RoleName);
    if (role.serviceLinked) {
      throw new AwsError('UnmodifiableEntity', `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`);
    }
    putInline('role', role, input.PolicyName, input.PolicyDocument);
  },
  GetUserPolicy(input, ctx) {
    const user = ctx.backend.user(input.UserName);
    return { UserName: user.name, ...inlineAnswer('user', user, input.PolicyName) };
  },
  GetGroupPolicy(input, ctx) {
    const group = ctx.backend.group(input.GroupName);
    return { GroupName: group.name, ...inlineAnswer('group', group, input.PolicyName) };
  },
  GetRolePolicy(input, ctx) {
    const role = ctx.backend.role(input.RoleName);
    return { RoleName: role.name, ...inlineAnswer('role', role, input.PolicyName) };
  },
  DeleteUserPolicy: (input, ctx) => deleteInline('user', ctx.backend.user(input.UserName), input.PolicyName),
  DeleteGroupPolicy: (input, ctx) => deleteInline('group', ctx.backend.group(input.GroupName), input.PolicyName),
  DeleteRolePolicy: (input, ctx) => deleteInline('role', ctx.backend.role(input.RoleName), input.PolicyName),
  ListUserPolicies: (input, ctx) => listInline(ctx.backend.user(input.UserName), input.Marker, input.MaxItems),
  ListGroupPolicies: (input, ctx) => listInline(ctx.backend.group(input.GroupName), input.Marker, input.MaxItems),
  ListRolePolicies: (input, ctx) => listInline(ctx.backend.role(input.RoleName), input.Marker, input.MaxItems),
};
