/** Shared setup of the SQS tests (and the SNS tests that fan out to SQS): queues by name. */
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Creates queue `QueueName` (with `Attributes`) and returns its URL. */
export async function createQueue(sqs: SQSClient, QueueName: string, Attributes?: Record<string, string>): Promise<string> {
  return (await sqs.send(new CreateQueueCommand({ QueueName, Attributes }))).QueueUrl as string;
}

/** The ARN of queue `name` in the default account and region (what SNS subscribes and redrive targets name). */
export const queueArn = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;
