/**
 * x-amz-copy-source for CopyObject and UploadPartCopy: `bucket/key`
 * (URL-encoded, optionally `/`-led, optionally `?versionId=`), resolved to
 * the source version and checked against the x-amz-copy-source-if-* headers.
 */
import { invalidArgument, invalidRequest, noSuchBucket } from '../exceptions';
import type { S3Backend } from '../models';
import type { StoredObject } from '../models/object';
import { checkConditions } from './conditions';
import { objectFor } from './objects';

type Input = Record<string, any>;

export interface CopySource {
  bucket: string;
  key: string;
  versionId?: string;
}

export function parseCopySource(header: string): CopySource {
  let text = header.startsWith('/') ? header.slice(1) : header;
  let versionId: string | undefined;
  const q = text.indexOf('?');
  if (q >= 0) {
    versionId = new URLSearchParams(text.slice(q + 1)).get('versionId') ?? undefined;
    text = text.slice(0, q);
  }
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) {
    throw invalidArgument('Invalid copy source object key', 'x-amz-copy-source', header);
  }
  let key: string;
  try {
    key = decodeURIComponent(text.slice(slash + 1));
  } catch {
    throw invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', header);
  }
  return { bucket: decodeURIComponent(text.slice(0, slash)), key, versionId };
}

/** The object a copy reads, after its copy-source conditions held. */
export function copySourceObject(backend: S3Backend, input: Input): { source: CopySource; obj: StoredObject } {
  const source = parseCopySource(input.CopySource);
  const bucket = backend.anyBucket(source.bucket);
  if (!bucket) throw noSuchBucket(source.bucket);
  if (source.versionId !== undefined) {
    const version = bucket.version(source.key, source.versionId);
    if (version.deleteMarker) {
      throw invalidRequest('The source of a copy request may not specifically refer to a delete marker by version id.');
    }
  }
  const obj = objectFor(bucket, source.key, source.versionId, 'GET');
  checkConditions(
    obj,
    {
      ifMatch: input.CopySourceIfMatch,
      ifNoneMatch: input.CopySourceIfNoneMatch,
      ifModifiedSince: input.CopySourceIfModifiedSince,
      ifUnmodifiedSince: input.CopySourceIfUnmodifiedSince,
    },
    true,
  );
  return { source, obj };
}
