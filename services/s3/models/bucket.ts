/**
 * A bucket: its objects (every version, newest first, per key), the two
 * sorted key indexes listings walk, its multipart uploads, and its stored
 * configurations. Versioning rules live here; HTTP-level checks do not.
 */
import { clock } from '../../../src/core/clock';
import { persistDerived, persistRecords, rebuildDerived, touchRecord } from '../../../src/core/persist-hints';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import { noSuchKey, noSuchVersion, objectLocked } from '../exceptions';
import { newVersionId, type StoredObject } from './object';
import { UploadStore } from './multipart';

export type VersioningStatus = 'Enabled' | 'Suspended';

export interface DeleteResult {
  versionId?: string;
  deleteMarker: boolean;
}

export class Bucket {
  /**
   * A state directory saves the objects in chunks, each write re-encoding the chunk of its key
   * (src/core/persist-hints.ts). Every read of a version touches its key too: callers may change
   * the version they were handed (tags, ACL, retention).
   */
  static readonly [persistRecords] = ['objects'];
  static readonly [persistDerived] = ['allKeys', 'liveKeys'];
  readonly created: Date = clock.date();
  versioning: VersioningStatus | undefined;
  mfaDelete: 'Enabled' | 'Disabled' | undefined;
  objectLockEnabled = false;
  /** Named configurations (Policy, Cors, Lifecycle, ...) stored as the caller sent them. */
  readonly config = new Map<string, unknown>();
  readonly uploads = new UploadStore();
  /**
   * Results of completed multipart uploads by upload id, oldest first, so a
   * retried CompleteMultipartUpload answers the same (responses/multipart.ts).
   * State like the rest: kept by snapshots and the state directory. Optional:
   * a bucket saved before it existed has none.
   */
  completedUploads?: Map<string, { key: string; output: Record<string, unknown> }>;
  /** Key → versions, newest first. A key is present while it has any version. */
  private readonly objects = new Map<string, StoredObject[]>();
  /** Keys with any version (ListObjectVersions); rebuilt from the objects after a restore. */
  allKeys = new SortedKeySet();
  /** Keys whose newest version is an object, not a delete marker (ListObjects). */
  liveKeys = new SortedKeySet();

  constructor(
    readonly name: string,
    readonly region: string,
    readonly owner: string,
  ) {}

  get isEmpty(): boolean {
    return this.allKeys.size === 0;
  }

  versions(key: string): readonly StoredObject[] {
    touchRecord(this.objects, key);
    return this.objects.get(key) ?? [];
  }

  /** The newest version, a delete marker included; undefined when the key has none. */
  latest(key: string): StoredObject | undefined {
    touchRecord(this.objects, key);
    return this.objects.get(key)?.[0];
  }

  /** The object a GET without versionId sees, or S3's 404 for it. */
  current(key: string): StoredObject {
    const latest = this.latest(key);
    if (!latest) throw noSuchKey(key);
    if (latest.deleteMarker) {
      throw noSuchKey(key, { 'x-amz-delete-marker': 'true', 'x-amz-version-id': latest.versionId });
    }
    return latest;
  }

  version(key: string, versionId: string): StoredObject {
    touchRecord(this.objects, key);
    const found = this.objects.get(key)?.find((v) => v.versionId === versionId);
    if (!found) throw noSuchVersion(key, versionId);
    return found;
  }

  /** Stores a new version under the bucket's versioning state; returns it with its id. */
  put(obj: StoredObject): StoredObject {
    const list = this.objects.get(obj.key) ?? [];
    const wasLive = list.length > 0 && !list[0].deleteMarker;
    if (this.versioning === 'Enabled') {
      obj.versionId = newVersionId();
    } else {
      // Off or Suspended: the new version is the 'null' one and replaces any earlier 'null'.
      obj.versionId = 'null';
      const i = list.findIndex((v) => v.versionId === 'null');
      if (i >= 0) list.splice(i, 1);
    }
    list.unshift(obj);
    this.objects.set(obj.key, list);
    // An object over a live key leaves it where it is in both indexes (an overwrite: no sorted insert).
    if (!wasLive || obj.deleteMarker) this.reindex(obj.key);
    return obj;
  }

  /** DeleteObject's versioning semantics: remove, or place a delete marker. */
  delete(key: string, versionId: string | undefined, bypassGovernance = false): DeleteResult {
    const list = this.objects.get(key);
    if (versionId !== undefined) {
      if (!list) return { versionId, deleteMarker: false };
      const i = list.findIndex((v) => v.versionId === versionId);
      // Deleting a version that is not there succeeds and changes nothing.
      if (i < 0) return { versionId, deleteMarker: false };
      const target = list[i];
      if (this.isLocked(target, bypassGovernance)) throw objectLocked();
      list.splice(i, 1);
      if (list.length === 0) this.objects.delete(key);
      this.reindex(key);
      return { versionId, deleteMarker: target.deleteMarker };
    }
    if (this.versioning === undefined) {
      if (list) {
        this.objects.delete(key);
        this.reindex(key);
      }
      return { deleteMarker: false };
    }
    const marker: StoredObject = {
      key,
      versionId: '',
      deleteMarker: true,
      chunks: [],
      size: 0,
      etag: '',
      lastModified: clock.date(),
      metadata: {},
      headers: {},
      storageClass: 'STANDARD',
      encryption: {},
      tags: [],
      acl: 'private',
      owner: this.owner,
    };
    this.put(marker);
    return { versionId: marker.versionId, deleteMarker: true };
  }

  /** Object Lock: a version under retention (or legal hold) cannot be deleted. */
  isLocked(obj: StoredObject, bypassGovernance: boolean): boolean {
    if (obj.legalHold === 'ON') return true;
    const retention = obj.retention;
    if (!retention || retention.RetainUntilDate.getTime() <= clock.now()) return false;
    return !(retention.Mode === 'GOVERNANCE' && bypassGovernance);
  }

  [rebuildDerived](): void {
    this.allKeys = new SortedKeySet();
    this.liveKeys = new SortedKeySet();
    for (const key of this.objects.keys()) this.reindex(key);
  }

  private reindex(key: string): void {
    touchRecord(this.objects, key);
    const list = this.objects.get(key);
    if (!list || list.length === 0) {
      this.allKeys.delete(key);
      this.liveKeys.delete(key);
      return;
    }
    this.allKeys.add(key);
    if (list[0].deleteMarker) this.liveKeys.delete(key);
    else this.liveKeys.add(key);
  }
}
