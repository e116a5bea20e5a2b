/** Roles (trust policy, session duration, boundary, tags), service-linked roles and instance profiles. */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { PolicyDocument } from '../../../src/core/policy';
import type { HandlerTable } from '../../../src/core/service';
import { deleteConflict, entityAlreadyExists, invalidInput, malformedPolicy, noSuchEntity, quota, unmodifiable } from '../exceptions';
import type { IamBackend } from '../models/backend';
import type { InstanceProfile, Role } from '../models/entities';
import { newId } from '../models/ids';
import { pageOf } from '../models/store';
import type { IamOperations } from '../types';
import {
  boundaryPolicy,
  checkDocument,
  checkTags,
  instanceProfileView,
  pageFields,
  pathArn,
  pathOr,
  roleView,
  setBoundary,
  tagOperations,
} from './common';

/** The trust policy: a valid document whose same-account AWS principals exist. */
function checkTrustPolicy(b: IamBackend, text: string): PolicyDocument {
  const doc = checkDocument(text, 'trust', 2048, 'ACLSizePerRole');
  for (const st of doc.statements) {
    const block = st.principal ?? st.notPrincipal;
    if (!block || block === '*') continue;
    for (const id of block.AWS ?? []) {
      const m = /^arn:[^:]+:iam::(\d{12}):(user|role)\//.exec(id);
      if (!m || m[1] !== b.account) continue;
      const exists = m[2] === 'user' ? b.getUserByArn(id) : b.getRoleByArn(id);
      if (!exists) throw malformedPolicy(`Invalid principal in policy: "AWS":"${id}"`);
    }
  }
  return doc;
}


/** Service-linked roles may only be changed by their service. */
function modifiable(role: Role): Role {
  if (role.serviceLinked) {
    throw unmodifiable(`Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`);
  }
  return role;
}

function newRole(
  b: IamBackend,
  fields: { name: string; path: string; trustPolicy: string; description?: string; maxSessionDuration?: number },
): Role {
  return {
    kind: 'role',
    name: fields.name,
    id: newId('role'),
    arn: pathArn(b, 'role', fields.path, fields.name),
    path: fields.path,
    created: clock.now(),
    trustPolicy: fields.trustPolicy,
    description: fields.description,
    maxSessionDuration: fields.maxSessionDuration ?? 3600,
    tags: [],
    inline: new Map(),
    attached: new Set(),
    instanceProfiles: new Set(),
  };
}

/** The role name AWS gives a service's linked role (AWSServiceRoleFor<Suffix>). */
const SERVICE_ROLE_NAMES: Record<string, string> = {
  'autoscaling.amazonaws.com': 'AutoScaling',
  'elasticloadbalancing.amazonaws.com': 'ElasticLoadBalancing',
  'ecs.amazonaws.com': 'ECS',
  'rds.amazonaws.com': 'RDS',
  'elasticbeanstalk.amazonaws.com': 'ElasticBeanstalk',
  'eks.amazonaws.com': 'AmazonEKS',
  'es.amazonaws.com': 'AmazonElasticsearchService',
  'opensearchservice.amazonaws.com': 'AmazonOpenSearchService',
  'organizations.amazonaws.com': 'Organizations',
  'support.amazonaws.com': 'Support',
  'trustedadvisor.amazonaws.com': 'TrustedAdvisor',
  'spot.amazonaws.com': 'EC2Spot',
  'cloudtrail.amazonaws.com': 'CloudTrail',
  'config.amazonaws.com': 'Config',
  'guardduty.amazonaws.com': 'AmazonGuardDuty',
  'securityhub.amazonaws.com': 'SecurityHub',
  'ssm.amazonaws.com': 'AmazonSSM',
  'elasticache.amazonaws.com': 'ElastiCache',
  'redshift.amazonaws.com': 'Redshift',
  'kafka.amazonaws.com': 'Kafka',
  'batch.amazonaws.com': 'Batch',
  'events.amazonaws.com': 'CloudWatchEvents',
  'replication.dynamodb.amazonaws.com': 'DynamoDBReplication',
  'dynamodb.application-autoscaling.amazonaws.com': 'ApplicationAutoScaling_DynamoDBTable',
};

const roleTags = tagOperations((input: { RoleName: string }, ctx) => ctx.backend.role(input.RoleName));
const profileTags = tagOperations((input: { InstanceProfileName: string }, ctx) =>
  ctx.backend.instanceProfile(input.InstanceProfileName),
);

export const roleHandlers: HandlerTable<IamOperations, IamBackend> = {
  CreateRole(input, ctx) {
    const b = ctx.backend;
    if (b.roles.has(input.RoleName)) throw entityAlreadyExists(`Role with name ${input.RoleName} already exists.`);
    if (b.roles.size >= 1000) throw quota('RolesPerAccount', 1000);
    checkTrustPolicy(b, input.AssumeRolePolicyDocument);
    const boundary = boundaryPolicy(b, input.PermissionsBoundary);
    const tags = checkTags(input.Tags);
    const role = newRole(b, {
      name: input.RoleName,
      path: pathOr(input.Path),
      trustPolicy: input.AssumeRolePolicyDocument,
      description: input.Description,
      maxSessionDuration: input.MaxSessionDuration,
    });
    role.tags = tags;
    role.boundary = boundary?.arn;
    boundary?.boundaryOf.add(role);
    b.roles.add(role);
    const view = roleView(role);
    view.RoleLastUsed = undefined;
    return { Role: view };
  },

  GetRole(input, ctx) {
    return { Role: roleView(ctx.backend.role(input.RoleName)) };
  },

  ListRoles(input, ctx) {
    const prefix = pathOr(input.PathPrefix);
    const page = ctx.backend.roles.page(input.Marker, input.MaxItems, (r) => r.path.startsWith(prefix));
    return { Roles: page.items.map((r) => roleView(r, false)), ...pageFields(page) };
  },

  UpdateRole(input, ctx) {
    const role = modifiable(ctx.backend.role(input.RoleName));
    if (input.Description !== undefined) role.description = input.Description;
    if (input.MaxSessionDuration !== undefined) role.maxSessionDuration = input.MaxSessionDuration;
    return {};
  },

  UpdateRoleDescription(input, ctx) {
    const role = modifiable(ctx.backend.role(input.RoleName));
    role.description = input.Description;
    return { Role: roleView(role) };
  },

  UpdateAssumeRolePolicy(input, ctx) {
    const role = modifiable(ctx.backend.role(input.RoleName));
    checkTrustPolicy(ctx.backend, input.PolicyDocument);
    role.trustPolicy = input.PolicyDocument;
  },

  DeleteRole(input, ctx) {
    const b = ctx.backend;
    const role = modifiable(b.role(input.RoleName));
    deleteRoleChecked(b, role);
  },

  TagRole: roleTags.tag,
  UntagRole: roleTags.untag,
  ListRoleTags: roleTags.list,

  PutRolePermissionsBoundary(input, ctx) {
    setBoundary(ctx.backend, modifiable(ctx.backend.role(input.RoleName)), input.PermissionsBoundary);
  },

  DeleteRolePermissionsBoundary(input, ctx) {
    setBoundary(ctx.backend, modifiable(ctx.backend.role(input.RoleName)), undefined);
  },

  CreateServiceLinkedRole(input, ctx) {
    const b = ctx.backend;
    const service = input.AWSServiceName;
    if (!/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(service)) {
      throw invalidInput(`Service name ${service} is not a valid service principal.`);
    }
    const base = `AWSServiceRoleFor${SERVICE_ROLE_NAMES[service] ?? service.charAt(0).toUpperCase() + service.split('.')[0].slice(1)}`;
    const name = input.CustomSuffix ? `${base}_${input.CustomSuffix}` : base;
    if (b.roles.has(name)) {
      throw invalidInput(`Service role name ${name} has been taken in this account, please try a different suffix.`);
    }
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
    });
    const role = newRole(b, { name, path: `/aws-service-role/${service}/`, trustPolicy: trust, description: input.Description });
    role.serviceLinked = service;
    b.roles.add(role);
    return { Role: roleView(role) };
  },

  DeleteServiceLinkedRole(input, ctx) {
    const b = ctx.backend;
    const role = b.role(input.RoleName);
    if (!role.serviceLinked) throw invalidInput(`Role ${role.name} is not a service-linked role.`);
    role.serviceLinked = undefined;
    deleteRoleChecked(b, role, true);
    const id = `task/aws-service-role/${role.path.split('/')[2]}/${role.name}/${randomUUID()}`;
    b.deletionTasks.set(id, { status: 'SUCCEEDED' });
    return { DeletionTaskId: id };
  },

  GetServiceLinkedRoleDeletionStatus(input, ctx) {
    const task = ctx.backend.deletionTasks.get(input.DeletionTaskId);
    if (!task) throw noSuchEntity(`Deletion task ${input.DeletionTaskId} cannot be found.`);
    return { Status: task.status };
  },

  CreateInstanceProfile(input, ctx) {
    const b = ctx.backend;
    if (b.instanceProfiles.has(input.InstanceProfileName)) {
      throw entityAlreadyExists(`Instance Profile ${input.InstanceProfileName} already exists.`);
    }
    if (b.instanceProfiles.size >= 1000) throw quota('InstanceProfilesPerAccount', 1000);
    const path = pathOr(input.Path);
    const profile: InstanceProfile = {
      name: input.InstanceProfileName,
      id: newId('instanceProfile'),
      arn: pathArn(b, 'instance-profile', path, input.InstanceProfileName),
      path,
      created: clock.now(),
      roles: [],
      tags: checkTags(input.Tags),
    };
    b.instanceProfiles.add(profile);
    return { InstanceProfile: instanceProfileView(profile) };
  },

  GetInstanceProfile(input, ctx) {
    return { InstanceProfile: instanceProfileView(ctx.backend.instanceProfile(input.InstanceProfileName)) };
  },

  DeleteInstanceProfile(input, ctx) {
    const b = ctx.backend;
    const profile = b.instanceProfile(input.InstanceProfileName);
    if (profile.roles.length > 0) throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    b.instanceProfiles.delete(profile.name);
  },

  ListInstanceProfiles(input, ctx) {
    const prefix = pathOr(input.PathPrefix);
    const page = ctx.backend.instanceProfiles.page(input.Marker, input.MaxItems, (p) => p.path.startsWith(prefix));
    return { InstanceProfiles: page.items.map(instanceProfileView), ...pageFields(page) };
  },

  ListInstanceProfilesForRole(input, ctx) {
    const role = ctx.backend.role(input.RoleName);
    const profiles = [...role.instanceProfiles].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
    const page = pageOf(profiles, input.Marker, input.MaxItems, (p) => p.name.toLowerCase());
    return { InstanceProfiles: page.items.map(instanceProfileView), ...pageFields(page) };
  },

  AddRoleToInstanceProfile(input, ctx) {
    const b = ctx.backend;
    const profile = b.instanceProfile(input.InstanceProfileName);
    const role = b.role(input.RoleName);
    if (profile.roles.length >= 1) throw quota('InstanceSessionsPerInstanceProfile', 1);
    profile.roles.push(role);
    role.instanceProfiles.add(profile);
  },

  RemoveRoleFromInstanceProfile(input, ctx) {
    const b = ctx.backend;
    const profile = b.instanceProfile(input.InstanceProfileName);
    const role = b.role(input.RoleName);
    if (!profile.roles.includes(role)) throw noSuchEntity(`The role with name ${role.name} cannot be found.`);
    profile.roles = profile.roles.filter((r) => r !== role);
    role.instanceProfiles.delete(profile);
  },

  TagInstanceProfile: profileTags.tag,
  UntagInstanceProfile: profileTags.untag,
  ListInstanceProfileTags: profileTags.list,
};

/** DeleteRole's conflicts, then the delete; a service-linked role drops its attachments with it. */
function deleteRoleChecked(b: IamBackend, role: Role, serviceDelete = false): void {
  if (role.instanceProfiles.size > 0) throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
  if (!serviceDelete) {
    if (role.inline.size > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if (role.attached.size > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  }
  for (const arn of role.attached) b.findPolicy(arn)?.roles.delete(role);
  if (role.boundary) b.findPolicy(role.boundary)?.boundaryOf.delete(role);
  b.roles.delete(role.name);
}

