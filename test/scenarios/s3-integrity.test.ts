/**
 * Scenario: the S3 details programs trip on in production: expired and
 * header-bound presigned URLs, response checksum validation, conditional
 * GETs, an aborted lib-storage Upload, and Upload's tags.
 */
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { mockAws } from '../../src/index';

const m = mockAws();
const s3 = new S3Client({ region: 'us-east-1' });
beforeEach(() => s3.send(new CreateBucketCommand({ Bucket: 'integrity' })));
afterEach(() => m.reset());
afterAll(() => m.stop());

describe('presigned URL rules', () => {
  it('refuses an expired URL with AccessDenied', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'integrity', Key: 'k', Body: 'v' }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'integrity', Key: 'k' }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 3600_000),
    });
    const res = await fetch(url);
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).toContain('<Code>AccessDenied</Code>');
    expect(text).toContain('<Message>Request has expired</Message>');
  });

  it('stores the Content-Type and metadata signed into a PUT URL', async () => {
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: 'integrity', Key: 'doc.json', ContentType: 'application/json', Metadata: { by: 'web' } }),
      { signableHeaders: new Set(['content-type']) },
    );
    // The SDK signed the CRC32 of an empty body into the URL; S3 ignores query-string checksums.
    expect(new URL(url).searchParams.get('x-amz-checksum-crc32')).toBe('AAAAAA==');
    expect(new URL(url).searchParams.get('x-amz-meta-by')).toBe('web');
    const res = await fetch(url, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'integrity', Key: 'doc.json' }));
    expect(got.ContentType).toBe('application/json');
    expect(got.Metadata).toEqual({ by: 'web' });
  });
});

describe('integrity checks the SDK makes', () => {
  it('validates the response checksum of GetObject with ChecksumMode ENABLED', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'integrity', Key: 'c', Body: 'checked body', ChecksumAlgorithm: 'SHA256' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'integrity', Key: 'c', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumSHA256).toBe('XYVmteQ6KwS+FtqeZmRw43Zkg8tO2eQeVh0h66BagY8=');
    expect(await got.Body!.transformToString()).toBe('checked body');
  });

  // S3 answers 304 with no body, so the error's name is the SDK's fallback (aws-sdk-js-v3#5860): test the status.
  it('answers a conditional GET with 304 Not Modified', async () => {
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'integrity', Key: 'e', Body: 'etagged' }));
    await expect(s3.send(new GetObjectCommand({ Bucket: 'integrity', Key: 'e', IfNoneMatch: ETag }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 304 },
    });
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'integrity', Key: 'e', IfMatch: '"00000000000000000000000000000000"' })),
    ).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
  });
});

describe('lib-storage Upload lifecycle', () => {
  it('tags a multipart upload after completing it', async () => {
    const body = Readable.from([Buffer.alloc(6 * 1024 * 1024, 1)]);
    await new Upload({
      client: s3,
      params: { Bucket: 'integrity', Key: 'tagged', Body: body },
      tags: [{ Key: 'team', Value: 'data' }],
    }).done();
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: 'integrity', Key: 'tagged' }));
    expect(tags.TagSet).toEqual([{ Key: 'team', Value: 'data' }]);
  });

  it('aborts the multipart upload when the program aborts', async () => {
    let sent = 0;
    const endless = new Readable({
      read() {
        sent++;
        setTimeout(() => this.push(Buffer.alloc(1024 * 1024, sent)), 1);
      },
    });
    const upload = new Upload({ client: s3, params: { Bucket: 'integrity', Key: 'aborted', Body: endless }, leavePartsOnError: false });
    const done = upload.done();
    await new Promise((r) => setTimeout(r, 300));
    await upload.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    endless.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'integrity' }));
    expect(uploads.Uploads ?? []).toEqual([]);
  });
});
