/**
 * S3 Control access points: create, get, list (by bucket, paged), delete.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_CreateAccessPoint.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-alias.html
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateAccessPointCommand,
  DeleteAccessPointCommand,
  GetAccessPointCommand,
  ListAccessPointsCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { useMockAws } from '../lifecycle';

const AccountId = '123456789012';

describe('S3 Control access points', () => {
  useMockAws();
  const control = new S3ControlClient({ region: 'us-east-1' });
  const s3 = new S3Client({ region: 'us-east-1' });

  beforeEach(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'data' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'logs' }));
  });

  it('creates one with its ARN and -s3alias alias, blocking public access by default', async () => {
    const made = await control.send(new CreateAccessPointCommand({ AccountId, Name: 'readers', Bucket: 'data' }));
    expect(made.AccessPointArn).toBe('arn:aws:s3:us-east-1:123456789012:accesspoint/readers');
    expect(made.Alias).toMatch(/^readers-[a-z0-9]+-s3alias$/);
    expect(made.Alias?.length).toBeLessThanOrEqual(63);
    const got = await control.send(new GetAccessPointCommand({ AccountId, Name: 'readers' }));
    expect(got).toMatchObject({
      Name: 'readers',
      Bucket: 'data',
      NetworkOrigin: 'Internet',
      Alias: made.Alias,
      AccessPointArn: made.AccessPointArn,
      BucketAccountId: AccountId,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    expect(got.CreationDate).toBeInstanceOf(Date);
    const vpc = await control.send(
      new CreateAccessPointCommand({ AccountId, Name: 'inside', Bucket: 'data', VpcConfiguration: { VpcId: 'vpc-1a2b3c4d' } }),
    );
    expect(vpc.AccessPointArn).toContain('accesspoint/inside');
    expect((await control.send(new GetAccessPointCommand({ AccountId, Name: 'inside' }))).NetworkOrigin).toBe('VPC');
  });

  it('refuses a second one of the same name (409) and a missing bucket (404), and another account (403)', async () => {
    await control.send(new CreateAccessPointCommand({ AccountId, Name: 'readers', Bucket: 'data' }));
    const again = await control.send(new CreateAccessPointCommand({ AccountId, Name: 'readers', Bucket: 'logs' })).catch((e) => e);
    expect([again.name, again.$metadata.httpStatusCode]).toEqual(['AccessPointAlreadyOwnedByYou', 409]);
    const nowhere = await control.send(new CreateAccessPointCommand({ AccountId, Name: 'lost', Bucket: 'no-such-bucket' })).catch((e) => e);
    expect([nowhere.name, nowhere.$metadata.httpStatusCode]).toEqual(['NoSuchBucket', 404]);
    const foreign = await control.send(new GetAccessPointCommand({ AccountId: '210987654321', Name: 'readers' })).catch((e) => e);
    expect([foreign.name, foreign.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
  });

  it('lists them in name order, by bucket, a page at a time, and deletes them (NoSuchAccessPoint after)', async () => {
    for (const [Name, Bucket] of [['c-point', 'data'], ['a-point', 'data'], ['b-point', 'logs']]) {
      await control.send(new CreateAccessPointCommand({ AccountId, Name, Bucket }));
    }
    const first = await control.send(new ListAccessPointsCommand({ AccountId, MaxResults: 2 }));
    expect(first.AccessPointList?.map((p) => p.Name)).toEqual(['a-point', 'b-point']);
    expect(first.NextToken).toBeDefined();
    const second = await control.send(new ListAccessPointsCommand({ AccountId, MaxResults: 2, NextToken: first.NextToken }));
    expect(second.AccessPointList?.map((p) => p.Name)).toEqual(['c-point']);
    expect(second.NextToken).toBeUndefined();
    const onData = await control.send(new ListAccessPointsCommand({ AccountId, Bucket: 'data' }));
    expect(onData.AccessPointList?.map((p) => p.Name)).toEqual(['a-point', 'c-point']);
    // Access points belong to their region.
    const elsewhere = await new S3ControlClient({ region: 'eu-west-1' }).send(new ListAccessPointsCommand({ AccountId }));
    expect(elsewhere.AccessPointList ?? []).toEqual([]);

    await control.send(new DeleteAccessPointCommand({ AccountId, Name: 'a-point' }));
    const gone = await control.send(new GetAccessPointCommand({ AccountId, Name: 'a-point' })).catch((e) => e);
    expect([gone.name, gone.$metadata.httpStatusCode]).toEqual(['NoSuchAccessPoint', 404]);
    const twice = await control.send(new DeleteAccessPointCommand({ AccountId, Name: 'a-point' })).catch((e) => e);
    expect(twice.name).toBe('NoSuchAccessPoint');
  });
});
