import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { useS3 } from './support';

const Bucket = 'presigned';
const { s3 } = useS3({ Bucket });

describe('presigned URLs over plain HTTP', () => {
  it('uploads with a presigned PUT and downloads with a presigned GET', async () => {
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'up.txt' }), { expiresIn: 60 });
    const put = await fetch(putUrl, { method: 'PUT', body: 'uploaded via url' });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: 'up.txt' }), { expiresIn: 60 });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('uploaded via url');
  });

  it('answers 403 AccessDenied "Request has expired" once the URL expires', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: 'k' }), { expiresIn: 5 });
    jest.useFakeTimers({ now: Date.now() + 10_000, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'] });
    const res = await fetch(url);
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('<Message>Request has expired</Message>');
    expect(body).toContain('<X-Amz-Expires>5</X-Amz-Expires>');
  });
});
