/**
 * ListObjects (v1), ListObjectsV2 and ListObjectVersions over the bucket's
 * sorted key indexes (models/listing.ts), with encoding-type=url.
 */
import type { RequestContext } from '../../../src/core/service';
import type { ListObjectVersionsRequest, ListObjectsRequest, ListObjectsV2Request } from '../types';
import { invalidArgument } from '../exceptions';
import type { S3Backend } from '../models';
import type { Bucket } from '../models/bucket';
import { type ListPage, walk } from '../models/listing';
import type { StoredObject } from '../models/object';
import { ownerOf } from './buckets';
import { decodeToken, encodeToken } from './tokens';

type Ctx = RequestContext<S3Backend>;
type Input = Record<string, any>;

/** S3's encoding-type=url: percent-encoding that leaves '/' alone. */
function urlEncode(value: string | undefined): string | undefined {
  return value === undefined ? undefined : encodeURIComponent(value).replace(/%2F/g, '/');
}

function encoder(encodingType: string | undefined): (v: string | undefined) => string | undefined {
  if (encodingType === undefined) return (v) => v;
  if (encodingType !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  return urlEncode;
}

function maxKeysOf(value: number | undefined): number {
  if (value === undefined) return 1000;
  if (!Number.isInteger(value) || value < 0) {
    throw invalidArgument('Argument maxKeys must be an integer between 0 and 2147483647', 'maxKeys', value);
  }
  return Math.min(value, 1000);
}

function entryOf(obj: StoredObject, enc: (v: string) => string | undefined, owner: boolean, account: string): Input {
  return {
    Key: enc(obj.key),
    LastModified: obj.lastModified,
    ETag: obj.etag,
    Size: obj.size,
    StorageClass: obj.storageClass,
    Owner: owner ? ownerOf(account) : undefined,
    ChecksumAlgorithm: obj.checksum ? [obj.checksum.algorithm] : undefined,
    ChecksumType: obj.checksum?.type,
  };
}

function listCurrent(bucket: Bucket, input: Input, after: string | undefined): ListPage<StoredObject> {
  return walk(
    bucket.liveKeys,
    { prefix: input.Prefix ?? '', delimiter: input.Delimiter || undefined, after, maxKeys: maxKeysOf(input.MaxKeys) },
    (key) => {
      const obj = bucket.latest(key);
      return obj && !obj.deleteMarker ? [obj] : [];
    },
  );
}

function commonPrefixes(page: ListPage<unknown>, enc: (v: string) => string | undefined) {
  return page.commonPrefixes.length ? page.commonPrefixes.map((p) => ({ Prefix: enc(p) })) : undefined;
}

export function listObjects(input: ListObjectsRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const enc = encoder(input.EncodingType);
  const page = listCurrent(bucket, input, input.Marker || undefined);
  return {
    Name: bucket.name,
    Prefix: enc(input.Prefix ?? ''),
    Marker: enc(input.Marker ?? ''),
    // An empty delimiter is no delimiter: not echoed.
    Delimiter: input.Delimiter ? enc(input.Delimiter) : undefined,
    MaxKeys: maxKeysOf(input.MaxKeys),
    EncodingType: input.EncodingType,
    IsTruncated: page.isTruncated,
    // v1 hands out NextMarker only with a delimiter; without one the last key is the marker.
    NextMarker: page.isTruncated && input.Delimiter ? enc(page.last) : undefined,
    Contents: page.entries.map((o) => entryOf(o, enc, true, ctx.account)),
    CommonPrefixes: commonPrefixes(page, enc),
  };
}

export function listObjectsV2(input: ListObjectsV2Request, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const enc = encoder(input.EncodingType);
  let after = input.StartAfter || undefined;
  if (input.ContinuationToken !== undefined) {
    if (input.ContinuationToken === '') throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', '');
    after = decodeToken(input.ContinuationToken, 'continuation-token');
  }
  const page = listCurrent(bucket, input, after);
  return {
    Name: bucket.name,
    Prefix: enc(input.Prefix ?? ''),
    // An empty delimiter is no delimiter: not echoed.
    Delimiter: input.Delimiter ? enc(input.Delimiter) : undefined,
    MaxKeys: maxKeysOf(input.MaxKeys),
    EncodingType: input.EncodingType,
    KeyCount: page.entries.length + page.commonPrefixes.length,
    IsTruncated: page.isTruncated,
    ContinuationToken: input.ContinuationToken,
    NextContinuationToken: page.isTruncated && page.last !== undefined ? encodeToken(page.last) : undefined,
    StartAfter: enc(input.StartAfter),
    Contents: page.entries.map((o) => entryOf(o, enc, input.FetchOwner === true, ctx.account)),
    CommonPrefixes: commonPrefixes(page, enc),
  };
}

export function listObjectVersions(input: ListObjectVersionsRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const enc = encoder(input.EncodingType);
  const keyMarker = input.KeyMarker || undefined;
  const versionMarker = input.VersionIdMarker || undefined;
  if (versionMarker !== undefined && keyMarker === undefined) {
    throw invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', versionMarker);
  }
  const maxKeys = maxKeysOf(input.MaxKeys);
  const page = walk(
    bucket.allKeys,
    { prefix: input.Prefix ?? '', delimiter: input.Delimiter || undefined, after: keyMarker, maxKeys },
    (key, resumed) => {
      const versions = bucket.versions(key);
      if (!resumed || versionMarker === undefined) return versions.slice();
      // Resume after the marker version; an unknown marker resumes after the whole key.
      const at = versions.findIndex((v) => v.versionId === versionMarker);
      return at < 0 ? [] : versions.slice(at + 1);
    },
    versionMarker !== undefined ? keyMarker : undefined,
  );
  const latestOf = (o: StoredObject) => bucket.latest(o.key) === o;
  const versions: Input[] = [];
  const markers: Input[] = [];
  for (const o of page.entries) {
    if (o.deleteMarker) {
      markers.push({ Owner: ownerOf(ctx.account), Key: enc(o.key), VersionId: o.versionId, IsLatest: latestOf(o), LastModified: o.lastModified });
    } else {
      versions.push({ ...entryOf(o, enc, true, ctx.account), VersionId: o.versionId, IsLatest: latestOf(o) });
    }
  }
  const last = page.entries[page.entries.length - 1];
  const endedOnPrefix = page.last !== undefined && page.last !== page.lastEntryKey;
  return {
    Name: bucket.name,
    Prefix: enc(input.Prefix ?? ''),
    // An empty delimiter is no delimiter: not echoed.
    Delimiter: input.Delimiter ? enc(input.Delimiter) : undefined,
    MaxKeys: maxKeys,
    EncodingType: input.EncodingType,
    KeyMarker: enc(input.KeyMarker ?? ''),
    VersionIdMarker: input.VersionIdMarker ?? '',
    IsTruncated: page.isTruncated,
    NextKeyMarker: page.isTruncated ? enc(page.last) : undefined,
    NextVersionIdMarker: page.isTruncated && !endedOnPrefix && last ? last.versionId : undefined,
    Versions: versions.length ? versions : undefined,
    DeleteMarkers: markers.length ? markers : undefined,
    CommonPrefixes: commonPrefixes(page, enc),
  };
}
