/**
 * S3Backend: the buckets of one account. S3 is served per account (the spec
 * marks it global), each bucket remembering its own region. Bucket names are
 * unique across all accounts, so every backend of one mock instance shares a
 * namespace (`backends.shared`). Other services
 * (DynamoDB's export and import) store and read objects through the small
 * object API at the end of the class, never through Bucket internals.
 */
import type { BackendContext } from '../../../src/core/service';
import { compareUtf8 } from '../../../src/core/sorted-keys';
import {
  accessDenied,
  bucketAlreadyExists,
  bucketAlreadyOwnedByYou,
  bucketNotEmpty,
  invalidBucketName,
  noSuchBucket,
  tooManyBuckets,
} from '../exceptions';
import { storeObject } from '../responses/objects';
import { Bucket } from './bucket';
import { joinChunks } from './object';

export { Bucket } from './bucket';
export type { StoredObject } from './object';

/** What another service may set on an object it stores (the rest is PutObject's default). */
export interface PutObjectOptions {
  contentType?: string;
  metadata?: Record<string, string>;
  /** x-amz-server-side-encryption ('AES256', 'aws:kms', ...); default the bucket's encryption. */
  serverSideEncryption?: string;
  kmsKeyId?: string;
}

/** An object as another service reads it. */
export interface ObjectData {
  body: Buffer;
  contentType: string;
  metadata: Record<string, string>;
  etag: string;
}


/** AWS's default quota of general purpose buckets per account. */
export const BUCKET_LIMIT = 10000;

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** General purpose bucket naming rules (docs: bucketnamingrules.html). */
export function isValidBucketName(name: string): boolean {
  if (!BUCKET_NAME.test(name)) return false;
  if (name.includes('..') || name.includes('.-') || name.includes('-.')) return false;
  if (IP_ADDRESS.test(name)) return false;
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) return false;
  return !RESERVED_SUFFIXES.some((s) => name.endsWith(s));
}

export class S3Backend {
  readonly account: string;
  private readonly namespace: Map<string, Bucket>;
  /** This account's bucket names in order (ListBuckets pages through them). */
  private readonly owned = new Set<string>();
  /** Minimum size of every part but the last; lower it to test multipart cheaply. */
  minPartSize = 5 * 1024 * 1024;

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    // Bucket names are global: one namespace for every account of the mock.
    this.namespace = ctx.backends.shared('s3:buckets', () => new Map<string, Bucket>());
  }

  createBucket(name: string, region: string): Bucket {
    if (!isValidBucketName(name)) throw invalidBucketName(name);
    const existing = this.namespace.get(name);
    if (existing) {
      // us-east-1 answers a repeat CreateBucket from the owner with success (legacy behaviour).
      if (existing.owner === this.account) {
        if (existing.region === 'us-east-1' && region === 'us-east-1') return existing;
        throw bucketAlreadyOwnedByYou(name);
      }
      throw bucketAlreadyExists(name);
    }
    if (this.owned.size >= BUCKET_LIMIT) throw tooManyBuckets(BUCKET_LIMIT);
    const bucket = new Bucket(name, region, this.account);
    this.namespace.set(name, bucket);
    this.owned.add(name);
    return bucket;
  }

  /** The caller's bucket, else NoSuchBucket (or AccessDenied when another account owns it). */
  bucket(name: string): Bucket {
    const bucket = this.namespace.get(name);
    if (!bucket) throw noSuchBucket(name);
    if (bucket.owner !== this.account) throw accessDenied();
    return bucket;
  }

  /** A bucket of any account (CopyObject sources, existence checks). */
  anyBucket(name: string): Bucket | undefined {
    return this.namespace.get(name);
  }

  deleteBucket(name: string): void {
    const bucket = this.bucket(name);
    // Only objects and versions block deletion; unfinished multipart uploads go with the bucket.
    if (!bucket.isEmpty) throw bucketNotEmpty(name);
    this.namespace.delete(name);
    this.owned.delete(name);
  }

  /** This account's buckets sorted by name. */
  buckets(): Bucket[] {
    return [...this.owned]
      .sort(compareUtf8)
      .map((name) => this.namespace.get(name))
      .filter((b): b is Bucket => b !== undefined);
  }

  /** Called by the registry on reset: frees this account's names in the shared namespace. */
  dispose(): void {
    for (const name of this.owned) this.namespace.delete(name);
    this.owned.clear();
  }

  // Object API for other services. Each call acts as this account (another account's bucket is
  // AccessDenied, a missing one NoSuchBucket, as S3 answers them) and stores through PutObject's
  // own path (storeObject): ETag, default CRC64NVME checksum, versioning, bucket encryption.

  /** PutObject: stores `body` under `key`; the quoted ETag, and the version id once versioning is on. */
  async putObject(bucket: string, key: string, body: Buffer, opts: PutObjectOptions = {}): Promise<{ etag: string; versionId?: string }> {
    const out = await storeObject(
      this.bucket(bucket),
      {
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: opts.contentType,
        Metadata: opts.metadata,
        ServerSideEncryption: opts.serverSideEncryption,
        SSEKMSKeyId: opts.kmsKeyId,
      },
      this.account,
    );
    return { etag: out.ETag, versionId: out.VersionId };
  }

  /**
   * The current version of `key`, or undefined when there is none (or a delete marker is current).
   * The body shares the stored bytes (no copy): read it, do not change it.
   */
  getObject(bucket: string, key: string): ObjectData | undefined {
    const obj = this.bucket(bucket).latest(key);
    if (!obj || obj.deleteMarker) return undefined;
    return {
      body: joinChunks(obj.chunks),
      contentType: obj.headers.ContentType ?? 'binary/octet-stream',
      metadata: { ...obj.metadata },
      etag: obj.etag,
    };
  }

  /** Keys of the live objects under `prefix`, in key order, read lazily from the sorted index. */
  listKeys(bucket: string, prefix: string): Iterable<string> {
    // The bucket is resolved now, so a missing one throws here rather than on the first read.
    const keys = this.bucket(bucket).liveKeys;
    return (function* () {
      for (const key of keys.from(prefix || undefined)) {
        if (!key.startsWith(prefix)) return;
        yield key;
      }
    })();
  }
}
