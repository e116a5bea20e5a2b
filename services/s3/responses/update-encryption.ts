/**
 * UpdateObjectEncryption: moves an existing SSE-S3 or SSE-KMS object version
 * to SSE-KMS (another key, or S3 Bucket Keys) in place. Body, ETag,
 * LastModified, storage class and checksums stay as they were. Refused for
 * SSE-C and DSSE-KMS sources, for a KMS key of another account, and for a
 * version Object Lock protects (retention not yet expired, or a legal hold).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_UpdateObjectEncryption.html
 */
import { clock } from '../../../src/core/clock';
import type { RequestContext } from '../../../src/core/service';
import { accessDenied, invalidRequest } from '../exceptions';
import type { S3Backend } from '../models';
import type { StoredObject } from '../models/object';
import type { UpdateObjectEncryptionRequest } from '../types';
import { objectFor } from './objects';
import { checkKey } from './validate';

type Ctx = RequestContext<S3Backend>;

/** A KMS key ARN (`key/<id>`; aliases name no key S3 could keep). */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:(\d{12}):key\/[A-Za-z0-9-]+$/;

const MESSAGES = {
  unencrypted:
    "The UpdateObjectEncryption operation doesn't supported unencrypted source objects. Only source objects encrypted with SSE-S3 or SSE-KMS are supported.",
  unsupportedSource:
    "The UpdateObjectEncryption operation doesn't support source objects with the encryption type DSSE-KMS or SSE-C. Only source objects encrypted with SSE-S3 or SSE-KMS are supported.",
  noType:
    'Requests that modify an object encryption configuration require a valid new encryption type. Valid values are SSEKMS. Modify the request to specify SSE-KMS for the updated encryption type, and then try again.',
  noKey:
    "Requests that modify an object's encryption type to SSE-KMS require an Amazon Web Services KMS key Amazon Resource Name (ARN). Modify the request to specify a KMS key ARN, and then try again.",
  badKey:
    "Requests that modify an object's encryption type to SSE-KMS require a valid Amazon Web Services KMS key Amazon Resource Name (ARN). Confirm that you have a correctly formatted KMS key ARN in your request, and then try again.",
  otherAccount:
    'The Amazon Web Services KMS key in the request must be owned by the same account as the bucket. Modify the request to specify a KMS key from the same account, and then try again.',
  locked:
    "The encryption type for the specified object can’t be updated because that object is protected by S3 Object Lock. If the object has a governance-mode retention period or a legal hold, you must first remove the Object Lock status on the object before you issue your UpdateObjectEncryption request. You can't use the UpdateObjectEncryption operation with objects that have an Object Lock compliance mode retention period applied to them.",
};

function isLocked(obj: StoredObject): boolean {
  if (obj.legalHold === 'ON') return true;
  return obj.retention !== undefined && obj.retention.RetainUntilDate.getTime() > clock.now();
}

export function updateObjectEncryption(input: UpdateObjectEncryptionRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const obj = objectFor(bucket, checkKey(input.Key), input.VersionId, 'PUT');
  const sse = input.ObjectEncryption?.SSEKMS;
  if (!sse) throw invalidRequest(MESSAGES.noType);
  if (!sse.KMSKeyArn) throw invalidRequest(MESSAGES.noKey);
  const arn = KMS_KEY_ARN.exec(sse.KMSKeyArn);
  if (!arn) throw invalidRequest(MESSAGES.badKey);
  const current = obj.encryption;
  if (current.SSECustomerAlgorithm || current.ServerSideEncryption === 'aws:kms:dsse') {
    throw invalidRequest(MESSAGES.unsupportedSource);
  }
  if (!current.ServerSideEncryption) throw invalidRequest(MESSAGES.unencrypted);
  if (arn[1] !== bucket.owner) throw accessDenied(MESSAGES.otherAccount);
  if (isLocked(obj)) throw accessDenied(MESSAGES.locked);
  obj.encryption = {
    ServerSideEncryption: 'aws:kms',
    SSEKMSKeyId: sse.KMSKeyArn,
    ...(sse.BucketKeyEnabled ? { BucketKeyEnabled: true } : {}),
  };
  return {};
}
