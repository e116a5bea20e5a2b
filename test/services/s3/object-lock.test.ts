import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectLegalHoldCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  PutObjectLockConfigurationCommand,
  PutObjectRetentionCommand,
} from '@aws-sdk/client-s3';
import { fail, useS3 } from './support';

const Bucket = 'locked';
const { s3 } = useS3();
const inDays = (d: number) => new Date(Date.now() + d * 86400_000);

describe('object lock', () => {
  it('enables versioning and lock at creation and keeps a default retention', async () => {
    await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } } },
      }),
    );
    const config = await s3.send(new GetObjectLockConfigurationCommand({ Bucket }));
    expect(config.ObjectLockConfiguration?.Rule?.DefaultRetention).toEqual({ Mode: 'GOVERNANCE', Days: 1 });
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    const retention = await s3.send(new GetObjectRetentionCommand({ Bucket, Key: 'k', VersionId: put.VersionId }));
    expect(retention.Retention?.Mode).toBe('GOVERNANCE');
    const denied = await fail(s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: put.VersionId })));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata.httpStatusCode).toBe(403);
    const bypass = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: put.VersionId, BypassGovernanceRetention: true }));
    expect(bypass.$metadata.httpStatusCode).toBe(204);
  });

  it('lets COMPLIANCE retention be extended but never shortened', async () => {
    await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    const put = await s3.send(
      new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: inDays(2) }),
    );
    const VersionId = put.VersionId;
    await s3.send(new PutObjectRetentionCommand({ Bucket, Key: 'k', VersionId, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: inDays(3) } }));
    const shorter = await fail(
      s3.send(new PutObjectRetentionCommand({ Bucket, Key: 'k', VersionId, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: inDays(1) }, BypassGovernanceRetention: true })),
    );
    expect(shorter.name).toBe('AccessDenied');
  });

  it('blocks deletion of a version under legal hold until it is released', async () => {
    await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    const VersionId = put.VersionId;
    await s3.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'k', VersionId, LegalHold: { Status: 'ON' } }));
    expect((await s3.send(new GetObjectLegalHoldCommand({ Bucket, Key: 'k', VersionId }))).LegalHold?.Status).toBe('ON');
    expect((await fail(s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId })))).name).toBe('AccessDenied');
    await s3.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'k', VersionId, LegalHold: { Status: 'OFF' } }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId }));
  });

  it('refuses lock settings on a bucket without object lock', async () => {
    await s3.send(new CreateBucketCommand({ Bucket }));
    const err = await fail(
      s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: inDays(1) })),
    );
    expect(err.name).toBe('InvalidRequest');
    expect(err.message).toBe('Bucket is missing Object Lock Configuration');
    const config = await fail(s3.send(new GetObjectLockConfigurationCommand({ Bucket })));
    expect(config.name).toBe('ObjectLockConfigurationNotFoundError');
  });
});
