/** Resource policies (validated) and tags. */
import { invalidParameter, smError } from '../exceptions';
import type * as T from '../types';
import { type Ctx, checkWritable } from './common';

interface PolicyCheck {
  errors: { CheckName: string; ErrorMessage: string }[];
  isPublic: boolean;
}

/** Parses a resource policy: MalformedPolicyDocumentException for what is not a policy at all. */
function analyze(text: string): PolicyCheck {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw smError('MalformedPolicyDocumentException', 'This resource policy contains a syntax error.');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw smError('MalformedPolicyDocumentException', 'This resource policy contains a syntax error.');
  }
  const statements = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  if (list.length === 0) throw smError('MalformedPolicyDocumentException', 'This resource policy contains no statements.');
  const errors: PolicyCheck['errors'] = [];
  let isPublic = false;
  for (const st of list as Record<string, unknown>[]) {
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') {
      errors.push({ CheckName: 'SYNTAX_CHECK', ErrorMessage: 'The policy statement has an invalid Effect.' });
    }
    if (st.Action === undefined && st.NotAction === undefined) {
      errors.push({ CheckName: 'SYNTAX_CHECK', ErrorMessage: 'The policy statement must contain an Action.' });
    }
    if (st.Principal === undefined && st.NotPrincipal === undefined) {
      errors.push({ CheckName: 'SYNTAX_CHECK', ErrorMessage: 'A resource policy statement must contain a Principal.' });
    }
    const principal = st.Principal as unknown;
    const aws = typeof principal === 'object' && principal ? (principal as { AWS?: unknown }).AWS : undefined;
    const wildcard = principal === '*' || aws === '*' || (Array.isArray(aws) && aws.includes('*'));
    if (st.Effect === 'Allow' && wildcard && st.Condition === undefined) isPublic = true;
  }
  if (isPublic) {
    errors.push({ CheckName: 'PUBLIC_ACCESS_CHECK', ErrorMessage: 'This resource policy grants public access to the secret.' });
  }
  return { errors, isPublic };
}

export function putResourcePolicy(input: T.PutResourcePolicyRequest, ctx: Ctx) {
  const secret = ctx.backend.live(input.SecretId);
  checkWritable(secret);
  const check = analyze(input.ResourcePolicy);
  const syntax = check.errors.find((e) => e.CheckName === 'SYNTAX_CHECK');
  if (syntax) throw smError('MalformedPolicyDocumentException', syntax.ErrorMessage);
  if (check.isPublic && input.BlockPublicPolicy) {
    throw smError('PublicPolicyException', 'You can’t attach a resource-based policy that allows broad access to the secret.');
  }
  secret.resourcePolicy = input.ResourcePolicy;
  return { ARN: secret.arn, Name: secret.name };
}

export function getResourcePolicy(input: T.GetResourcePolicyRequest, ctx: Ctx) {
  const secret = ctx.backend.get(input.SecretId);
  return { ARN: secret.arn, Name: secret.name, ResourcePolicy: secret.resourcePolicy };
}

export function deleteResourcePolicy(input: T.DeleteResourcePolicyRequest, ctx: Ctx) {
  const secret = ctx.backend.live(input.SecretId);
  checkWritable(secret);
  secret.resourcePolicy = undefined;
  return { ARN: secret.arn, Name: secret.name };
}

export function validateResourcePolicy(input: T.ValidateResourcePolicyRequest, ctx: Ctx) {
  if (input.SecretId !== undefined) ctx.backend.get(input.SecretId);
  const check = analyze(input.ResourcePolicy);
  return { PolicyValidationPassed: check.errors.length === 0, ValidationErrors: check.errors };
}

export function tagResource(input: T.TagResourceRequest, ctx: Ctx) {
  const secret = ctx.backend.live(input.SecretId);
  checkWritable(secret);
  for (const t of input.Tags) {
    if (t.Key === undefined || t.Value === undefined) throw invalidParameter('A tag must have a key and a value.');
    if (t.Key.startsWith('aws:')) throw invalidParameter('Invalid tag key: keys prefixed with aws: are reserved.');
  }
  const keys = new Set([...secret.tags.keys(), ...input.Tags.map((t) => t.Key as string)]);
  if (keys.size > 50) throw invalidParameter('A secret can have at most 50 tags.');
  for (const t of input.Tags) secret.tags.set(t.Key as string, t.Value as string);
}

export function untagResource(input: T.UntagResourceRequest, ctx: Ctx) {
  const secret = ctx.backend.live(input.SecretId);
  checkWritable(secret);
  for (const k of input.TagKeys) secret.tags.delete(k);
}
