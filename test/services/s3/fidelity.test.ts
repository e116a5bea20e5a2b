/**
 * Conditional writes are atomic: of concurrent creates with If-None-Match: *
 * exactly one wins and the others answer 412 PreconditionFailed, whether they
 * are PutObjects or CompleteMultipartUploads. And user metadata named like
 * JavaScript's own properties is kept.
 */
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { useS3 } from './support';

const Bucket = 'atomic';
const { s3, m } = useS3({ Bucket });
/** A SigV4 Authorization header naming the default account: the raw requests below are signed, not anonymous. */
const SIGNED = {
  authorization: 'AWS4-HMAC-SHA256 Credential=123456789012/20261206/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00',
};

function outcome(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ok',
    (e: { name: string; $metadata?: { httpStatusCode?: number } }) => `${e.name} ${e.$metadata?.httpStatusCode}`,
  );
}

describe('atomic conditional writes', () => {
  it('lets exactly one of 50 concurrent If-None-Match: * multipart completions create the key', async () => {
    const Key = 'once';
    const uploads = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
        const { ETag } = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: `body ${i}` }));
        return { UploadId: UploadId as string, ETag: ETag as string, i };
      }),
    );
    const results = await Promise.all(
      uploads.map(({ UploadId, ETag }) =>
        outcome(
          s3.send(
            new CompleteMultipartUploadCommand({
              Bucket,
              Key,
              UploadId,
              IfNoneMatch: '*',
              MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] },
            }),
          ),
        ),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'PreconditionFailed 412')).toHaveLength(49);
    const winner = uploads[results.indexOf('ok')];
    const body = await (await s3.send(new GetObjectCommand({ Bucket, Key }))).Body?.transformToString();
    expect(body).toBe(`body ${winner.i}`);
  });

  it('lets exactly one of 50 concurrent If-None-Match: * PutObjects create the key', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        outcome(s3.send(new PutObjectCommand({ Bucket, Key: 'put-once', Body: `v${i}`, IfNoneMatch: '*' }))),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'PreconditionFailed 412')).toHaveLength(49);
  });

  it('keeps user metadata named constructor and toString', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'meta', Body: 'x', Metadata: { constructor: 'c', tostring: 't', other: 'o' } }));
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'meta' }));
    expect(head.Metadata).toEqual({ constructor: 'c', tostring: 't', other: 'o' });
  });

  it('keeps x-amz-meta-__proto__ as an ordinary metadata name', async () => {
    const put = await m.dispatcher.dispatch({
      method: 'PUT',
      url: new URL(`https://${Bucket}.s3.us-east-1.amazonaws.com/proto`),
      headers: { ...SIGNED, 'x-amz-meta-__proto__': 'p', 'x-amz-meta-constructor': 'c', 'content-length': '1' },
      body: Buffer.from('x'),
    });
    expect(put.status).toBe(200);
    const head = await m.dispatcher.dispatch({
      method: 'HEAD',
      url: new URL(`https://${Bucket}.s3.us-east-1.amazonaws.com/proto`),
      headers: { ...SIGNED },
      body: Buffer.alloc(0),
    });
    expect(head.headers['x-amz-meta-__proto__']).toBe('p');
    expect(head.headers['x-amz-meta-constructor']).toBe('c');
  });
});
