import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { useS3 } from './support';

const { s3 } = useS3();

async function bucket(name = 'objects-bucket') {
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  return name;
}

describe('PutObject / GetObject', () => {
  it('stores the body and returns it with an MD5 ETag', async () => {
    const Bucket = await bucket();
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'a/b.txt', Body: 'hello world' }));
    const md5 = createHash('md5').update('hello world').digest('hex');
    expect(put.ETag).toBe(`"${md5}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'a/b.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello world');
    expect(got.ETag).toBe(`"${md5}"`);
    expect(got.ContentLength).toBe(11);
    expect(got.$metadata.httpStatusCode).toBe(200);
  });

  it('keeps user metadata and content headers', async () => {
    const Bucket = await bucket();
    const expires = new Date('2030-01-02T03:04:05Z');
    await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'k',
        Body: Buffer.from([1, 2, 3]),
        Metadata: { Owner: 'alice', 'x-trace': '42' },
        ContentType: 'application/x-thing',
        ContentEncoding: 'identity',
        ContentDisposition: 'attachment; filename="k.bin"',
        ContentLanguage: 'fr',
        CacheControl: 'max-age=60',
        Expires: expires,
        StorageClass: 'STANDARD_IA',
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }));
    expect(head.Metadata).toEqual({ owner: 'alice', 'x-trace': '42' });
    expect(head.ContentType).toBe('application/x-thing');
    expect(head.ContentEncoding).toBe('identity');
    expect(head.ContentDisposition).toBe('attachment; filename="k.bin"');
    expect(head.ContentLanguage).toBe('fr');
    expect(head.CacheControl).toBe('max-age=60');
    expect(head.Expires?.toISOString()).toBe(expires.toISOString());
    expect(head.StorageClass).toBe('STANDARD_IA');
    expect(head.ServerSideEncryption).toBe('AES256');
    expect(head.ContentLength).toBe(3);
  });

  it('stores a gzip Content-Encoding as metadata without decoding the body', async () => {
    // S3 treats Content-Encoding as object metadata: the stored bytes are what was sent.
    const Bucket = await bucket();
    const raw = Buffer.from('not really gzip');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'z', Body: raw, ContentEncoding: 'gzip' }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'z' }));
    expect(got.ContentEncoding).toBe('gzip');
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(raw);
  });

  it('answers NoSuchKey with the key for a missing object', async () => {
    const Bucket = await bucket();
    const err = await s3.send(new GetObjectCommand({ Bucket, Key: 'missing' })).catch((e) => e);
    expect(err.name).toBe('NoSuchKey');
    expect(err.Key).toBe('missing');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('answers NoSuchBucket for a missing bucket', async () => {
    const err = await s3.send(new PutObjectCommand({ Bucket: 'nope-bucket', Key: 'k', Body: 'x' })).catch((e) => e);
    expect(err.name).toBe('NoSuchBucket');
    expect(err.BucketName).toBe('nope-bucket');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('deletes an object', async () => {
    const Bucket = await bucket();
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    const err = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' })).catch((e) => e);
    expect(err.name).toBe('NotFound');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });
});

describe('archived objects', () => {
  it('refuses GetObject on a GLACIER object until RestoreObject', async () => {
    const { RestoreObjectCommand } = await import('@aws-sdk/client-s3');
    const Bucket = await bucket();
    await s3.send(new PutObjectCommand({ Bucket, Key: 'cold', Body: 'frozen', StorageClass: 'GLACIER' }));
    const err = await s3.send(new GetObjectCommand({ Bucket, Key: 'cold' })).catch((e) => e);
    expect(err.name).toBe('InvalidObjectState');
    expect(err.$metadata.httpStatusCode).toBe(403);
    const first = await s3.send(new RestoreObjectCommand({ Bucket, Key: 'cold', RestoreRequest: { Days: 1 } }));
    expect(first.$metadata.httpStatusCode).toBe(202);
    const again = await s3.send(new RestoreObjectCommand({ Bucket, Key: 'cold', RestoreRequest: { Days: 2 } }));
    expect(again.$metadata.httpStatusCode).toBe(200);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'cold' }));
    expect(await got.Body?.transformToString()).toBe('frozen');
    expect(got.Restore).toMatch(/^ongoing-request="false", expiry-date=".+ GMT"$/);
  });

  it('refuses RestoreObject on an object that is not archived', async () => {
    const { RestoreObjectCommand } = await import('@aws-sdk/client-s3');
    const Bucket = await bucket();
    await s3.send(new PutObjectCommand({ Bucket, Key: 'warm', Body: 'x' }));
    const err = await s3.send(new RestoreObjectCommand({ Bucket, Key: 'warm', RestoreRequest: { Days: 1 } })).catch((e) => e);
    expect(err.name).toBe('InvalidObjectState');
  });
});
