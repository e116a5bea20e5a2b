/**
 * Server-side encryption headers S3 checks before it touches an object:
 * the SSE-C triple (algorithm, base64 256-bit key, MD5 of the key) and its
 * conflicts, and SSE-KMS keys resolved through the KMS backend (the key must
 * exist and be enabled to write, and still be to read; S3 relays KMS's error
 * as `KMS.<code>`, 400).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
 */
import { createHash } from 'node:crypto';
import { AwsError } from '../../../src/core/errors';
import type { Handler, RequestContext } from '../../../src/core/service';
import { invalidArgument, invalidRequest } from '../exceptions';
import type { S3Backend } from '../models';
import type { Bucket } from '../models/bucket';
import type { StoredObject } from '../models/object';

type Ctx = RequestContext<S3Backend>;
type Input = Record<string, any>;
type AnyHandler = Handler<any, any, S3Backend>;

const SSEC = 'x-amz-server-side-encryption-customer-algorithm';

/**
 * Validates the SSE-C headers of a request (the copy source's with `copySource`):
 * all three or none, AES256, a 256-bit key whose MD5 matches.
 */
export function checkCustomerKeyHeaders(input: Input, copySource = false): boolean {
  const prefix = copySource ? 'CopySource' : '';
  const algorithm = input[`${prefix}SSECustomerAlgorithm`] as string | undefined;
  const key = input[`${prefix}SSECustomerKey`] as string | undefined;
  const md5 = input[`${prefix}SSECustomerKeyMD5`] as string | undefined;
  if (algorithm === undefined && key === undefined && md5 === undefined) return false;
  if (algorithm === undefined) {
    throw invalidArgument('Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.', SSEC);
  }
  if (algorithm !== 'AES256') {
    throw invalidArgument('The requested encryption algorithm is not valid, must be AES256.', SSEC, algorithm);
  }
  if (key === undefined) {
    throw invalidArgument('Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.', SSEC, algorithm);
  }
  const raw = Buffer.from(key, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== key) {
    throw invalidArgument('The secret key was invalid for the specified algorithm.', 'x-amz-server-side-encryption-customer-key', '');
  }
  if (md5 === undefined) {
    throw invalidArgument('Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.', SSEC, algorithm);
  }
  if (createHash('md5').update(raw).digest('base64') !== md5) {
    throw invalidArgument('The calculated MD5 hash of the key did not match the hash that was provided.', 'x-amz-server-side-encryption-customer-key-MD5', '');
  }
  if (!copySource && (input.ServerSideEncryption !== undefined || input.SSEKMSKeyId !== undefined)) {
    throw invalidArgument('Server Side Encryption with Customer provided key is incompatible with the encryption method specified', 'x-amz-server-side-encryption', input.ServerSideEncryption);
  }
  return true;
}

/** A read with SSE-C headers of an object that was not written with SSE-C. */
export function checkReadEncryption(obj: StoredObject, input: Input): void {
  if (!obj.encryption.SSECustomerAlgorithm && input.SSECustomerAlgorithm !== undefined) {
    throw invalidRequest('The encryption parameters are not applicable to this object.');
  }
}

interface KmsView {
  usableKey(keyId: string): Promise<{ arn: string }>;
}

/** The key, as KMS resolves it; a KMS failure becomes S3's `KMS.<code>` error. */
async function kmsKey(ctx: Ctx, bucket: Bucket, keyId: string): Promise<string> {
  const kms = await ctx.backends.get<KmsView>('kms', bucket.owner, bucket.region);
  try {
    return (await kms.usableKey(keyId)).arn;
  } catch (err) {
    if (err instanceof AwsError) throw new AwsError(`KMS.${err.code}`, err.message, { status: 400 });
    throw err;
  }
}

/**
 * Before a write: the KMS key it encrypts with (the request's, else the
 * bucket default's, else `aws/s3`) must be usable; the input then names the
 * key by ARN, which is what the object records.
 */
function resolveWriteKey(input: Input, ctx: Ctx): Promise<void> | undefined {
  if (checkCustomerKeyHeaders(input)) return;
  const bucket = ctx.backend.anyBucket(input.Bucket);
  if (!bucket) return;
  let keyId: string | undefined;
  if (typeof input.ServerSideEncryption === 'string') {
    if (!input.ServerSideEncryption.startsWith('aws:kms')) return;
    keyId = input.SSEKMSKeyId;
  } else {
    const rule = (bucket.config.get('Encryption') as Input | undefined)?.Rules?.[0];
    const dflt = rule?.ApplyServerSideEncryptionByDefault;
    if (!String(dflt?.SSEAlgorithm ?? '').startsWith('aws:kms')) return;
    input.ServerSideEncryption = dflt.SSEAlgorithm;
    input.BucketKeyEnabled ??= rule.BucketKeyEnabled;
    keyId = dflt.KMSMasterKeyID;
  }
  return kmsKey(ctx, bucket, keyId ?? 'alias/aws/s3').then((arn) => {
    input.SSEKMSKeyId = arn;
  });
}

/** Before a read of an SSE-KMS object: its key must still be usable. */
function checkReadKey(input: Input, ctx: Ctx): Promise<void> | undefined {
  checkCustomerKeyHeaders(input);
  const bucket = ctx.backend.anyBucket(input.Bucket);
  const obj = bucket && typeof input.Key === 'string' ? bucket.latest(input.Key) : undefined;
  const version = typeof input.VersionId === 'string' ? bucket?.versions(input.Key).find((v) => v.versionId === input.VersionId) : obj;
  if (!bucket || !version || version.deleteMarker) return;
  const keyId = version.encryption.ServerSideEncryption?.startsWith('aws:kms') ? version.encryption.SSEKMSKeyId : undefined;
  if (keyId) return kmsKey(ctx, bucket, keyId).then(() => undefined);
}

const WRITES = new Set(['PutObject', 'CreateMultipartUpload', 'CopyObject']);
const READS = new Set(['GetObject', 'HeadObject']);

/**
 * The table with each write and read preceded by its encryption checks. A check
 * answers a promise only when it asks KMS: the rest run the handler with no await
 * between (the table is wrapped again by async guards, so a check's throw still
 * rejects the call).
 */
export function withEncryptionChecks(table: Record<string, AnyHandler>): Record<string, AnyHandler> {
  return Object.fromEntries(
    Object.entries(table).map(([name, handler]) => {
      const check = WRITES.has(name) ? resolveWriteKey : READS.has(name) ? checkReadKey : undefined;
      if (!check) return [name, handler];
      return [
        name,
        (input: Input, ctx: Ctx) => {
          const pending = check(input, ctx);
          return pending ? pending.then(() => handler(input, ctx)) : handler(input, ctx);
        },
      ];
    }),
  );
}
