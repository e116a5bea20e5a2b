/**
 * Work queued on the clock goes on after aws.restore(snapshot) (and after a state directory is loaded, the same
 * path): a restored backend's restored() re-arms what a copy cannot carry. Before, a restore dropped the
 * queued tasks, so alarms stopped evaluating, schedules stopped firing and Firehose buffers never flushed.
 */
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { PutRecordCommand } from '@aws-sdk/client-firehose';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockAws, type MockAws } from '../../src/mock';
import { freezeTime } from '../services/cloudwatch/support';
import { createActive, createBucket, firehose, listKeys, s3Stream, text } from '../services/firehose/support';
import { createQueue, queueArn } from '../services/sqs/support';

const region = 'us-east-1';
const cloudwatch = new CloudWatchClient({ region });
const scheduler = new SchedulerClient({ region });
const sqs = new SQSClient({ region });

describe('snapshots and work queued on the clock', () => {
  let aws: MockAws;
  beforeEach(() => {
    aws = mockAws();
  });
  afterEach(() => {
    aws.stop();
    jest.useRealTimers();
  });

  const restoreNow = async () => aws.restore(await aws.snapshot());

  it('a metric alarm restored from a snapshot still evaluates', async () => {
    freezeTime();
    await cloudwatch.send(
      new PutMetricAlarmCommand({ AlarmName: 'busy', Namespace: 'app', MetricName: 'jobs', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' }),
    );
    await restoreNow();
    await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'app', MetricData: [{ MetricName: 'jobs', Value: 3 }] }));
    aws.clock.advance(60_000); // the end of the period the datapoint is in (the clock starts on a minute)
    await aws.settle();
    const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['busy'] }));
    expect(MetricAlarms?.[0].StateValue).toBe('ALARM');
  });

  it('a schedule restored from a snapshot still fires into its target', async () => {
    const url = await createQueue(sqs, 'ticks');
    const target = { Arn: queueArn('ticks'), RoleArn: 'arn:aws:iam::123456789012:role/scheduler', Input: 'tick' };
    await scheduler.send(new CreateScheduleCommand({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target }));
    await restoreNow();
    aws.clock.advance(61_000);
    await aws.settle();
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(got.Messages?.map((m) => m.Body)).toContain('tick');
  });

  it('a Firehose buffer restored from a snapshot is still delivered at its interval', async () => {
    await createBucket();
    await createActive(aws, s3Stream('buffered', { BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 60 } }));
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'buffered', Record: text('kept across the restore\n') }));
    await restoreNow();
    expect(await listKeys()).toEqual([]);
    aws.clock.advance(61_000);
    await aws.settle();
    expect(await listKeys()).toHaveLength(1);
  });
});
