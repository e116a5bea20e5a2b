/** Shared setup of the CloudWatch tests: frozen time and an SNS topic wired to an SQS queue. */
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
