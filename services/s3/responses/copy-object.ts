/**
 * CopyObject: metadata and tagging directives (COPY/REPLACE), copy-source
 * conditions, the copy-onto-itself rule, and the 5 GiB single-copy limit.
 * Bodies are shared with the source (stored Buffers are never mutated).
 */
import { clock } from '../../../src/core/clock';
import type { RequestContext } from '../../../src/core/service';
import type { CopyObjectRequest } from '../types';
import { invalidArgument, invalidRequest } from '../exceptions';
import type { S3Backend } from '../models';
import { checksumOf, md5Hex, type ChecksumAlgorithm } from '../models/checksums';
import { quoteEtag, type ObjectChecksum } from '../models/object';
import { copySourceObject } from './copy-source';
import { checksumFields, encryptionFields, templateOf, versionIdOf } from './object-fields';
import { checkWriteConditions } from './objects';
import { checkKey, parseTaggingHeader } from './validate';

type Ctx = RequestContext<S3Backend>;

const MAX_COPY = 5 * 1024 ** 3;

export async function copyObject(input: CopyObjectRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const key = checkKey(input.Key);
  const metadataDirective = input.MetadataDirective ?? 'COPY';
  const taggingDirective = input.TaggingDirective ?? 'COPY';
  if (metadataDirective !== 'COPY' && metadataDirective !== 'REPLACE') {
    throw invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', metadataDirective);
  }
  if (taggingDirective !== 'COPY' && taggingDirective !== 'REPLACE') {
    throw invalidArgument('Unknown tagging directive.', 'x-amz-tagging-directive', taggingDirective);
  }
  const { source, obj: src } = copySourceObject(ctx.backend, input);
  if (src.size > MAX_COPY) {
    throw invalidRequest(`The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY}`);
  }
  const changes =
    metadataDirective === 'REPLACE' ||
    input.StorageClass !== undefined ||
    input.WebsiteRedirectLocation !== undefined ||
    input.ServerSideEncryption !== undefined ||
    input.SSEKMSKeyId !== undefined ||
    input.SSECustomerAlgorithm !== undefined ||
    input.ChecksumAlgorithm !== undefined;
  if (source.bucket === bucket.name && source.key === key && !changes && source.versionId === undefined) {
    throw invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  checkWriteConditions(bucket, key, input.IfMatch, input.IfNoneMatch);
  const fresh = templateOf(input, bucket, ctx.account);
  const template =
    metadataDirective === 'REPLACE'
      ? fresh
      : { ...fresh, metadata: { ...src.metadata }, headers: { ...src.headers, WebsiteRedirectLocation: input.WebsiteRedirectLocation ?? src.headers.WebsiteRedirectLocation } };
  template.tags = taggingDirective === 'REPLACE' ? parseTaggingHeader(input.Tagging) : src.tags.map((t) => ({ ...t }));
  template.storageClass = input.StorageClass ?? 'STANDARD';
  const chunks = src.chunks.slice();
  // A copy of the source's: a stored version shares nothing with another (the state directory saves them apart).
  let checksum: ObjectChecksum | undefined = src.checksum?.type === 'FULL_OBJECT' ? { ...src.checksum } : undefined;
  const wanted = (input.ChecksumAlgorithm as ChecksumAlgorithm | undefined) ?? (checksum ? undefined : 'CRC64NVME');
  if (wanted && wanted !== checksum?.algorithm) {
    checksum = { algorithm: wanted, value: await checksumOf(wanted, chunks), type: 'FULL_OBJECT' };
  }
  const obj = bucket.put({
    ...template,
    key,
    versionId: '',
    deleteMarker: false,
    chunks,
    size: src.size,
    etag: src.parts ? quoteEtag(md5Hex(chunks)) : src.etag,
    lastModified: clock.date(),
    checksum,
  });
  const sourceBucket = ctx.backend.anyBucket(source.bucket);
  return {
    CopyObjectResult: { ETag: obj.etag, LastModified: obj.lastModified, ...checksumFields(obj) },
    VersionId: versionIdOf(bucket, obj),
    CopySourceVersionId: sourceBucket?.versioning ? src.versionId : undefined,
    ...encryptionFields(obj.encryption),
  };
}
