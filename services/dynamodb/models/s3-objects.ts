/**
 * S3 access for table exports and imports: the S3 backend of the bucket
 * owner's account, whose object API (putObject, getObject, listKeys) stores
 * and reads ordinary objects, the ones GetObject and ListObjectsV2 see.
 */
import { AwsError } from '../../../src/core/errors';
import type { BackendAccess } from '../../../src/core/service';
import type { S3Backend } from '../../s3/models';

/** The S3 state of `account` (the bucket owner the request names, else the caller). */
export function s3Of(backends: BackendAccess, account: string): Promise<S3Backend> {
  return backends.get<S3Backend>('s3', account);
}

/**
 * The failure an export or import reports for an S3 error: a bucket that is
 * missing or another account's is S3NoSuchBucket; anything else (a key S3
 * refuses) keeps S3's code. Errors that are not S3's answer are rethrown.
 */
export function s3Failure(err: unknown): { code: string; message: string } {
  if (!(err instanceof AwsError)) throw err;
  if (err.code === 'NoSuchBucket' || err.code === 'AccessDenied') {
    return { code: 'S3NoSuchBucket', message: 'The specified bucket does not exist' };
  }
  return { code: err.code, message: err.message };
}
