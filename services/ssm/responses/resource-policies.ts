/**
 * Resource policies on parameters (sharing Advanced parameters with other
 * accounts): PutResourcePolicy, GetResourcePolicies, DeleteResourcePolicy,
 * with the PolicyId/PolicyHash optimistic concurrency of the API reference.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AwsError } from '../../../src/core/errors';
import { ssmError } from '../exceptions';
import type { Parameter } from '../models/parameters';
import type * as T from '../types';
import { type Ctx, pageByOffset } from './common';

function invalidParameter(message: string, names: string[]): AwsError {
  return new AwsError('ResourcePolicyInvalidParameterException', message, { status: 400, fields: { ParameterNames: names } });
}

function parameterOf(ctx: Ctx, resourceArn: string): Parameter {
  const at = resourceArn.indexOf(':parameter');
  if (!resourceArn.startsWith('arn:') || at < 0) throw invalidParameter('ResourceArn must be the ARN of a parameter.', ['ResourceArn']);
  const path = resourceArn.slice(at + ':parameter'.length);
  const p = ctx.backend.parameters.get(path) ?? ctx.backend.parameters.get(path.slice(1));
  if (!p || p.public || p.arn !== resourceArn) throw ssmError('ResourceNotFoundException', `The resource ${resourceArn} was not found.`);
  return p;
}

function checkPolicy(text: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw ssmError('MalformedResourcePolicyDocumentException', 'The policy document is not valid JSON.');
  }
  const statements = (doc as { Statement?: unknown })?.Statement;
  if (!Array.isArray(statements) && (typeof statements !== 'object' || statements === null)) {
    throw ssmError('MalformedResourcePolicyDocumentException', 'The policy document must contain a Statement.');
  }
}

export function putResourcePolicy(input: T.PutResourcePolicyRequest, ctx: Ctx) {
  const p = parameterOf(ctx, input.ResourceArn);
  if (p.latest.tier !== 'Advanced') {
    throw invalidParameter('Only parameters in the advanced-parameter tier can be shared.', ['ResourceArn']);
  }
  checkPolicy(input.Policy);
  let id = input.PolicyId;
  if (id !== undefined) {
    const current = p.resourcePolicies.get(id);
    if (!current) throw ssmError('ResourcePolicyNotFoundException', `No policy with id ${id} exists on ${input.ResourceArn}.`);
    if (current.hash !== input.PolicyHash) {
      throw ssmError('ResourcePolicyConflictException', 'The PolicyHash does not match the current policy. Get the policy again and retry.');
    }
  } else {
    id = randomUUID();
  }
  const hash = createHash('sha256').update(input.Policy).digest('hex');
  p.resourcePolicies.set(id, { policy: input.Policy, hash });
  return { PolicyId: id, PolicyHash: hash };
}

export function getResourcePolicies(input: T.GetResourcePoliciesRequest, ctx: Ctx) {
  const p = parameterOf(ctx, input.ResourceArn);
  const all = [...p.resourcePolicies].map(([PolicyId, v]) => ({ PolicyId, PolicyHash: v.hash, Policy: v.policy }));
  const { items, NextToken } = pageByOffset(all, input.NextToken, input.MaxResults ?? 50);
  return { Policies: items, NextToken };
}

export function deleteResourcePolicy(input: T.DeleteResourcePolicyRequest, ctx: Ctx) {
  const p = parameterOf(ctx, input.ResourceArn);
  const current = p.resourcePolicies.get(input.PolicyId);
  if (!current) throw ssmError('ResourcePolicyNotFoundException', `No policy with id ${input.PolicyId} exists on ${input.ResourceArn}.`);
  if (current.hash !== input.PolicyHash) {
    throw ssmError('ResourcePolicyConflictException', 'The PolicyHash does not match the current policy. Get the policy again and retry.');
  }
  p.resourcePolicies.delete(input.PolicyId);
  return {};
}
