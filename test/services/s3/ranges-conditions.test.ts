import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { fail, useS3 } from './support';

const Bucket = 'ranges';
const { s3 } = useS3();
const BODY = 'abcdefghijklmnopqrstuvwxyz';

async function seed() {
  await s3.send(new CreateBucketCommand({ Bucket }));
  return s3.send(new PutObjectCommand({ Bucket, Key: 'letters', Body: BODY }));
}

describe('byte ranges', () => {
  it('serves bytes=a-b as 206 with Content-Range', async () => {
    await seed();
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'letters', Range: 'bytes=2-5' }));
    expect(got.$metadata.httpStatusCode).toBe(206);
    expect(got.ContentRange).toBe('bytes 2-5/26');
    expect(got.ContentLength).toBe(4);
    expect(await got.Body?.transformToString()).toBe('cdef');
  });

  it('serves suffix and open-ended ranges', async () => {
    await seed();
    const tail = await s3.send(new GetObjectCommand({ Bucket, Key: 'letters', Range: 'bytes=-3' }));
    expect(await tail.Body?.transformToString()).toBe('xyz');
    const open = await s3.send(new GetObjectCommand({ Bucket, Key: 'letters', Range: 'bytes=20-' }));
    expect(await open.Body?.transformToString()).toBe('uvwxyz');
    expect(open.ContentRange).toBe('bytes 20-25/26');
  });

  it('clamps an end past the object to its last byte', async () => {
    await seed();
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'letters', Range: 'bytes=24-100' }));
    expect(await got.Body?.transformToString()).toBe('yz');
  });

  it('answers InvalidRange (416) for a start past the end', async () => {
    await seed();
    const err = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'letters', Range: 'bytes=26-30' })));
    expect(err.name).toBe('InvalidRange');
    expect(err.$metadata.httpStatusCode).toBe(416);
    expect(err.ActualObjectSize).toBe('26');
  });

  it('ignores a malformed Range and sends the whole object', async () => {
    await seed();
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'letters', Range: 'lines=1-2' }));
    expect(got.$metadata.httpStatusCode).toBe(200);
    expect(await got.Body?.transformToString()).toBe(BODY);
  });
});

describe('conditional reads', () => {
  it('answers 412 PreconditionFailed when If-Match differs', async () => {
    await seed();
    const err = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'letters', IfMatch: '"0000"' })));
    expect(err.name).toBe('PreconditionFailed');
    expect(err.Condition).toBe('If-Match');
    expect(err.$metadata.httpStatusCode).toBe(412);
  });

  it('serves the object when If-Match equals the ETag', async () => {
    const { ETag } = await seed();
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'letters', IfMatch: ETag }));
    expect(await got.Body?.transformToString()).toBe(BODY);
  });

  it('answers 304 when If-None-Match equals the ETag', async () => {
    const { ETag } = await seed();
    const err = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'letters', IfNoneMatch: ETag })));
    expect(err.$metadata.httpStatusCode).toBe(304);
    const head = await fail(s3.send(new HeadObjectCommand({ Bucket, Key: 'letters', IfNoneMatch: ETag })));
    expect(head.$metadata.httpStatusCode).toBe(304);
  });

  it('answers 304 when not modified since, and 412 when modified after If-Unmodified-Since', async () => {
    await seed();
    const future = new Date(Date.now() + 3600_000);
    const past = new Date(Date.now() - 3600_000);
    const notModified = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'letters', IfModifiedSince: future })));
    expect(notModified.$metadata.httpStatusCode).toBe(304);
    const modified = await s3.send(new GetObjectCommand({ Bucket, Key: 'letters', IfModifiedSince: past }));
    expect(modified.$metadata.httpStatusCode).toBe(200);
    const err = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'letters', IfUnmodifiedSince: past })));
    expect(err.name).toBe('PreconditionFailed');
    expect(err.$metadata.httpStatusCode).toBe(412);
  });

  it('lets If-Match win over a failing If-Unmodified-Since', async () => {
    const { ETag } = await seed();
    const past = new Date(Date.now() - 3600_000);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'letters', IfMatch: ETag, IfUnmodifiedSince: past }));
    expect(got.$metadata.httpStatusCode).toBe(200);
  });
});

describe('conditional writes', () => {
  it('refuses If-None-Match: * when the key exists, accepts it when it does not', async () => {
    await seed();
    const err = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'letters', Body: 'x', IfNoneMatch: '*' })));
    expect(err.name).toBe('PreconditionFailed');
    expect(err.$metadata.httpStatusCode).toBe(412);
    const ok = await s3.send(new PutObjectCommand({ Bucket, Key: 'fresh', Body: 'x', IfNoneMatch: '*' }));
    expect(ok.$metadata.httpStatusCode).toBe(200);
  });

  it('replaces only the ETag named by If-Match, and 404s when the key is missing', async () => {
    const { ETag } = await seed();
    const stale = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'letters', Body: 'x', IfMatch: '"abc"' })));
    expect(stale.name).toBe('PreconditionFailed');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'letters', Body: 'new', IfMatch: ETag }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'letters' }));
    expect(await got.Body?.transformToString()).toBe('new');
    const missing = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'ghost', Body: 'x', IfMatch: ETag })));
    expect(missing.name).toBe('NoSuchKey');
  });
});
