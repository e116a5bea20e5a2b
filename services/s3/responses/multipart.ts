/**
 * Multipart uploads: Create, UploadPart, UploadPartCopy, Complete, Abort,
 * ListParts, ListMultipartUploads. Completing joins the parts' Buffers into
 * the object's chunk list (no copy), with S3's composite ETag
 * (MD5 of the parts' MD5s + `-N`) and composite or full-object checksums.
 */
import { clock } from '../../../src/core/clock';
import type { RequestContext } from '../../../src/core/service';
import type {
  AbortMultipartUploadRequest,
  CompleteMultipartUploadRequest,
  CreateMultipartUploadRequest,
  UploadPartCopyRequest,
  UploadPartRequest,
} from '../types';
import {
  badDigest,
  entityTooSmall,
  invalidArgument,
  invalidPart,
  invalidPartOrder,
  invalidRequest,
  malformedXml,
  noSuchUpload,
  preconditionFailed,
} from '../exceptions';
import type { S3Backend } from '../models';
import type { Bucket } from '../models/bucket';
import { CHECKSUM_MEMBER, type ChecksumAlgorithm, checksumOf, digest, isChecksumAlgorithm, md5Hex } from '../models/checksums';
import { type Upload, type UploadPart, newUploadId } from '../models/multipart';
import { quoteEtag, sameEtag, sliceChunks } from '../models/object';
import { copySourceObject } from './copy-source';
import { encryptionFields, templateOf, versionIdOf } from './object-fields';
import { bodyChunks, checkWriteConditions, chunksLength } from './objects';
import { checkCustomerKeyHeaders } from './sse';
import { checkContentMd5, checkKey, verifyChecksum } from './validate';

type Ctx = RequestContext<S3Backend>;
type Input = Record<string, any>;

export const MAX_PART_NUMBER = 10000;
const MAX_PART_SIZE = 5 * 1024 ** 3;

export function uploadOf(bucket: Bucket, uploadId: string, key: string): Upload {
  const upload = bucket.uploads.get(uploadId);
  if (!upload || upload.key !== key) throw noSuchUpload(uploadId);
  return upload;
}

function checkPartNumber(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PART_NUMBER) {
    throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', n);
  }
}

export function createMultipartUpload(input: CreateMultipartUploadRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  checkKey(input.Key);
  const algorithm = input.ChecksumAlgorithm;
  if (algorithm !== undefined && !isChecksumAlgorithm(algorithm)) {
    throw invalidRequest('Checksum algorithm provided is unsupported.');
  }
  const type = input.ChecksumType ?? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : algorithm ? 'COMPOSITE' : undefined);
  if (type !== undefined && type !== 'COMPOSITE' && type !== 'FULL_OBJECT') throw invalidRequest('Invalid checksum type.');
  if (type === 'FULL_OBJECT' && algorithm && !algorithm.startsWith('CRC')) {
    throw invalidRequest(`The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  }
  if (type === 'COMPOSITE' && algorithm === 'CRC64NVME') {
    throw invalidRequest('The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.');
  }
  const upload: Upload = {
    uploadId: newUploadId(),
    key: input.Key,
    initiated: clock.date(),
    template: templateOf(input, bucket, ctx.account),
    checksumAlgorithm: algorithm as ChecksumAlgorithm | undefined,
    checksumType: algorithm ? type : undefined,
    parts: new Map(),
  };
  bucket.uploads.add(upload);
  return {
    Bucket: bucket.name,
    Key: upload.key,
    UploadId: upload.uploadId,
    ChecksumAlgorithm: upload.checksumAlgorithm,
    ChecksumType: upload.checksumType,
    ...encryptionFields(upload.template.encryption),
  };
}

/** Stores a part's bytes; a part uploaded again under the same number replaces the old one. */
async function storePart(upload: Upload, partNumber: number, chunks: Buffer[], input: Input): Promise<UploadPart> {
  const size = chunksLength(chunks);
  if (size > MAX_PART_SIZE) throw invalidArgument('Part exceeds the maximum allowed size', 'partSize', size);
  const sent = await verifyChecksum(input, chunks, upload.checksumAlgorithm);
  if (upload.checksumAlgorithm && sent && sent.algorithm !== upload.checksumAlgorithm) {
    throw invalidRequest(
      `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${sent.algorithm.toLowerCase()}`,
    );
  }
  const part: UploadPart = {
    PartNumber: partNumber,
    chunks,
    size,
    etag: quoteEtag(md5Hex(chunks)),
    lastModified: clock.date(),
    checksums: sent ? { [sent.algorithm]: sent.value } : {},
  };
  upload.parts.set(partNumber, part);
  return part;
}

function partChecksumFields(upload: Upload, part: UploadPart): Input {
  const alg = upload.checksumAlgorithm;
  return alg && part.checksums[alg] ? { [CHECKSUM_MEMBER[alg]]: part.checksums[alg] } : {};
}

export async function uploadPart(input: UploadPartRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const upload = uploadOf(bucket, input.UploadId, input.Key);
  checkPartNumber(input.PartNumber);
  checkPartEncryption(upload, input);
  const chunks = bodyChunks(input.Body);
  checkContentMd5(input.ContentMD5, chunks);
  const part = await storePart(upload, input.PartNumber, chunks, input);
  return { ETag: part.etag, ...partChecksumFields(upload, part), ...encryptionFields(upload.template.encryption) };
}

/**
 * Every part of an upload initiated with SSE-C carries the customer key again (user guide, "Using SSE-C";
 * S3 answers InvalidRequest for a part without it).
 */
function checkPartEncryption(upload: Upload, input: Input): void {
  const withKey = checkCustomerKeyHeaders(input);
  if (upload.template.encryption.SSECustomerAlgorithm && !withKey) {
    throw invalidRequest('The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.');
  }
}

export async function uploadPartCopy(input: UploadPartCopyRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const upload = uploadOf(bucket, input.UploadId, input.Key);
  checkPartNumber(input.PartNumber);
  checkPartEncryption(upload, input as Input);
  const { source, obj } = copySourceObject(ctx.backend, input);
  let chunks = obj.chunks;
  if (input.CopySourceRange !== undefined) {
    const m = /^bytes=(\d+)-(\d+)$/.exec(input.CopySourceRange);
    if (!m || Number(m[2]) < Number(m[1])) {
      throw invalidArgument(
        'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
        'x-amz-copy-source-range',
        input.CopySourceRange,
      );
    }
    if (Number(m[2]) >= obj.size) {
      throw invalidArgument(`Range specified is not valid for source object of size: ${obj.size}`, 'x-amz-copy-source-range', input.CopySourceRange);
    }
    chunks = sliceChunks(obj.chunks, Number(m[1]), Number(m[2]));
  }
  const part = await storePart(upload, input.PartNumber, chunks.slice(), {});
  const sourceBucket = ctx.backend.anyBucket(source.bucket);
  return {
    CopyPartResult: { ETag: part.etag, LastModified: part.lastModified, ...partChecksumFields(upload, part) },
    CopySourceVersionId: sourceBucket?.versioning ? obj.versionId : undefined,
    ...encryptionFields(upload.template.encryption),
  };
}

/** The object checksum of a completed upload (composite: checksum of the part checksums, `-N`). */
async function completedChecksum(upload: Upload, parts: UploadPart[]) {
  const alg = upload.checksumAlgorithm;
  if (!alg) return { algorithm: 'CRC64NVME' as const, value: await checksumOf('CRC64NVME', parts.flatMap((p) => p.chunks)), type: 'FULL_OBJECT' as const };
  if (upload.checksumType === 'FULL_OBJECT') {
    return { algorithm: alg, value: await checksumOf(alg, parts.flatMap((p) => p.chunks)), type: 'FULL_OBJECT' as const };
  }
  const raw: Buffer[] = [];
  for (const p of parts) raw.push(p.checksums[alg] ? Buffer.from(p.checksums[alg], 'base64') : await digest(alg, p.chunks));
  return { algorithm: alg, value: `${(await digest(alg, raw)).toString('base64')}-${parts.length}`, type: 'COMPOSITE' as const };
}

/**
 * The object checksum a completion may send (`x-amz-checksum-<alg>`, a
 * composite one with or without its `-N`) must be the one S3 computes from
 * the parts: BadDigest otherwise, in PutObject's words.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
function checkClaimedChecksum(input: Input, checksum: { algorithm: ChecksumAlgorithm; value: string }): void {
  const claimed = input[CHECKSUM_MEMBER[checksum.algorithm]];
  if (typeof claimed !== 'string') return;
  const bare = (value: string) => value.replace(/-\d+$/, '');
  if (bare(claimed) !== bare(checksum.value)) throw badDigest(`The ${checksum.algorithm} you specified did not match the calculated checksum.`);
}

/**
 * Results of completed uploads (Bucket.completedUploads), so a repeated
 * CompleteMultipartUpload (a client retrying after a lost response) answers
 * 200 with the same result. The most recent COMPLETED_KEPT per bucket are kept.
 */
const COMPLETED_KEPT = 1000;

function remember(bucket: Bucket, uploadId: string, key: string, output: Input): void {
  bucket.completedUploads ??= new Map();
  const done = bucket.completedUploads;
  done.set(uploadId, { key, output });
  if (done.size > COMPLETED_KEPT) done.delete(done.keys().next().value as string);
}

export async function completeMultipartUpload(input: CompleteMultipartUploadRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const earlier = bucket.uploads.get(input.UploadId) ? undefined : bucket.completedUploads?.get(input.UploadId);
  if (earlier && earlier.key === input.Key) return { ...earlier.output };
  const upload = uploadOf(bucket, input.UploadId, input.Key);
  const requested = input.MultipartUpload?.Parts ?? [];
  if (requested.length === 0) throw malformedXml();
  // Order is checked over the whole list before any part is looked up.
  requested.forEach((ref, i) => {
    if (i > 0 && (ref.PartNumber ?? 0) <= (requested[i - 1].PartNumber ?? 0)) throw invalidPartOrder(upload.uploadId);
  });
  const parts: UploadPart[] = [];
  for (const ref of requested) {
    const n = ref.PartNumber ?? 0;
    const part = upload.parts.get(n);
    if (!part || !ref.ETag || !sameEtag(ref.ETag, part.etag)) throw invalidPart(upload.uploadId, n, ref.ETag ?? '');
    const alg = upload.checksumAlgorithm;
    const claimed = alg ? (ref as Input)[CHECKSUM_MEMBER[alg]] : undefined;
    if (alg && claimed !== undefined && part.checksums[alg] !== undefined && claimed !== part.checksums[alg]) {
      throw invalidPart(upload.uploadId, n, ref.ETag);
    }
    parts.push(part);
  }
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i].size < ctx.backend.minPartSize) throw entityTooSmall(parts[i].size, parts[i].PartNumber, parts[i].etag);
  }
  if (input.MpuObjectSize !== undefined && input.MpuObjectSize !== parts.reduce((n, p) => n + p.size, 0)) {
    throw invalidRequest('The provided x-amz-mp-object-size header value does not match the total size of the parts.');
  }
  checkWriteConditions(bucket, upload.key, input.IfMatch, input.IfNoneMatch);
  const checksum = await completedChecksum(upload, parts);
  checkClaimedChecksum(input, checksum);
  // Check, then write, with no await in between: of concurrent completions (or an If-None-Match: * race
  // with a PutObject) exactly one wins; the others see the upload gone or the key taken.
  if (bucket.uploads.get(upload.uploadId) !== upload) throw noSuchUpload(upload.uploadId);
  checkWriteConditions(bucket, upload.key, input.IfMatch, input.IfNoneMatch);
  const etagHex = md5Hex(parts.map((p) => Buffer.from(p.etag.slice(1, -1), 'hex')));
  bucket.uploads.remove(upload);
  const obj = bucket.put({
    ...upload.template,
    versionId: '',
    deleteMarker: false,
    chunks: parts.flatMap((p) => p.chunks),
    size: parts.reduce((n, p) => n + p.size, 0),
    etag: quoteEtag(`${etagHex}-${parts.length}`),
    lastModified: clock.date(),
    checksum,
    parts: parts.map((p) => ({ PartNumber: p.PartNumber, Size: p.size, ETag: p.etag, checksum: upload.checksumAlgorithm && p.checksums[upload.checksumAlgorithm] })),
  });
  const location = `${ctx.endpoint}/${encodeURIComponent(bucket.name)}/${obj.key.split('/').map(encodeURIComponent).join('/')}`;
  const output = {
    Location: location,
    Bucket: bucket.name,
    Key: obj.key,
    ETag: obj.etag,
    [CHECKSUM_MEMBER[checksum.algorithm]]: checksum.value,
    ChecksumType: checksum.type,
    VersionId: versionIdOf(bucket, obj),
    ...encryptionFields(obj.encryption),
  };
  remember(bucket, upload.uploadId, obj.key, output);
  return output;
}

export function abortMultipartUpload(input: AbortMultipartUploadRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const upload = uploadOf(bucket, input.UploadId, input.Key);
  if (input.IfMatchInitiatedTime !== undefined && Math.floor(input.IfMatchInitiatedTime.getTime() / 1000) !== Math.floor(upload.initiated.getTime() / 1000)) {
    throw preconditionFailed('x-amz-if-match-initiated-time');
  }
  bucket.uploads.remove(upload);
  return {};
}
