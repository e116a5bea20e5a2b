/**
 * `mockAws({ verifySignatures: true })`: every captured request's signature is
 * checked in-process with the same code as the server's `--verify-signatures`
 * (src/core/signature-auth.ts), answering each service's own errors. Presigned
 * URLs go through fetch (the HTTP fallback) and are checked the same way.
 */
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type MockAws, mockAws } from '../../src/mock';

const good = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const wrong = { accessKeyId: good.accessKeyId, secretAccessKey: 'wrong' };
const unknown = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'whatever' };
type Creds = typeof good;

describe('mockAws({ verifySignatures: true })', () => {
  let aws: MockAws;
  beforeEach(() => {
    aws = mockAws({ verifySignatures: true });
  });
  afterEach(() => aws.stop());
  const config = (credentials?: Creds) => ({ region: 'us-east-1', maxAttempts: 1, ...(credentials ? { credentials } : {}) });

  it('accepts the default credentials mockAws() puts in the environment, in every protocol', async () => {
    const s3 = new S3Client(config());
    await s3.send(new CreateBucketCommand({ Bucket: 'signed' }));
    await s3.send(new PutObjectCommand({ Bucket: 'signed', Key: 'a b/ü.txt', Body: 'hello' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'signed', Key: 'a b/ü.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello');
    expect((await new STSClient(config()).send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    expect((await new DynamoDBClient(config()).send(new ListTablesCommand({}))).TableNames).toEqual([]);
    await new SQSClient(config()).send(new ListQueuesCommand({}));
  });

  it('answers each service its own error for a wrong secret, and changes no state', async () => {
    const s3err = await new S3Client(config(wrong)).send(new CreateBucketCommand({ Bucket: 'nope' })).catch((e) => e);
    expect(s3err).toMatchObject({ name: 'SignatureDoesNotMatch', AWSAccessKeyId: good.accessKeyId, $metadata: { httpStatusCode: 403 } });
    expect(s3err.StringToSign).toMatch(/^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/);
    expect(s3err.CanonicalRequest).toMatch(/^PUT\n\/\n\n/); // virtual-hosted: the bucket is in the host
    const sts = await new STSClient(config(wrong)).send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(sts).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    const ddb = await new DynamoDBClient(config(wrong)).send(new ListTablesCommand({})).catch((e) => e);
    expect(ddb).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 400 } });
    const listed = await new S3Client(config()).send(new ListBucketsCommand({}));
    expect(listed.Buckets ?? []).toEqual([]);
  });

  it('answers an unknown key with the invalid-token errors', async () => {
    const sts = await new STSClient(config(unknown)).send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(sts).toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 403 },
    });
    const ddb = await new DynamoDBClient(config(unknown)).send(new ListTablesCommand({})).catch((e) => e);
    expect(ddb).toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 400 } });
    const s3 = await new S3Client(config(unknown)).send(new CreateBucketCommand({ Bucket: 'nope' })).catch((e) => e);
    expect(s3).toMatchObject({ name: 'InvalidAccessKeyId', AWSAccessKeyId: unknown.accessKeyId });
  });

  it('accepts a key IAM issued with its secret, and refuses it with a wrong one', async () => {
    const iam = new IAMClient(config());
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const issued = { accessKeyId: AccessKey?.AccessKeyId as string, secretAccessKey: AccessKey?.SecretAccessKey as string };
    const who = await new STSClient(config(issued)).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:iam::123456789012:user/alice');
    const bad = await new STSClient(config({ ...issued, secretAccessKey: 'wrong' })).send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(bad).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
  });

  it('checks presigned URLs fetched through the HTTP fallback, with their expiry', async () => {
    const s3 = new S3Client(config());
    await s3.send(new CreateBucketCommand({ Bucket: 'shared' }));
    await s3.send(new PutObjectCommand({ Bucket: 'shared', Key: 'k', Body: 'payload' }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'shared', Key: 'k' }), { expiresIn: 60 });
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('payload');

    const forged = await getSignedUrl(new S3Client(config(wrong)), new GetObjectCommand({ Bucket: 'shared', Key: 'k' }), { expiresIn: 60 });
    const refused = await fetch(forged);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');

    aws.clock.advance(61_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    const body = await expired.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('<Message>Request has expired</Message>');
    expect(body).toContain('<X-Amz-Expires>60</X-Amz-Expires>');
  });

  it('stops checking when the handle stops; a mock without the option accepts any secret', async () => {
    aws.stop();
    const plain = mockAws();
    try {
      const who = await new STSClient(config(wrong)).send(new GetCallerIdentityCommand({}));
      expect(who.Account).toBe('123456789012');
    } finally {
      plain.stop();
    }
  });
});
