/** Object tagging (per version) and bucket tagging. */
import { withStatus } from './status';
import type { RequestContext } from '../../../src/core/service';
import type {
  DeleteObjectTaggingRequest,
  GetObjectTaggingRequest,
  PutBucketTaggingRequest,
  PutObjectTaggingRequest,
} from '../types';
import { malformedXml, missingConfiguration } from '../exceptions';
import type { S3Backend } from '../models';
import type { Tag } from '../models/object';
import { versionIdOf } from './object-fields';
import { objectFor } from './objects';
import { checkKey, checkTags } from './validate';

type Ctx = RequestContext<S3Backend>;

function target(input: { Bucket: string; Key: string; VersionId?: string }, ctx: Ctx, method: string) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const obj = objectFor(bucket, checkKey(input.Key), input.VersionId, method);
  return { bucket, obj };
}

export function putObjectTagging(input: PutObjectTaggingRequest, ctx: Ctx) {
  const { bucket, obj } = target(input, ctx, 'PUT');
  if (!input.Tagging?.TagSet) throw malformedXml();
  obj.tags = checkTags(input.Tagging.TagSet as Tag[], 'object');
  return { VersionId: versionIdOf(bucket, obj) };
}

export function getObjectTagging(input: GetObjectTaggingRequest, ctx: Ctx) {
  const { bucket, obj } = target(input, ctx, 'GET');
  return { VersionId: versionIdOf(bucket, obj), TagSet: obj.tags.map((t) => ({ ...t })) };
}

export function deleteObjectTagging(input: DeleteObjectTaggingRequest, ctx: Ctx) {
  const { bucket, obj } = target(input, ctx, 'DELETE');
  obj.tags = [];
  return { VersionId: versionIdOf(bucket, obj) };
}

export function putBucketTagging(input: PutBucketTaggingRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  if (!input.Tagging?.TagSet) throw malformedXml();
  bucket.config.set('Tagging', checkTags(input.Tagging.TagSet as Tag[], 'bucket'));
  // 204 No Content, as S3 answers it (the model says 200).
  return withStatus({}, 204);
}

export function getBucketTagging(input: { Bucket: string }, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const tags = bucket.config.get('Tagging') as Tag[] | undefined;
  if (!tags) throw missingConfiguration('NoSuchTagSet', 'The TagSet does not exist', bucket.name);
  return { TagSet: tags.map((t) => ({ ...t })) };
}

export function deleteBucketTagging(input: { Bucket: string }, ctx: Ctx) {
  ctx.backend.bucket(input.Bucket).config.delete('Tagging');
  return {};
}
