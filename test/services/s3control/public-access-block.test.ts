/**
 * Account-level Block Public Access through S3 Control, and how S3 combines it
 * with the bucket's settings.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 */
import {
  DeletePublicAccessBlockCommand,
  GetPublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand as DeleteBucketBlockCommand,
  GetObjectCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { useMockAws } from '../lifecycle';

const ACCOUNT = '123456789012';

describe('S3 Control account-level public access block', () => {
  const aws = useMockAws();
  const control = new S3ControlClient({ region: 'us-east-1' });

  it('is part of a snapshot, and stays one setting for every region after a restore', async () => {
    const ireland = new S3ControlClient({ region: 'eu-west-1' });
    await control.send(new PutPublicAccessBlockCommand({ AccountId: ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicAcls: true } }));
    expect((await ireland.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT }))).PublicAccessBlockConfiguration?.BlockPublicAcls).toBe(true);
    const snapshot = await aws.snapshot();
    await control.send(new DeletePublicAccessBlockCommand({ AccountId: ACCOUNT }));
    await aws.restore(snapshot);
    expect((await control.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT }))).PublicAccessBlockConfiguration?.BlockPublicAcls).toBe(true);
    await control.send(new PutPublicAccessBlockCommand({ AccountId: ACCOUNT, PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }));
    const seen = (await ireland.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT }))).PublicAccessBlockConfiguration;
    expect([seen?.BlockPublicAcls, seen?.IgnorePublicAcls]).toEqual([false, true]);
  });

  it('answers NoSuchPublicAccessBlockConfiguration (404) before any is set', async () => {
    const err = await control.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT })).catch((e) => e);
    expect(err.name).toBe('NoSuchPublicAccessBlockConfiguration');
    expect(err.$metadata.httpStatusCode).toBe(404);
    expect(err.message).toBe('The public access block configuration was not found');
  });

  it('stores the settings for the whole account (every region), flags left out as false, and deletes them', async () => {
    await control.send(
      new PutPublicAccessBlockCommand({ AccountId: ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true } }),
    );
    const other = new S3ControlClient({ region: 'eu-west-1' });
    const got = await other.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT }));
    expect(got.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: true,
    });
    await control.send(new DeletePublicAccessBlockCommand({ AccountId: ACCOUNT }));
    const err = await control.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT })).catch((e) => e);
    expect(err.name).toBe('NoSuchPublicAccessBlockConfiguration');
    // Deleting again succeeds: there is nothing to remove.
    await control.send(new DeletePublicAccessBlockCommand({ AccountId: ACCOUNT }));
  });

  it('refuses another account id with AccessDenied (403)', async () => {
    for (const command of [
      new GetPublicAccessBlockCommand({ AccountId: '210987654321' }),
      new PutPublicAccessBlockCommand({ AccountId: '210987654321', PublicAccessBlockConfiguration: { BlockPublicAcls: true } }),
      new DeletePublicAccessBlockCommand({ AccountId: '210987654321' }),
    ]) {
      const err = await control.send(command as never).catch((e) => e);
      expect(err.name).toBe('AccessDenied');
      expect(err.$metadata.httpStatusCode).toBe(403);
    }
  });
});

describe('S3 with account-level Block Public Access', () => {
  useMockAws();
  const control = new S3ControlClient({ region: 'us-east-1' });
  const s3 = new S3Client({ region: 'us-east-1' });
  /** Unsigned requests: the anonymous principal. */
  const anonymous = new S3Client({ region: 'us-east-1', signer: { sign: async (request) => request } });
  const Bucket = 'account-guarded';
  const publicRead = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }],
  });
  const accountBlock = (flags: Record<string, boolean>) =>
    control.send(new PutPublicAccessBlockCommand({ AccountId: ACCOUNT, PublicAccessBlockConfiguration: flags }));

  /** A bucket whose own settings block nothing, ACLs enabled. */
  beforeEach(async () => {
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new DeleteBucketBlockCommand({ Bucket }));
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'doc.txt', Body: 'hello' }));
  });

  it('BlockPublicAcls at the account refuses public ACLs on a bucket that allows them', async () => {
    await accountBlock({ BlockPublicAcls: true });
    for (const call of [
      s3.send(new PutObjectCommand({ Bucket, Key: 'p', Body: 'x', ACL: 'public-read' })),
      s3.send(new PutObjectAclCommand({ Bucket, Key: 'doc.txt', ACL: 'public-read' })),
    ]) {
      const err = await call.catch((e) => e);
      expect([err.name, err.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    }
    await s3.send(new PutObjectCommand({ Bucket, Key: 'p', Body: 'x', ACL: 'private' }));
  });

  it('BlockPublicPolicy at the account refuses a public bucket policy with the bucket-level message', async () => {
    await accountBlock({ BlockPublicPolicy: true });
    const err = await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: publicRead })).catch((e) => e);
    expect(err.name).toBe('AccessDenied');
    expect(err.message).toContain('because public policies are blocked by the BlockPublicPolicy block public access setting');
    // A malformed policy is still MalformedPolicy, checked first.
    const bad = await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: '{"Statement": []' })).catch((e) => e);
    expect(bad.name).toBe('MalformedPolicy');
  });

  it('IgnorePublicAcls and RestrictPublicBuckets at the account change what anonymous callers get', async () => {
    await s3.send(new PutObjectAclCommand({ Bucket, Key: 'doc.txt', ACL: 'public-read' }));
    const read = () => anonymous.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' }));
    expect(await (await read()).Body?.transformToString()).toBe('hello');
    await accountBlock({ IgnorePublicAcls: true });
    expect((await read().catch((e) => e)).name).toBe('AccessDenied');

    await control.send(new DeletePublicAccessBlockCommand({ AccountId: ACCOUNT }));
    await s3.send(new PutObjectAclCommand({ Bucket, Key: 'doc.txt', ACL: 'private' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: publicRead }));
    expect(await (await read()).Body?.transformToString()).toBe('hello');
    await accountBlock({ RestrictPublicBuckets: true });
    expect((await read().catch((e) => e)).name).toBe('AccessDenied');
    // The owner's account is not restricted.
    expect(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' }))).Body?.transformToString()).toBe('hello');
  });
});
