/**
 * Listing, multipart and HTTP-level details as S3 answers them (issue 11's
 * list). Raw requests go through the dispatcher to see the wire.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html
 */
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  GetBucketAclCommand,
  GetObjectAclCommand,
  HeadBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketTaggingCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { gzipSync } from 'node:zlib';
import { fail, useS3 } from './support';

const Bucket = 'details';
const { s3, m } = useS3({ Bucket });

const SIGNED = {
  authorization: 'AWS4-HMAC-SHA256 Credential=123456789012/20261206/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00',
};

const raw = (method: string, path: string, headers: Record<string, string> = {}) =>
  m.dispatcher.dispatch({
    method,
    url: new URL(`https://${Bucket}.s3.us-east-1.amazonaws.com${path}`),
    headers: { ...SIGNED, ...headers },
    body: Buffer.alloc(0),
  });

describe('S3 listing details', () => {
  beforeEach(() => s3.send(new PutObjectCommand({ Bucket, Key: 'a/1', Body: 'x' })));

  it('does not echo an empty Delimiter, and echoes StartAfter only when sent', async () => {
    const empty = (await raw('GET', '/?list-type=2&delimiter=')).body.toString();
    expect(empty).not.toContain('<Delimiter>');
    expect(empty).not.toContain('<StartAfter>');
    const after = (await raw('GET', '/?list-type=2&start-after=a')).body.toString();
    expect(after).toContain('<StartAfter>a</StartAfter>');
  });

  it('answers MaxKeys=0 with no keys and not truncated', async () => {
    const text = (await raw('GET', '/?list-type=2&max-keys=0')).body.toString();
    expect(text).toContain('<MaxKeys>0</MaxKeys>');
    expect(text).toContain('<IsTruncated>false</IsTruncated>');
    expect(text).not.toContain('<Contents>');
  });

  it('refuses max-keys that is not a number with InvalidArgument', async () => {
    const res = await raw('GET', '/?list-type=2&max-keys=blah');
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain('<Code>InvalidArgument</Code>');
  });
});

describe('S3 multipart and bucket details', () => {
  async function completedUpload(Key: string) {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: 'only part' }));
    const input = { Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } };
    return { input, first: await s3.send(new CompleteMultipartUploadCommand(input)) };
  }

  it('answers a repeated CompleteMultipartUpload of a completed upload with 200 and the same result', async () => {
    const { input, first } = await completedUpload('mp');
    const again = await s3.send(new CompleteMultipartUploadCommand(input));
    expect(again.$metadata.httpStatusCode).toBe(200);
    expect([again.ETag, again.Key, again.Bucket]).toEqual([first.ETag, first.Key, first.Bucket]);
  });

  it('answers GET and HEAD with partNumber 206 and x-amz-mp-parts-count', async () => {
    await completedUpload('mp');
    for (const method of ['GET', 'HEAD']) {
      const res = await raw(method, '/mp?partNumber=1');
      expect([res.status, res.headers['x-amz-mp-parts-count']]).toEqual([206, '1']);
    }
  });

  it('deletes a bucket that has only unfinished multipart uploads', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'a/1', Body: 'x' }));
    await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'k' }));
    // While an object is there, the bucket is not empty.
    expect((await fail(s3.send(new DeleteBucketCommand({ Bucket })))).name).toBe('BucketNotEmpty');
    await raw('DELETE', '/a/1');
    const del = await s3.send(new DeleteBucketCommand({ Bucket }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    expect((await fail(s3.send(new HeadBucketCommand({ Bucket })))).$metadata.httpStatusCode).toBe(404);
  });

  it('answers PutBucketTagging with 204', async () => {
    const out = await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } }));
    expect(out.$metadata.httpStatusCode).toBe(204);
  });

  it('refuses lifecycle dates that are not midnight UTC', async () => {
    const err = await fail(
      s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket,
          LifecycleConfiguration: { Rules: [{ ID: 'r', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Date: new Date('2030-01-01T10:00:00Z') } }] },
        }),
      ),
    );
    expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual(['InvalidArgument', 400, "'Date' must be at midnight GMT"]);
  });

  it('round-trips a gzip Content-Encoding body byte for byte', async () => {
    const gz = gzipSync(Buffer.from('compressed text'));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'gz', Body: gz, ContentEncoding: 'gzip' }));
    const res = await raw('GET', '/gz');
    expect(res.headers['Content-Encoding'] ?? res.headers['content-encoding']).toBe('gzip');
    expect(Buffer.compare(res.body as Buffer, gz)).toBe(0);
  });

  it('answers 304 with ETag and Last-Modified', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'cached', Body: 'x' }));
    const res = await raw('GET', '/cached', { 'if-none-match': put.ETag ?? '' });
    expect(res.status).toBe(304);
    expect(res.headers.ETag ?? res.headers.etag).toBe(put.ETag);
    expect(res.headers['Last-Modified'] ?? res.headers['last-modified']).toMatch(/GMT$/);
  });
});

describe('S3 grant headers', () => {
  const reader = 'a'.repeat(64);

  it('stores x-amz-grant-* on PutObject, PutObjectAcl and CreateBucket and returns them', async () => {
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'g', Body: 'x', GrantRead: `id="${reader}"`, GrantFullControl: `id="${reader}"` }));
    const acl = await s3.send(new GetObjectAclCommand({ Bucket, Key: 'g' }));
    expect(acl.Grants?.map((g) => [g.Grantee?.Type, g.Grantee?.ID, g.Permission])).toEqual([
      ['CanonicalUser', reader, 'FULL_CONTROL'],
      ['CanonicalUser', reader, 'READ'],
    ]);
    await s3.send(new PutObjectAclCommand({ Bucket, Key: 'g', GrantReadACP: `id="${reader}"` }));
    const after = await s3.send(new GetObjectAclCommand({ Bucket, Key: 'g' }));
    expect(after.Grants?.map((g) => g.Permission)).toEqual(['READ_ACP']);
    await s3.send(new CreateBucketCommand({ Bucket: 'granted', ObjectOwnership: 'ObjectWriter', GrantWrite: `id="${reader}"` }));
    const bucketAcl = await s3.send(new GetBucketAclCommand({ Bucket: 'granted' }));
    expect(bucketAcl.Grants?.map((g) => [g.Grantee?.ID, g.Permission])).toEqual([[reader, 'WRITE']]);
  });

  it('refuses a canned ACL together with grant headers, and grants on a bucket that disallows ACLs', async () => {
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    const both = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'g', Body: 'x', ACL: 'private', GrantRead: `id="${reader}"` })));
    expect([both.name, both.message]).toEqual(['InvalidRequest', 'Specifying both Canned ACLs and Header Grants is not allowed']);
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
    const disabled = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'g', Body: 'x', GrantRead: `id="${reader}"` })));
    expect(disabled.name).toBe('AccessControlListNotSupported');
  });
});
