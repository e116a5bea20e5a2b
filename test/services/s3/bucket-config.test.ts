import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  DeleteBucketEncryptionCommand,
  DeleteBucketPolicyCommand,
  DeletePublicAccessBlockCommand,
  GetBucketAccelerateConfigurationCommand,
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketMetricsConfigurationCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketReplicationCommand,
  GetBucketRequestPaymentCommand,
  GetBucketTaggingCommand,
  GetBucketWebsiteCommand,
  GetPublicAccessBlockCommand,
  ListBucketMetricsConfigurationsCommand,
  PutBucketAccelerateConfigurationCommand,
  PutBucketAclCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketLoggingCommand,
  PutBucketMetricsConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketReplicationCommand,
  PutBucketRequestPaymentCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  HeadObjectCommand,
} from '@aws-sdk/client-s3';
import { fail, useS3 } from './support';

const Bucket = 'configured';
const { s3 } = useS3({ Bucket });

describe('bucket configuration', () => {
  it('stores and returns CORS rules; 404 NoSuchCORSConfiguration after delete', async () => {
    const CORSRules = [{ AllowedMethods: ['GET', 'PUT'], AllowedOrigins: ['https://example.com'], MaxAgeSeconds: 300, ID: 'r1' }];
    await s3.send(new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules } }));
    expect((await s3.send(new GetBucketCorsCommand({ Bucket }))).CORSRules).toEqual(CORSRules);
    await s3.send(new DeleteBucketCorsCommand({ Bucket }));
    const err = await fail(s3.send(new GetBucketCorsCommand({ Bucket })));
    expect(err.name).toBe('NoSuchCORSConfiguration');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses a CORS rule with an unsupported method', async () => {
    const err = await fail(
      s3.send(new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['PATCH'], AllowedOrigins: ['*'] }] } })),
    );
    expect(err.name).toBe('InvalidRequest');
    expect(err.message).toBe('Found unsupported HTTP method in CORS config. Unsupported method is PATCH');
  });

  it('stores lifecycle rules, naming unnamed ones', async () => {
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket,
        LifecycleConfiguration: { Rules: [{ Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } }] },
      }),
    );
    const out = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
    expect(out.Rules?.[0]).toMatchObject({ Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } });
    expect(out.Rules?.[0].ID).toBeDefined();
    const missing = await fail(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'other-bucket-x' })));
    expect(missing.name).toBe('NoSuchBucket');
  });

  it('answers NoSuchLifecycleConfiguration when none is set', async () => {
    const err = await fail(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })));
    expect(err.name).toBe('NoSuchLifecycleConfiguration');
  });

  it('has SSE-S3 default encryption, applies a configured default to new objects, and reverts on delete', async () => {
    const dflt = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
    expect(dflt.ServerSideEncryptionConfiguration?.Rules?.[0].ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/mine' }, BucketKeyEnabled: true }],
        },
      }),
    );
    // The default key must exist in KMS; the object records the key's ARN.
    const kms = new KMSClient({ region: 'us-east-1' });
    const keyArn = (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.Arn ?? '';
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/mine', TargetKeyId: keyArn }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }));
    expect(head.ServerSideEncryption).toBe('aws:kms');
    expect(head.SSEKMSKeyId).toBe(keyArn);
    expect(head.BucketKeyEnabled).toBe(true);
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket }));
    const after = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
    expect(after.ServerSideEncryptionConfiguration?.Rules?.[0].ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
  });

  it('stores a policy, reports whether it is public, and deletes it', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }],
    });
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: policy }));
    expect((await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy).toBe(policy);
    expect((await s3.send(new GetBucketPolicyStatusCommand({ Bucket }))).PolicyStatus?.IsPublic).toBe(false);
    await s3.send(new DeleteBucketPolicyCommand({ Bucket }));
    expect((await fail(s3.send(new GetBucketPolicyCommand({ Bucket })))).name).toBe('NoSuchBucketPolicy');
  });

  it('refuses malformed policies and public ones while BlockPublicPolicy is on', async () => {
    const bad = await fail(s3.send(new PutBucketPolicyCommand({ Bucket, Policy: 'not json' })));
    expect(bad.name).toBe('MalformedPolicy');
    const publicPolicy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] });
    const blocked = await fail(s3.send(new PutBucketPolicyCommand({ Bucket, Policy: publicPolicy })));
    expect(blocked.name).toBe('AccessDenied');
    expect(blocked.$metadata.httpStatusCode).toBe(403);
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket }));
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: publicPolicy }));
    expect((await s3.send(new GetBucketPolicyStatusCommand({ Bucket }))).PolicyStatus?.IsPublic).toBe(true);
    expect((await fail(s3.send(new GetPublicAccessBlockCommand({ Bucket })))).name).toBe('NoSuchPublicAccessBlockConfiguration');
  });

  it('blocks public access and enforces bucket ownership by default', async () => {
    const pab = await s3.send(new GetPublicAccessBlockCommand({ Bucket }));
    expect(pab.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const own = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }));
    expect(own.OwnershipControls?.Rules?.[0].ObjectOwnership).toBe('BucketOwnerEnforced');
  });

  it('refuses ACLs under BucketOwnerEnforced and expands canned ACLs once ACLs are enabled', async () => {
    const refused = await fail(s3.send(new PutBucketAclCommand({ Bucket, ACL: 'public-read' })));
    expect(refused.name).toBe('AccessControlListNotSupported');
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    // New buckets block public ACLs (BlockPublicAcls): a public canned ACL is AccessDenied until that is lifted.
    const blocked = await fail(s3.send(new PutBucketAclCommand({ Bucket, ACL: 'public-read' })));
    expect(blocked.name).toBe('AccessDenied');
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket }));
    await s3.send(new PutBucketAclCommand({ Bucket, ACL: 'public-read' }));
    const acl = await s3.send(new GetBucketAclCommand({ Bucket }));
    expect(acl.Grants?.map((g) => [g.Grantee?.Type, g.Permission])).toEqual([
      ['CanonicalUser', 'FULL_CONTROL'],
      ['Group', 'READ'],
    ]);
    expect(acl.Grants?.[1].Grantee?.URI).toBe('http://acs.amazonaws.com/groups/global/AllUsers');
    expect(acl.Owner?.ID).toBe(acl.Grants?.[0].Grantee?.ID);
  });

  it('stores bucket tags; NoSuchTagSet when none', async () => {
    expect((await fail(s3.send(new GetBucketTaggingCommand({ Bucket })))).name).toBe('NoSuchTagSet');
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'env', Value: 'test' }] } }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual([{ Key: 'env', Value: 'test' }]);
  });

  it('stores website, logging, accelerate and request-payment settings', async () => {
    expect((await fail(s3.send(new GetBucketWebsiteCommand({ Bucket })))).name).toBe('NoSuchWebsiteConfiguration');
    await s3.send(
      new PutBucketWebsiteCommand({ Bucket, WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'err.html' } } }),
    );
    const site = await s3.send(new GetBucketWebsiteCommand({ Bucket }));
    expect(site.IndexDocument?.Suffix).toBe('index.html');
    expect(site.ErrorDocument?.Key).toBe('err.html');

    expect((await s3.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled).toBeUndefined();
    await s3.send(new CreateBucketCommand({ Bucket: 'log-target' }));
    await s3.send(new PutBucketLoggingCommand({ Bucket, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'log-target', TargetPrefix: 'l/' } } }));
    expect((await s3.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled).toEqual({ TargetBucket: 'log-target', TargetPrefix: 'l/' });
    const noTarget = await fail(
      s3.send(new PutBucketLoggingCommand({ Bucket, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'missing-target', TargetPrefix: '' } } })),
    );
    expect(noTarget.name).toBe('InvalidTargetBucketForLogging');

    expect((await s3.send(new GetBucketAccelerateConfigurationCommand({ Bucket }))).Status).toBeUndefined();
    await s3.send(new PutBucketAccelerateConfigurationCommand({ Bucket, AccelerateConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new GetBucketAccelerateConfigurationCommand({ Bucket }))).Status).toBe('Enabled');

    expect((await s3.send(new GetBucketRequestPaymentCommand({ Bucket }))).Payer).toBe('BucketOwner');
    await s3.send(new PutBucketRequestPaymentCommand({ Bucket, RequestPaymentConfiguration: { Payer: 'Requester' } }));
    expect((await s3.send(new GetBucketRequestPaymentCommand({ Bucket }))).Payer).toBe('Requester');
  });

  it('stores notification configuration with generated ids', async () => {
    expect(await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        SkipDestinationValidation: true, // the queue and topic do not exist: S3 would refuse them otherwise
        NotificationConfiguration: {
          QueueConfigurations: [{ QueueArn: 'arn:aws:sqs:us-east-1:123456789012:q', Events: ['s3:ObjectCreated:*'] }],
          TopicConfigurations: [{ Id: 'mine', TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Events: ['s3:ObjectRemoved:Delete'] }],
        },
      }),
    );
    const out = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
    expect(out.QueueConfigurations?.[0].QueueArn).toBe('arn:aws:sqs:us-east-1:123456789012:q');
    expect(out.QueueConfigurations?.[0].Id).toBeDefined();
    expect(out.QueueConfigurations?.[0].Events).toEqual(['s3:ObjectCreated:*']);
    expect(out.TopicConfigurations?.[0].Id).toBe('mine');
  });

  it('requires versioning for replication and stores the rules', async () => {
    const ReplicationConfiguration = {
      Role: 'arn:aws:iam::123456789012:role/rep',
      Rules: [{ ID: 'r', Status: 'Enabled' as const, Priority: 1, Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: 'Disabled' as const }, Destination: { Bucket: 'arn:aws:s3:::dest' } }],
    };
    const err = await fail(s3.send(new PutBucketReplicationCommand({ Bucket, ReplicationConfiguration })));
    expect(err.name).toBe('InvalidRequest');
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutBucketReplicationCommand({ Bucket, ReplicationConfiguration }));
    const out = await s3.send(new GetBucketReplicationCommand({ Bucket }));
    expect(out.ReplicationConfiguration?.Role).toBe(ReplicationConfiguration.Role);
    expect(out.ReplicationConfiguration?.Rules?.[0].Destination?.Bucket).toBe('arn:aws:s3:::dest');
  });

  it('keeps metrics configurations by id and lists them', async () => {
    await s3.send(new PutBucketMetricsConfigurationCommand({ Bucket, Id: 'm1', MetricsConfiguration: { Id: 'm1', Filter: { Prefix: 'a/' } } }));
    const got = await s3.send(new GetBucketMetricsConfigurationCommand({ Bucket, Id: 'm1' }));
    expect(got.MetricsConfiguration?.Filter).toEqual({ Prefix: 'a/' });
    const list = await s3.send(new ListBucketMetricsConfigurationsCommand({ Bucket }));
    expect(list.MetricsConfigurationList?.map((c) => c.Id)).toEqual(['m1']);
    const err = await fail(s3.send(new GetBucketMetricsConfigurationCommand({ Bucket, Id: 'nope' })));
    expect(err.name).toBe('NoSuchConfiguration');
  });
});
