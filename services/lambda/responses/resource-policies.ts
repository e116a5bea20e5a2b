/**
 * PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy (the 2026-07-09
 * API): a function's, version's or alias's whole resource policy at once, the
 * same policy AddPermission adds statements to and GetPolicy reads. A put
 * replaces every statement (AddPermission's included).
 */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../../src/core/errors';
import { parseArn } from '../../../src/core/ids';
import { PolicyDocumentError, parsePolicy } from '../../../src/core/policy';
import { invalidParameter, preconditionFailed, resourceMissing } from '../exceptions';
import type { PolicyStatement } from '../models/function';
import type { DeleteResourcePolicyRequest, GetResourcePolicyRequest, PutResourcePolicyRequest } from '../types';
import type { Ctx } from './common';
import { policyTarget } from './permissions';

/** Lambda's quota on a function's resource-based policy (Lambda quotas: 20 KB). */
const POLICY_LIMIT = 20480;

/** The function and qualifier a complete Lambda function ARN names (no names, no wildcards). */
function target(ctx: Ctx, resourceArn: string) {
  const parsed = parseArn(resourceArn);
  if (parsed?.service !== 'lambda' || !parsed.resource.startsWith('function:') || resourceArn.includes('*')) {
    throw invalidParameter(`The resource ARN ${resourceArn} is not a valid Lambda function, version or alias ARN.`);
  }
  return policyTarget(ctx, resourceArn, undefined);
}

function checkRevision(fnRevision: string | undefined, given: string | undefined): void {
  if (given !== undefined && given !== fnRevision) throw preconditionFailed();
}

export function putResourcePolicy(input: PutResourcePolicyRequest, ctx: Ctx) {
  const { fn, key } = target(ctx, input.ResourceArn);
  checkRevision(fn.policyRevisions.get(key), input.RevisionId);
  const size = Buffer.byteLength(input.Policy);
  if (size > POLICY_LIMIT) {
    throw new AwsError('PolicyLengthExceededException', `The final policy size (${size}) is bigger than the limit (${POLICY_LIMIT}).`, { fields: { Type: 'User' } });
  }
  let raw: { Statement?: unknown };
  try {
    parsePolicy(input.Policy, 'resource');
    raw = JSON.parse(input.Policy);
  } catch (err) {
    if (err instanceof PolicyDocumentError || err instanceof SyntaxError) throw invalidParameter(`The policy is not valid: ${err.message}`);
    throw err;
  }
  const list = Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement];
  // Keyed by Sid, as AddPermission keys them; a statement without one keeps its place by position.
  const statements = new Map<string, PolicyStatement>();
  list.forEach((st, i) => {
    const sid = (st as { Sid?: unknown }).Sid;
    statements.set(typeof sid === 'string' && sid ? sid : `#${i}`, st as PolicyStatement);
  });
  fn.policies.set(key, statements);
  fn.policyRevisions.set(key, randomUUID());
  return { Policy: fn.policyDocument(key), RevisionId: fn.policyRevisions.get(key) };
}

export function getResourcePolicy(input: GetResourcePolicyRequest, ctx: Ctx) {
  const { fn, key } = target(ctx, input.ResourceArn);
  const policy = fn.policyDocument(key);
  if (policy === undefined) throw resourceMissing();
  return { Policy: policy, RevisionId: fn.policyRevisions.get(key) };
}

export function deleteResourcePolicy(input: DeleteResourcePolicyRequest, ctx: Ctx) {
  const { fn, key } = target(ctx, input.ResourceArn);
  checkRevision(fn.policyRevisions.get(key), input.RevisionId);
  if (fn.policyDocument(key) === undefined) throw resourceMissing();
  fn.policies.delete(key);
  fn.policyRevisions.set(key, randomUUID());
}
