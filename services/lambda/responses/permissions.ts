/** Resource policies of functions (AddPermission, RemovePermission, GetPolicy) and of layer versions. */
import { randomUUID } from 'node:crypto';
import { conflict, preconditionFailed, resourceMissing, resourceNotFound, validation } from '../exceptions';
import { functionArn, layerArn } from '../models/arns';
import { type PolicyStatement, policyText } from '../models/function';
import type {
  AddLayerVersionPermissionRequest,
  AddPermissionRequest,
  GetLayerVersionPolicyRequest,
  GetPolicyRequest,
  RemoveLayerVersionPermissionRequest,
  RemovePermissionRequest,
} from '../types';
import type { Ctx } from './common';
import { layerVersionOf } from './layers';

const SID = /^([a-zA-Z0-9-_.]+)$/;

function checkSid(sid: string): void {
  if (!SID.test(sid) || sid.length > 100) {
    throw validation(`1 validation error detected: Value '${sid}' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)`);
  }
}

function principalOf(principal: string): unknown {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}

/** The function and the qualifier a policy call names (a version or alias that must exist). */
export function policyTarget(ctx: Ctx, name: string, qualifierParam: string | undefined) {
  const fn = ctx.backend.fn(name);
  const { qualifier } = ctx.backend.resolve(name, qualifierParam);
  return { fn, key: qualifier ?? '', resource: functionArn(fn.region, fn.account, fn.name, qualifier) };
}

export function addPermission(input: AddPermissionRequest, ctx: Ctx) {
  checkSid(input.StatementId);
  const { fn, key, resource } = policyTarget(ctx, input.FunctionName, input.Qualifier);
  const statements = fn.policies.get(key) ?? new Map<string, PolicyStatement>();
  if (input.RevisionId !== undefined && input.RevisionId !== fn.policyRevisions.get(key)) throw preconditionFailed();
  if (statements.has(input.StatementId)) {
    throw conflict(`The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  const condition: Record<string, Record<string, string>> = {};
  if (input.SourceArn) condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
  if (input.SourceAccount) condition.StringEquals = { ...condition.StringEquals, 'AWS:SourceAccount': input.SourceAccount };
  if (input.PrincipalOrgID) condition.StringEquals = { ...condition.StringEquals, 'aws:PrincipalOrgID': input.PrincipalOrgID };
  if (input.EventSourceToken) condition.StringEquals = { ...condition.StringEquals, 'lambda:EventSourceToken': input.EventSourceToken };
  if (input.FunctionUrlAuthType) condition.StringEquals = { ...condition.StringEquals, 'lambda:FunctionUrlAuthType': input.FunctionUrlAuthType };
  if (input.InvokedViaFunctionUrl) condition.Bool = { 'lambda:InvokedViaFunctionUrl': 'true' };
  const statement: PolicyStatement = {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principalOf(input.Principal),
    Action: input.Action,
    Resource: resource,
    Condition: Object.keys(condition).length ? condition : undefined,
  };
  statements.set(input.StatementId, statement);
  fn.policies.set(key, statements);
  fn.policyRevisions.set(key, randomUUID());
  return { Statement: JSON.stringify(statement) };
}

export function removePermission(input: RemovePermissionRequest, ctx: Ctx) {
  const { fn, key } = policyTarget(ctx, input.FunctionName, input.Qualifier);
  const statements = fn.policies.get(key);
  if (input.RevisionId !== undefined && input.RevisionId !== fn.policyRevisions.get(key)) throw preconditionFailed();
  if (!statements?.has(input.StatementId)) throw resourceNotFound(`Statement ${input.StatementId} is not found in resource policy.`);
  statements.delete(input.StatementId);
  if (statements.size === 0) fn.policies.delete(key);
  fn.policyRevisions.set(key, randomUUID());
}

export function getPolicy(input: GetPolicyRequest, ctx: Ctx) {
  const { fn, key } = policyTarget(ctx, input.FunctionName, input.Qualifier);
  const policy = fn.policyDocument(key);
  if (policy === undefined) throw resourceMissing();
  return { Policy: policy, RevisionId: fn.policyRevisions.get(key) };
}

export function addLayerVersionPermission(input: AddLayerVersionPermissionRequest, ctx: Ctx) {
  checkSid(input.StatementId);
  const { layer, version } = layerVersionOf(ctx, input.LayerName, input.VersionNumber);
  if (input.RevisionId !== undefined && input.RevisionId !== version.policyRevision) throw preconditionFailed();
  if (version.policy.has(input.StatementId)) {
    throw conflict(`The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  const statement: PolicyStatement = {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: input.Principal === '*' ? '*' : { AWS: /^\d{12}$/.test(input.Principal) ? `arn:aws:iam::${input.Principal}:root` : input.Principal },
    Action: input.Action,
    Resource: layerArn(ctx.backend.region, ctx.backend.account, layer.name, version.version),
    Condition: input.OrganizationId ? { StringEquals: { 'aws:PrincipalOrgID': input.OrganizationId } } : undefined,
  };
  version.policy.set(input.StatementId, statement);
  version.policyRevision = randomUUID();
  return { Statement: JSON.stringify(statement), RevisionId: version.policyRevision };
}

export function removeLayerVersionPermission(input: RemoveLayerVersionPermissionRequest, ctx: Ctx) {
  const { version } = layerVersionOf(ctx, input.LayerName, input.VersionNumber);
  if (input.RevisionId !== undefined && input.RevisionId !== version.policyRevision) throw preconditionFailed();
  if (!version.policy.delete(input.StatementId)) throw resourceNotFound(`Statement ${input.StatementId} is not found in resource policy.`);
  version.policyRevision = randomUUID();
}

export function getLayerVersionPolicy(input: GetLayerVersionPolicyRequest, ctx: Ctx) {
  const { version } = layerVersionOf(ctx, input.LayerName, input.VersionNumber);
  if (!version.policy.size) throw resourceMissing();
  return { Policy: policyText(version.policy), RevisionId: version.policyRevision };
}
