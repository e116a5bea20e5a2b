/**
 * Who may do what, as S3 authorizes a request (User Guide, "How Amazon S3
 * authorizes a request" and "Bucket policy examples"): an unsigned request is
 * the anonymous principal, a signed one acts for its key's account. The
 * bucket owner's own account is allowed unless an explicit Deny in the bucket
 * policy matches (identity policies are the IAM enforcement hook's part).
 * Anyone else needs an Allow from the bucket policy or, where Object Ownership
 * allows ACLs, a grant in the bucket or object ACL; Block Public Access
 * (IgnorePublicAcls, RestrictPublicBuckets) takes public grants and policies
 * out of that evaluation. An allowed foreign caller then acts on the owner's
 * backend, which holds the bucket.
 */
import { Context, type ContextInput, matchPrincipal, parsePolicy, type PolicyDocument, type PrincipalInfo, statementApplies } from '../../../src/core/policy';
import { actionFor, resourceFor } from '../../../src/core/policy/resources';
import { clock } from '../../../src/core/clock';
import type { RequestContext } from '../../../src/core/service';
import { accessDenied } from '../exceptions';
import type { S3Backend } from '../models';
import type { Bucket } from '../models/bucket';
import { accountBlock, checkAccountBlock, combined, meetsAccountBlock } from './account-block';
import { ownerOf } from './buckets';
import { checkBucketRegion } from './region';
import { aclsEnabled, grantsOf, isPublic, PUBLIC_GROUPS } from './policy-acl';

type Ctx = RequestContext<S3Backend>;
type Input = Record<string, any>;

/** ACL permission an operation needs, on the bucket or on the object (S3 User Guide, "Access control list (ACL) overview"). */
const ACL_PERMISSION: Record<string, { on: 'bucket' | 'object'; permission: string }> = {
  ListObjects: { on: 'bucket', permission: 'READ' },
  ListObjectsV2: { on: 'bucket', permission: 'READ' },
  ListObjectVersions: { on: 'bucket', permission: 'READ' },
  ListMultipartUploads: { on: 'bucket', permission: 'READ' },
  HeadBucket: { on: 'bucket', permission: 'READ' },
  PutObject: { on: 'bucket', permission: 'WRITE' },
  DeleteObject: { on: 'bucket', permission: 'WRITE' },
  DeleteObjects: { on: 'bucket', permission: 'WRITE' },
  CreateMultipartUpload: { on: 'bucket', permission: 'WRITE' },
  UploadPart: { on: 'bucket', permission: 'WRITE' },
  CompleteMultipartUpload: { on: 'bucket', permission: 'WRITE' },
  AbortMultipartUpload: { on: 'bucket', permission: 'WRITE' },
  GetBucketAcl: { on: 'bucket', permission: 'READ_ACP' },
  PutBucketAcl: { on: 'bucket', permission: 'WRITE_ACP' },
  GetObject: { on: 'object', permission: 'READ' },
  HeadObject: { on: 'object', permission: 'READ' },
  GetObjectAcl: { on: 'object', permission: 'READ_ACP' },
  PutObjectAcl: { on: 'object', permission: 'WRITE_ACP' },
};

/** The parsed bucket policy, kept per policy text (PutBucketPolicy replaces the text). */
const parsed = new WeakMap<Bucket, { text: string; document: PolicyDocument }>();

export function bucketPolicy(bucket: Bucket): PolicyDocument | undefined {
  const text = bucket.config.get('Policy') as string | undefined;
  if (text === undefined) return undefined;
  const cached = parsed.get(bucket);
  if (cached?.text === text) return cached.document;
  const document = parsePolicy(text, 'resource');
  parsed.set(bucket, { text, document });
  return document;
}

function principalOf(ctx: Ctx): PrincipalInfo {
  if (ctx.accessKeyId === undefined) return { arn: '*', account: '', anonymous: true };
  const issued = ctx.credentials.lookup(ctx.accessKeyId);
  return {
    arn: issued?.arn ?? `arn:aws:iam::${ctx.account}:root`,
    account: ctx.account,
    canonicalUser: ownerOf(ctx.account).ID,
  };
}

/** The condition keys S3 fills for a request (global keys and the s3: keys of the operation). */
function contextOf(input: Input, ctx: Ctx, operation: string, principal: PrincipalInfo): Context {
  const keys: ContextInput = {
    'aws:SecureTransport': String(ctx.request.url.protocol === 'https:'),
    'aws:CurrentTime': clock.date().toISOString(),
    'aws:EpochTime': String(Math.floor(clock.now() / 1000)),
  };
  if (!principal.anonymous) {
    keys['aws:PrincipalAccount'] = principal.account;
    keys['aws:PrincipalArn'] = principal.arn;
  }
  if (ctx.request.sourceIp) keys['aws:SourceIp'] = ctx.request.sourceIp;
  const q = ctx.request.url.searchParams;
  if (operation.startsWith('ListObject')) {
    // s3:prefix is present (possibly empty) on every ListBucket request; the others only when sent.
    keys['s3:prefix'] = typeof input.Prefix === 'string' ? input.Prefix : '';
    if (input.Delimiter !== undefined) keys['s3:delimiter'] = String(input.Delimiter);
    if (q.has('max-keys')) keys['s3:max-keys'] = q.get('max-keys') ?? '';
  }
  const header = (name: string) => ctx.request.headers[name];
  for (const name of ['x-amz-acl', 'x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id', 'x-amz-copy-source', 'x-amz-metadata-directive', 'x-amz-storage-class']) {
    const value = header(name);
    if (value !== undefined) keys[`s3:${name}`] = value;
  }
  if (typeof input.VersionId === 'string') keys['s3:versionid'] = input.VersionId;
  return new Context(keys);
}

interface Verdict {
  allow: boolean;
  deny: boolean;
}

function judge(document: PolicyDocument, principal: PrincipalInfo, action: string, resource: string, context: Context, restrict: boolean): Verdict {
  const verdict: Verdict = { allow: false, deny: false };
  const withVars = context.withVariables(document.version === '2012-10-17');
  for (const st of document.statements) {
    const named = st.principal
      ? matchPrincipal(st.principal, principal) !== undefined
      : st.notPrincipal
        ? matchPrincipal(st.notPrincipal, principal) === undefined
        : false;
    if (!named || !statementApplies(st, action, resource, withVars)) continue;
    if (st.effect === 'Deny') verdict.deny = true;
    // RestrictPublicBuckets: a public policy grants nothing outside the owner's account.
    else if (!restrict) verdict.allow = true;
  }
  return verdict;
}

/** The ACL the operation is checked against: the bucket's, or the addressed object version's. */
function aclFor(bucket: Bucket, input: Input, on: 'bucket' | 'object') {
  if (on === 'bucket') return grantsOf((bucket.config.get('Acl') as never) ?? 'private', bucket.owner);
  const obj =
    typeof input.VersionId === 'string' ? bucket.versions(input.Key).find((v) => v.versionId === input.VersionId) : bucket.latest(input.Key);
  if (!obj || obj.deleteMarker) return undefined;
  return grantsOf(obj.acl, obj.owner);
}

function aclAllows(bucket: Bucket, input: Input, operation: string, principal: PrincipalInfo, ignorePublic: boolean): boolean {
  const need = ACL_PERMISSION[operation];
  if (!need || !aclsEnabled(bucket)) return false;
  const acl = aclFor(bucket, input, need.on);
  return (acl?.Grants ?? []).some((g: Input) => {
    if (g.Permission !== need.permission && g.Permission !== 'FULL_CONTROL') return false;
    const grantee = g.Grantee ?? {};
    if (grantee.Type === 'Group') {
      if (ignorePublic && PUBLIC_GROUPS.has(grantee.URI)) return false;
      if (grantee.URI === 'http://acs.amazonaws.com/groups/global/AllUsers') return true;
      return grantee.URI === 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers' && !principal.anonymous;
    }
    return grantee.Type === 'CanonicalUser' && !principal.anonymous && grantee.ID === principal.canonicalUser;
  });
}

/**
 * Authorizes the request against its bucket; returns the context the handler
 * runs with (the bucket owner's backend for an allowed foreign caller).
 * Requests naming no bucket, or a bucket that does not exist, go through:
 * the handler answers them (NoSuchBucket, CreateBucket).
 */
export async function authorize(input: Input, ctx: Ctx, operation = ctx.operation): Promise<Ctx> {
  const principal = principalOf(ctx);
  const name = typeof input.Bucket === 'string' ? input.Bucket : undefined;
  if (name === undefined) {
    if (principal.anonymous && operation === 'ListBuckets') throw accessDenied();
    return ctx;
  }
  const bucket = ctx.backend.anyBucket(name);
  if (!bucket || operation === 'CreateBucket') return ctx;
  checkBucketRegion(ctx.request, bucket, operation);
  const sameAccount = !principal.anonymous && bucket.owner === ctx.account;
  const document = bucketPolicy(bucket);
  if (meetsAccountBlock(operation)) await checkAccountBlock(input, ctx, operation, bucket);
  const bucketBlock = (bucket.config.get('PublicAccessBlock') as Input | undefined) ?? {};
  // The account's settings change only what foreign callers may do; the owner's requests skip the lookup.
  const block = sameAccount ? bucketBlock : combined(bucketBlock, await accountBlock(ctx, bucket));
  let verdict: Verdict = { allow: false, deny: false };
  if (document) {
    const action = actionFor('s3', operation);
    const resource = resourceFor('s3', input, bucket.owner, bucket.region);
    const restrict = !sameAccount && block.RestrictPublicBuckets === true && isPublic(JSON.parse(bucket.config.get('Policy') as string));
    verdict = judge(document, principal, action, resource, contextOf(input, ctx, operation, principal), restrict);
  }
  if (verdict.deny) throw accessDenied();
  if (sameAccount) return ctx;
  if (!verdict.allow && !aclAllows(bucket, input, operation, principal, block.IgnorePublicAcls === true)) throw accessDenied();
  return { ...ctx, backend: await ctx.backends.get<S3Backend>('s3', bucket.owner, ctx.region) };
}
