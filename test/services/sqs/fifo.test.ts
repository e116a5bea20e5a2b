import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue } from './support';

describe('SQS FIFO queues', () => {
  useMockAws();
  const sqs = new SQSClient({ region: 'us-east-1' });

  const fifo = (attrs: Record<string, string> = {}) => createQueue(sqs, 'q.fifo', { FifoQueue: 'true', ...attrs });

  it('reports FIFO attributes with their defaults', async () => {
    const QueueUrl = await fifo();
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      DeduplicationScope: 'queue',
      FifoThroughputLimit: 'perQueue',
    });
  });

  it('requires a group id and a deduplication id (or content-based deduplication)', async () => {
    const QueueUrl = await fifo();
    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' }))).rejects.toMatchObject({
      name: 'MissingParameter',
      message: 'The request must contain the parameter MessageGroupId.',
    });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    });
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 1 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('deduplicates within five minutes, by explicit id or by content', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const QueueUrl = await fifo({ ContentBasedDeduplication: 'true' });
    const a = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'same', MessageGroupId: 'g' }));
    const b = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'same', MessageGroupId: 'g' }));
    expect(b.MessageId).toBe(a.MessageId);
    expect(b.SequenceNumber).toBe(a.SequenceNumber);
    jest.advanceTimersByTime(5 * 60 * 1000);
    const c = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'same', MessageGroupId: 'g' }));
    expect(c.MessageId).not.toBe(a.MessageId);
    expect(BigInt(c.SequenceNumber as string) > BigInt(a.SequenceNumber as string)).toBe(true);
    expect(a.SequenceNumber).toMatch(/^\d{20}$/);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages).toHaveLength(2);
  });

  it('delivers a group in order and locks it while a message of it is in flight', async () => {
    const QueueUrl = await fifo({ ContentBasedDeduplication: 'true' });
    for (const [g, b] of [['a', 'a1'], ['a', 'a2'], ['b', 'b1'], ['a', 'a3']]) {
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: b, MessageGroupId: g }));
    }
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, MessageSystemAttributeNames: ['All'] }));
    expect(first.Messages?.[0].Body).toBe('a1');
    expect(first.Messages?.[0].Attributes).toMatchObject({ MessageGroupId: 'a', SequenceNumber: expect.stringMatching(/^\d+$/) });
    // Group a is locked: the next receive can only serve group b.
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(second.Messages?.map((x) => x.Body)).toEqual(['b1']);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages?.[0].ReceiptHandle }));
    const third = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(third.Messages?.map((x) => x.Body)).toEqual(['a2', 'a3']);
  });

  it('returns the same messages for a repeated ReceiveRequestAttemptId', async () => {
    const QueueUrl = await fifo({ ContentBasedDeduplication: 'true' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' }));
    const a = await sqs.send(new ReceiveMessageCommand({ QueueUrl, ReceiveRequestAttemptId: 'try-1' }));
    const b = await sqs.send(new ReceiveMessageCommand({ QueueUrl, ReceiveRequestAttemptId: 'try-1' }));
    expect(b.Messages?.[0].ReceiptHandle).toBe(a.Messages?.[0].ReceiptHandle);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl, ReceiveRequestAttemptId: 'try-2' }))).Messages).toBeUndefined();
  });

  it('refuses an expired FIFO receipt handle', async () => {
    const QueueUrl = await fifo({ ContentBasedDeduplication: 'true' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' }));
    const a = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    const err = await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: a.Messages?.[0].ReceiptHandle })).catch((e) => e);
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.message).toContain('The receipt handle has expired.');
  });

  it('scopes deduplication to the group when DeduplicationScope is messageGroup', async () => {
    const QueueUrl = await fifo({ DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
    const a = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g1', MessageDeduplicationId: 'd' }));
    const b = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g2', MessageDeduplicationId: 'd' }));
    expect(b.MessageId).not.toBe(a.MessageId);
  });
});
