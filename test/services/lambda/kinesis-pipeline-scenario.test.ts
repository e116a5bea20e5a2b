/**
 * Scenario (issue 16): orders put to Kinesis reach a Lambda function through an
 * event source mapping across a shard split (parent first, then its children);
 * the function publishes a custom metric of failed orders, and an alarm on it
 * goes to ALARM and notifies SNS → SQS — under fake timers, in seconds.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CreateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { useMockAws } from '../lifecycle';
import { expectAlarmRaised, ordersAcrossSplit } from '../cloudwatch/support';
import { lambdaClient, recorder, useLambdaRole } from './support';

describe('scenario: Kinesis → Lambda mapping → CloudWatch alarm → SNS → SQS', () => {
  const aws = useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();
  const cw = new CloudWatchClient({ region: 'us-east-1' });

  it('delivers every record across a split to the function, whose metric raises the alarm', async () => {
    // The function counts failed orders and publishes them, as a real consumer would, through the SDK.
    const batches = await recorder(aws, lambda, 'order-checker', async (batch) => {
      const orders = batch.Records.map((r) => JSON.parse(Buffer.from(r.kinesis.data, 'base64').toString('utf8')) as { ok: boolean });
      const failed = orders.filter((o) => !o.ok).length;
      if (failed) await cw.send(new PutMetricDataCommand({ Namespace: 'Shop', MetricData: [{ MetricName: 'FailedOrders', Value: failed, Unit: 'Count' }] }));
      return null;
    });
    const receive = await ordersAcrossSplit(aws);

    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'order-checker', EventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/orders', StartingPosition: 'TRIM_HORIZON', BatchSize: 3 }));
    await jest.advanceTimersByTimeAsync(1000);

    const ids = batches.map((b) => b.Records.map((r) => JSON.parse(Buffer.from(r.kinesis.data, 'base64').toString('utf8')).id as number));
    expect(ids.slice(0, 2)).toEqual([[1, 2, 3], [4, 5]]); // the parent shard, in order, first
    expect(ids.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batches.slice(2).every((b) => b.Records.every((r) => r.eventID.startsWith('shardId-000000000001:') || r.eventID.startsWith('shardId-000000000002:')))).toBe(true);

    await expectAlarmRaised(aws, receive);
  });
});
