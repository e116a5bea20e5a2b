/**
 * S3's wire quirks: virtual-host vs path-style addressing, aws-chunked bodies
 * (unsigned with trailer as the v3 SDK sends them, and the signed variants of
 * other SDKs), and the real captured requests as fixtures.
 */
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { spec } from '../../services/s3/spec';
import { createRequest } from '../../src/core/request';
import { bucketFromHost } from '../../src/protocols/s3/addressing';
import { decodeAwsChunked } from '../../src/protocols/s3/aws-chunked';
import { restXmlProtocol } from '../../src/protocols/rest-xml';
import { readCaptures } from './support/capture-file';
import { capturingClient, parseRequest } from './support/rest-capture';

const SIG = 'a'.repeat(64);

function chunkedPut(body: string, headers: Record<string, string>) {
  return createRequest({
    method: 'PUT',
    url: 'https://my-bucket.s3.us-east-1.amazonaws.com/k',
    headers: { 'content-encoding': 'aws-chunked', ...headers },
    body: Buffer.from(body, 'latin1'),
  });
}

describe('S3 addressing', () => {
  it.each([
    ['my-bucket.s3.amazonaws.com', 'my-bucket'],
    ['my-bucket.s3.us-east-1.amazonaws.com', 'my-bucket'],
    ['my-bucket.s3-us-west-2.amazonaws.com', 'my-bucket'],
    ['my-bucket.s3.dualstack.eu-west-1.amazonaws.com', 'my-bucket'],
    ['my-bucket.s3-accelerate.amazonaws.com', 'my-bucket'],
    ['my-bucket.s3.cn-north-1.amazonaws.com.cn', 'my-bucket'],
    ['my.dotted.bucket.s3.us-east-1.amazonaws.com', 'my.dotted.bucket'],
    ['my-bucket.localhost', 'my-bucket'],
    ['my-bucket.s3.localhost.localstack.cloud', 'my-bucket'],
    ['s3.amazonaws.com', undefined],
    ['s3.us-east-1.amazonaws.com', undefined],
    ['localhost', undefined],
    ['127.0.0.1', undefined],
    ['123456789012.s3-control.us-east-1.amazonaws.com', undefined],
    ['example.com', undefined],
  ])('%s names bucket %s', (host, bucket) => {
    expect(bucketFromHost(host)).toBe(bucket);
  });

  it.each([
    ['the default virtual-host endpoint', {}, 'my-bucket.s3.us-east-1.amazonaws.com'],
    ['path style', { forcePathStyle: true }, 's3.us-east-1.amazonaws.com'],
    ['a custom endpoint without forcePathStyle', { endpoint: 'http://localhost:4566' }, 'my-bucket.localhost'],
    ['a custom endpoint, path style', { endpoint: 'http://localhost:4566', forcePathStyle: true }, 'localhost'],
    ['an IP endpoint', { endpoint: 'http://127.0.0.1:4566' }, '127.0.0.1'],
  ])('finds bucket and key with %s', async (_label, config, host) => {
    const s3 = capturingClient(S3Client, config);
    const req = await s3.capture(new GetObjectCommand({ Bucket: 'my-bucket', Key: 'dir/a b+c.txt' }));
    expect(req.url.hostname).toBe(host);
    expect(parseRequest(restXmlProtocol, spec, req)).toMatchObject({
      operation: 'GetObject',
      input: { Bucket: 'my-bucket', Key: 'dir/a b+c.txt' },
    });
    const head = await s3.capture(new HeadBucketCommand({ Bucket: 'my-bucket' }));
    expect(parseRequest(restXmlProtocol, spec, head)).toEqual({ operation: 'HeadBucket', input: { Bucket: 'my-bucket' } });
  });

  it('sends a dotted bucket path-style and still finds it', async () => {
    const s3 = capturingClient(S3Client, { endpoint: 'http://localhost:4566' });
    const req = await s3.capture(new HeadBucketCommand({ Bucket: 'my.bucket' }));
    expect(req.url.pathname).toBe('/my.bucket/');
    expect(parseRequest(restXmlProtocol, spec, req).input).toEqual({ Bucket: 'my.bucket' });
  });
});

describe('aws-chunked bodies', () => {
  it('decodes a streamed PutObject from the real client and exposes its trailer checksum', async () => {
    const s3 = capturingClient(S3Client, { forcePathStyle: true });
    const req = await s3.capture(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'k',
        Body: Readable.from([Buffer.from('hello '), Buffer.from('streaming world')]),
        ContentEncoding: 'gzip',
      }),
    );
    expect(req.headers['content-encoding']).toMatch(/aws-chunked/);
    expect(req.headers['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    const { input } = parseRequest(restXmlProtocol, spec, req);
    expect((input.Body as Buffer).toString()).toBe('hello streaming world');
    expect(input.ChecksumCRC32).toBe('as8sYA==');
    expect(input.ContentEncoding).toBe('gzip');
    expect(input.ContentLength).toBe(21);
  });

  it('decodes the signed form with chunk signatures', () => {
    const body = `5;chunk-signature=${SIG}\r\nhello\r\n6;chunk-signature=${SIG}\r\n world\r\n0;chunk-signature=${SIG}\r\n\r\n`;
    const req = chunkedPut(body, {
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'x-amz-decoded-content-length': '11',
    });
    const { input } = parseRequest(restXmlProtocol, spec, req);
    expect((input.Body as Buffer).toString()).toBe('hello world');
    expect(input.ContentEncoding).toBeUndefined();
  });

  it('decodes the signed form with a trailer and ignores the trailer signature', () => {
    const body =
      `5;chunk-signature=${SIG}\r\nhello\r\n0;chunk-signature=${SIG}\r\n` +
      `x-amz-checksum-sha256:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=\r\nx-amz-trailer-signature:${SIG}\r\n\r\n`;
    const req = chunkedPut(body, {
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
      'x-amz-trailer': 'x-amz-checksum-sha256',
      'x-amz-decoded-content-length': '5',
    });
    const { input } = parseRequest(restXmlProtocol, spec, req);
    expect((input.Body as Buffer).toString()).toBe('hello');
    expect(input.ChecksumSHA256).toBe('LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=');
  });

  it('keeps binary chunk data byte for byte', () => {
    const data = Buffer.from([0, 13, 10, 255, 128, 13, 10]);
    const body = Buffer.concat([Buffer.from('7\r\n'), data, Buffer.from('\r\n0\r\n\r\n')]);
    expect(decodeAwsChunked(body).payload.equals(data)).toBe(true);
  });

  it('answers IncompleteBody when the chunks do not add up to x-amz-decoded-content-length', () => {
    const req = chunkedPut('5\r\nhello\r\n0\r\n\r\n', {
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': '6',
    });
    const op = restXmlProtocol.resolveOperation(req, spec)!;
    expect(() => restXmlProtocol.parse(req, op, spec)).toThrow(
      expect.objectContaining({ code: 'IncompleteBody', status: 400 }),
    );
  });

  it.each([
    ['a non-hex size', 'zz\r\nhello\r\n0\r\n\r\n'],
    ['a chunk shorter than its size', 'a\r\nhello\r\n'],
    ['a missing terminating chunk', '5\r\nhello\r\n'],
    ['data not followed by CRLF', '3\r\nhello\r\n0\r\n\r\n'],
  ])('answers IncompleteBody for %s', (_label, body) => {
    const req = chunkedPut(body, { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' });
    const op = restXmlProtocol.resolveOperation(req, spec)!;
    expect(() => restXmlProtocol.parse(req, op, spec)).toThrow(expect.objectContaining({ code: 'IncompleteBody' }));
  });
});

describe('captured S3 requests (fixtures)', () => {
  const captures = [
    ...readCaptures('s3-putobject.txt'),
    ...readCaptures('s3-putobject-pathstyle-http.txt'),
    ...readCaptures('extra-s3-vhost-custom-endpoint.txt'),
  ];
  const parsed = new Map(captures.map((c) => [c.label, parseRequest(restXmlProtocol, spec, c.request)]));

  it('routes every captured request to the operation it was made by', () => {
    const ops = captures.map((c) => [c.label.split(' ')[0], parsed.get(c.label)?.operation]);
    for (const [labelOp, operation] of ops) {
      // Labels start with the operation, except the ones made to probe a response.
      if (/^[A-Z][A-Za-z0-9]+$/.test(String(labelOp)) && spec.operations[String(labelOp)]) {
        expect(operation).toBe(labelOp);
      }
    }
    expect(parsed.size).toBe(25);
  });

  it('reads bucket, key, metadata and bodies from them', () => {
    expect(parsed.get('PutObject string body (virtual-host, default endpoint)')?.input).toMatchObject({
      Bucket: 'my-bucket',
      Key: 'dir/a b+c.txt',
      Metadata: { foo: 'bar' },
      ContentType: 'text/plain',
      ChecksumCRC32: 'DUoRhQ==',
      Body: Buffer.from('hello world'),
    });
    expect(parsed.get('PutObject stream body path-style http endpoint')?.input).toMatchObject({
      Bucket: 'my-bucket',
      Key: 'stream.txt',
      Body: Buffer.from('hello streaming world'),
      ChecksumCRC32: 'as8sYA==',
    });
    expect(parsed.get('CreateBucket eu-west-1')?.input).toEqual({
      Bucket: 'my-bucket',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    });
    expect(parsed.get('ListObjectsV2 request')?.input).toEqual({
      Bucket: 'my-bucket',
      Prefix: 'a/',
      ContinuationToken: 'tok',
    });
    expect(parsed.get('CopyObject 200 with Error body')?.input).toMatchObject({ CopySource: 'src-bucket/src key' });
    expect(parsed.get('UploadPart')?.input).toMatchObject({ UploadId: 'u1', PartNumber: 1 });
    expect(parsed.get('HeadBucket custom endpoint, forcePathStyle=false')).toEqual({
      operation: 'HeadBucket',
      input: { Bucket: 'my-bucket' },
    });
  });
});
