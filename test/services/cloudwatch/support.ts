/** Shared setup of the CloudWatch tests: frozen time, an SNS topic wired to an SQS queue, and the pipeline scenarios' producer and alarm. */
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateStreamCommand, KinesisClient, PutRecordsCommand, SplitShardCommand } from '@aws-sdk/client-kinesis';
import type { MockAws } from '../../../src/mock';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

/** 2031-03-01T00:00:00Z: a minute boundary, so alarm periods line up with it. */
export const T0 = Date.parse('2031-03-01T00:00:00Z');

export function freezeTime(now = T0): void {
  jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
}

/** A topic with a queue subscribed to it (raw delivery off: the SNS envelope); receive() reads and deletes. */
export async function topicToQueue(name: string) {
  const sns = new SNSClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-q` }));
  await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:us-east-1:123456789012:${name}-q` }));
  const receive = async () => {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    // Deleted once read: a message left in the queue shows again after its visibility timeout.
    for (const m of out.Messages ?? []) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    return (out.Messages ?? []).map((m) => JSON.parse(m.Body as string) as { Subject?: string; Message: string });
  };
  return { topicArn: TopicArn as string, receive };
}

/** The scenarios' producer: orders `ids` put to the Kinesis stream `orders` (every third one failed). */
export function writeOrders(ids: number[]) {
  return new KinesisClient({ region: 'us-east-1' }).send(
    new PutRecordsCommand({
      StreamName: 'orders',
      Records: ids.map((id) => ({ Data: Buffer.from(JSON.stringify({ id, ok: id % 3 !== 0 })), PartitionKey: `order-${id}` })),
    }),
  );
}

/** The scenarios' alarm: `failed-orders`, Sum of Shop/FailedOrders >= 2 over one minute, notifying `topicArn`. */
export function failedOrdersAlarm(topicArn: string) {
  return new CloudWatchClient({ region: 'us-east-1' }).send(
    new PutMetricAlarmCommand({
      AlarmName: 'failed-orders',
      Namespace: 'Shop',
      MetricName: 'FailedOrders',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 2,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [topicArn],
    }),
  );
}

/**
 * The pipeline scenarios' setup, under frozen time: the `failed-orders` alarm notifying a queue through
 * SNS, and the stream `orders` holding orders 1-5 in shardId-000000000000, split in two, then orders 6-9
 * in its children. Returns the queue's receive().
 */
export async function ordersAcrossSplit(aws: MockAws) {
  const kinesis = new KinesisClient({ region: 'us-east-1' });
  freezeTime();
  const { topicArn, receive } = await topicToQueue('oncall');
  await kinesis.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 1 }));
  aws.clock.advance(10);
  await failedOrdersAlarm(topicArn);
  await writeOrders([1, 2, 3, 4, 5]);
  await kinesis.send(new SplitShardCommand({ StreamName: 'orders', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (2n ** 127n).toString() }));
  aws.clock.advance(10);
  await writeOrders([6, 7, 8, 9]);
  return receive;
}

/** The scenarios' end: a minute later the `failed-orders` alarm is in ALARM and its notice is in the queue. */
export async function expectAlarmRaised(aws: MockAws, receive: () => Promise<Array<{ Subject?: string; Message: string }>>) {
  aws.clock.advance(60_000);
  await aws.settle();
  const { MetricAlarms } = await new CloudWatchClient({ region: 'us-east-1' }).send(new DescribeAlarmsCommand({ AlarmNames: ['failed-orders'] }));
  expect(MetricAlarms?.[0].StateValue).toBe('ALARM');
  const [notice] = await receive();
  expect(notice.Subject).toBe('ALARM: "failed-orders" in US East (N. Virginia)');
  expect(JSON.parse(notice.Message)).toMatchObject({ AlarmName: 'failed-orders', NewStateValue: 'ALARM', OldStateValue: 'INSUFFICIENT_DATA' });
}
