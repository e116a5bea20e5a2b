import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { fail, useS3 } from './support';

const { s3 } = useS3();
const euClient = new S3Client({ region: 'eu-west-1' });
const otherAccount = new S3Client({
  region: 'us-east-1',
  credentials: { accessKeyId: '111122223333', secretAccessKey: 'secret' },
});

describe('CreateBucket', () => {
  it('creates a bucket in us-east-1 and answers its location', async () => {
    const out = await s3.send(new CreateBucketCommand({ Bucket: 'plain-bucket' }));
    expect(out.Location).toBe('/plain-bucket');
    const loc = await s3.send(new GetBucketLocationCommand({ Bucket: 'plain-bucket' }));
    expect(loc.LocationConstraint).toBeUndefined();
  });

  it('creates a bucket in the region named by its LocationConstraint', async () => {
    await euClient.send(
      new CreateBucketCommand({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
    );
    const loc = await euClient.send(new GetBucketLocationCommand({ Bucket: 'eu-bucket' }));
    expect(loc.LocationConstraint).toBe('eu-west-1');
    const head = await euClient.send(new HeadBucketCommand({ Bucket: 'eu-bucket' }));
    expect(head.BucketRegion).toBe('eu-west-1');
  });

  it('refuses a constraint that differs from the endpoint region', async () => {
    const err = await fail(
      s3.send(new CreateBucketCommand({ Bucket: 'wrong-region', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
    );
    expect(err.name).toBe('IllegalLocationConstraintException');
    expect(err.message).toBe(
      'The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.',
    );
  });

  it('refuses us-east-1 as an explicit LocationConstraint', async () => {
    const err = await fail(
      s3.send(new CreateBucketCommand({ Bucket: 'explicit-east', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never } })),
    );
    expect(err.name).toBe('InvalidLocationConstraint');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it.each(['ab', 'UpperCase', 'under_score', 'a..b', '192.168.5.4', '-leading', 'trailing-', 'sthree-bucket', 'x'.repeat(64), 'name-s3alias'])(
    'refuses the invalid name %s with InvalidBucketName',
    async (Bucket) => {
      const err = await fail(s3.send(new CreateBucketCommand({ Bucket })));
      expect(err.name).toBe('InvalidBucketName');
      expect(err.$metadata.httpStatusCode).toBe(400);
    },
  );

  it('answers BucketAlreadyOwnedByYou outside us-east-1 and succeeds again in us-east-1', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'again-east' }));
    const again = await s3.send(new CreateBucketCommand({ Bucket: 'again-east' }));
    expect(again.$metadata.httpStatusCode).toBe(200);
    const cfg = { LocationConstraint: 'eu-west-1' as const };
    await euClient.send(new CreateBucketCommand({ Bucket: 'again-eu', CreateBucketConfiguration: cfg }));
    const err = await fail(euClient.send(new CreateBucketCommand({ Bucket: 'again-eu', CreateBucketConfiguration: cfg })));
    expect(err.name).toBe('BucketAlreadyOwnedByYou');
    expect(err.$metadata.httpStatusCode).toBe(409);
  });

  it('answers BucketAlreadyExists when another account owns the name', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'shared-name' }));
    const err = await fail(otherAccount.send(new CreateBucketCommand({ Bucket: 'shared-name' })));
    expect(err.name).toBe('BucketAlreadyExists');
    expect(err.$metadata.httpStatusCode).toBe(409);
    const head = await fail(otherAccount.send(new HeadBucketCommand({ Bucket: 'shared-name' })));
    expect(head.$metadata.httpStatusCode).toBe(403);
  });
});

describe('HeadBucket and DeleteBucket', () => {
  it('answers 404 NotFound for HeadBucket on a missing bucket', async () => {
    const err = await fail(s3.send(new HeadBucketCommand({ Bucket: 'missing-bucket' })));
    expect(err.name).toBe('NotFound');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses to delete a bucket that holds objects', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'full-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'full-bucket', Key: 'k', Body: 'x' }));
    const err = await fail(s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' })));
    expect(err.name).toBe('BucketNotEmpty');
    expect(err.$metadata.httpStatusCode).toBe(409);
  });

  it('deletes an empty bucket, freeing its name', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'gone-bucket' }));
    const out = await s3.send(new DeleteBucketCommand({ Bucket: 'gone-bucket' }));
    expect(out.$metadata.httpStatusCode).toBe(204);
    const err = await fail(s3.send(new DeleteBucketCommand({ Bucket: 'gone-bucket' })));
    expect(err.name).toBe('NoSuchBucket');
    await otherAccount.send(new CreateBucketCommand({ Bucket: 'gone-bucket' }));
  });
});

describe('ListBuckets', () => {
  it('lists only the caller\'s buckets, sorted, with the owner', async () => {
    for (const b of ['charlie-b', 'alpha-b', 'bravo-b']) await s3.send(new CreateBucketCommand({ Bucket: b }));
    await otherAccount.send(new CreateBucketCommand({ Bucket: 'other-acct' }));
    const out = await s3.send(new ListBucketsCommand({}));
    expect(out.Buckets?.map((b) => b.Name)).toEqual(['alpha-b', 'bravo-b', 'charlie-b']);
    expect(out.Buckets?.[0].CreationDate).toBeInstanceOf(Date);
    expect(out.Buckets?.[0].BucketRegion).toBe('us-east-1');
    expect(out.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  });

  it('pages with MaxBuckets and ContinuationToken, and filters by Prefix', async () => {
    for (const b of ['p-1', 'p-2', 'p-3', 'q-1']) await s3.send(new CreateBucketCommand({ Bucket: b }));
    const first = await s3.send(new ListBucketsCommand({ MaxBuckets: 2 }));
    expect(first.Buckets?.map((b) => b.Name)).toEqual(['p-1', 'p-2']);
    expect(first.ContinuationToken).toBeDefined();
    const second = await s3.send(new ListBucketsCommand({ MaxBuckets: 2, ContinuationToken: first.ContinuationToken }));
    expect(second.Buckets?.map((b) => b.Name)).toEqual(['p-3', 'q-1']);
    expect(second.ContinuationToken).toBeUndefined();
    const prefixed = await s3.send(new ListBucketsCommand({ Prefix: 'q-' }));
    expect(prefixed.Buckets?.map((b) => b.Name)).toEqual(['q-1']);
    expect(prefixed.Prefix).toBe('q-');
  });
});

describe('addressing', () => {
  it('serves the same bucket path-style and virtual-hosted', async () => {
    const pathStyle = new S3Client({ region: 'us-east-1', forcePathStyle: true });
    await pathStyle.send(new CreateBucketCommand({ Bucket: 'addressed' }));
    await pathStyle.send(new PutObjectCommand({ Bucket: 'addressed', Key: 'dir/a b+c.txt', Body: 'x' }));
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'addressed' }));
    expect(head.$metadata.httpStatusCode).toBe(200);
    const custom = new S3Client({ region: 'us-east-1', endpoint: 'http://localhost:4566' });
    const list = await custom.send(new ListBucketsCommand({}));
    expect(list.Buckets?.map((b) => b.Name)).toContain('addressed');
  });
});
