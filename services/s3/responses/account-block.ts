/**
 * Account-level Block Public Access (set through S3 Control). S3 applies the
 * most restrictive combination of the bucket owner's account settings and the
 * bucket's own: a flag on at either level is on.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 *
 * The bucket-level checks live where the handlers validate their input
 * (policy-acl.ts, object-fields.ts); the account-level ones run in the guard,
 * after the checks that come first in those handlers (ACLs disabled,
 * malformed policy), so the order of errors is the same at both levels.
 */
import type { RequestContext } from '../../../src/core/service';
import { accessDenied } from '../exceptions';
import type { S3Backend } from '../models';
import type { Bucket } from '../models/bucket';
import { aclsEnabled, blockedPolicyMessage, isPublic, isPublicAcl, parseBucketPolicy } from './policy-acl';

type Ctx = RequestContext<S3Backend>;
type Input = Record<string, any>;

export interface BlockFlags {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

/** What S3 Control's backend offers S3 (services/s3control/models). */
interface AccountSettings {
  accountPublicAccessBlock(): BlockFlags | undefined;
}

/** The operations that set an ACL (BlockPublicAcls refuses public ones). */
const SETS_ACL = new Set(['PutObject', 'CreateMultipartUpload', 'CopyObject', 'PutObjectAcl', 'PutBucketAcl']);

/** Whether checkAccountBlock can refuse this operation at all (the others skip its await). */
export function meetsAccountBlock(operation: string): boolean {
  return SETS_ACL.has(operation) || operation === 'PutBucketPolicy';
}

/** The account's settings for the bucket's owner ({} when none are set). */
export async function accountBlock(ctx: Ctx, bucket: Bucket): Promise<BlockFlags> {
  const control = await ctx.backends.get<AccountSettings>('s3control', bucket.owner, bucket.region);
  return control.accountPublicAccessBlock() ?? {};
}

/** The flags in force: on where the account or the bucket turns them on. */
export function combined(bucketFlags: BlockFlags, accountFlags: BlockFlags): BlockFlags {
  return {
    BlockPublicAcls: bucketFlags.BlockPublicAcls === true || accountFlags.BlockPublicAcls === true,
    IgnorePublicAcls: bucketFlags.IgnorePublicAcls === true || accountFlags.IgnorePublicAcls === true,
    BlockPublicPolicy: bucketFlags.BlockPublicPolicy === true || accountFlags.BlockPublicPolicy === true,
    RestrictPublicBuckets: bucketFlags.RestrictPublicBuckets === true || accountFlags.RestrictPublicBuckets === true,
  };
}

/**
 * The account-level BlockPublicAcls and BlockPublicPolicy refusals of a
 * write (AccessDenied, as the bucket-level ones answer).
 */
export async function checkAccountBlock(input: Input, ctx: Ctx, operation: string, bucket: Bucket): Promise<void> {
  // ACLs disabled: the handler refuses any public ACL with AccessControlListNotSupported first.
  if (SETS_ACL.has(operation) && aclsEnabled(bucket) && isPublicAcl(input)) {
    if ((await accountBlock(ctx, bucket)).BlockPublicAcls) throw accessDenied();
  }
  if (operation === 'PutBucketPolicy' && typeof input.Policy === 'string') {
    let policy: Input;
    try {
      policy = parseBucketPolicy(input.Policy);
    } catch {
      return; // MalformedPolicy: the handler answers it.
    }
    if (isPublic(policy) && (await accountBlock(ctx, bucket)).BlockPublicPolicy) {
      throw accessDenied(blockedPolicyMessage(ctx.account, bucket.name));
    }
  }
}
