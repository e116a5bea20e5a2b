import {
  GetObjectTorrentCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  PutObjectRetentionCommand,
  UpdateObjectEncryptionCommand,
} from '@aws-sdk/client-s3';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { createHash, randomBytes } from 'node:crypto';
import { bencode } from '../../../services/s3/responses/torrent';
import { useS3 } from './support';

const Bucket = 'reencrypt';
const { s3 } = useS3({ Bucket, ObjectLockEnabledForBucket: true });
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const update = (Key: string, SSEKMS?: { KMSKeyArn: string; BucketKeyEnabled?: boolean }, VersionId?: string) =>
  s3.send(new UpdateObjectEncryptionCommand({ Bucket, Key, VersionId, ObjectEncryption: SSEKMS ? { SSEKMS } : ({} as never) }));

describe('UpdateObjectEncryption', () => {
  it('moves an SSE-S3 object to SSE-KMS in place, keeping ETag and LastModified', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'doc', Body: 'secret' }));
    const before = await s3.send(new HeadObjectCommand({ Bucket, Key: 'doc' }));
    expect(before.ServerSideEncryption).toBe('AES256');
    // A real key: reading an SSE-KMS object needs its key to exist and be enabled.
    const keyArn = (await new KMSClient({ region: 'us-east-1' }).send(new CreateKeyCommand({}))).KeyMetadata?.Arn ?? '';
    const res = await update('doc', { KMSKeyArn: keyArn, BucketKeyEnabled: true });
    expect(res.$metadata.httpStatusCode).toBe(200);
    const after = await s3.send(new HeadObjectCommand({ Bucket, Key: 'doc' }));
    expect(after).toMatchObject({
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: keyArn,
      BucketKeyEnabled: true,
      ETag: before.ETag,
      LastModified: before.LastModified,
    });
  });

  it('refuses SSE-C sources, a missing or malformed key ARN, and a key of another account', async () => {
    const customerKey = randomBytes(32);
    await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'ssec',
        Body: 'x',
        SSECustomerAlgorithm: 'AES256',
        SSECustomerKey: customerKey.toString('base64'),
        SSECustomerKeyMD5: createHash('md5').update(customerKey).digest('base64'),
      }),
    );
    await expect(update('ssec', { KMSKeyArn: KEY_ARN })).rejects.toMatchObject({
      name: 'InvalidRequest',
      message: expect.stringContaining("doesn't support source objects with the encryption type DSSE-KMS or SSE-C"),
    });
    await s3.send(new PutObjectCommand({ Bucket, Key: 'plain', Body: 'x' }));
    await expect(update('plain', { KMSKeyArn: 'alias/my-key' })).rejects.toMatchObject({
      name: 'InvalidRequest',
      message: expect.stringContaining('require a valid Amazon Web Services KMS key Amazon Resource Name (ARN)'),
    });
    await expect(update('plain', { KMSKeyArn: KEY_ARN.replace('123456789012', '999999999999') })).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: expect.stringContaining('must be owned by the same account as the bucket'),
    });
    await expect(update('plain')).rejects.toMatchObject({ name: 'InvalidRequest', message: expect.stringContaining('Valid values are SSEKMS') });
    await expect(update('missing', { KMSKeyArn: KEY_ARN })).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('refuses a version under an Object Lock retention or legal hold', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'held', Body: 'x' }));
    await s3.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'held', LegalHold: { Status: 'ON' } }));
    await expect(update('held', { KMSKeyArn: KEY_ARN })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('protected by S3 Object Lock'),
    });
    await s3.send(new PutObjectCommand({ Bucket, Key: 'retained', Body: 'x' }));
    await s3.send(
      new PutObjectRetentionCommand({
        Bucket,
        Key: 'retained',
        Retention: { Mode: 'GOVERNANCE', RetainUntilDate: new Date(Date.now() + 86400_000) },
      }),
    );
    await expect(update('retained', { KMSKeyArn: KEY_ARN })).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

describe('GetObjectTorrent', () => {
  it('returns a bencoded metainfo file with 256 KiB piece hashes of the object', async () => {
    const body = randomBytes(300 * 1024);
    await s3.send(new PutObjectCommand({ Bucket, Key: 'dir/big.bin', Body: body }));
    const res = await s3.send(new GetObjectTorrentCommand({ Bucket, Key: 'dir/big.bin' }));
    const torrent = Buffer.from((await res.Body?.transformToByteArray()) ?? []);
    const sha1 = (b: Buffer) => createHash('sha1').update(b).digest();
    const expected = bencode({
      announce: 'http://torrent.amazonaws.com:6969/announce',
      info: {
        length: body.length,
        name: 'dir/big.bin',
        'piece length': 262144,
        pieces: Buffer.concat([sha1(body.subarray(0, 262144)), sha1(body.subarray(262144))]),
        'x-amz-bucket': Bucket,
        'x-amz-key': 'dir/big.bin',
      },
    });
    expect(Buffer.compare(torrent, expected)).toBe(0);
    expect(torrent.toString('latin1')).toMatch(/^d8:announce42:http:\/\/torrent\.amazonaws\.com:6969\/announce4:infod6:lengthi307200e/);
  });

  it('answers NoSuchKey for a missing object', async () => {
    await expect(s3.send(new GetObjectTorrentCommand({ Bucket, Key: 'nope' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});
