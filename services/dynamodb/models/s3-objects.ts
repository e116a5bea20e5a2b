/**
 * The few S3 object operations exports and imports need, done through the
 * S3 backend's public model (Bucket.put / liveKeys / current) so the objects
 * are ordinary objects that GetObject, ListObjectsV2 and friends see.
 */
import { createHash } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { BackendAccess } from '../../../src/core/service';
import type { Bucket, S3Backend } from '../../s3/models';

/** The caller's bucket, or undefined when it does not exist or another account owns it. */
export async function bucketOf(backends: BackendAccess, account: string, name: string): Promise<Bucket | undefined> {
  const s3 = await backends.get<S3Backend>('s3', account);
  const bucket = s3.anyBucket(name);
  return bucket && bucket.owner === account ? bucket : undefined;
}

export function putObject(bucket: Bucket, key: string, body: Buffer, contentType: string, encryption: Record<string, string> = {}): string {
  const obj = bucket.put({
    key,
    versionId: '',
    deleteMarker: false,
    chunks: [body],
    size: body.length,
    etag: `"${createHash('md5').update(body).digest('hex')}"`,
    lastModified: clock.date(),
    metadata: {},
    headers: { ContentType: contentType },
    storageClass: 'STANDARD',
    encryption: { ServerSideEncryption: 'AES256', ...encryption },
    tags: [],
    acl: 'private',
    owner: bucket.owner,
  });
  return obj.etag;
}

/** Keys of the live objects under a prefix, in key order. */
export function keysUnder(bucket: Bucket, prefix: string): string[] {
  const out: string[] = [];
  for (const key of bucket.liveKeys.from(prefix || undefined)) {
    if (!key.startsWith(prefix)) break;
    out.push(key);
  }
  return out;
}

export function objectBody(bucket: Bucket, key: string): Buffer {
  const obj = bucket.current(key);
  return obj.chunks.length === 1 ? obj.chunks[0] : Buffer.concat(obj.chunks);
}
