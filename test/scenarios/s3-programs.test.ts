/**
 * Scenario: S3 programs written the way users write them, run unchanged
 * against mockAws(): the SDK's waiters, paginators, lib-storage Upload,
 * presigned URLs fetched with global fetch, streamed GetObject bodies,
 * CopyObject across buckets, batched DeleteObjects and versioned listings.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  type ObjectIdentifier,
  PutBucketVersioningCommand,
  PutObjectCommand,
  paginateListBuckets,
  paginateListObjectsV2,
  S3Client,
  waitUntilBucketExists,
  waitUntilObjectExists,
  waitUntilObjectNotExists,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { mockAws } from '../../src/index';

const m = mockAws();
const s3 = new S3Client({ region: 'us-east-1' });
afterEach(() => m.reset());
afterAll(() => m.stop());

const waitFast = { client: s3, maxWaitTime: 5, minDelay: 1, maxDelay: 1 };

async function bucket(name: string): Promise<string> {
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  return name;
}

/** Puts many small objects, a few at a time (what a seeding script does). */
async function putMany(Bucket: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 100) {
    await Promise.all(keys.slice(i, i + 100).map((Key) => s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }))));
  }
}

/** A Readable of `size` bytes with no length known up front. */
function streamOf(size: number, chunk = 256 * 1024): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const n = Math.min(chunk, size - sent);
      this.push(Buffer.alloc(n, sent % 251));
      sent += n;
    },
  });
}

describe('S3 waiters', () => {
  it('waits for a bucket and for an object to appear and disappear', async () => {
    await bucket('waited');
    expect((await waitUntilBucketExists(waitFast, { Bucket: 'waited' })).state).toBe('SUCCESS');
    setTimeout(() => void s3.send(new PutObjectCommand({ Bucket: 'waited', Key: 'late', Body: 'x' })), 50);
    expect((await waitUntilObjectExists(waitFast, { Bucket: 'waited', Key: 'late' })).state).toBe('SUCCESS');
    await s3.send(new DeleteObjectCommand({ Bucket: 'waited', Key: 'late' }));
    expect((await waitUntilObjectNotExists(waitFast, { Bucket: 'waited', Key: 'late' })).state).toBe('SUCCESS');
  });

  it('times out waiting for a bucket that never comes', async () => {
    await expect(
      waitUntilBucketExists({ ...waitFast, maxWaitTime: 2 }, { Bucket: 'never-made' }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('S3 paginators', () => {
  it('pages 2,500 keys with a prefix and a delimiter', async () => {
    await bucket('many');
    const keys: string[] = [];
    for (let i = 0; i < 2500; i++) keys.push(`logs/${String(i).padStart(4, '0')}.txt`);
    for (let d = 0; d < 30; d++) keys.push(`logs/day-${d}/a.txt`, `logs/day-${d}/b.txt`);
    keys.push('other/x.txt');
    await putMany('many', keys);

    const contents: string[] = [];
    const prefixes: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2(
      { client: s3, pageSize: 1000 },
      { Bucket: 'many', Prefix: 'logs/', Delimiter: '/' },
    )) {
      pages++;
      for (const o of page.Contents ?? []) contents.push(o.Key!);
      for (const p of page.CommonPrefixes ?? []) prefixes.push(p.Prefix!);
    }
    expect(pages).toBe(3);
    expect(contents).toHaveLength(2500);
    expect(new Set(contents).size).toBe(2500);
    expect(contents).toEqual([...contents].sort());
    expect(prefixes).toHaveLength(30);
    expect(prefixes).toContain('logs/day-7/');
  });

  it('pages ListBuckets', async () => {
    for (let i = 0; i < 12; i++) await bucket(`pb-${String(i).padStart(2, '0')}`);
    const names: string[] = [];
    for await (const page of paginateListBuckets({ client: s3, pageSize: 5 }, {})) {
      for (const b of page.Buckets ?? []) names.push(b.Name!);
    }
    expect(names).toHaveLength(12);
    expect(new Set(names).size).toBe(12);
  });
});

describe('lib-storage Upload', () => {
  it('uploads a stream of unknown length as multipart with progress events', async () => {
    await bucket('uploads');
    const size = 12 * 1024 * 1024 + 123;
    const progress: number[] = [];
    const upload = new Upload({
      client: s3,
      params: { Bucket: 'uploads', Key: 'big.bin', Body: streamOf(size) },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
    });
    upload.on('httpUploadProgress', (p) => progress.push(p.loaded ?? 0));
    const out = await upload.done();
    expect(out.Key).toBe('big.bin');
    expect((out as { ETag?: string }).ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...progress)).toBe(size);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'uploads', Key: 'big.bin' }));
    expect(head.ContentLength).toBe(size);
    const body = await (await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'big.bin' }))).Body!.transformToByteArray();
    const expected = Buffer.concat(await streamOf(size).toArray());
    expect(Buffer.from(body).equals(expected)).toBe(true);
  });

  it('uploads a small string body with a single PutObject', async () => {
    await bucket('uploads');
    const before = m.calls().length;
    const out = await new Upload({ client: s3, params: { Bucket: 'uploads', Key: 'small.txt', Body: 'hello upload' } }).done();
    expect(out.Key).toBe('small.txt');
    const ops = m.calls().slice(before).map((c) => c.operation);
    expect(ops).toEqual(['PutObject']);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'small.txt' }));
    expect(await got.Body!.transformToString()).toBe('hello upload');
  });
});

describe('presigned URLs', () => {
  it('PUTs and GETs through fetch', async () => {
    await bucket('signed');
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'signed', Key: 'p.txt' }), {
      expiresIn: 300,
    });
    const put = await fetch(putUrl, { method: 'PUT', body: 'via presigned put' });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);

    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'signed', Key: 'p.txt' }), { expiresIn: 300 });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('via presigned put');

    const missing = await fetch(await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'signed', Key: 'nope' })));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<Code>NoSuchKey</Code>');
  });
});

describe('GetObject bodies', () => {
  it('is consumed as bytes, as a string, or piped to a Writable', async () => {
    await bucket('bodies');
    const data = Buffer.alloc(300_000, 7);
    await s3.send(new PutObjectCommand({ Bucket: 'bodies', Key: 'b', Body: data }));
    await s3.send(new PutObjectCommand({ Bucket: 'bodies', Key: 't', Body: 'héllo wörld' }));
    const get = (Key: string) => s3.send(new GetObjectCommand({ Bucket: 'bodies', Key }));

    expect(Buffer.from(await (await get('b')).Body!.transformToByteArray()).equals(data)).toBe(true);
    expect(await (await get('t')).Body!.transformToString()).toBe('héllo wörld');

    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    });
    await pipeline((await get('b')).Body as Readable, sink);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);

    const ranged = await s3.send(new GetObjectCommand({ Bucket: 'bodies', Key: 't', Range: 'bytes=0-4' }));
    expect(ranged.$metadata.httpStatusCode).toBe(206);
    expect(await ranged.Body!.transformToString()).toBe('héll');
  });
});

describe('copies and batch deletes', () => {
  it('copies an object between buckets, keeping metadata', async () => {
    await bucket('src-b');
    await bucket('dst-b');
    await s3.send(
      new PutObjectCommand({ Bucket: 'src-b', Key: 'a/b.json', Body: '{"x":1}', ContentType: 'application/json', Metadata: { owner: 'me' } }),
    );
    const out = await s3.send(new CopyObjectCommand({ Bucket: 'dst-b', Key: 'copy.json', CopySource: 'src-b/a/b.json' }));
    expect(out.CopyObjectResult?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'dst-b', Key: 'copy.json' }));
    expect(got.ContentType).toBe('application/json');
    expect(got.Metadata).toEqual({ owner: 'me' });
    expect(await got.Body!.transformToString()).toBe('{"x":1}');
  });

  it('deletes 1,500 keys in chunks of 1,000 (more in one call is MalformedXML)', async () => {
    await bucket('purge');
    const keys = Array.from({ length: 1500 }, (_, i) => `k/${i}`);
    await putMany('purge', keys);
    const ids: ObjectIdentifier[] = keys.map((Key) => ({ Key }));
    await expect(s3.send(new DeleteObjectsCommand({ Bucket: 'purge', Delete: { Objects: ids } }))).rejects.toMatchObject({
      name: 'MalformedXML',
      $metadata: { httpStatusCode: 400 },
    });
    let deleted = 0;
    for (let i = 0; i < ids.length; i += 1000) {
      const out = await s3.send(new DeleteObjectsCommand({ Bucket: 'purge', Delete: { Objects: ids.slice(i, i + 1000) } }));
      expect(out.Errors ?? []).toEqual([]);
      deleted += out.Deleted?.length ?? 0;
    }
    expect(deleted).toBe(1500);
    let left = 0;
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: 'purge' })) left += page.KeyCount ?? 0;
    expect(left).toBe(0);
  });

  // The SDK ships no paginator for ListObjectVersions: programs loop on the markers.
  it('pages a versioned bucket with ListObjectVersions markers', async () => {
    await bucket('versioned');
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }));
    for (let v = 0; v < 3; v++) await putMany('versioned', Array.from({ length: 40 }, (_, i) => `doc-${i}`));
    await s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'doc-0' }));
    const versions: string[] = [];
    let markers = 0;
    let pages = 0;
    let page: ListObjectVersionsCommandOutput | undefined;
    do {
      page = await s3.send(
        new ListObjectVersionsCommand({
          Bucket: 'versioned',
          MaxKeys: 25,
          KeyMarker: page?.NextKeyMarker,
          VersionIdMarker: page?.NextVersionIdMarker,
        }),
      );
      pages++;
      for (const v of page.Versions ?? []) versions.push(`${v.Key}@${v.VersionId}`);
      markers += page.DeleteMarkers?.length ?? 0;
    } while (page.IsTruncated);
    expect(new Set(versions).size).toBe(120);
    expect(markers).toBe(1);
    expect(pages).toBe(5);
  });
});
