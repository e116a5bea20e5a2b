import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { fail, useS3 } from './support';

const Bucket = 'checksums';
const { s3 } = useS3({ Bucket });

function crc32b64(data: string | Buffer): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out.toString('base64');
}

describe('upload checksums', () => {
  it('verifies and keeps the CRC32 the SDK sends by default, returning it in checksum mode', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'hello' }));
    expect(put.ChecksumCRC32).toBe(crc32b64('hello'));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'k', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC32).toBe(crc32b64('hello'));
    expect(got.ChecksumType).toBe('FULL_OBJECT');
    expect(await got.Body?.transformToString()).toBe('hello');
  });

  it('leaves checksums out unless checksum mode is enabled, and for ranged reads', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'hello' }));
    const plain = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }));
    expect(plain.ChecksumCRC32).toBeUndefined();
    const ranged = await s3.send(new GetObjectCommand({ Bucket, Key: 'k', Range: 'bytes=0-1', ChecksumMode: 'ENABLED' }));
    expect(ranged.ChecksumCRC32).toBeUndefined();
    expect(await ranged.Body?.transformToString()).toBe('he');
  });

  it.each([
    ['SHA256', 'ChecksumSHA256', (b: string) => createHash('sha256').update(b).digest('base64')],
    ['SHA1', 'ChecksumSHA1', (b: string) => createHash('sha1').update(b).digest('base64')],
    ['CRC32C', 'ChecksumCRC32C', undefined],
    ['CRC64NVME', 'ChecksumCRC64NVME', undefined],
  ] as const)('stores a %s checksum the SDK computed', async (algorithm, member, expected) => {
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'some bytes', ChecksumAlgorithm: algorithm }));
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k', ChecksumMode: 'ENABLED' }));
    expect(head[member]).toBeDefined();
    expect(head[member]).toBe(put[member]);
    if (expected) expect(head[member]).toBe(expected('some bytes'));
  });

  it('answers BadDigest when the sent checksum does not match the body', async () => {
    const err = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'hello', ChecksumCRC32: 'AAAAAA==' })));
    expect(err.name).toBe('BadDigest');
    expect(err.message).toBe('The CRC32 you specified did not match the calculated checksum.');
    expect(err.$metadata.httpStatusCode).toBe(400);
    const missing = await fail(s3.send(new HeadObjectCommand({ Bucket, Key: 'k' })));
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  it('answers InvalidRequest for a checksum header of the wrong size', async () => {
    const err = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'hello', ChecksumCRC32: 'AAAA' })));
    expect(err.name).toBe('InvalidRequest');
    expect(err.message).toBe('Value for x-amz-checksum-crc32 header is invalid.');
  });

  it('adds the default CRC64NVME to an object uploaded without a checksum', async () => {
    const bare = new S3Client({ region: 'us-east-1', requestChecksumCalculation: 'WHEN_REQUIRED' });
    await bare.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'hello' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k', ChecksumMode: 'ENABLED' }));
    expect(head.ChecksumCRC64NVME).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    expect(head.ChecksumType).toBe('FULL_OBJECT');
  });
});

describe('Content-MD5', () => {
  it('accepts a matching Content-MD5', async () => {
    const md5 = createHash('md5').update('hello').digest('base64');
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'hello', ContentMD5: md5 }));
    expect(put.$metadata.httpStatusCode).toBe(200);
  });

  it('answers BadDigest for a mismatched one and InvalidDigest for a malformed one', async () => {
    const wrong = createHash('md5').update('other').digest('base64');
    const bad = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'hello', ContentMD5: wrong })));
    expect(bad.name).toBe('BadDigest');
    expect(bad.message).toBe('The Content-MD5 you specified did not match what we received.');
    const invalid = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'hello', ContentMD5: 'abc' })));
    expect(invalid.name).toBe('InvalidDigest');
  });
});

describe('aws-chunked streaming uploads', () => {
  it('decodes a stream of unknown length and verifies its trailing checksum', async () => {
    const body = Readable.from([Buffer.from('hello '), Buffer.from('streaming world')]);
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'stream', Body: body }));
    expect(put.ChecksumCRC32).toBe(crc32b64('hello streaming world'));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'stream' }));
    expect(await got.Body?.transformToString()).toBe('hello streaming world');
    expect(got.ContentLength).toBe(21);
    expect(got.ContentEncoding).toBeUndefined();
  });
});
