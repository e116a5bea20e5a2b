/**
 * Scenario: orders written to Kinesis (across a shard split) are read by a
 * Firehose delivery stream and buffered into one S3 object under a dated
 * prefix; a job counts the failed orders in that object and publishes a
 * custom metric, whose alarm goes to ALARM and notifies SNS → SQS. All on
 * the core clock under fake timers.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CreateStreamCommand, KinesisClient, SplitShardCommand } from '@aws-sdk/client-kinesis';
import { BUCKET_ARN, ROLE, createActive, createBucket, listKeys, readObject } from '../firehose/support';
import { useMockAws } from '../lifecycle';
import { expectAlarmRaised, failedOrdersAlarm, freezeTime, topicToQueue, writeOrders } from './support';

describe('scenario: Kinesis → Firehose → S3, and a CloudWatch alarm notifying SNS → SQS', () => {
  const aws = useMockAws();
  const kinesis = new KinesisClient({ region: 'us-east-1' });

  it('delivers every order across a split into a dated S3 object and raises the alarm on failed orders', async () => {
    freezeTime();
    const { topicArn, receive } = await topicToQueue('oncall');
    await createBucket();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 1 }));
    aws.clock.advance(10);
    await createActive(aws, {
      DeliveryStreamName: 'orders-to-s3',
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/orders', RoleARN: ROLE },
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE,
        BucketARN: BUCKET_ARN,
        Prefix: 'orders/!{timestamp:yyyy/MM/dd}/',
        ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
      },
    });
    await failedOrdersAlarm(topicArn);
    await writeOrders([1, 2, 3, 4, 5]);
    await kinesis.send(new SplitShardCommand({ StreamName: 'orders', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (2n ** 127n).toString() }));
    aws.clock.advance(10);
    await writeOrders([6, 7, 8, 9]);

    aws.clock.advance(61_000);
    await aws.settle();
    const keys = await listKeys('orders/');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^orders\/2031\/03\/01\/orders-to-s3-1-2031-03-01-00-00-01-/);
    const body = (await readObject(keys[0])).toString();
    const orders = body.match(/\{[^}]*\}/g)?.map((o) => JSON.parse(o) as { id: number; ok: boolean }) ?? [];
    expect(orders.map((o) => o.id).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const failed = orders.filter((o) => !o.ok).length;
    await new CloudWatchClient({ region: 'us-east-1' }).send(
      new PutMetricDataCommand({ Namespace: 'Shop', MetricData: [{ MetricName: 'FailedOrders', Value: failed, Unit: 'Count' }] }),
    );
    await expectAlarmRaised(aws, receive);
  });
});
