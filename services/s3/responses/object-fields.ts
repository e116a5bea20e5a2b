/**
 * The object fields shared by PutObject, CopyObject and
 * CreateMultipartUpload (what an upload stores), and by GetObject,
 * HeadObject and friends (what a read sends back).
 */
import { checkAclsAllowed, checkPublicAcl, headerGrants } from './policy-acl';
import { clock } from '../../../src/core/clock';
import { invalidArgument, invalidRequest } from '../exceptions';
import type { Bucket } from '../models/bucket';
import { CHECKSUM_MEMBER } from '../models/checksums';
import type { ContentHeaders, Encryption, Retention, StoredObject } from '../models/object';
import type { UploadTemplate } from '../models/multipart';
import { CANNED_ACLS, STORAGE_CLASSES, checkEnum, checkMetadata, parseTaggingHeader } from './validate';

type Input = Record<string, any>;

const CONTENT_HEADERS = [
  'ContentType',
  'ContentEncoding',
  'ContentDisposition',
  'ContentLanguage',
  'CacheControl',
  'Expires',
  'WebsiteRedirectLocation',
] as const;

export function contentHeadersOf(input: Input): ContentHeaders {
  const out: ContentHeaders = {};
  for (const name of CONTENT_HEADERS) {
    if (input[name] !== undefined && input[name] !== '') (out as Input)[name] = input[name];
  }
  // aws-chunked is a transfer detail, not part of the stored encoding.
  if (out.ContentEncoding) {
    const rest = out.ContentEncoding.split(',')
      .map((s) => s.trim())
      .filter((s) => s && s !== 'aws-chunked');
    out.ContentEncoding = rest.length ? rest.join(',') : undefined;
  }
  return out;
}

const SSE_VALUES = ['AES256', 'aws:kms', 'aws:kms:dsse', 'aws:fsx'];

/** The encryption an upload gets: what it asked for, else the bucket default. */
export function encryptionOf(input: Input, bucket: Bucket, account: string): Encryption {
  checkEnum(input.ServerSideEncryption, SSE_VALUES, 'x-amz-server-side-encryption', 'The encryption method specified is not supported');
  let sse = input.ServerSideEncryption as string | undefined;
  let keyId = input.SSEKMSKeyId as string | undefined;
  let bucketKey = input.BucketKeyEnabled as boolean | undefined;
  if (input.SSECustomerAlgorithm) {
    if (input.SSECustomerAlgorithm !== 'AES256') {
      throw invalidArgument('The requested encryption algorithm is not valid, must be AES256.', 'x-amz-server-side-encryption-customer-algorithm', input.SSECustomerAlgorithm);
    }
    return { SSECustomerAlgorithm: 'AES256', SSECustomerKeyMD5: input.SSECustomerKeyMD5 };
  }
  if (keyId && !sse?.startsWith('aws:kms')) {
    throw invalidArgument('Server Side Encryption with KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id', keyId);
  }
  if (!sse) {
    const rule = (bucket.config.get('Encryption') as Input | undefined)?.Rules?.[0];
    const dflt = rule?.ApplyServerSideEncryptionByDefault;
    sse = (dflt?.SSEAlgorithm as string | undefined) ?? 'AES256';
    keyId = dflt?.KMSMasterKeyID;
    bucketKey = rule?.BucketKeyEnabled;
  }
  const algorithm: string = sse ?? 'AES256';
  const out: Encryption = { ServerSideEncryption: algorithm };
  if (algorithm.startsWith('aws:kms')) {
    out.SSEKMSKeyId = keyId ?? `arn:aws:kms:${bucket.region}:${account}:alias/aws/s3`;
    if (bucketKey) out.BucketKeyEnabled = true;
    if (input.SSEKMSEncryptionContext) out.SSEKMSEncryptionContext = input.SSEKMSEncryptionContext;
  }
  return out;
}

/** Object Lock fields of an upload, or the bucket's default retention. */
export function lockOf(input: Input, bucket: Bucket): Pick<StoredObject, 'retention' | 'legalHold'> {
  const wantsLock = input.ObjectLockMode || input.ObjectLockRetainUntilDate || input.ObjectLockLegalHoldStatus;
  if (wantsLock && !bucket.objectLockEnabled) throw invalidRequest('Bucket is missing Object Lock Configuration');
  if (Boolean(input.ObjectLockMode) !== Boolean(input.ObjectLockRetainUntilDate)) {
    throw invalidArgument(
      'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied',
      'x-amz-object-lock-retain-until-date',
    );
  }
  checkEnum(input.ObjectLockMode, ['GOVERNANCE', 'COMPLIANCE'], 'x-amz-object-lock-mode', 'Unknown wormMode directive.');
  checkEnum(input.ObjectLockLegalHoldStatus, ['ON', 'OFF'], 'x-amz-object-lock-legal-hold', 'Legal Hold must be either of \'ON\' or \'OFF\'');
  let retention: Retention | undefined;
  if (input.ObjectLockMode) {
    const until = new Date(input.ObjectLockRetainUntilDate);
    if (until.getTime() <= clock.now()) {
      throw invalidArgument('The retain until date must be in the future!', 'x-amz-object-lock-retain-until-date', input.ObjectLockRetainUntilDate);
    }
    retention = { Mode: input.ObjectLockMode, RetainUntilDate: until };
  } else {
    retention = defaultRetention(bucket);
  }
  return { retention, legalHold: input.ObjectLockLegalHoldStatus };
}

function defaultRetention(bucket: Bucket): Retention | undefined {
  const rule = (bucket.config.get('ObjectLock') as Input | undefined)?.Rule?.DefaultRetention;
  if (!rule?.Mode) return undefined;
  const days = rule.Days ?? (rule.Years ?? 0) * 365;
  return { Mode: rule.Mode, RetainUntilDate: new Date(clock.now() + days * 86400_000) };
}

/** Everything an upload fixes besides its body (PutObject, CreateMultipartUpload, CopyObject REPLACE). */
export function templateOf(input: Input, bucket: Bucket, account: string): UploadTemplate {
  checkEnum(input.StorageClass, STORAGE_CLASSES, 'x-amz-storage-class', 'The storage class you specified is not valid');
  checkEnum(input.ACL, CANNED_ACLS, 'x-amz-acl');
  const acl = headerGrants(input, account) ?? input.ACL ?? 'private';
  checkAclsAllowed(acl, bucket);
  checkPublicAcl(input, bucket);
  const metadata = checkMetadata(input.Metadata);
  const headers = contentHeadersOf(input);
  const encryption = encryptionOf(input, bucket, account);
  const tags = parseTaggingHeader(input.Tagging);
  const lock = lockOf(input, bucket);
  // Written out, not spread: object spreads cost a PutObject about 10 µs in a tight loop (storeObject).
  return {
    key: input.Key,
    metadata,
    headers,
    storageClass: input.StorageClass ?? 'STANDARD',
    encryption,
    tags,
    acl,
    owner: account,
    retention: lock.retention,
    legalHold: lock.legalHold,
  };
}

/** VersionId is sent only once the bucket has had versioning turned on. */
export function versionIdOf(bucket: Bucket, obj: StoredObject): string | undefined {
  return bucket.versioning ? obj.versionId : undefined;
}

export function encryptionFields(enc: Encryption): Input {
  return { ...enc };
}

export function checksumFields(obj: Pick<StoredObject, 'checksum'>): Input {
  if (!obj.checksum) return {};
  return { [CHECKSUM_MEMBER[obj.checksum.algorithm]]: obj.checksum.value, ChecksumType: obj.checksum.type };
}

/** The headers GetObject and HeadObject share. */
export function readFields(bucket: Bucket, obj: StoredObject, checksumMode: boolean): Input {
  const out: Input = {
    AcceptRanges: 'bytes',
    LastModified: obj.lastModified,
    ContentLength: obj.size,
    ETag: obj.etag,
    VersionId: versionIdOf(bucket, obj),
    ContentType: obj.headers.ContentType ?? 'binary/octet-stream',
    ContentEncoding: obj.headers.ContentEncoding,
    ContentDisposition: obj.headers.ContentDisposition,
    ContentLanguage: obj.headers.ContentLanguage,
    CacheControl: obj.headers.CacheControl,
    Expires: obj.headers.Expires,
    WebsiteRedirectLocation: obj.headers.WebsiteRedirectLocation,
    Metadata: { ...obj.metadata },
    // S3 leaves x-amz-storage-class out for STANDARD objects.
    StorageClass: obj.storageClass === 'STANDARD' ? undefined : obj.storageClass,
    ObjectLockMode: obj.retention?.Mode,
    ObjectLockRetainUntilDate: obj.retention?.RetainUntilDate,
    ObjectLockLegalHoldStatus: obj.legalHold,
  };
  // Added after, not spread inside the literal (a spread there makes V8 build the whole object
  // the slow way); headers are written in the model's order, whatever the order of these keys.
  Object.assign(out, obj.encryption);
  if (checksumMode) Object.assign(out, checksumFields(obj));
  return out;
}
