/**
 * Bucket lifecycle: CreateBucket (location-constraint rules), HeadBucket,
 * DeleteBucket, ListBuckets (paged, filtered), GetBucketLocation and the
 * versioning switch.
 */
import { createHash } from 'node:crypto';
import { AwsError } from '../../../src/core/errors';
import type { RequestContext } from '../../../src/core/service';
import type {
  CreateBucketRequest,
  GetBucketVersioningRequest,
  HeadBucketRequest,
  ListBucketsRequest,
  PutBucketVersioningRequest,
} from '../types';
import { spec } from '../spec';
import {
  illegalLocationConstraint,
  invalidArgument,
  invalidLocationConstraint,
  malformedXml,
} from '../exceptions';
import type { S3Backend } from '../models';
import { DEFAULT_ENCRYPTION } from './bucket-config';
import { headerGrants } from './policy-acl';
import { decodeToken, encodeToken } from './tokens';

type Ctx = RequestContext<S3Backend>;

/** Canonical ids by account: authorize() asks on every request, and a SHA-256 each time cost about 0.7 µs. */
const canonicalIds = new Map<string, string>();

/** The canonical user id S3 shows for an account (stable, 64 hex digits). */
export function canonicalId(account: string): string {
  let id = canonicalIds.get(account);
  if (id === undefined) {
    id = createHash('sha256').update(`mockaws:${account}`).digest('hex');
    // Account ids come from callers' keys: a bounded memo, never a growing one.
    if (canonicalIds.size >= 1024) canonicalIds.clear();
    canonicalIds.set(account, id);
  }
  return id;
}

export function ownerOf(account: string) {
  return { ID: canonicalId(account), DisplayName: `account-${account}` };
}

const REGIONS = new Set(spec.enums.BucketLocationConstraint);

/** Which region a CreateBucket lands in, by S3's rules for the endpoint it was sent to. */
function bucketRegion(constraint: string | undefined, ctx: Ctx): string {
  const requestRegion = ctx.region;
  // The legacy global endpoint (s3.amazonaws.com) accepts any constraint.
  const globalEndpoint = /(^|\.)s3\.amazonaws\.com$/.test(ctx.request.url.hostname);
  if (constraint === undefined || constraint === '') {
    if (requestRegion !== 'us-east-1' && !globalEndpoint) throw illegalLocationConstraint(undefined);
    return 'us-east-1';
  }
  if (constraint === 'us-east-1' || !REGIONS.has(constraint)) throw invalidLocationConstraint(constraint);
  const region = constraint === 'EU' ? 'eu-west-1' : constraint;
  if (region !== requestRegion && !globalEndpoint) throw illegalLocationConstraint(constraint);
  return region;
}

export function createBucket(input: CreateBucketRequest, ctx: Ctx) {
  const region = bucketRegion(input.CreateBucketConfiguration?.LocationConstraint, ctx);
  const ownership = input.ObjectOwnership ?? 'BucketOwnerEnforced';
  if (!spec.enums.ObjectOwnership.includes(ownership)) {
    throw invalidArgument('Invalid x-amz-object-ownership header', 'x-amz-object-ownership', ownership);
  }
  const canned = input.ACL;
  if (canned !== undefined && !spec.enums.BucketCannedACL.includes(canned)) throw invalidArgument('', 'x-amz-acl', canned);
  const acl = headerGrants(input, ctx.account) ?? canned;
  if (ownership === 'BucketOwnerEnforced' && acl !== undefined && acl !== 'private' && acl !== 'bucket-owner-full-control') {
    throw new AwsError(
      'InvalidBucketAclWithObjectOwnership',
      "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
      { status: 400 },
    );
  }
  const bucket = ctx.backend.createBucket(input.Bucket, region);
  if (bucket.config.size === 0) {
    bucket.config.set('OwnershipControls', { Rules: [{ ObjectOwnership: ownership }] });
    // New buckets block public access by default (April 2023).
    bucket.config.set('PublicAccessBlock', {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    bucket.config.set('Acl', acl ?? 'private');
    bucket.config.set('Encryption', DEFAULT_ENCRYPTION);
    const tags = input.CreateBucketConfiguration?.Tags;
    if (tags?.length) bucket.config.set('Tagging', tags.map((t) => ({ Key: t.Key, Value: t.Value })));
    if (input.ObjectLockEnabledForBucket) {
      bucket.objectLockEnabled = true;
      bucket.versioning = 'Enabled';
      bucket.config.set('ObjectLock', { ObjectLockEnabled: 'Enabled' });
    }
  }
  return {
    Location: region === 'us-east-1' ? `/${input.Bucket}` : `http://${input.Bucket}.s3.amazonaws.com/`,
    BucketArn: `arn:aws:s3:::${input.Bucket}`,
  };
}

export function headBucket(input: HeadBucketRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  return { BucketRegion: bucket.region, AccessPointAlias: false, BucketArn: `arn:aws:s3:::${bucket.name}` };
}

export function deleteBucket(input: { Bucket: string }, ctx: Ctx) {
  ctx.backend.deleteBucket(input.Bucket);
  return {};
}

export function listBuckets(input: ListBucketsRequest, ctx: Ctx) {
  const max = input.MaxBuckets;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10000)) {
    throw invalidArgument('Argument max-buckets must be an integer between 1 and 10000', 'max-buckets', max);
  }
  const after = input.ContinuationToken === undefined ? undefined : decodeToken(input.ContinuationToken, 'continuation-token');
  const matching = ctx.backend
    .buckets()
    .filter((b) => (after === undefined || b.name > after) && b.name.startsWith(input.Prefix ?? ''))
    .filter((b) => input.BucketRegion === undefined || b.region === input.BucketRegion);
  const page = max === undefined ? matching : matching.slice(0, max);
  const truncated = page.length < matching.length;
  return {
    Buckets: page.map((b) => ({
      Name: b.name,
      CreationDate: b.created,
      BucketRegion: b.region,
      BucketArn: `arn:aws:s3:::${b.name}`,
    })),
    Owner: ownerOf(ctx.account),
    ContinuationToken: truncated ? encodeToken(page[page.length - 1].name) : undefined,
    Prefix: input.Prefix,
  };
}

export function getBucketLocation(input: { Bucket: string }, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  // us-east-1 is the empty constraint.
  return { LocationConstraint: bucket.region === 'us-east-1' ? undefined : bucket.region };
}

export function putBucketVersioning(input: PutBucketVersioningRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const status = input.VersioningConfiguration?.Status;
  if (status !== undefined && status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
  if (status === 'Suspended' && bucket.objectLockEnabled) {
    throw new AwsError(
      'InvalidBucketState',
      'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.',
      { status: 409 },
    );
  }
  const mfa = input.VersioningConfiguration?.MFADelete;
  if (mfa !== undefined && mfa !== 'Enabled' && mfa !== 'Disabled') throw malformedXml();
  if (status) bucket.versioning = status;
  if (mfa) bucket.mfaDelete = mfa;
  return {};
}

export function getBucketVersioning(input: GetBucketVersioningRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  return { Status: bucket.versioning, MFADelete: bucket.mfaDelete };
}
