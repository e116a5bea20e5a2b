/**
 * PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy on tables and
 * their streams. Each change gets a new RevisionId; putting the same
 * document again keeps it. ExpectedRevisionId makes a put or delete
 * conditional (NO_POLICY: only when there is none), and a mismatch is
 * PolicyNotFoundException, as DynamoDB answers it.
 */
import { clock } from '../../../src/core/clock';
import type {
  DeleteResourcePolicyInput,
  DeleteResourcePolicyOutput,
  GetResourcePolicyInput,
  GetResourcePolicyOutput,
  PutResourcePolicyInput,
  PutResourcePolicyOutput,
} from '../types';
import { awsError, resourceNotFound, validation, stringMember } from '../exceptions';
import type { DynamoDbBackend } from '../models/backend';
import type { Ctx } from './common';

const MAX_POLICY_BYTES = 20 * 1024;

function policyNotFound(arn: string, detail = '') {
  return awsError('PolicyNotFoundException', `Resource-based policy not found for the provided ResourceArn: ${arn}${detail}`);
}

/** The ARN of an existing table or of one of its streams; else ResourceNotFoundException. */
function checkResource(backend: DynamoDbBackend, arn: string): string {
  if (!/^arn:aws[a-z-]*:dynamodb:[^:]+:\d{12}:table\/[a-zA-Z0-9_.-]+(\/stream\/[^/]+)?$/.test(arn ?? '')) {
    throw validation(`Invalid ResourceArn provided as input ${arn}`);
  }
  const name = arn.split(':table/')[1].split('/')[0];
  const table = backend.find(name);
  const streams = table ? [...table.oldStreams, ...(table.stream ? [table.stream] : [])] : [];
  if (!table || (arn !== table.arn && !streams.some((s) => s.arn === arn))) {
    throw resourceNotFound(`Requested resource not found: ResourceArn: ${arn} not found`);
  }
  return arn;
}

function checkExpected(backend: DynamoDbBackend, arn: string, expected: string | undefined): void {
  if (expected === undefined) return;
  const current = backend.policies.get(arn);
  if (expected === 'NO_POLICY') {
    if (current) throw policyNotFound(arn, `. Expected no policy, but the resource has a policy with revision id ${current.revision}`);
    return;
  }
  if (!current) throw policyNotFound(arn);
  if (current.revision !== expected) {
    throw policyNotFound(arn, `. Requested revision id ${expected} does not match the current revision id ${current.revision}`);
  }
}

/** Stores a policy document (shared with CreateTable's ResourcePolicy); returns its revision. */
export function attachPolicy(backend: DynamoDbBackend, arn: string, document: string): string {
  stringMember(document);
  if (Buffer.byteLength(document) > MAX_POLICY_BYTES) {
    throw validation(`Resource-based policy size exceeds the maximum allowed size of ${MAX_POLICY_BYTES} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw validation('Invalid policy document: the policy is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || !('Statement' in parsed)) {
    throw validation('Invalid policy document: the policy must contain a Statement');
  }
  const current = backend.policies.get(arn);
  if (current?.document === document) return current.revision;
  // Revision ids are millisecond timestamps, strictly increasing per resource.
  const revision = String(Math.max(clock.now(), current ? Number(current.revision) + 1 : 0));
  backend.policies.set(arn, { document, revision });
  return revision;
}

export function putResourcePolicy(input: PutResourcePolicyInput, ctx: Ctx): PutResourcePolicyOutput {
  const arn = checkResource(ctx.backend, input.ResourceArn);
  checkExpected(ctx.backend, arn, input.ExpectedRevisionId);
  return { RevisionId: attachPolicy(ctx.backend, arn, input.Policy) };
}

export function getResourcePolicy(input: GetResourcePolicyInput, ctx: Ctx): GetResourcePolicyOutput {
  const arn = checkResource(ctx.backend, input.ResourceArn);
  const policy = ctx.backend.policies.get(arn);
  if (!policy) throw policyNotFound(arn);
  return { Policy: policy.document, RevisionId: policy.revision };
}

export function deleteResourcePolicy(input: DeleteResourcePolicyInput, ctx: Ctx): DeleteResourcePolicyOutput {
  const arn = checkResource(ctx.backend, input.ResourceArn);
  checkExpected(ctx.backend, arn, input.ExpectedRevisionId);
  const policy = ctx.backend.policies.get(arn);
  if (!policy) throw policyNotFound(arn);
  ctx.backend.policies.delete(arn);
  return { RevisionId: policy.revision };
}
