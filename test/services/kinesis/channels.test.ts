import {
  CreateChannelCommand,
  CreateStreamCommand,
  DeleteChannelCommand,
  DescribeChannelCommand,
  DescribeLimitsCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListChannelsCommand,
  UpdateChannelCommand,
} from '@aws-sdk/client-kinesis';
import { useMockAws } from '../lifecycle';
import { ACCOUNT, activeStream, freezeTime, streamArn } from './support';

const ROLE = `arn:aws:iam::${ACCOUNT}:role/channel-writer`;
const BUCKET = 'arn:aws:s3:::delivery-bucket';
const channelArn = (name: string) => `arn:aws:kinesis:us-east-1:${ACCOUNT}:channel/${name}`;

describe('Kinesis channels', () => {
  const aws = useMockAws();
  const kinesis = new KinesisClient({ region: 'us-east-1', maxAttempts: 1 });

  async function onDemand(StreamName: string) {
    await kinesis.send(new CreateStreamCommand({ StreamName, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    aws.clock.advance(10);
  }

  const s3Channel = (ChannelName: string, stream: string) =>
    new CreateChannelCommand({
      ChannelName,
      ServiceExecutionRoleARN: ROLE,
      StreamConfigurationList: [{ StreamARN: streamArn(stream), RecordConfiguration: { RecordFormatType: 'JSON' } }],
      S3DestinationConfiguration: {
        StorageConfiguration: { BucketARN: BUCKET, ExpectedBucketOwner: ACCOUNT, CompressionType: 'GZIP' },
      },
    });

  it('creates a channel CREATING, ACTIVE on the clock, with the documented defaults', async () => {
    freezeTime();
    await onDemand('clicks');
    const created = await kinesis.send(s3Channel('to-s3', 'clicks'));
    expect(created.ChannelDescription).toMatchObject({
      ChannelName: 'to-s3',
      ChannelARN: channelArn('to-s3'),
      ChannelStatus: 'CREATING',
      ServiceExecutionRoleARN: ROLE,
      StreamConfigurationList: [{ StreamARN: streamArn('clicks'), RecordConfiguration: { RecordFormatType: 'JSON' } }],
      S3DestinationConfiguration: {
        DataFreshnessInSeconds: 300,
        DeadLetterQueueS3Configuration: { BucketARN: BUCKET, ExpectedBucketOwner: ACCOUNT },
        StorageConfiguration: { BucketARN: BUCKET, CompressionType: 'GZIP' },
      },
      LoggingConfiguration: { CloudWatchLogs: { Enabled: false } },
    });
    expect(created.ChannelDescription?.ChannelId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.ChannelDescription?.StreamConfigurationList?.[0].StreamCreationTimestamp).toBeInstanceOf(Date);
    aws.clock.advance(10);
    const described = await kinesis.send(new DescribeChannelCommand({ ChannelARN: channelArn('to-s3') }));
    expect(described.ChannelDescription?.ChannelStatus).toBe('ACTIVE');
    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'clicks' }));
    expect(summary.StreamDescriptionSummary?.ChannelCount).toBe(1);
    expect((await kinesis.send(new DescribeLimitsCommand({}))).ChannelCount).toBe(1);
  });

  it('refuses a provisioned stream, both or neither destination, a taken name, an unknown stream', async () => {
    await activeStream(kinesis, aws, 'provisioned');
    await expect(kinesis.send(s3Channel('c', 'provisioned'))).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    await onDemand('od');
    await expect(
      kinesis.send(
        new CreateChannelCommand({
          ChannelName: 'none',
          ServiceExecutionRoleARN: ROLE,
          StreamConfigurationList: [{ StreamARN: streamArn('od'), RecordConfiguration: { RecordFormatType: 'JSON' } }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    await expect(kinesis.send(s3Channel('c', 'missing'))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Stream missing under account ${ACCOUNT} not found.`,
    });
    await expect(kinesis.send(s3Channel('bad name!', 'od'))).rejects.toMatchObject({ name: 'ValidationException' });
    await kinesis.send(s3Channel('taken', 'od'));
    await expect(kinesis.send(s3Channel('taken', 'od'))).rejects.toMatchObject({
      name: 'ResourceInUseException',
      $metadata: { httpStatusCode: 400 },
    });
    expect((await kinesis.send(new ListChannelsCommand({}))).ChannelSummaries?.map((c) => c.ChannelName)).toEqual(['taken']);
  });

  it('lists channels by name in pages, filtered by stream', async () => {
    await onDemand('a');
    await onDemand('b');
    for (const name of ['c3', 'c1', 'c2']) await kinesis.send(s3Channel(name, 'a'));
    await kinesis.send(s3Channel('c0', 'b'));
    const first = await kinesis.send(new ListChannelsCommand({ MaxResults: 2 }));
    expect(first.ChannelSummaries?.map((c) => c.ChannelName)).toEqual(['c0', 'c1']);
    expect(first.ChannelSummaries?.[0]).toMatchObject({ ChannelDestinationType: 'S3', Streams: [{ StreamARN: streamArn('b') }] });
    const second = await kinesis.send(new ListChannelsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.ChannelSummaries?.map((c) => c.ChannelName)).toEqual(['c2', 'c3']);
    expect(second.NextToken).toBeUndefined();
    const ofA = await kinesis.send(new ListChannelsCommand({ StreamFilter: [{ StreamARN: streamArn('a') }] }));
    expect(ofA.ChannelSummaries?.map((c) => c.ChannelName)).toEqual(['c1', 'c2', 'c3']);
  });

  it('a ListChannels token expires after 300 s on the clock', async () => {
    freezeTime();
    await onDemand('s');
    await kinesis.send(s3Channel('x1', 's'));
    await kinesis.send(s3Channel('x2', 's'));
    const first = await kinesis.send(new ListChannelsCommand({ MaxResults: 1 }));
    aws.clock.advance(301_000);
    await expect(kinesis.send(new ListChannelsCommand({ NextToken: first.NextToken }))).rejects.toMatchObject({
      name: 'ExpiredNextTokenException',
    });
  });

  it('updates freshness and logging of an ACTIVE channel, which goes UPDATING', async () => {
    freezeTime();
    await onDemand('s');
    await kinesis.send(s3Channel('u', 's'));
    await expect(
      kinesis.send(new UpdateChannelCommand({ ChannelARN: channelArn('u'), S3DestinationConfiguration: { DataFreshnessInSeconds: 60 } })),
    ).rejects.toMatchObject({ name: 'ResourceInUseException' });
    aws.clock.advance(10);
    const updated = await kinesis.send(
      new UpdateChannelCommand({
        ChannelARN: channelArn('u'),
        S3DestinationConfiguration: { DataFreshnessInSeconds: 60 },
        LoggingConfiguration: { CloudWatchLogs: { Enabled: true, LogGroupName: '/channels/u' } },
      }),
    );
    expect(updated.ChannelDescription).toMatchObject({
      ChannelStatus: 'UPDATING',
      S3DestinationConfiguration: { DataFreshnessInSeconds: 60 },
      LoggingConfiguration: { CloudWatchLogs: { Enabled: true, LogGroupName: '/channels/u' } },
    });
    aws.clock.advance(10);
    await expect(
      kinesis.send(new UpdateChannelCommand({ ChannelARN: channelArn('u'), S3TablesDestinationConfiguration: { DataFreshnessInSeconds: 60 } })),
    ).rejects.toMatchObject({ name: 'InvalidArgumentException' });
  });

  it('deletes a channel: DELETING, then gone', async () => {
    freezeTime();
    await onDemand('s');
    await kinesis.send(s3Channel('d', 's'));
    await kinesis.send(new DeleteChannelCommand({ ChannelARN: channelArn('d') }));
    expect((await kinesis.send(new DescribeChannelCommand({ ChannelARN: channelArn('d') }))).ChannelDescription?.ChannelStatus).toBe('DELETING');
    aws.clock.advance(10);
    await expect(kinesis.send(new DescribeChannelCommand({ ChannelARN: channelArn('d') }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect((await kinesis.send(new ListChannelsCommand({}))).ChannelSummaries).toEqual([]);
    await expect(kinesis.send(new DeleteChannelCommand({ ChannelARN: channelArn('d') }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
