import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue } from './support';

describe('SQS long polling and concurrency', () => {
  const aws = useMockAws();
  const sqs = new SQSClient({ region: 'us-east-1' });
  let QueueUrl: string;
  beforeEach(async () => {
    QueueUrl = await createQueue(sqs, 'q');
  });

  it('returns as soon as a message arrives, without blocking other calls', async () => {
    const started = Date.now();
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((r) => setTimeout(r, 20));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'ping' }));
    const { Messages } = await polling;
    expect(Messages?.[0].Body).toBe('ping');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('returns empty when WaitTimeSeconds runs out (driven by fake timers)', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    let done = false;
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 })).then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setImmediate(r));
    await jest.advanceTimersByTimeAsync(4_999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect((await polling).Messages).toBeUndefined();
  });

  it('ends an empty long poll when aws.clock.advance() passes WaitTimeSeconds, without fake timers', async () => {
    let done = false;
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 })).then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 20));
    aws.clock.advance(19_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    aws.clock.advance(1_000);
    const started = Date.now();
    expect((await polling).Messages).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('wakes a long poll when a delayed message comes due', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 3 }));
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((r) => setImmediate(r));
    await jest.advanceTimersByTimeAsync(3_000);
    expect((await polling).Messages?.[0].Body).toBe('later');
  });

  it('uses the queue ReceiveMessageWaitTimeSeconds when the call gives none', async () => {
    const url = await createQueue(sqs, 'lp', { ReceiveMessageWaitTimeSeconds: '20' });
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    await new Promise((r) => setTimeout(r, 10));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    expect((await polling).Messages?.[0].Body).toBe('x');
  });

  it('never hands one message to two of 100 concurrent receivers within its visibility timeout', async () => {
    for (let i = 0; i < 100; i++) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: Array.from({ length: 10 }, (_, j) => ({ Id: `e${j}`, MessageBody: `m-${i}-${j}` })),
        }),
      );
    }
    const seen = new Map<string, number>();
    const receiver = async () => {
      for (;;) {
        const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        if (!Messages) return;
        for (const msg of Messages) seen.set(msg.MessageId as string, (seen.get(msg.MessageId as string) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 100 }, receiver));
    expect(seen.size).toBe(1000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('serves parked receivers in order, one message each', async () => {
    const polls = Array.from({ length: 3 }, () => sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 })));
    await new Promise((r) => setTimeout(r, 20));
    for (const b of ['1', '2', '3']) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: b }));
    const bodies = (await Promise.all(polls)).map((r) => r.Messages?.[0].Body);
    expect(bodies.sort()).toEqual(['1', '2', '3']);
    const r = await Promise.all(polls);
    for (const x of r) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: x.Messages?.[0].ReceiptHandle }));
  });
});
