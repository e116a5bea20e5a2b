import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue } from './support';

describe('SQS messages', () => {
  useMockAws();
  const sqs = new SQSClient({ region: 'us-east-1' });
  let QueueUrl: string;
  beforeEach(async () => {
    QueueUrl = await createQueue(sqs, 'q');
  });

  const counts = async () => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    return [
      Number(Attributes?.ApproximateNumberOfMessages),
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible),
      Number(Attributes?.ApproximateNumberOfMessagesDelayed),
    ];
  };

  it('returns the MD5s of body and attributes as SQS computes them', async () => {
    const out = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'hello world',
        MessageAttributes: {
          attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
          customNumberTypeAttrib: { DataType: 'Number.float', StringValue: '4563442423554324324264524243.32543234' },
          binaryAttribute: { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') },
        },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' } },
      }),
    );
    expect(out.MD5OfMessageBody).toBe('5eb63bbbe01eeed093cb22bb8f5acdc3');
    expect(out.MD5OfMessageAttributes).toBe('c932db14a896c663f83c260297d594ff');
    expect(out.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['attribName1'], MessageSystemAttributeNames: ['All'] }),
    );
    expect(Messages?.[0].MD5OfBody).toBe('5eb63bbbe01eeed093cb22bb8f5acdc3');
    // The digest covers the attributes returned, here only attribName1.
    expect(Messages?.[0].MD5OfMessageAttributes).toBe('19e27d4e946b072f3f58da80d94fd778');
    expect(Messages?.[0].Attributes?.AWSTraceHeader).toBe('Root=1-5759e988-bd862e3fe1be46a994272793');
  });

  it('hides a received message until its visibility timeout elapses', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 10 }));
    expect(first.Messages).toHaveLength(1);
    expect(await counts()).toEqual([0, 1, 0]);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    jest.advanceTimersByTime(9_999);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    jest.advanceTimersByTime(1);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(again.Messages?.[0].MessageId).toBe(first.Messages?.[0].MessageId);
    expect(again.Messages?.[0].ReceiptHandle).not.toBe(first.Messages?.[0].ReceiptHandle);
    expect(again.Messages?.[0].Attributes).toEqual({ ApproximateReceiveCount: '2' });
  });

  it('deletes by receipt handle and rejects handles SQS never issued', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a' }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    const handle = Messages?.[0].ReceiptHandle as string;
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: handle }));
    expect(await counts()).toEqual([0, 0, 0]);
    // Deleting again is not an error.
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: handle }));
    const err = await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'garbage' })).catch((e) => e);
    expect(err.name).toBe('ReceiptHandleIsInvalid');
    expect(err.message).toBe('The input receipt handle "garbage" is not a valid receipt handle.');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('changes visibility of an in-flight message, and refuses it for one not in flight', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a' }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    const handle = Messages?.[0].ReceiptHandle as string;
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 }));
    expect(await counts()).toEqual([1, 0, 0]);
    const err = await sqs
      .send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 5 }))
      .catch((e) => e);
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.message).toContain('Message does not exist or is not available for visibility timeout change.');
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    await expect(
      sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: again.Messages?.[0].ReceiptHandle, VisibilityTimeout: 43_201 }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('delays delivery by the message DelaySeconds, else the queue DelaySeconds', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'late', DelaySeconds: 5 }));
    expect(await counts()).toEqual([0, 0, 1]);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    jest.advanceTimersByTime(5_000);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.[0].Body).toBe('late');
    const slow = await createQueue(sqs, 'slow', { DelaySeconds: '30' });
    await sqs.send(new SendMessageCommand({ QueueUrl: slow, MessageBody: 'x' }));
    jest.advanceTimersByTime(29_000);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: slow }))).Messages).toBeUndefined();
    jest.advanceTimersByTime(1_000);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: slow }))).Messages).toHaveLength(1);
  });

  it('drops messages older than the retention period', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const url = await createQueue(sqs, 'short', { MessageRetentionPeriod: '60' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'old' }));
    jest.advanceTimersByTime(30_000);
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'new' }));
    jest.advanceTimersByTime(30_000);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(Messages?.map((x) => x.Body)).toEqual(['new']);
  });

  it('returns up to MaxNumberOfMessages and validates the receive parameters', async () => {
    for (let i = 0; i < 15; i++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}` }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages).toHaveLength(10);
    expect(Messages?.map((x) => x.Body)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    const err = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 })).catch((e) => e);
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.message).toBe('Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.');
    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 21 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });

  it('selects message attributes by name, prefix and All, and system attributes by name', async () => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'a',
        MessageAttributes: {
          'user.id': { DataType: 'Number', StringValue: '7' },
          'user.name': { DataType: 'String', StringValue: 'ann' },
          other: { DataType: 'String', StringValue: 'o' },
        },
      }),
    );
    const r = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['user.*'], AttributeNames: ['SentTimestamp', 'SenderId'] as never, VisibilityTimeout: 0 }),
    );
    expect(Object.keys(r.Messages?.[0].MessageAttributes ?? {}).sort()).toEqual(['user.id', 'user.name']);
    expect(Object.keys(r.Messages?.[0].Attributes ?? {}).sort()).toEqual(['SenderId', 'SentTimestamp']);
    const all = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'] }));
    expect(all.Messages?.[0].MessageAttributes?.other).toEqual({ DataType: 'String', StringValue: 'o' });
    const none = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
    expect(none.Messages).toBeUndefined();
  });

  it('validates the body and message attributes', async () => {
    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '' }))).rejects.toMatchObject({
      name: 'MissingParameter',
      message: 'The request must contain the parameter MessageBody.',
    });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'bad \u0000 char' }))).rejects.toMatchObject({
      name: 'InvalidMessageContents',
    });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_577) }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.',
    });
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]));
    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes: eleven }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Number of message attributes [11] exceeds the allowed maximum [10].',
    });
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes: { a: { DataType: 'Date', StringValue: '1' } } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes: { 'AWS.x': { DataType: 'String', StringValue: '1' } } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', DelaySeconds: 901 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    expect(await counts()).toEqual([0, 0, 0]);
  });

  it('purges a queue once per 60 seconds', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    expect(await counts()).toEqual([0, 0, 0]);
    const err = await sqs.send(new PurgeQueueCommand({ QueueUrl })).catch((e) => e);
    expect(err.name).toBe('PurgeQueueInProgress');
    expect(err.$metadata.httpStatusCode).toBe(403);
    jest.advanceTimersByTime(60_000);
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
  });
});
