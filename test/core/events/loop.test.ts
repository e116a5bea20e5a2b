import { clock } from '../../../src/core/clock';
import { EventLoop } from '../../../src/core/events/loop';
import { mockAws } from '../../../src/mock';

describe('core event loop', () => {
  afterEach(() => {
    jest.useRealTimers();
    clock.reset();
  });

  it('runs due tasks one at a time, in scheduling order, after the current call', async () => {
    const loop = new EventLoop();
    const seen: string[] = [];
    loop.schedule(async () => {
      seen.push('a1');
      await new Promise((r) => setImmediate(r));
      seen.push('a2');
    });
    loop.schedule(() => {
      seen.push('b');
      loop.schedule(() => {
        seen.push('c');
      });
    });
    expect(seen).toEqual([]);
    await loop.settle();
    expect(seen).toEqual(['a1', 'a2', 'b', 'c']);
  });

  it('orders by due time, then by scheduling', async () => {
    const loop = new EventLoop();
    const seen: number[] = [];
    const now = clock.now();
    // Far enough apart that the real time a loaded machine takes between steps cannot matter.
    loop.schedule(() => void seen.push(3), { at: now + 20_000 });
    loop.schedule(() => void seen.push(1), { at: now + 10_000 });
    loop.schedule(() => void seen.push(2), { at: now + 10_000 });
    await loop.settle();
    expect(seen).toEqual([]);
    expect(loop.pending).toBe(3);
    clock.advance(15_000);
    await loop.settle();
    expect(seen).toEqual([1, 2]);
    clock.advance(5_000);
    await loop.settle();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('keeps a failing task from stopping the others, and records it', async () => {
    const loop = new EventLoop();
    const seen: string[] = [];
    loop.schedule(() => {
      throw new Error('boom');
    }, { label: 'bad' });
    loop.schedule(() => void seen.push('after'));
    await loop.settle();
    expect(seen).toEqual(['after']);
    expect(loop.failures).toEqual([expect.objectContaining({ label: 'bad' })]);
  });

  it('delivers to subscribers as tasks, and drops everything on reset', async () => {
    const loop = new EventLoop();
    const seen: unknown[] = [];
    const stop = loop.subscribe('topic', (e) => void seen.push(e));
    loop.publish('topic', 1);
    await loop.settle();
    stop();
    loop.publish('topic', 2);
    loop.schedule(() => void seen.push('later'), { at: clock.now() + 1000 });
    loop.reset();
    clock.advance(2000);
    await loop.settle();
    expect(seen).toEqual([1]);
  });

  it('follows jest fake timers: advancing them brings delayed tasks due', async () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const loop = new EventLoop();
    const seen: string[] = [];
    loop.schedule(() => void seen.push('x'), { at: clock.now() + 60_000 });
    jest.advanceTimersByTime(59_999);
    await loop.settle();
    expect(seen).toEqual([]);
    jest.advanceTimersByTime(1);
    await loop.settle();
    expect(seen).toEqual(['x']);
  });
});

describe('clock on the mock handle', () => {
  const aws = mockAws();
  afterAll(() => aws.stop());
  afterEach(() => {
    jest.useRealTimers();
    aws.reset();
  });

  it('advance() and set() move the fake clock without fake timers; reset() brings it back', () => {
    const before = Date.now();
    aws.clock.advance(3_600_000);
    expect(aws.clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
    aws.clock.set('2001-02-03T04:05:06Z');
    expect(new Date(aws.clock.now()).toISOString().slice(0, 19)).toBe('2001-02-03T04:05:06');
    aws.reset();
    expect(Math.abs(aws.clock.now() - Date.now())).toBeLessThan(1000);
  });

  it('advance() ticks installed fake timers, so their timers fire', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const fired = jest.fn();
    setTimeout(fired, 5000);
    aws.clock.advance(5000);
    expect(fired).toHaveBeenCalled();
    expect(new Date(aws.clock.now()).toISOString()).toBe('2030-01-01T00:00:05.000Z');
  });

  it('clock.at() waits end when the clock passes them, whichever way it moves', () => {
    const fired = jest.fn();
    clock.at(clock.now() + 10_000, fired);
    aws.clock.advance(9_000);
    expect(fired).not.toHaveBeenCalled();
    aws.clock.advance(1_000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('refuses a negative advance and an invalid date', () => {
    expect(() => aws.clock.advance(-1)).toThrow(TypeError);
    expect(() => aws.clock.set('not a date')).toThrow(TypeError);
  });

  it('settle() resolves at once when nothing is in flight', async () => {
    await expect(aws.settle()).resolves.toBeUndefined();
  });
});

describe('an empty SQS long poll under fake timers', () => {
  const aws = mockAws();
  afterAll(() => aws.stop());
  afterEach(() => {
    jest.useRealTimers();
    aws.reset();
  });

  it('ends when aws.clock.advance() passes its wait time', async () => {
    const { SQSClient, CreateQueueCommand, ReceiveMessageCommand } = await import('@aws-sdk/client-sqs');
    const sqs = new SQSClient({ region: 'us-east-1' });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'empty' }));
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const receiving = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    const queue = (await aws.backends.sqs()).getQueue('empty');
    // Let the request reach the queue and park (only promise hops, no timers, on the way).
    for (let i = 0; i < 1000 && queue.waiters.size === 0; i++) await Promise.resolve();
    expect(queue.waiters.size).toBe(1);
    aws.clock.advance(20_000);
    const out = await receiving;
    expect(out.Messages).toBeUndefined();
  });
});
