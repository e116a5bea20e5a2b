/**
 * S3Backend: the buckets of one account. S3 is served per account (the spec
 * marks it global), each bucket remembering its own region. Bucket names are
 * unique across all accounts, so every backend of one mock instance shares a
 * namespace, keyed by that instance's backend registry.
 */
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import {
  accessDenied,
  bucketAlreadyExists,
  bucketAlreadyOwnedByYou,
  bucketNotEmpty,
  invalidBucketName,
  noSuchBucket,
  tooManyBuckets,
} from '../exceptions';
import { Bucket } from './bucket';
import { compareKeys } from './sorted-keys';

export { Bucket } from './bucket';
export type { StoredObject } from './object';

/** Buckets of every account of one mock instance, by name. */
const namespaces = new WeakMap<BackendAccess, Map<string, Bucket>>();

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
    let ns = namespaces.get(ctx.backends);
    if (!ns) {
      ns = new Map();
      namespaces.set(ctx.backends, ns);
    }
    this.namespace = ns;
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
    if (!bucket.isEmpty || bucket.uploads.size > 0) throw bucketNotEmpty(name);
    this.namespace.delete(name);
    this.owned.delete(name);
  }

  /** This account's buckets sorted by name. */
  buckets(): Bucket[] {
    return [...this.owned]
      .sort(compareKeys)
      .map((name) => this.namespace.get(name))
      .filter((b): b is Bucket => b !== undefined);
  }

  /** Called by the registry on reset: frees this account's names in the shared namespace. */
  dispose(): void {
    for (const name of this.owned) this.namespace.delete(name);
    this.owned.clear();
  }
}
