/**
 * Bucket policies (with the BlockPublicPolicy check) and ACLs: canned ACLs
 * expanded into S3's grant lists, full AccessControlPolicy documents kept as
 * sent, and the BucketOwnerEnforced rule that disables ACLs.
 */
import { AwsError } from '../../../src/core/errors';
import type { RequestContext } from '../../../src/core/service';
import type { GetObjectAclRequest, PutBucketAclRequest, PutBucketPolicyRequest, PutObjectAclRequest } from '../types';
import { accessDenied, invalidArgument, invalidRequest, malformedPolicy, missingConfiguration } from '../exceptions';
import type { S3Backend } from '../models';
import type { Bucket } from '../models/bucket';
import type { AclSetting } from '../models/object';
import { PolicyDocumentError, parsePolicy as parseDocument } from '../../../src/core/policy';
import { ownerOf } from './buckets';
import { withStatus } from './status';
import { versionIdOf } from './object-fields';
import { objectFor } from './objects';
import { CANNED_ACLS, checkEnum, checkKey } from './validate';

type Ctx = RequestContext<S3Backend>;
type Input = Record<string, any>;

export const GROUPS = {
  all: 'http://acs.amazonaws.com/groups/global/AllUsers',
  authenticated: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
  logDelivery: 'http://acs.amazonaws.com/groups/s3/LogDelivery',
};

/** Grantees Block Public Access treats as public. */
export const PUBLIC_GROUPS = new Set([GROUPS.all, GROUPS.authenticated]);

const group = (uri: string, permission: string) => ({ Grantee: { Type: 'Group', URI: uri }, Permission: permission });

/** A canned ACL as the grant list GetBucketAcl / GetObjectAcl show. */
export function grantsOf(acl: AclSetting, account: string): Input {
  if (typeof acl !== 'string') return { Owner: acl.Owner ?? ownerOf(account), Grants: acl.Grants ?? [] };
  const owner = ownerOf(account);
  const grants: Input[] = [{ Grantee: { Type: 'CanonicalUser', ...owner }, Permission: 'FULL_CONTROL' }];
  if (acl === 'public-read' || acl === 'public-read-write') grants.push(group(GROUPS.all, 'READ'));
  if (acl === 'public-read-write') grants.push(group(GROUPS.all, 'WRITE'));
  if (acl === 'authenticated-read') grants.push(group(GROUPS.authenticated, 'READ'));
  if (acl === 'log-delivery-write') grants.push(group(GROUPS.logDelivery, 'WRITE'), group(GROUPS.logDelivery, 'READ_ACP'));
  return { Owner: owner, Grants: grants };
}

function ownershipOf(bucket: Bucket): string {
  return (bucket.config.get('OwnershipControls') as Input | undefined)?.Rules?.[0]?.ObjectOwnership ?? 'ObjectWriter';
}

/** ACLs take part in access decisions unless Object Ownership is BucketOwnerEnforced. */
export function aclsEnabled(bucket: Bucket): boolean {
  return ownershipOf(bucket) !== 'BucketOwnerEnforced';
}

/** A canned ACL or grant list that gives anything to AllUsers or AuthenticatedUsers. */
export function isPublicAcl(input: Input): boolean {
  if (['public-read', 'public-read-write', 'authenticated-read'].includes(input.ACL)) return true;
  const grants: Input[] = input.AccessControlPolicy?.Grants ?? [];
  if (grants.some((g) => g.Grantee?.Type === 'Group' && PUBLIC_GROUPS.has(g.Grantee.URI))) return true;
  const headers = ['GrantRead', 'GrantWrite', 'GrantReadACP', 'GrantWriteACP', 'GrantFullControl'];
  return headers.some((h) => typeof input[h] === 'string' && /uri\s*=\s*"?http:\/\/acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/i.test(input[h]));
}

/**
 * BlockPublicAcls: a request that sets a public ACL is refused (PutBucketAcl,
 * PutObjectAcl, PutObject, CreateMultipartUpload, CopyObject).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 */
export function checkPublicAcl(input: Input, bucket: Bucket): void {
  const block = bucket.config.get('PublicAccessBlock') as Input | undefined;
  if (block?.BlockPublicAcls && isPublicAcl(input)) throw accessDenied();
}

const GRANT_HEADERS: Array<[string, string]> = [
  ['GrantFullControl', 'FULL_CONTROL'],
  ['GrantRead', 'READ'],
  ['GrantWrite', 'WRITE'],
  ['GrantReadACP', 'READ_ACP'],
  ['GrantWriteACP', 'WRITE_ACP'],
];

/**
 * The ACL that `x-amz-grant-*` headers spell (`id="…"`, `uri="…"`,
 * `emailAddress="…"`, comma-separated), or undefined when none is sent.
 * A canned ACL with grant headers is refused, as S3 refuses it.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectAcl.html
 */
export function headerGrants(input: Input, account: string): AclSetting | undefined {
  const sent = GRANT_HEADERS.filter(([member]) => typeof input[member] === 'string');
  if (sent.length === 0) return undefined;
  if (input.ACL !== undefined) throw invalidRequest('Specifying both Canned ACLs and Header Grants is not allowed');
  const grants: Input[] = [];
  for (const [member, permission] of sent) {
    for (const part of (input[member] as string).split(',')) {
      const m = /^\s*(id|uri|emailAddress)\s*=\s*"?([^"]*)"?\s*$/i.exec(part);
      if (!m) throw invalidArgument('Invalid grant header', member, input[member]);
      const kind = m[1].toLowerCase();
      const grantee =
        kind === 'id'
          ? { Type: 'CanonicalUser', ID: m[2] }
          : kind === 'uri'
            ? { Type: 'Group', URI: m[2] }
            : { Type: 'AmazonCustomerByEmail', EmailAddress: m[2] };
      grants.push({ Grantee: grantee, Permission: permission });
    }
  }
  return { Owner: ownerOf(account), Grants: grants };
}

/** An ACL other than the owner-only canned ones on a bucket whose ACLs are disabled. */
export function checkAclsAllowed(setting: AclSetting | undefined, bucket: Bucket): void {
  const harmless = setting === undefined || setting === 'private' || setting === 'bucket-owner-full-control';
  if (!aclsEnabled(bucket) && !harmless) {
    throw new AwsError('AccessControlListNotSupported', 'The bucket does not allow ACLs', { status: 400 });
  }
}

/** The ACL a Put*Acl request sets; refused when the bucket has ACLs disabled. */
function aclFrom(input: Input, bucket: Bucket): AclSetting {
  checkEnum(input.ACL, CANNED_ACLS, 'x-amz-acl');
  const setting: AclSetting = input.AccessControlPolicy ?? headerGrants(input, bucket.owner) ?? input.ACL ?? 'private';
  checkAclsAllowed(setting, bucket);
  checkPublicAcl(input, bucket);
  return setting;
}

export function putBucketAcl(input: PutBucketAclRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  bucket.config.set('Acl', aclFrom(input, bucket));
  return {};
}

export function getBucketAcl(input: { Bucket: string }, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  return grantsOf((bucket.config.get('Acl') as AclSetting | undefined) ?? 'private', bucket.owner);
}

export function putObjectAcl(input: PutObjectAclRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const obj = objectFor(bucket, checkKey(input.Key), input.VersionId, 'PUT');
  obj.acl = aclFrom(input, bucket);
  return {};
}

export function getObjectAcl(input: GetObjectAclRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const obj = objectFor(bucket, checkKey(input.Key), input.VersionId, 'GET');
  return { ...grantsOf(obj.acl, obj.owner), VersionId: versionIdOf(bucket, obj) };
}

/** A policy is public when an Allow statement names every principal without conditions. */
export function isPublic(policy: Input): boolean {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return statements.some((s: Input) => {
    if (s?.Effect !== 'Allow' || s.Condition) return false;
    const p = s.Principal;
    return p === '*' || p?.AWS === '*' || (Array.isArray(p?.AWS) && p.AWS.includes('*'));
  });
}

/** The policy as PutBucketPolicy reads it, or MalformedPolicy with S3's reason. */
export function parseBucketPolicy(text: string): Input {
  let policy: Input;
  try {
    policy = JSON.parse(text);
  } catch {
    throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  if (!policy || typeof policy !== 'object' || Array.isArray(policy)) {
    throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  if (!policy.Statement) throw malformedPolicy('Missing required field Statement');
  for (const st of (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) as Input[]) {
    for (const block of [st?.Principal, st?.NotPrincipal]) {
      if (block !== undefined && !validPrincipal(block)) throw malformedPolicy('Invalid principal in policy');
    }
  }
  try {
    parseDocument(text, 'resource');
  } catch (err) {
    if (err instanceof PolicyDocumentError) throw malformedPolicy(err.message);
    throw err;
  }
  return policy;
}

/** Principal ids S3 accepts: `*`, accounts, IAM/STS ARNs, canonical users, service and federated names. */
const PRINCIPAL_IDS: Record<string, RegExp> = {
  AWS: /^(\*|\d{12}|arn:aws[a-z-]*:(iam::\d{12}:(root|user\/.+|role\/.+|group\/.+)|sts::\d{12}:(assumed-role|federated-user)\/.+))$/,
  CanonicalUser: /^[0-9a-f]{64}$/,
  Service: /^(\*|[a-z0-9.-]+\.amazonaws\.com(\.cn)?)$/,
  Federated: /^(cognito-identity\.amazonaws\.com|www\.amazon\.com|graph\.facebook\.com|accounts\.google\.com|arn:aws[a-z-]*:iam::\d{12}:(saml|oidc)-provider\/.+)$/,
};

function validPrincipal(block: unknown): boolean {
  if (block === '*') return true;
  if (!block || typeof block !== 'object' || Array.isArray(block)) return false;
  return Object.entries(block).every(([type, ids]) => {
    const pattern = Object.hasOwn(PRINCIPAL_IDS, type) ? PRINCIPAL_IDS[type] : undefined;
    const list = Array.isArray(ids) ? ids : [ids];
    return pattern !== undefined && list.length > 0 && list.every((id) => typeof id === 'string' && pattern.test(id));
  });
}

/** S3's AccessDenied text for a public policy under BlockPublicPolicy. */
export function blockedPolicyMessage(account: string, bucket: string): string {
  return `User: arn:aws:iam::${account}:root is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::${bucket}" because public policies are blocked by the BlockPublicPolicy block public access setting.`;
}

export function putBucketPolicy(input: PutBucketPolicyRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const policy = parseBucketPolicy(input.Policy);
  const block = bucket.config.get('PublicAccessBlock') as Input | undefined;
  if (block?.BlockPublicPolicy && isPublic(policy)) {
    throw accessDenied(blockedPolicyMessage(ctx.account, bucket.name));
  }
  bucket.config.set('Policy', input.Policy);
  // 204 No Content, as S3 answers it (the model says 200).
  return withStatus({}, 204);
}

function storedPolicy(bucket: Bucket): string {
  const policy = bucket.config.get('Policy') as string | undefined;
  if (policy === undefined) throw missingConfiguration('NoSuchBucketPolicy', 'The bucket policy does not exist', bucket.name);
  return policy;
}

export function getBucketPolicy(input: { Bucket: string }, ctx: Ctx) {
  return { Policy: storedPolicy(ctx.backend.bucket(input.Bucket)) };
}

export function getBucketPolicyStatus(input: { Bucket: string }, ctx: Ctx) {
  const policy = JSON.parse(storedPolicy(ctx.backend.bucket(input.Bucket)));
  return { PolicyStatus: { IsPublic: isPublic(policy) } };
}

export function deleteBucketPolicy(input: { Bucket: string }, ctx: Ctx) {
  ctx.backend.bucket(input.Bucket).config.delete('Policy');
  return {};
}
