/**
 * The S3 handler table, keyed by exact operation name. Every handler runs
 * behind the presigned-URL expiry check (S3 refuses an expired URL before
 * it looks at the bucket).
 */
import { AwsError } from '../../../src/core/errors';
import { clock } from '../../../src/core/clock';
import type { Handler, RequestContext } from '../../../src/core/service';
import { accessDenied } from '../exceptions';
import type { S3Backend } from '../models';
import { authorize } from './access';
import { getObjectAttributes } from './attributes';
import { configHandlers } from './bucket-config';
import { withNotifications } from './notifications';
import {
  createBucket,
  deleteBucket,
  getBucketLocation,
  getBucketVersioning,
  headBucket,
  listBuckets,
  putBucketVersioning,
} from './buckets';
import { copyObject } from './copy-object';
import { idConfigHandlers } from './id-configs';
import { listObjectVersions, listObjects, listObjectsV2 } from './listing';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  uploadPart,
  uploadPartCopy,
} from './multipart';
import { listMultipartUploads, listParts } from './multipart-listing';
import {
  getObjectLegalHold,
  getObjectLockConfiguration,
  getObjectRetention,
  putObjectLegalHold,
  putObjectLockConfiguration,
  putObjectRetention,
} from './object-lock';
import { deleteObject, deleteObjects, getObject, headObject, putObject } from './objects';
import { postObject } from './post-object';
import { withEncryptionChecks } from './sse';
import { getObjectTorrent } from './torrent';
import { updateObjectEncryption } from './update-encryption';
import { listDirectoryBuckets, restoreObject } from './restore';
import {
  deleteBucketPolicy,
  getBucketAcl,
  getBucketPolicy,
  getBucketPolicyStatus,
  getObjectAcl,
  putBucketAcl,
  putBucketPolicy,
  putObjectAcl,
} from './policy-acl';
import {
  deleteBucketTagging,
  deleteObjectTagging,
  getBucketTagging,
  getObjectTagging,
  putBucketTagging,
  putObjectTagging,
} from './tagging';

type AnyHandler = Handler<any, any, S3Backend>;

const table: Record<string, AnyHandler> = {
  CreateBucket: createBucket,
  HeadBucket: headBucket,
  DeleteBucket: deleteBucket,
  ListBuckets: listBuckets,
  GetBucketLocation: getBucketLocation,
  PutBucketVersioning: putBucketVersioning,
  GetBucketVersioning: getBucketVersioning,
  PutObject: putObject,
  PostObject: postObject,
  GetObjectTorrent: getObjectTorrent,
  UpdateObjectEncryption: updateObjectEncryption,
  GetObject: getObject,
  HeadObject: headObject,
  DeleteObject: deleteObject,
  DeleteObjects: deleteObjects,
  CopyObject: copyObject,
  GetObjectAttributes: getObjectAttributes,
  RestoreObject: restoreObject,
  ListDirectoryBuckets: listDirectoryBuckets,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  ListObjectVersions: listObjectVersions,
  CreateMultipartUpload: createMultipartUpload,
  UploadPart: uploadPart,
  UploadPartCopy: uploadPartCopy,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
  ListParts: listParts,
  ListMultipartUploads: listMultipartUploads,
  PutObjectTagging: putObjectTagging,
  GetObjectTagging: getObjectTagging,
  DeleteObjectTagging: deleteObjectTagging,
  PutBucketTagging: putBucketTagging,
  GetBucketTagging: getBucketTagging,
  DeleteBucketTagging: deleteBucketTagging,
  PutBucketPolicy: putBucketPolicy,
  GetBucketPolicy: getBucketPolicy,
  GetBucketPolicyStatus: getBucketPolicyStatus,
  DeleteBucketPolicy: deleteBucketPolicy,
  PutBucketAcl: putBucketAcl,
  GetBucketAcl: getBucketAcl,
  PutObjectAcl: putObjectAcl,
  GetObjectAcl: getObjectAcl,
  PutObjectLockConfiguration: putObjectLockConfiguration,
  GetObjectLockConfiguration: getObjectLockConfiguration,
  PutObjectRetention: putObjectRetention,
  GetObjectRetention: getObjectRetention,
  PutObjectLegalHold: putObjectLegalHold,
  GetObjectLegalHold: getObjectLegalHold,
  ...configHandlers,
  ...idConfigHandlers,
};

const MAX_PRESIGN_SECONDS = 604800;

/** Presigned URLs (X-Amz-Date + X-Amz-Expires in the query) stop working once they expire. */
export function checkPresignedExpiry(ctx: RequestContext): void {
  const query = ctx.request.url.searchParams;
  const expires = query.get('X-Amz-Expires');
  const date = query.get('X-Amz-Date');
  if (expires === null || date === null) return;
  const seconds = Number(expires);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_PRESIGN_SECONDS) {
    throw new AwsError(
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds) that is, the given X-Amz-Expires must be less than 604800 seconds',
      { status: 400 },
    );
  }
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!m) throw accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  const signedAt = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const expiresAt = signedAt + seconds * 1000;
  if (clock.now() > expiresAt) {
    throw accessDenied('Request has expired', {
      'X-Amz-Expires': expires,
      Expires: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ServerTime: clock.date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  }
}

/**
 * A SigV2 presigned URL carries its expiry as epoch seconds (`Expires`), read on the core clock.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html#RESTAuthenticationQueryStringAuth
 */
function checkSigV2Expiry(ctx: RequestContext<S3Backend>): void {
  const q = ctx.request.url.searchParams;
  const expires = q.get('Expires');
  if (!q.has('AWSAccessKeyId') || !q.has('Signature') || expires === null) return;
  const at = Number(expires) * 1000;
  if (!Number.isFinite(at) || clock.now() > at) {
    throw accessDenied('Request has expired', {
      Expires: Number.isFinite(at) ? new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z') : expires,
      ServerTime: clock.date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  }
}

function guarded(handler: AnyHandler): AnyHandler {
  return async (input, ctx) => {
    checkPresignedExpiry(ctx);
    checkSigV2Expiry(ctx);
    // PostObject authorizes itself once its form names the key.
    return handler(input, ctx.operation === 'PostObject' ? ctx : await authorize(input, ctx));
  };
}

export const handlers: Record<string, AnyHandler> = Object.fromEntries(
  // withNotifications: event notifications of the object operations (h-events, responses/notifications.ts).
  Object.entries(withNotifications(withEncryptionChecks(table))).map(([name, handler]) => [name, guarded(handler)]),
);
