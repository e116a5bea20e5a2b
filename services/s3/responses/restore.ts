/**
 * Archived objects (GLACIER, DEEP_ARCHIVE): GetObject refuses them with
 * InvalidObjectState until RestoreObject makes a temporary copy readable.
 * The fake restores at once: the first request answers 202 Accepted, a
 * repeat while the copy lives answers 200 and moves its expiry.
 */
import { clock } from '../../../src/core/clock';
import type { RequestContext } from '../../../src/core/service';
import type { RestoreObjectRequest } from '../types';
import { invalidObjectState, malformedXml } from '../exceptions';
import type { S3Backend } from '../models';
import type { StoredObject } from '../models/object';
import { objectFor } from './objects';
import { withStatus } from './status';
import { checkKey } from './validate';

type Ctx = RequestContext<S3Backend>;

const ARCHIVED = new Set(['GLACIER', 'DEEP_ARCHIVE']);

export function isArchived(obj: StoredObject): boolean {
  return ARCHIVED.has(obj.storageClass);
}

function restoredUntil(obj: StoredObject): Date | undefined {
  return obj.restoredUntil && obj.restoredUntil.getTime() > clock.now() ? obj.restoredUntil : undefined;
}

/** GetObject on an archived object needs a live restored copy. */
export function checkReadable(obj: StoredObject): void {
  if (isArchived(obj) && !restoredUntil(obj)) throw invalidObjectState(obj.storageClass);
}

/** The x-amz-restore header of an archived object once a restore was asked for. */
export function restoreHeader(obj: StoredObject): string | undefined {
  const until = restoredUntil(obj);
  return until ? `ongoing-request="false", expiry-date="${until.toUTCString()}"` : undefined;
}

export function restoreObject(input: RestoreObjectRequest, ctx: Ctx) {
  const bucket = ctx.backend.bucket(input.Bucket);
  const obj = objectFor(bucket, checkKey(input.Key), input.VersionId, 'POST');
  if (!isArchived(obj)) {
    throw invalidObjectState(obj.storageClass, "Restore is not allowed for the object's current storage class");
  }
  const days = input.RestoreRequest?.Days;
  if (days === undefined || !Number.isInteger(days) || days < 1) throw malformedXml();
  const already = restoredUntil(obj) !== undefined;
  // S3 rounds the expiry up to the next midnight UTC after `days` days.
  const expiry = new Date(clock.now() + days * 86400_000);
  expiry.setUTCHours(24, 0, 0, 0);
  obj.restoredUntil = expiry;
  return already ? {} : withStatus({}, 202);
}

export function listDirectoryBuckets() {
  // Directory buckets (S3 Express One Zone) are not emulated, so there are none to list.
  return { Buckets: [] };
}
