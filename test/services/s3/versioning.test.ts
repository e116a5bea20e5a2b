import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { fail, useS3 } from './support';

const Bucket = 'versions';
const { s3 } = useS3();
const put = (Key: string, Body: string) => s3.send(new PutObjectCommand({ Bucket, Key, Body }));
const text = async (Key: string, VersionId?: string) =>
  (await s3.send(new GetObjectCommand({ Bucket, Key, VersionId }))).Body?.transformToString();

async function versioned(status: 'Enabled' | 'Suspended' = 'Enabled') {
  await s3.send(new CreateBucketCommand({ Bucket }));
  await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: status } }));
}

describe('versioning', () => {
  it('reports no status until versioning is configured', async () => {
    await s3.send(new CreateBucketCommand({ Bucket }));
    const before = await s3.send(new GetBucketVersioningCommand({ Bucket }));
    expect(before.Status).toBeUndefined();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
  });

  it('gives every write a version id and serves each version by id', async () => {
    await versioned();
    const v1 = await put('k', 'one');
    const v2 = await put('k', 'two');
    expect(v1.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/);
    expect(v2.VersionId).not.toBe(v1.VersionId);
    expect(await text('k')).toBe('two');
    expect(await text('k', v1.VersionId)).toBe('one');
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k', VersionId: v1.VersionId }));
    expect(head.VersionId).toBe(v1.VersionId);
  });

  it('places a delete marker on delete and keeps older versions', async () => {
    await versioned();
    const v1 = await put('k', 'one');
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(del.DeleteMarker).toBe(true);
    expect(del.VersionId).toBeDefined();
    const err = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'k' })));
    expect(err.name).toBe('NoSuchKey');
    expect(await text('k', v1.VersionId)).toBe('one');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket }));
    expect(listed.KeyCount).toBe(0);
    const onMarker = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: del.VersionId })));
    expect(onMarker.name).toBe('MethodNotAllowed');
    expect(onMarker.$metadata.httpStatusCode).toBe(405);
    // A 405 carries Allow: the only method a delete marker takes is DELETE.
    expect(onMarker.$response?.headers?.allow).toBe('DELETE');
    // Deleting the marker itself brings the object back.
    const undo = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: del.VersionId }));
    expect(undo.DeleteMarker).toBe(true);
    expect(await text('k')).toBe('one');
  });

  it('removes one version permanently when deleting by id', async () => {
    await versioned();
    const v1 = await put('k', 'one');
    await put('k', 'two');
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: v1.VersionId }));
    const err = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: v1.VersionId })));
    expect(err.name).toBe('NoSuchVersion');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('writes the null version while suspended, replacing the previous null version', async () => {
    await versioned();
    const kept = await put('k', 'versioned');
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    const a = await put('k', 'a');
    const b = await put('k', 'b');
    expect(a.VersionId).toBe('null');
    expect(b.VersionId).toBe('null');
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    expect(versions.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([
      ['null', true],
      [kept.VersionId, false],
    ]);
  });

  it('lists versions and delete markers newest first, paged by key and version markers', async () => {
    await versioned();
    const a1 = await put('a', '1');
    const a2 = await put('a', '2');
    const marker = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'a' }));
    const b1 = await put('b', '1');
    const all = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    expect(all.Versions?.map((v) => v.VersionId)).toEqual([a2.VersionId, a1.VersionId, b1.VersionId]);
    expect(all.DeleteMarkers?.map((d) => [d.VersionId, d.IsLatest])).toEqual([[marker.VersionId, true]]);
    const page1 = await s3.send(new ListObjectVersionsCommand({ Bucket, MaxKeys: 2 }));
    expect(page1.IsTruncated).toBe(true);
    expect(page1.NextKeyMarker).toBe('a');
    expect(page1.NextVersionIdMarker).toBe(a2.VersionId);
    const page2 = await s3.send(
      new ListObjectVersionsCommand({ Bucket, MaxKeys: 2, KeyMarker: page1.NextKeyMarker, VersionIdMarker: page1.NextVersionIdMarker }),
    );
    expect(page2.Versions?.map((v) => v.VersionId)).toEqual([a1.VersionId, b1.VersionId]);
    expect(page2.IsTruncated).toBe(false);
  });

  it('lists objects of an unversioned bucket with the null version id', async () => {
    await s3.send(new CreateBucketCommand({ Bucket }));
    const out = await put('k', 'x');
    expect(out.VersionId).toBeUndefined();
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    expect(versions.Versions?.[0].VersionId).toBe('null');
  });
});

describe('DeleteObjects', () => {
  it('deletes many keys and reports each one, with markers in a versioned bucket', async () => {
    await versioned();
    await put('a', '1');
    await put('b', '2');
    const out = await s3.send(
      new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }, { Key: 'never' }] } }),
    );
    expect(out.Deleted?.map((d) => d.Key)).toEqual(['a', 'b', 'never']);
    expect(out.Deleted?.every((d) => d.DeleteMarker === true && d.DeleteMarkerVersionId)).toBe(true);
    expect(out.Errors).toBeUndefined();
  });

  it('answers nothing per key in quiet mode', async () => {
    await s3.send(new CreateBucketCommand({ Bucket }));
    await put('a', '1');
    const out = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a' }], Quiet: true } }));
    expect(out.Deleted).toBeUndefined();
    expect((await s3.send(new ListObjectsV2Command({ Bucket }))).KeyCount).toBe(0);
  });

  it('reports per-key errors without failing the request', async () => {
    await s3.send(new CreateBucketCommand({ Bucket }));
    const out = await s3.send(
      new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'ok' }, { Key: 'x'.repeat(1100) }] } }),
    );
    expect(out.Deleted?.map((d) => d.Key)).toEqual(['ok']);
    expect(out.Errors?.[0].Code).toBe('KeyTooLongError');
  });
});
