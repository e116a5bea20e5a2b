/**
 * ListParts and ListMultipartUploads: paged by part-number marker, and by
 * key + upload-id markers (with prefix/delimiter roll-up) respectively.
 */
import type { RequestContext } from '../../../src/core/service';
import type { ListMultipartUploadsRequest, ListPartsRequest } from '../types';
import { invalidArgument } from '../exceptions';
import type { S3Backend } from '../models';
import { CHECKSUM_MEMBER } from '../models/checksums';
import { rollUp } from '../models/listing';
import type { Upload } from '../models/multipart';
import { ownerOf } from './buckets';
import { uploadOf } from './multipart';

type Ctx = RequestContext<S3Backend>;
type Input = Record<string, any>;

function limitOf(value: number | undefined, name: string): number {
  if (value === undefined) return 1000;
  if (!Number.isInteger(value) || value < 0) {
    throw invalidArgument(`Argument ${name} must be an integer between 0 and 2147483647`, name, value);
  }
  return Math.min(value, 1000);
}

export function listParts(input: ListPartsRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const upload = uploadOf(bucket, input.UploadId, input.Key);
  const max = limitOf(input.MaxParts, 'max-parts');
  const marker = input.PartNumberMarker === undefined ? 0 : Number(input.PartNumberMarker);
  if (!Number.isInteger(marker) || marker < 0) {
    throw invalidArgument('Argument part-number-marker must be an integer between 0 and 2147483647', 'part-number-marker', input.PartNumberMarker);
  }
  // At most 10,000 parts: sorting the part numbers per page is cheap.
  const numbers = [...upload.parts.keys()].filter((n) => n > marker).sort((a, b) => a - b);
  const page = numbers.slice(0, max);
  const truncated = numbers.length > page.length;
  const alg = upload.checksumAlgorithm;
  const owner = ownerOf(upload.template.owner);
  return {
    Bucket: bucket.name,
    Key: upload.key,
    UploadId: upload.uploadId,
    PartNumberMarker: String(marker),
    NextPartNumberMarker: page.length ? String(page[page.length - 1]) : undefined,
    MaxParts: max,
    IsTruncated: truncated,
    Parts: page.map((n) => {
      const part = upload.parts.get(n)!;
      const out: Input = { PartNumber: n, LastModified: part.lastModified, ETag: part.etag, Size: part.size };
      if (alg && part.checksums[alg]) out[CHECKSUM_MEMBER[alg]] = part.checksums[alg];
      return out;
    }),
    Initiator: { ID: owner.ID, DisplayName: owner.DisplayName },
    Owner: owner,
    StorageClass: upload.template.storageClass,
    ChecksumAlgorithm: alg,
    ChecksumType: upload.checksumType,
  };
}

function uploadEntry(upload: Upload, encode: (v: string) => string) {
  const owner = ownerOf(upload.template.owner);
  return {
    UploadId: upload.uploadId,
    Key: encode(upload.key),
    Initiated: upload.initiated,
    StorageClass: upload.template.storageClass,
    Owner: owner,
    Initiator: { ID: owner.ID, DisplayName: owner.DisplayName },
    ChecksumAlgorithm: upload.checksumAlgorithm,
    ChecksumType: upload.checksumType,
  };
}

export function listMultipartUploads(input: ListMultipartUploadsRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const max = limitOf(input.MaxUploads, 'max-uploads');
  if (input.EncodingType !== undefined && input.EncodingType !== 'url') {
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', input.EncodingType);
  }
  const encode = input.EncodingType === 'url' ? (v: string) => encodeURIComponent(v).replace(/%2F/g, '/') : (v: string) => v;
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter || undefined;
  const uploads: Upload[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let lastUpload: Upload | undefined;
  let lastPrefix: string | undefined;
  const start = input.KeyMarker && input.KeyMarker > prefix ? input.KeyMarker : undefined;
  for (const upload of bucket.uploads.after(start ?? (prefix || undefined), start ? input.UploadIdMarker || undefined : '')) {
    if (!upload.key.startsWith(prefix)) {
      if (upload.key > prefix) break;
      continue;
    }
    const common = delimiter ? rollUp(upload.key, prefix, delimiter) : undefined;
    if (common !== undefined && common === lastPrefix) continue;
    if (uploads.length + prefixes.length >= max) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      prefixes.push(common);
      lastPrefix = common;
      lastUpload = undefined;
    } else {
      uploads.push(upload);
      lastUpload = upload;
    }
  }
  return {
    Bucket: bucket.name,
    KeyMarker: input.KeyMarker ?? '',
    UploadIdMarker: input.UploadIdMarker ?? '',
    NextKeyMarker: truncated ? encode(lastUpload?.key ?? lastPrefix ?? '') : undefined,
    NextUploadIdMarker: truncated ? lastUpload?.uploadId : undefined,
    Prefix: encode(prefix),
    Delimiter: delimiter,
    MaxUploads: max,
    IsTruncated: truncated,
    EncodingType: input.EncodingType,
    Uploads: uploads.length ? uploads.map((u) => uploadEntry(u, encode)) : undefined,
    CommonPrefixes: prefixes.length ? prefixes.map((p) => ({ Prefix: encode(p) })) : undefined,
  };
}
