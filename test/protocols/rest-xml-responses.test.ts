/**
 * rest-xml responses and errors as the real S3 client reads them: our
 * protocol serializes, the SDK's own deserializer (and its S3 middleware:
 * checksum validation, 200-with-error) parses.
 */
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { spec } from '../../services/s3/spec';
import { AwsError } from '../../src/core/errors';
import { createRequest } from '../../src/core/request';
import { fillErrorStatus } from '../../src/protocols/errors';
import { HTTP_STATUS } from '../../src/protocols/rest-protocol';
import { restXmlProtocol } from '../../src/protocols/rest-xml';
import { answeringClient, bodyText } from './support/rest-capture';

const s3 = answeringClient(S3Client, { forcePathStyle: true });
const meta = { requestId: 'REQ-1' };

function respond(opName: string, output: Record<string, unknown>, method?: string) {
  const op = spec.operations[opName];
  const request = method ? createRequest({ method, url: 'https://s3.amazonaws.com/b/k' }) : undefined;
  return restXmlProtocol.serialize(output, op, spec, { ...meta, request });
}

function errorResponse(opName: string, error: AwsError, method = 'GET') {
  fillErrorStatus(spec, error);
  const request = createRequest({ method, url: 'https://s3.amazonaws.com/b/k' });
  return restXmlProtocol.serializeError(error, spec.operations[opName], spec, { ...meta, request });
}

const modified = new Date('2024-01-02T03:04:05Z');

describe('rest-xml responses (S3 through the real client)', () => {
  it('writes ListObjectsV2 as a ListBucketResult the SDK reads back', async () => {
    const output = {
      Name: 'b',
      Prefix: 'a/',
      Delimiter: '/',
      MaxKeys: 2,
      KeyCount: 2,
      IsTruncated: true,
      NextContinuationToken: 'next<&>',
      Contents: [
        { Key: 'a/1 & 2.txt', LastModified: modified, ETag: '"e1"', Size: 11, StorageClass: 'STANDARD', Owner: { ID: 'o' } },
        { Key: 'a/3', LastModified: modified, ETag: '"e2"', Size: 0, StorageClass: 'GLACIER' },
      ],
      CommonPrefixes: [{ Prefix: 'a/d1/' }, { Prefix: 'a/d2/' }],
    };
    const res = respond('ListObjectsV2', output);
    expect(bodyText(res)).toMatch(/^<\?xml[^>]*>\n<ListBucketResult xmlns="http:\/\/s3\.amazonaws\.com\/doc\/2006-03-01\/">/);
    const result = await s3.send(new ListObjectsV2Command({ Bucket: 'b' }), res);
    expect(result).toMatchObject(output);
    expect(result.$metadata).toMatchObject({ httpStatusCode: 200, requestId: 'REQ-1' });
    expect(result.$metadata.extendedRequestId).toEqual(expect.any(String));
  });

  it('writes GetObject headers, metadata and body, with a checksum the SDK validates', async () => {
    const body = Buffer.from('hello');
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(crc32(body) >>> 0);
    const res = respond('GetObject', {
      Body: body,
      ContentType: 'text/plain',
      ContentLength: 5,
      ETag: '"e"',
      LastModified: modified,
      Metadata: { foo: 'bar', 'with-dash': 'x y' },
      ChecksumCRC32: checksum.toString('base64'),
      TagCount: 2,
    });
    expect(res.headers['last-modified']).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    const result = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }), res);
    expect(await result.Body.transformToString()).toBe('hello');
    expect(result).toMatchObject({
      ContentType: 'text/plain',
      ContentLength: 5,
      ETag: '"e"',
      LastModified: modified,
      Metadata: { foo: 'bar', 'with-dash': 'x y' },
      TagCount: 2,
    });
  });

  it('passes a streamed (Readable) body through unbuffered', async () => {
    const body = Readable.from([Buffer.from('part one, '), Buffer.from('part two')]);
    const res = respond('GetObject', { Body: body, ContentLength: 18 });
    expect(res.body).toBe(body);
    const result = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }), res);
    expect(await result.Body.transformToString()).toBe('part one, part two');
  });

  it('takes a success status the model cannot express from the HTTP_STATUS mark (206)', async () => {
    const output = { Body: Buffer.from('cdef'), ContentRange: 'bytes 2-5/26', ContentLength: 4 };
    Object.defineProperty(output, HTTP_STATUS, { value: 206 });
    const res = respond('GetObject', output);
    expect(res.status).toBe(206);
    const result = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k', Range: 'bytes=2-5' }), res);
    expect(result).toMatchObject({ ContentRange: 'bytes 2-5/26', $metadata: { httpStatusCode: 206 } });
  });

  it('answers HEAD with headers and no body', async () => {
    const res = respond('HeadObject', { ContentLength: 1234, ContentType: 'image/png', Metadata: { a: '1' } }, 'HEAD');
    expect(res.body).toEqual(Buffer.alloc(0));
    expect(res.headers['content-length']).toBe('1234');
    const result = await s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'k' }), res);
    expect(result).toMatchObject({ ContentLength: 1234, ContentType: 'image/png', Metadata: { a: '1' } });
  });

  it('writes GetBucketLocation as the text of its root element', async () => {
    const res = respond('GetBucketLocation', { LocationConstraint: 'eu-west-1' });
    expect(bodyText(res)).toContain(
      '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>',
    );
    expect(await s3.send(new GetBucketLocationCommand({ Bucket: 'b' }), res)).toMatchObject({
      LocationConstraint: 'eu-west-1',
    });
    // us-east-1 is an empty element: the field is then absent.
    const empty = await s3.send(new GetBucketLocationCommand({ Bucket: 'b' }), respond('GetBucketLocation', {}));
    expect(empty.LocationConstraint).toBeUndefined();
  });

  it('writes lists wrapped with their item names, flattened lists and xsi:type attributes', async () => {
    const buckets = await s3.send(
      new ListBucketsCommand({}),
      respond('ListBuckets', {
        Buckets: [
          { Name: 'b1', CreationDate: modified },
          { Name: 'b2', CreationDate: modified },
        ],
        Owner: { ID: 'o', DisplayName: 'me' },
      }),
    );
    expect(buckets.Buckets).toEqual([
      { Name: 'b1', CreationDate: modified },
      { Name: 'b2', CreationDate: modified },
    ]);

    const deleted = await s3.send(
      new DeleteObjectsCommand({ Bucket: 'b', Delete: { Objects: [{ Key: 'a' }] } }),
      respond('DeleteObjects', {
        Deleted: [{ Key: 'a' }, { Key: 'b', DeleteMarker: true }],
        Errors: [{ Key: 'c', Code: 'AccessDenied', Message: 'no' }],
      }),
    );
    expect(deleted).toMatchObject({
      Deleted: [{ Key: 'a' }, { Key: 'b', DeleteMarker: true }],
      Errors: [{ Key: 'c', Code: 'AccessDenied', Message: 'no' }],
    });

    const aclResponse = respond('GetObjectAcl', {
      Owner: { ID: 'o' },
      Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'id1' }, Permission: 'FULL_CONTROL' }],
    });
    expect(bodyText(aclResponse)).toContain(
      '<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">',
    );
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: 'b', Key: 'k' }), aclResponse);
    expect(acl.Grants).toEqual([{ Grantee: { Type: 'CanonicalUser', ID: 'id1' }, Permission: 'FULL_CONTROL' }]);
  });

  it('writes a string payload raw and a structure payload under its own root', async () => {
    const policy = '{"Version":"2012-10-17","Statement":[]}';
    const res = respond('GetBucketPolicy', { Policy: policy });
    expect(bodyText(res)).toBe(policy);
    expect((await s3.send(new GetBucketPolicyCommand({ Bucket: 'b' }), res)).Policy).toBe(policy);

    const copy = respond('CopyObject', { CopyObjectResult: { ETag: '"e"', LastModified: modified }, VersionId: 'v' });
    expect(bodyText(copy)).toContain('<CopyObjectResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">');
    const copied = await s3.send(new CopyObjectCommand({ Bucket: 'b', Key: 'k', CopySource: 's/k' }), copy);
    expect(copied).toMatchObject({ CopyObjectResult: { ETag: '"e"', LastModified: modified }, VersionId: 'v' });
  });
});

describe('rest-xml errors (S3 through the real client)', () => {
  it('writes NoSuchKey as an S3 <Error> with its Key, request id and host id', async () => {
    const res = errorResponse('GetObject', new AwsError('NoSuchKey', 'The specified key does not exist.', { fields: { Key: 'nope' } }));
    expect(res.status).toBe(404);
    expect(bodyText(res)).toMatch(/^<\?xml[^>]*>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist\.<\/Message><Key>nope<\/Key><RequestId>REQ-1<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/);
    const err = await s3.fail(new GetObjectCommand({ Bucket: 'b', Key: 'nope' }), res);
    expect(err.name).toBe('NoSuchKey');
    expect(err.message).toBe('The specified key does not exist.');
    expect(err.Key).toBe('nope');
    expect(err.$fault).toBe('client');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 404, requestId: 'REQ-1' });
  });

  it('writes modelled error members and extra headers', async () => {
    const error = new AwsError('InvalidObjectState', 'The operation is not valid for the object storage class.', {
      fields: { StorageClass: 'GLACIER', AccessTier: 'ARCHIVE_ACCESS' },
      headers: { 'x-amz-bucket-region': 'eu-west-1' },
    });
    const res = errorResponse('GetObject', error);
    expect(res.status).toBe(403);
    expect(res.headers['x-amz-bucket-region']).toBe('eu-west-1');
    const err = await s3.fail(new GetObjectCommand({ Bucket: 'b', Key: 'k' }), res);
    expect(err).toMatchObject({ name: 'InvalidObjectState', StorageClass: 'GLACIER', AccessTier: 'ARCHIVE_ACCESS' });
  });

  it('sends HEAD errors without a body, which the SDK names NotFound on 404', async () => {
    const res = errorResponse('HeadObject', new AwsError('NoSuchKey', 'Not Found', { status: 404 }), 'HEAD');
    expect(res.body).toEqual(Buffer.alloc(0));
    expect(res.headers['x-amz-request-id']).toBe('REQ-1');
    const err = await s3.fail(new HeadObjectCommand({ Bucket: 'b', Key: 'nope' }), res);
    expect(err.name).toBe('NotFound');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 404, requestId: 'REQ-1' });
  });

  it('sends 304 Not Modified without a body', async () => {
    const res = errorResponse('GetObject', new AwsError('NotModified', 'Not Modified', { status: 304, headers: { etag: '"e"' } }));
    expect(res.body).toEqual(Buffer.alloc(0));
    expect(res.headers.etag).toBe('"e"');
    const err = await s3.fail(new GetObjectCommand({ Bucket: 'b', Key: 'k', IfNoneMatch: '"e"' }), res);
    expect(err.$metadata.httpStatusCode).toBe(304);
  });

  it('sends an <Error> with status 200 for the operations S3 fails after answering 200', async () => {
    const error = new AwsError('InternalError', 'We encountered an internal error. Please try again.', { status: 200 });
    const res = errorResponse('CopyObject', error, 'PUT');
    expect(res.status).toBe(200);
    const err = await s3.fail(new CopyObjectCommand({ Bucket: 'b', Key: 'k', CopySource: 's/k' }), res);
    expect(err.name).toBe('InternalError');
    expect(err.message).toBe('We encountered an internal error. Please try again.');
  });

  it('uses the <ErrorResponse> envelope for rest-xml services other than S3', async () => {
    const other = { ...spec, endpointPrefix: 'route53' };
    const error = new AwsError('NoSuchBucket', 'gone', { status: 404, fields: { BucketName: 'b' } });
    const res = restXmlProtocol.serializeError(error, other.operations.GetObject, other, meta);
    expect(bodyText(res)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Error><Type>Sender</Type><Code>NoSuchBucket</Code><Message>gone</Message><BucketName>b</BucketName></Error><RequestId>REQ-1</RequestId></ErrorResponse>',
    );
    expect(res.headers['x-amzn-requestid']).toBe('REQ-1');
    const err = await s3.fail(new GetObjectCommand({ Bucket: 'b', Key: 'k' }), res);
    expect(err).toMatchObject({ name: 'NoSuchBucket', message: 'gone', BucketName: 'b' });
  });

  it('escapes messages and codes that hold XML characters', async () => {
    const res = errorResponse('GetObject', new AwsError('InvalidArgument', 'a <b> & "c"', { status: 400 }));
    const err = await s3.fail(new GetObjectCommand({ Bucket: 'b', Key: 'k' }), res);
    expect(err).toMatchObject({ name: 'InvalidArgument', message: 'a <b> & "c"' });
  });
});
