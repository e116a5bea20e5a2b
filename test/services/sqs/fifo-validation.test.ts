/**
 * FIFO specifics of delay and queue type: FIFO queues take a queue-level
 * DelaySeconds but refuse a per-message one; FifoQueue takes true or false and
 * is set only at creation.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html#SQS-SendMessage-request-DelaySeconds
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html#SQS-CreateQueue-request-attributes
 */
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue } from './support';

const NOT_FOR_FIFO = 'Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.';

describe('SQS FIFO delay and FifoQueue validation', () => {
  useMockAws();
  const sqs = new SQSClient({ region: 'us-east-1' });

  it('refuses a per-message DelaySeconds on a FIFO queue, in SendMessage and per batch entry', async () => {
    const QueueUrl = await createQueue(sqs, 'd.fifo', { FifoQueue: 'true' });
    const one = sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'a', DelaySeconds: 5 }));
    await expect(one).rejects.toMatchObject({ name: 'InvalidParameterValue', message: NOT_FOR_FIFO, $metadata: { httpStatusCode: 400 } });
    const batch = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'ok', MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'b' },
          { Id: 'late', MessageBody: 'y', MessageGroupId: 'g', MessageDeduplicationId: 'c', DelaySeconds: 5 },
        ],
      }),
    );
    expect(batch.Successful?.map((s) => s.Id)).toEqual(['ok']);
    expect(batch.Failed).toEqual([{ Id: 'late', SenderFault: true, Code: 'InvalidParameterValue', Message: NOT_FOR_FIFO }]);
  });

  it('takes a queue-level DelaySeconds on a FIFO queue and delays its messages', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const QueueUrl = await createQueue(sqs, 'late.fifo', { FifoQueue: 'true', DelaySeconds: '5' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'a' }));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    jest.advanceTimersByTime(5_000);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.[0].Body).toBe('x');
  });

  it('answers InvalidAttributeValue for a FifoQueue that is not a boolean, and InvalidParameterValue for a FIFO queue without .fifo', async () => {
    for (const QueueName of ['plain', 'named.fifo']) {
      await expect(sqs.send(new CreateQueueCommand({ QueueName, Attributes: { FifoQueue: 'yes' } }))).rejects.toMatchObject({
        name: 'InvalidAttributeValue',
        message: 'Invalid value for the parameter FifoQueue.',
      });
    }
    await expect(sqs.send(new CreateQueueCommand({ QueueName: 'plain', Attributes: { FifoQueue: 'true' } }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message:
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
    });
    // FifoQueue=false is a standard queue, which does not report the attribute.
    const QueueUrl = await createQueue(sqs, 'plain', { FifoQueue: 'false' });
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(Attributes?.FifoQueue).toBeUndefined();
  });
});
