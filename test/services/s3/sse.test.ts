/**
 * Server-side encryption headers: the SSE-C triple and its conflicts, and
 * SSE-KMS through the KMS backend (the key must exist and be enabled for
 * writes and reads; S3 relays KMS's error as KMS.<code>).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html
 */
import { CreateKeyCommand, DisableKeyCommand, KMSClient, ListAliasesCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import {
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { fail, useS3 } from './support';

const Bucket = 'encrypted';
const { s3, m } = useS3({ Bucket });
const kms = new KMSClient({ region: 'us-east-1' });

const newKey = async () => (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.Arn ?? '';

describe('SSE-KMS through KMS', () => {
  it("uses the account's aws/s3 managed key when no key is named, and records its key ARN", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }));
    expect(put.SSEKMSKeyId).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
    const aliases = (await kms.send(new ListAliasesCommand({}))).Aliases ?? [];
    const managed = aliases.find((a) => a.AliasName === 'alias/aws/s3');
    expect(put.SSEKMSKeyId).toBe(`arn:aws:kms:us-east-1:123456789012:key/${managed?.TargetKeyId}`);
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }))).SSEKMSKeyId).toBe(put.SSEKMSKeyId);
  });

  it('refuses a key KMS does not have with KMS.NotFoundException and stores nothing', async () => {
    const err = await fail(
      s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000' })),
    );
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(['KMS.NotFoundException', 400]);
    expect((await fail(s3.send(new HeadObjectCommand({ Bucket, Key: 'k' })))).$metadata.httpStatusCode).toBe(404);
  });

  it('fails writes and reads with KMS.DisabledException once the key is disabled', async () => {
    const keyArn = await newKey();
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    await kms.send(new DisableKeyCommand({ KeyId: keyArn }));
    const read = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'k' })));
    expect([read.name, read.$metadata.httpStatusCode]).toEqual(['KMS.DisabledException', 400]);
    expect(read.message).toContain(keyArn);
    const write = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'k2', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn })));
    expect(write.name).toBe('KMS.DisabledException');
  });

  it('fails with KMS.KMSInvalidStateException for a key pending deletion, also as the bucket default', async () => {
    const keyArn = await newKey();
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } }] },
      }),
    );
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    expect([put.ServerSideEncryption, put.SSEKMSKeyId]).toEqual(['aws:kms', keyArn]);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyArn, PendingWindowInDays: 7 }));
    const err = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'k2', Body: 'x' })));
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(['KMS.KMSInvalidStateException', 400]);
  });
});

describe('SSE-C', () => {
  const key = randomBytes(32);
  const md5 = createHash('md5').update(key).digest('base64');

  /** A raw signed PutObject with exactly these SSE-C headers (the SDK fills MD5 and encodes the key itself). */
  const rawPut = (headers: Record<string, string>) =>
    m.dispatcher.dispatch({
      method: 'PUT',
      url: new URL(`https://${Bucket}.s3.us-east-1.amazonaws.com/raw`),
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=123456789012/20261206/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00',
        'content-length': '1',
        ...headers,
      },
      body: Buffer.from('x'),
    });

  it('requires the key on GET and HEAD of an SSE-C object, and the same key', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'c', Body: 'hidden', SSECustomerAlgorithm: 'AES256', SSECustomerKey: key.toString('base64') }));
    const bare = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'c' })));
    expect([bare.name, bare.$metadata.httpStatusCode, bare.message]).toEqual([
      'InvalidRequest',
      400,
      'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
    ]);
    expect((await fail(s3.send(new HeadObjectCommand({ Bucket, Key: 'c' })))).$metadata.httpStatusCode).toBe(400);
    const wrong = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'c', SSECustomerAlgorithm: 'AES256', SSECustomerKey: randomBytes(32).toString('base64') })));
    expect(wrong.$metadata.httpStatusCode).toBe(403);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'c', SSECustomerAlgorithm: 'AES256', SSECustomerKey: key.toString('base64') }));
    expect([await got.Body?.transformToString(), got.SSECustomerKeyMD5]).toEqual(['hidden', md5]);
  });

  it('requires the customer key on every part of an upload initiated with SSE-C', async () => {
    const sse = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: key.toString('base64') };
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mp', ...sse }));
    const bare = await fail(s3.send(new UploadPartCommand({ Bucket, Key: 'mp', UploadId, PartNumber: 1, Body: 'part' })));
    expect([bare.name, bare.$metadata.httpStatusCode, bare.message]).toEqual([
      'InvalidRequest',
      400,
      'The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.',
    ]);
    const part = await s3.send(new UploadPartCommand({ Bucket, Key: 'mp', UploadId, PartNumber: 1, Body: 'part', ...sse }));
    expect(part.SSECustomerKeyMD5).toBe(md5);
  });

  it('refuses SSE-C headers on a read of an object not written with SSE-C', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'plain', Body: 'x' }));
    const err = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'plain', SSECustomerAlgorithm: 'AES256', SSECustomerKey: key.toString('base64') })));
    expect([err.name, err.message]).toEqual(['InvalidRequest', 'The encryption parameters are not applicable to this object.']);
  });

  it('validates the algorithm/key/MD5 triple and its conflict with SSE-S3 and SSE-KMS', async () => {
    const b64 = key.toString('base64');
    const cases: Array<[Record<string, string>, string]> = [
      [{ 'x-amz-server-side-encryption-customer-key': b64, 'x-amz-server-side-encryption-customer-key-md5': md5 }, 'Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.'],
      [{ 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key-md5': md5 }, 'Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.'],
      [{ 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': b64 }, 'Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.'],
      [{ 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': b64, 'x-amz-server-side-encryption-customer-key-md5': createHash('md5').update('other').digest('base64') }, 'The calculated MD5 hash of the key did not match the hash that was provided.'],
      [{ 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': randomBytes(16).toString('base64'), 'x-amz-server-side-encryption-customer-key-md5': md5 }, 'The secret key was invalid for the specified algorithm.'],
      [{ 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': b64, 'x-amz-server-side-encryption-customer-key-md5': md5, 'x-amz-server-side-encryption': 'AES256' }, 'Server Side Encryption with Customer provided key is incompatible with the encryption method specified'],
      [{ 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': b64, 'x-amz-server-side-encryption-customer-key-md5': md5, 'x-amz-server-side-encryption': 'aws:kms' }, 'Server Side Encryption with Customer provided key is incompatible with the encryption method specified'],
    ];
    for (const [headers, message] of cases) {
      const res = await rawPut(headers);
      const text = res.body.toString();
      expect([res.status, /<Code>(.*?)<\/Code>/.exec(text)?.[1], /<Message>(.*?)<\/Message>/.exec(text)?.[1]]).toEqual([400, 'InvalidArgument', message]);
    }
    expect((await fail(s3.send(new HeadObjectCommand({ Bucket, Key: 'raw' })))).$metadata.httpStatusCode).toBe(404);
  });
});
