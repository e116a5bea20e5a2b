/**
 * The S3 backend's object API for other services (putObject, getObject,
 * listKeys): what it stores is what the SDK reads back, through PutObject's
 * own path, and a bad bucket is S3's own error.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { createHash } from 'node:crypto';
import { useS3 } from './support';

const Bucket = 'shared-objects';
const { m, s3 } = useS3({ Bucket });
const backend = () => m.backends.s3();
const md5 = (b: Buffer | string) => `"${createHash('md5').update(b).digest('hex')}"`;

/** The AwsError a call throws (synchronously or as a rejection). */
async function thrown(call: () => unknown): Promise<any> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}

describe('S3Backend.putObject', () => {
  it('stores an object the SDK reads back with PutObject defaults (ETag, CRC64NVME, SSE-S3)', async () => {
    const body = Buffer.from('{"a":1}\n');
    const out = await (await backend()).putObject(Bucket, 'dir/data.json', body, {
      contentType: 'application/json',
      metadata: { Source: 'dynamodb' },
    });
    expect(out).toEqual({ etag: md5(body), versionId: undefined });
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'dir/data.json', ChecksumMode: 'ENABLED' }));
    expect(await got.Body?.transformToString()).toBe('{"a":1}\n');
    expect(got).toMatchObject({
      ETag: md5(body),
      ContentType: 'application/json',
      ContentLength: body.length,
      Metadata: { source: 'dynamodb' },
      ServerSideEncryption: 'AES256',
      ChecksumType: 'FULL_OBJECT',
    });
    expect(got.ChecksumCRC64NVME).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket }));
    expect(listed.Contents?.map((c) => [c.Key, c.Size])).toEqual([['dir/data.json', body.length]]);
  });

  it('gives a version id once versioning is on and keeps every version', async () => {
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const b = await backend();
    const first = await b.putObject(Bucket, 'k', Buffer.from('one'));
    const second = await b.putObject(Bucket, 'k', Buffer.from('two'));
    expect(first.versionId).toMatch(/^.{32}$/);
    expect(second.versionId).not.toBe(first.versionId);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    expect(versions.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([
      [second.versionId, true],
      [first.versionId, false],
    ]);
  });

  it("applies the bucket's default encryption, or the SSE the caller names", async () => {
    // A real key: reading an SSE-KMS object needs its key to exist and be enabled.
    const keyArn = (await new KMSClient({ region: 'us-east-1' }).send(new CreateKeyCommand({}))).KeyMetadata?.Arn ?? '';
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } }] },
      }),
    );
    const b = await backend();
    await b.putObject(Bucket, 'default', Buffer.from('x'));
    await b.putObject(Bucket, 'named', Buffer.from('x'), { serverSideEncryption: 'aws:kms' });
    const dflt = await s3.send(new HeadObjectCommand({ Bucket, Key: 'default' }));
    expect(dflt).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    const named = await s3.send(new HeadObjectCommand({ Bucket, Key: 'named' }));
    expect(named).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'arn:aws:kms:us-east-1:123456789012:alias/aws/s3' });
  });

  it("refuses what PutObject refuses: an empty key, a missing bucket, another account's bucket", async () => {
    const b = await backend();
    expect(await thrown(() => b.putObject(Bucket, '', Buffer.from('x')))).toMatchObject({ code: 'InvalidArgument', status: 400 });
    expect(await thrown(() => b.putObject('no-such-bucket', 'k', Buffer.from('x')))).toMatchObject({
      code: 'NoSuchBucket',
      status: 404,
      message: 'The specified bucket does not exist',
    });
    (await m.backends.s3('111122223333')).createBucket('someone-elses', 'us-east-1');
    expect(await thrown(() => b.putObject('someone-elses', 'k', Buffer.from('x')))).toMatchObject({ code: 'AccessDenied', status: 403 });
  });
});

describe('S3Backend.getObject', () => {
  it('reads what PutObject stored; undefined for a missing key or a deleted one', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'p', Body: 'payload', ContentType: 'text/plain', Metadata: { a: '1' } }));
    const b = await backend();
    await b.putObject(Bucket, 'untyped', Buffer.alloc(0));
    const got = b.getObject(Bucket, 'p');
    expect(got?.body.toString()).toBe('payload');
    expect(got).toMatchObject({ contentType: 'text/plain', metadata: { a: '1' }, etag: md5('payload') });
    expect(b.getObject(Bucket, 'untyped')).toMatchObject({ contentType: 'binary/octet-stream', body: Buffer.alloc(0) });
    expect(b.getObject(Bucket, 'absent')).toBeUndefined();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'p' }));
    expect(b.getObject(Bucket, 'p')).toBeUndefined();
    expect((await thrown(() => b.getObject('no-such-bucket', 'p'))).code).toBe('NoSuchBucket');
  });
});

describe('S3Backend.listKeys', () => {
  it('lists the live keys under a prefix in UTF-8 order, without deleted ones', async () => {
    const b = await backend();
    for (const key of ['in/b', 'in/a', 'in/\u{1F600}', 'in/\uFF21', 'inside', 'out/a', 'in/gone']) {
      await b.putObject(Bucket, key, Buffer.from(key));
    }
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'in/gone' }));
    expect([...b.listKeys(Bucket, 'in/')]).toEqual(['in/a', 'in/b', 'in/\uFF21', 'in/\u{1F600}']);
    expect([...b.listKeys(Bucket, '')]).toHaveLength(6);
    expect([...b.listKeys(Bucket, 'none/')]).toEqual([]);
  });

  it('throws NoSuchBucket at the call, before anything is read', async () => {
    const b = await backend();
    expect((await thrown(() => b.listKeys('no-such-bucket', ''))).code).toBe('NoSuchBucket');
  });
});
