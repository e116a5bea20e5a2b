/**
 * Scenario: SQS programs written the way users write them, run unchanged
 * against mockAws(): a long-polling worker loop, the ListQueues paginator,
 * FIFO batches, a dead-letter queue, and SNS fan-out with a filter policy
 * read by a consumer that parses the SNS envelope.
 */
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  paginateListQueues,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockAws } from '../../src/index';

const m = mockAws();
const sqs = new SQSClient({ region: 'us-east-1' });
const sns = new SNSClient({ region: 'us-east-1' });
afterEach(() => m.reset());
afterAll(() => m.stop());

async function queue(QueueName: string, Attributes?: Record<string, string>): Promise<string> {
  return (await sqs.send(new CreateQueueCommand({ QueueName, Attributes }))).QueueUrl!;
}

async function queueArn(QueueUrl: string): Promise<string> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return out.Attributes!.QueueArn!;
}

/** The worker loop apps run: long-poll, handle, delete; stop after `idle` empty polls. */
async function drain(QueueUrl: string, handle: (m: Message) => void, idle = 1): Promise<void> {
  let empty = 0;
  while (empty < idle) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }),
    );
    const messages = out.Messages ?? [];
    if (messages.length === 0) empty++;
    for (const msg of messages) {
      handle(msg);
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: msg.ReceiptHandle }));
    }
  }
}

describe('SQS worker loop', () => {
  it('a producer and a long-polling consumer move 50 messages exactly once', async () => {
    const url = await queue('jobs');
    const seen: string[] = [];
    const consumer = drain(url, (msg) => seen.push(msg.Body!), 2);
    const producer = (async () => {
      for (let i = 0; i < 50; i++) {
        await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `job-${i}` }));
        if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await Promise.all([producer, consumer]);
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
  });

  it('a long poll on an empty queue waits WaitTimeSeconds, then answers empty', async () => {
    const url = await queue('quiet');
    const start = Date.now();
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
    expect(out.Messages ?? []).toEqual([]);
    expect(Date.now() - start).toBeGreaterThanOrEqual(900);
  });
});

describe('SQS message attributes', () => {
  // The SDK checks MD5OfMessageBody and MD5OfMessageAttributes on send and receive: a wrong digest throws.
  it('round-trips String, Number and Binary attributes past the SDK digest checks', async () => {
    const url = await queue('attrs');
    const MessageAttributes = {
      kind: { DataType: 'String', StringValue: 'invoice' },
      total: { DataType: 'Number', StringValue: '12.50' },
      blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([0, 1, 2, 255]) },
      'trace.id': { DataType: 'String.custom', StringValue: 'abc' },
    };
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'ünïcode body', MessageAttributes }));
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'] }));
    const msg = got.Messages![0];
    expect(msg.Body).toBe('ünïcode body');
    expect(msg.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(msg.MessageAttributes?.total).toEqual({ DataType: 'Number', StringValue: '12.50' });
    expect(Buffer.from(msg.MessageAttributes!.blob.BinaryValue!)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(msg.MessageAttributes?.['trace.id'].StringValue).toBe('abc');
  });
});

describe('SQS listing, FIFO and dead letters', () => {
  it('pages ListQueues', async () => {
    for (let i = 0; i < 23; i++) await queue(`q-${i}`);
    const urls: string[] = [];
    for await (const page of paginateListQueues({ client: sqs, pageSize: 10 }, { QueueNamePrefix: 'q-' })) {
      urls.push(...(page.QueueUrls ?? []));
    }
    expect(urls).toHaveLength(23);
    expect(new Set(urls).size).toBe(23);
  });

  it('keeps FIFO order within a group across SendMessageBatch and drops duplicates', async () => {
    const url = await queue('orders.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const batch = (from: number) =>
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: Array.from({ length: 10 }, (_, i) => ({
            Id: `e${i}`,
            MessageBody: `order-${from + i}`,
            MessageGroupId: 'customer-1',
          })),
        }),
      );
    const first = await batch(0);
    expect(first.Successful).toHaveLength(10);
    expect(first.Successful![0].SequenceNumber).toMatch(/^\d+$/);
    await batch(10);
    await batch(0); // same bodies: deduplicated by content within 5 minutes
    const got: string[] = [];
    await drain(url, (msg) => got.push(msg.Body!));
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => `order-${i}`));
  });

  it('moves a message to the DLQ after maxReceiveCount receives', async () => {
    const dlq = await queue('jobs-dlq');
    const url = await queue('jobs-main', {
      VisibilityTimeout: '0',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await queueArn(dlq), maxReceiveCount: 2 }),
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));
    for (let i = 1; i <= 2; i++) {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
      );
      expect(out.Messages?.[0].Attributes?.ApproximateReceiveCount).toBe(String(i));
    }
    const third = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(third.Messages ?? []).toEqual([]);
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq }));
    expect(dead.Messages?.map((x) => x.Body)).toEqual(['poison']);
  });
});

describe('SNS to SQS fan-out', () => {
  it('delivers envelopes to every subscriber whose filter policy matches', async () => {
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: 'orders' }))).TopicArn!;
    const all = await queue('all-orders');
    const big = await queue('big-orders');
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: await queueArn(all) }));
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: await queueArn(big),
        Attributes: { FilterPolicy: JSON.stringify({ size: ['big'], amount: [{ numeric: ['>=', 100] }] }) },
      }),
    );
    const publish = (id: number, size: string, amount: number) =>
      sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: 'order',
          Message: JSON.stringify({ id }),
          MessageAttributes: {
            size: { DataType: 'String', StringValue: size },
            amount: { DataType: 'Number', StringValue: String(amount) },
          },
        }),
      );
    const published = await publish(1, 'big', 500);
    await publish(2, 'small', 5);
    await publish(3, 'big', 50);

    const envelopes = async (url: string) => {
      const out: Array<Record<string, any>> = [];
      await drain(url, (msg) => out.push(JSON.parse(msg.Body!)));
      return out;
    };
    const everything = await envelopes(all);
    expect(everything.map((e) => JSON.parse(e.Message).id).sort()).toEqual([1, 2, 3]);
    const [first] = everything.filter((e) => e.MessageId === published.MessageId);
    expect(first).toMatchObject({
      Type: 'Notification',
      TopicArn: topicArn,
      Subject: 'order',
      SignatureVersion: '1',
      MessageAttributes: { size: { Type: 'String', Value: 'big' }, amount: { Type: 'Number', Value: '500' } },
    });
    expect(typeof first.Timestamp).toBe('string');
    expect(first.UnsubscribeURL).toContain('Action=Unsubscribe');

    const filtered = await envelopes(big);
    expect(filtered.map((e) => JSON.parse(e.Message).id)).toEqual([1]);
  });

  it('delivers the bare message with RawMessageDelivery, attributes as SQS attributes', async () => {
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: 'raw' }))).TopicArn!;
    const url = await queue('raw-q');
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: await queueArn(url),
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: '{"plain":true}',
        MessageAttributes: { source: { DataType: 'String', StringValue: 'billing' } },
      }),
    );
    const got: Message[] = [];
    await drain(url, (msg) => got.push(msg));
    expect(got.map((x) => x.Body)).toEqual(['{"plain":true}']);
    expect(got[0].MessageAttributes?.source).toEqual({ DataType: 'String', StringValue: 'billing' });
  });
});
