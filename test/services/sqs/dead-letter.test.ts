import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue } from './support';

describe('SQS dead-letter queues', () => {
  useMockAws();
  const sqs = new SQSClient({ region: 'us-east-1' });
  let dlqUrl: string;
  let dlqArn: string;
  let srcUrl: string;
  beforeEach(async () => {
    dlqUrl = await createQueue(sqs, 'dlq');
    dlqArn = 'arn:aws:sqs:us-east-1:123456789012:dlq';
    srcUrl = await createQueue(sqs, 'src', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: '2' }) });
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', async () => {
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: srcUrl, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: srcUrl, VisibilityTimeout: 0 }));
      expect(r.Messages?.[0].MessageId).toBe(sent.MessageId);
    }
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: srcUrl }))).Messages).toBeUndefined();
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['All'] }));
    expect(dead.Messages?.[0]).toMatchObject({ MessageId: sent.MessageId, Body: 'poison' });
    expect(dead.Messages?.[0].Attributes?.DeadLetterQueueSourceArn).toBe('arn:aws:sqs:us-east-1:123456789012:src');
  });

  it('normalises the RedrivePolicy and validates its target', async () => {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: srcUrl, AttributeNames: ['RedrivePolicy'] }));
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '')).toEqual({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 });
    const missing = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:none', maxReceiveCount: 1 });
    const err = await sqs.send(new SetQueueAttributesCommand({ QueueUrl: srcUrl, Attributes: { RedrivePolicy: missing } })).catch((e) => e);
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.message).toContain('Dead letter target does not exist.');
    const badCount = JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1001 });
    await expect(
      sqs.send(new SetQueueAttributesCommand({ QueueUrl: srcUrl, Attributes: { RedrivePolicy: badCount } })),
    ).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
  });

  it('lists the queues that use a dead-letter queue', async () => {
    const out = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));
    expect(out.queueUrls).toEqual([srcUrl]);
  });

  it('moves messages back to their source with a move task', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: srcUrl, MessageBody: 'x' }));
    for (let i = 0; i < 3; i++) await sqs.send(new ReceiveMessageCommand({ QueueUrl: srcUrl, VisibilityTimeout: 0 }));
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    expect(TaskHandle).toBeDefined();
    const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    expect(Results?.[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1, SourceArn: dlqArn });
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: srcUrl }))).Messages?.[0].Body).toBe('x');
  });

  it('runs a rate-limited move task on the clock and can cancel it', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    for (let i = 0; i < 5; i++) await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: `m${i}` }));
    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: dlqArn, DestinationArn: 'arn:aws:sqs:us-east-1:123456789012:src', MaxNumberOfMessagesPerSecond: 1 }),
    );
    jest.advanceTimersByTime(2_000);
    const running = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    expect(running.Results?.[0]).toMatchObject({ Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 2, TaskHandle });
    await expect(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }))).rejects.toMatchObject({ name: 'UnsupportedOperation' });
    const cancelled = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBe(2);
    await expect(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses a move task from a queue that is not a dead-letter queue', async () => {
    await expect(
      sqs.send(new StartMessageMoveTaskCommand({ SourceArn: 'arn:aws:sqs:us-east-1:123456789012:src' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});
