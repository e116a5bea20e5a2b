import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListDeliveryStreamsCommand,
  ListTagsForDeliveryStreamCommand,
  PutRecordCommand,
  StartDeliveryStreamEncryptionCommand,
  StopDeliveryStreamEncryptionCommand,
  TagDeliveryStreamCommand,
  UntagDeliveryStreamCommand,
  UpdateDestinationCommand,
} from '@aws-sdk/client-firehose';
import { CreateKeyCommand, DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { TRANSITION_MS } from '../../../services/firehose/models/backend';
import { useMockAws } from '../lifecycle';
import { BUCKET_ARN, ROLE, createActive, firehose, s3Stream, text } from './support';

const describe_ = async (name: string) => (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription;

describe('Firehose delivery streams', () => {
  const aws = useMockAws();

  // Fake timers hold the transitions still between calls: real time would pass the few ms by itself.
  beforeEach(() => jest.useFakeTimers({ now: new Date('2030-03-01T00:00:00Z') }));

  it('creates a stream CREATING, ACTIVE a few ms later on the clock, described with the S3 defaults', async () => {
    const { DeliveryStreamARN } = await firehose.send(new CreateDeliveryStreamCommand(s3Stream('logs')));
    expect(DeliveryStreamARN).toBe('arn:aws:firehose:us-east-1:123456789012:deliverystream/logs');
    expect(await describe_('logs')).toMatchObject({ DeliveryStreamStatus: 'CREATING', DeliveryStreamType: 'DirectPut', VersionId: '1' });
    await expect(firehose.send(new PutRecordCommand({ DeliveryStreamName: 'logs', Record: text('x') }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'logs' }))).rejects.toMatchObject({ name: 'ResourceInUseException' });
    aws.clock.advance(TRANSITION_MS);
    await aws.settle();
    const d = await describe_('logs');
    expect(d).toMatchObject({
      DeliveryStreamStatus: 'ACTIVE',
      DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
      HasMoreDestinations: false,
    });
    const defaults = {
      RoleARN: ROLE,
      BucketARN: BUCKET_ARN,
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
      CompressionFormat: 'UNCOMPRESSED',
      EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
      CloudWatchLoggingOptions: { Enabled: false },
    };
    expect(d?.Destinations).toEqual([
      {
        DestinationId: 'destinationId-000000000001',
        S3DestinationDescription: defaults,
        ExtendedS3DestinationDescription: { ...defaults, ProcessingConfiguration: { Enabled: false, Processors: [] }, S3BackupMode: 'Disabled' },
      },
    ]);
    expect(d?.CreateTimestamp).toBeInstanceOf(Date);
    expect((await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'logs', ExclusiveStartDestinationId: 'destinationId-000000000001' }))).DeliveryStreamDescription?.Destinations).toEqual([]);
  });

  it('refuses a taken name, a missing stream (AWS wording), a name off the model pattern', async () => {
    await createActive(aws, s3Stream('a'));
    await expect(firehose.send(new CreateDeliveryStreamCommand(s3Stream('a')))).rejects.toMatchObject({
      name: 'ResourceInUseException',
      message: 'Firehose a under accountId 123456789012 already exists',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(describe_('nope')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Firehose nope under account 123456789012 not found.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(firehose.send(new CreateDeliveryStreamCommand(s3Stream('bad name')))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('deletes: DELETING, then gone', async () => {
    await createActive(aws, s3Stream('gone'));
    await firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'gone' }));
    expect((await describe_('gone'))?.DeliveryStreamStatus).toBe('DELETING');
    aws.clock.advance(TRANSITION_MS);
    await aws.settle();
    await expect(describe_('gone')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'gone' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('lists names in order, a page at a time after ExclusiveStartDeliveryStreamName, filtered by type', async () => {
    for (const n of ['e', 'b', 'd', 'a', 'c']) await firehose.send(new CreateDeliveryStreamCommand(s3Stream(n)));
    await firehose.send(
      new CreateDeliveryStreamCommand({
        ...s3Stream('k'),
        DeliveryStreamType: 'KinesisStreamAsSource',
        KinesisStreamSourceConfiguration: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/src', RoleARN: ROLE },
      }),
    );
    expect(await firehose.send(new ListDeliveryStreamsCommand({}))).toMatchObject({ DeliveryStreamNames: ['a', 'b', 'c', 'd', 'e', 'k'], HasMoreDeliveryStreams: false });
    expect(await firehose.send(new ListDeliveryStreamsCommand({ Limit: 2 }))).toMatchObject({ DeliveryStreamNames: ['a', 'b'], HasMoreDeliveryStreams: true });
    expect(await firehose.send(new ListDeliveryStreamsCommand({ Limit: 2, ExclusiveStartDeliveryStreamName: 'b' }))).toMatchObject({
      DeliveryStreamNames: ['c', 'd'],
      HasMoreDeliveryStreams: true,
    });
    expect(await firehose.send(new ListDeliveryStreamsCommand({ DeliveryStreamType: 'DirectPut', ExclusiveStartDeliveryStreamName: 'c' }))).toMatchObject({
      DeliveryStreamNames: ['d', 'e'],
      HasMoreDeliveryStreams: false,
    });
    expect((await firehose.send(new ListDeliveryStreamsCommand({ DeliveryStreamType: 'KinesisStreamAsSource' }))).DeliveryStreamNames).toEqual(['k']);
    await expect(firehose.send(new ListDeliveryStreamsCommand({ Limit: 0 }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('tags: at creation, added, removed, listed in key order a page at a time; 50 at most', async () => {
    await createActive(aws, { ...s3Stream('t'), Tags: [{ Key: 'team', Value: 'data' }] });
    await firehose.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 't', Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'app' }] }));
    expect(await firehose.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 't' }))).toMatchObject({
      Tags: [{ Key: 'app', Value: '' }, { Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'data' }],
      HasMoreTags: false,
    });
    expect(await firehose.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 't', Limit: 1, ExclusiveStartTagKey: 'app' }))).toMatchObject({
      Tags: [{ Key: 'env', Value: 'dev' }],
      HasMoreTags: true,
    });
    await firehose.send(new UntagDeliveryStreamCommand({ DeliveryStreamName: 't', TagKeys: ['app', 'team'] }));
    expect((await firehose.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 't' }))).Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expect(firehose.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 't', Tags: many }))).rejects.toMatchObject({ name: 'LimitExceededException' });
    expect((await firehose.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 't' }))).Tags).toHaveLength(1);
  });

  it('starts and stops server-side encryption (ENABLING → ENABLED, DISABLING → DISABLED); PutRecord says Encrypted', async () => {
    await createActive(aws, s3Stream('enc'));
    await expect(
      firehose.send(new StartDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'enc', DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK' } })),
    ).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    await firehose.send(new StartDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'enc', DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' } }));
    expect((await describe_('enc'))?.DeliveryStreamEncryptionConfiguration).toEqual({ KeyType: 'AWS_OWNED_CMK', Status: 'ENABLING' });
    aws.clock.advance(TRANSITION_MS);
    await aws.settle();
    expect((await describe_('enc'))?.DeliveryStreamEncryptionConfiguration).toEqual({ KeyType: 'AWS_OWNED_CMK', Status: 'ENABLED' });
    expect((await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'enc', Record: text('x') }))).Encrypted).toBe(true);
    await firehose.send(new StopDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'enc' }));
    expect((await describe_('enc'))?.DeliveryStreamEncryptionConfiguration?.Status).toBe('DISABLING');
    aws.clock.advance(TRANSITION_MS);
    await aws.settle();
    expect((await describe_('enc'))?.DeliveryStreamEncryptionConfiguration).toEqual({ Status: 'DISABLED' });
    expect((await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'enc', Record: text('x') }))).Encrypted).toBe(false);
  });

  it('a customer managed key must exist in KMS and be enabled (InvalidKMSResourceException)', async () => {
    const kms = new KMSClient({ region: 'us-east-1' });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.Arn ?? '';
    const missing = key.replace(/key\/.*/, 'key/00000000-0000-0000-0000-000000000000');
    const cmk = (KeyARN: string) => ({ KeyType: 'CUSTOMER_MANAGED_CMK' as const, KeyARN });
    await expect(
      firehose.send(new CreateDeliveryStreamCommand({ ...s3Stream('kms'), DeliveryStreamEncryptionConfigurationInput: cmk(missing) })),
    ).rejects.toMatchObject({ name: 'InvalidKMSResourceException', code: 'KMS.NotFoundException', $metadata: { httpStatusCode: 400 } });
    await expect(describe_('kms')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await createActive(aws, { ...s3Stream('kms'), DeliveryStreamEncryptionConfigurationInput: cmk(key) });
    expect((await describe_('kms'))?.DeliveryStreamEncryptionConfiguration).toEqual({ KeyType: 'CUSTOMER_MANAGED_CMK', KeyARN: key, Status: 'ENABLED' });
    await kms.send(new DisableKeyCommand({ KeyId: key }));
    await expect(
      firehose.send(new StartDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'kms', DeliveryStreamEncryptionConfigurationInput: cmk(key) })),
    ).rejects.toMatchObject({ name: 'InvalidKMSResourceException', code: 'KMS.DisabledException' });
  });

  it('UpdateDestination merges into the destination and bumps the version; a stale version is a ConcurrentModificationException', async () => {
    await createActive(aws, s3Stream('u', { Prefix: 'raw/' }));
    const update = { DeliveryStreamName: 'u', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { BufferingHints: { SizeInMBs: 64 }, CompressionFormat: 'GZIP' as const } };
    await firehose.send(new UpdateDestinationCommand({ ...update, CurrentDeliveryStreamVersionId: '1' }));
    const d = await describe_('u');
    expect(d?.VersionId).toBe('2');
    expect(d?.LastUpdateTimestamp).toBeInstanceOf(Date);
    expect(d?.Destinations?.[0].ExtendedS3DestinationDescription).toMatchObject({ Prefix: 'raw/', BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 300 }, CompressionFormat: 'GZIP' });
    await expect(firehose.send(new UpdateDestinationCommand({ ...update, CurrentDeliveryStreamVersionId: '1' }))).rejects.toMatchObject({
      name: 'ConcurrentModificationException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      firehose.send(new UpdateDestinationCommand({ ...update, CurrentDeliveryStreamVersionId: '2', DestinationId: 'destinationId-000000000009' })),
    ).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    expect((await describe_('u'))?.VersionId).toBe('2');
  });

  it('checks the configuration: one destination, prefix expressions, sources; undelivered destinations answer NotImplemented', async () => {
    const invalid = { name: 'InvalidArgumentException', $metadata: { httpStatusCode: 400 } };
    await expect(firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'x' }))).rejects.toMatchObject(invalid);
    await expect(
      firehose.send(new CreateDeliveryStreamCommand({ ...s3Stream('x'), S3DestinationConfiguration: { RoleARN: ROLE, BucketARN: BUCKET_ARN } })),
    ).rejects.toMatchObject(invalid);
    await expect(firehose.send(new CreateDeliveryStreamCommand(s3Stream('x', { Prefix: 'd=!{timestamp:yyyy}/' })))).rejects.toMatchObject({
      ...invalid,
      message: 'ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.',
    });
    await expect(firehose.send(new CreateDeliveryStreamCommand(s3Stream('x', { Prefix: '!{firehose:error-output-type}/', ErrorOutputPrefix: 'e/' })))).rejects.toMatchObject(invalid);
    await expect(
      firehose.send(new CreateDeliveryStreamCommand(s3Stream('x', { Prefix: 'd=!{timestamp:yyyy}/', ErrorOutputPrefix: 'err/!{timestamp:yyyy}/' }))),
    ).rejects.toMatchObject(invalid);
    await expect(firehose.send(new CreateDeliveryStreamCommand({ ...s3Stream('x'), DeliveryStreamType: 'KinesisStreamAsSource' }))).rejects.toMatchObject(invalid);
    await expect(
      firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: 'x',
          SplunkDestinationConfiguration: { HECEndpoint: 'https://splunk', HECEndpointType: 'Raw', HECToken: 't', S3Configuration: { RoleARN: ROLE, BucketARN: BUCKET_ARN } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
    expect((await firehose.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames).toEqual([]);
  });

  it('a Kinesis-sourced stream is stored with its source and refuses direct puts', async () => {
    const source = { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/src', RoleARN: ROLE };
    await createActive(aws, { ...s3Stream('ks'), DeliveryStreamType: 'KinesisStreamAsSource', KinesisStreamSourceConfiguration: source });
    const d = await describe_('ks');
    expect(d).toMatchObject({ DeliveryStreamType: 'KinesisStreamAsSource', Source: { KinesisStreamSourceDescription: source } });
    expect(d?.Source?.KinesisStreamSourceDescription?.DeliveryStartTimestamp).toBeInstanceOf(Date);
    await expect(firehose.send(new PutRecordCommand({ DeliveryStreamName: 'ks', Record: text('x') }))).rejects.toMatchObject({
      name: 'InvalidArgumentException',
      message: 'This operation is not permitted on KinesisStreamAsSource delivery stream type.',
    });
    await expect(firehose.send(new StartDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'ks' }))).rejects.toMatchObject({ name: 'InvalidArgumentException' });
  });
});
