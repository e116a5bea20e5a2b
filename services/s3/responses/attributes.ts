/**
 * GetObjectAttributes: the attributes asked for (ETag, Checksum,
 * ObjectParts, StorageClass, ObjectSize) of one version, parts paged.
 */
import type { RequestContext } from '../../../src/core/service';
import type { GetObjectAttributesRequest } from '../types';
import { invalidArgument } from '../exceptions';
import type { S3Backend } from '../models';
import { CHECKSUM_MEMBER } from '../models/checksums';
import { checksumFields, versionIdOf } from './object-fields';
import { objectFor } from './objects';
import { checkKey } from './validate';

type Ctx = RequestContext<S3Backend>;
type Input = Record<string, any>;

const ATTRIBUTES = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'];

export function getObjectAttributes(input: GetObjectAttributesRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const wanted = new Set(input.ObjectAttributes ?? []);
  if (wanted.size === 0) {
    throw invalidArgument('Invalid attribute name specified.', 'x-amz-object-attributes', '');
  }
  for (const a of wanted) {
    if (!ATTRIBUTES.includes(a)) throw invalidArgument('Invalid attribute name specified.', 'x-amz-object-attributes', a);
  }
  const obj = objectFor(bucket, checkKey(input.Key), input.VersionId, 'GET');
  const out: Input = { LastModified: obj.lastModified, VersionId: versionIdOf(bucket, obj) };
  // The attributes document carries the ETag without its quotes.
  if (wanted.has('ETag')) out.ETag = obj.etag.slice(1, -1);
  if (wanted.has('Checksum') && obj.checksum) out.Checksum = checksumFields(obj);
  if (wanted.has('StorageClass')) out.StorageClass = obj.storageClass;
  if (wanted.has('ObjectSize')) out.ObjectSize = obj.size;
  if (wanted.has('ObjectParts') && obj.parts) {
    const max = Math.min(input.MaxParts ?? 1000, 1000);
    const marker = Number(input.PartNumberMarker ?? 0);
    const after = obj.parts.filter((p) => p.PartNumber > marker);
    const page = after.slice(0, max);
    const alg = obj.checksum?.algorithm;
    out.ObjectParts = {
      TotalPartsCount: obj.parts.length,
      PartNumberMarker: String(marker),
      NextPartNumberMarker: page.length ? String(page[page.length - 1].PartNumber) : undefined,
      MaxParts: max,
      IsTruncated: after.length > page.length,
      Parts: page.map((p) => ({
        PartNumber: p.PartNumber,
        Size: p.Size,
        ...(alg && p.checksum ? { [CHECKSUM_MEMBER[alg]]: p.checksum } : {}),
      })),
    };
  }
  return out;
}
