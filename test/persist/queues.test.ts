/**
 * SQS queues and CloudWatch Logs streams in a state directory: a queue's
 * messages and a stream's events are saved in chunks (a send or a put
 * encodes the chunk it changed, not every message or event held), and after
 * a kill and a restart they answer as before: the same messages with their
 * ids, bodies, attributes and receive counts, in the same order, in flight
 * or delayed until their time, FIFO groups locked and deduplicated as they
 * were; the same events in the same order.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockAws } from '../../src/mock';
import { savedIndex } from './saved';

const region = 'us-east-1';
const sqs = new SQSClient({ region });
const logs = new CloudWatchLogsClient({ region });
const kms = new KMSClient({ region });
/** Above the 256 entries from which a Map is saved in chunks (chunks of 64 at this size). */
const HELD = 600;
const CHUNK = 64;

const segmentFiles = (dir: string) => new Set(readdirSync(join(dir, 'segments')));

/** The files a call added to the segments directory: the index's segments and the rest (chunks). */
async function written(dir: string, call: () => Promise<unknown>): Promise<{ segments: string[]; files: string[]; text: string }> {
  const before = segmentFiles(dir);
  await call();
  const added = [...segmentFiles(dir)].filter((f) => !before.has(f));
  const indexed = new Set(savedIndex(dir).segments.map((s) => `${s.h}.json`));
  const read = (f: string) => readFileSync(join(dir, 'segments', f), 'utf8');
  const segments = added.filter((f) => indexed.has(f)).map(read);
  const files = added.filter((f) => !indexed.has(f)).map(read);
  return { segments, files, text: [...segments, ...files].join('\n') };
}

const count = (text: string, what: string) => text.split(what).length - 1;

async function sendMany(url: string, from: number, to: number, fifo?: { groups: number }): Promise<void> {
  for (let i = from; i < to; i += 10) {
    const entries = [];
    for (let j = i; j < Math.min(to, i + 10); j++) {
      entries.push({
        Id: `e${j}`,
        MessageBody: `message ${j}`,
        MessageAttributes: { n: { DataType: 'Number', StringValue: String(j) }, tag: { DataType: 'String', StringValue: `tag ${j % 7}` } },
        MessageGroupId: fifo ? `g${j % fifo.groups}` : undefined,
        MessageDeduplicationId: fifo ? `d${j}` : undefined,
      });
    }
    const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
    expect(out.Failed ?? []).toEqual([]);
  }
}

async function counts(url: string): Promise<Record<string, string>> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return out.Attributes ?? {};
}

/** What a delivery says of its message (not its receipt handle, new per delivery). */
const described = (m: Message) =>
  JSON.stringify({
    id: m.MessageId,
    body: m.Body,
    md5: m.MD5OfBody,
    attributes: m.MessageAttributes,
    receiveCount: m.Attributes?.ApproximateReceiveCount,
    sentAt: m.Attributes?.SentTimestamp,
    group: m.Attributes?.MessageGroupId,
    sequence: m.Attributes?.SequenceNumber,
  });

/** Receives every visible message, in the order the queue hands them out (FIFO: deleting each batch to unlock its group). */
async function drain(url: string, options: { deleteEach?: boolean } = {}): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 3600, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }),
    );
    if (!got.Messages?.length) return out;
    for (const m of got.Messages) {
      out.push(described(m));
      if (options.deleteEach) await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
  }
}

async function receiveOne(url: string, options: { visibility?: number; attemptId?: string } = {}): Promise<Message> {
  const got = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: 1,
      VisibilityTimeout: options.visibility,
      ReceiveRequestAttemptId: options.attemptId,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  const m = got.Messages?.[0];
  if (!m) throw new Error('no message received');
  return m;
}

describe('a state directory with deep SQS queues', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-queues-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves a standard queue in chunks, and a restart answers the same messages, in flight and delayed as they were', async () => {
    const live = join(dir, 'live');
    const killed = join(dir, 'killed');
    let url = '';
    let purgedUrl = '';
    let inflight: Message;
    let expected: string[];
    const first = mockAws({ stateDir: live });
    try {
      url = (await sqs.send(new CreateQueueCommand({ QueueName: 'deep', Attributes: { MessageRetentionPeriod: '86400' } }))).QueueUrl as string;
      purgedUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'purged' }))).QueueUrl as string;
      await sendMany(url, 0, HELD);
      await sendMany(purgedUrl, 0, 300);

      // A send writes the queue's segment and one chunk of at most 64 messages (whole: 601).
      const send = await written(live, () => sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one more' })));
      expect(send.segments).toHaveLength(1);
      expect(send.files).toHaveLength(1);
      expect(count(send.text, '"md5OfBody"')).toBeGreaterThan(0);
      expect(count(send.text, '"md5OfBody"')).toBeLessThanOrEqual(CHUNK);

      // A receive, a visibility change and a delete each write the chunk of the message they changed.
      let received: Message | undefined;
      const receive = await written(live, async () => {
        received = await receiveOne(url, { visibility: 600 });
      });
      expect(receive.files).toHaveLength(1);
      expect(count(receive.text, '"md5OfBody"')).toBeLessThanOrEqual(CHUNK);
      expect(receive.text).toContain((received as Message).MessageId);
      const deleted = await written(live, () => sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: received?.ReceiptHandle })));
      expect(count(deleted.text, '"md5OfBody"')).toBeLessThanOrEqual(CHUNK);
      expect(deleted.text).not.toContain(`"${(received as Message).MessageId}"`);

      // Messages in every state: in flight (600 s), made visible again, delayed (900 s), and a purged queue
      // (HELD + 1 sent, 1 deleted, 1 in flight: HELD - 1 visible).
      inflight = await receiveOne(url, { visibility: 600 });
      const back = await receiveOne(url, { visibility: 600 });
      const change = await written(live, () => sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: back.ReceiptHandle, VisibilityTimeout: 0 })));
      expect(count(change.text, '"md5OfBody"')).toBeLessThanOrEqual(CHUNK);
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'delayed', DelaySeconds: 900 }));
      await sqs.send(new PurgeQueueCommand({ QueueUrl: purgedUrl }));
      expect(await counts(url)).toEqual({ ApproximateNumberOfMessages: String(HELD - 1), ApproximateNumberOfMessagesNotVisible: '1', ApproximateNumberOfMessagesDelayed: '1' });

      cpSync(live, killed, { recursive: true });
      // What the queue hands out from here, in order: the restarted copy must hand out the same.
      expected = await drain(url);
      expect(expected).toHaveLength(HELD - 1);
      // The message made visible again became ready last: it is handed out last, received twice.
      expect(JSON.parse(expected[expected.length - 1])).toMatchObject({ id: back.MessageId, receiveCount: '2' });
    } finally {
      await first.stop();
    }

    const second = mockAws({ stateDir: killed });
    try {
      expect(await counts(url)).toEqual({ ApproximateNumberOfMessages: String(HELD - 1), ApproximateNumberOfMessagesNotVisible: '1', ApproximateNumberOfMessagesDelayed: '1' });
      expect(await counts(purgedUrl)).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0' });
      expect(await drain(url)).toEqual(expected);
      // The received handle still names the message in flight: its visibility can be changed.
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: inflight.ReceiptHandle, VisibilityTimeout: 600 }));
      // Still invisible until its timeout; the delayed one until its delay.
      second.clock.advance(601 * 1000);
      const again = await receiveOne(url, { visibility: 3600 });
      expect(again).toMatchObject({ MessageId: inflight.MessageId, Body: inflight.Body, Attributes: expect.objectContaining({ ApproximateReceiveCount: '2' }) });
      expect(again.MessageAttributes).toEqual(inflight.MessageAttributes);
      second.clock.advance(300 * 1000);
      expect((await receiveOne(url)).Body).toBe('delayed');
      // The deleted and purged ones stay gone.
      expect(await drain(url)).toEqual([]);
      expect(await drain(purgedUrl)).toEqual([]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('keeps an SSE-KMS queue: sealed bodies are saved as sent and open after a restart', async () => {
    const first = mockAws({ stateDir: dir });
    let url: string;
    try {
      const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
      ({ QueueUrl: url } = (await sqs.send(new CreateQueueCommand({ QueueName: 'sealed', Attributes: { KmsMasterKeyId: KeyMetadata?.KeyId as string } }))) as { QueueUrl: string });
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'sealed body', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } }));
    } finally {
      await first.stop();
    }
    // The body is kept encrypted on disk, never in plaintext.
    expect(readdirSync(join(dir, 'segments')).some((f) => readFileSync(join(dir, 'segments', f), 'utf8').includes('sealed body'))).toBe(false);
    await mockAws({ stateDir: dir }, async () => {
      const got = await receiveOne(url);
      expect([got.Body, got.MessageAttributes?.k?.StringValue]).toEqual(['sealed body', 'v']);
    });
  });

  it('saves a FIFO queue in chunks, and a restart keeps its groups, order, locks, sequence numbers, dedup window and receive attempts', async () => {
    const live = join(dir, 'live');
    const killed = join(dir, 'killed');
    let url = '';
    let locked: Message;
    let attempted: Message;
    let expected: string[];
    let lastSequence = 0n;
    const first = mockAws({ stateDir: live });
    try {
      url = (await sqs.send(new CreateQueueCommand({ QueueName: 'ordered.fifo', Attributes: { FifoQueue: 'true' } }))).QueueUrl as string;
      await sendMany(url, 0, 400, { groups: 4 });
      const send = await written(live, () => sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one more', MessageGroupId: 'g1', MessageDeduplicationId: 'd-more' })));
      expect(send.files.length).toBeGreaterThan(0);
      // The new message's chunk, and the dedup window's (whole: 401 of each).
      expect(count(send.text, '"md5OfBody"')).toBeLessThanOrEqual(CHUNK);
      expect(count(send.text, '"expiresAt"')).toBeLessThanOrEqual(CHUNK);

      // g0's head in flight (its group locked); g1's head received under an attempt id.
      locked = await receiveOne(url, { visibility: 600 });
      attempted = await receiveOne(url, { visibility: 600, attemptId: 'attempt-1' });
      expect(attempted.Attributes?.MessageGroupId).not.toBe(locked.Attributes?.MessageGroupId);
      cpSync(live, killed, { recursive: true });
      expected = await drain(url, { deleteEach: true });
      // The two groups in flight stay locked: the other two groups' messages only.
      expect(expected).toHaveLength(200);
      for (const m of expected) lastSequence = BigInt(JSON.parse(m).sequence) > lastSequence ? BigInt(JSON.parse(m).sequence) : lastSequence;
    } finally {
      await first.stop();
    }

    const second = mockAws({ stateDir: killed });
    try {
      // The same attempt id within five minutes answers the same delivery.
      const replay = await receiveOne(url, { visibility: 600, attemptId: 'attempt-1' });
      expect(replay.MessageId).toBe(attempted.MessageId);
      expect(replay.ReceiptHandle).toBe(attempted.ReceiptHandle);
      expect(await drain(url, { deleteEach: true })).toEqual(expected);
      // A duplicate inside the window is accepted and not enqueued again.
      const dup = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'message 5', MessageGroupId: 'g1', MessageDeduplicationId: 'd5' }));
      const fresh = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'after', MessageGroupId: 'g9', MessageDeduplicationId: 'd-after' }));
      expect(BigInt(fresh.SequenceNumber as string)).toBeGreaterThan(lastSequence);
      const next = await receiveOne(url);
      expect(next.Body).toBe('after');
      expect(next.MessageId).not.toBe(dup.MessageId);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: next.ReceiptHandle }));
      expect(await drain(url)).toEqual([]);
      // Once the locks time out, each group goes on from its head, in order.
      second.clock.advance(601 * 1000);
      const heads = [await receiveOne(url), await receiveOne(url)].map((m) => m.MessageId).sort();
      expect(heads).toEqual([locked.MessageId, attempted.MessageId].sort());
    } finally {
      await second.stop();
    }
  }, 60_000);
});

describe('a state directory with a long CloudWatch Logs stream', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-streams-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function allEvents(group: string, stream: string): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    for (;;) {
      const page = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token, limit: 100 }));
      for (const e of page.events ?? []) out.push(JSON.stringify(e));
      if (page.nextForwardToken === token) return out;
      token = page.nextForwardToken;
    }
  }

  async function filtered(group: string, pattern: string): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: pattern, nextToken: token }));
      for (const e of page.events ?? []) out.push(JSON.stringify({ ...e, searchedLogStreams: undefined }));
      token = page.nextToken;
    } while (token);
    return out;
  }

  it('saves events in chunks, also one put before others, and a restart answers the same events in order; expired ones stay gone', async () => {
    const live = join(dir, 'live');
    const killed = join(dir, 'killed');
    const now = Date.now();
    const put = (timestamps: number[], tag: string) =>
      logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 'main', logEvents: timestamps.map((timestamp, i) => ({ timestamp, message: `${tag} ${i}` })) }));
    let events: string[];
    let matches: string[];
    const first = mockAws({ stateDir: live });
    try {
      await logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'main' }));
      // 300 events two days old (expired below) and 300 within the last hour.
      await put(Array.from({ length: 300 }, (_, i) => now - 2 * 86_400_000 + i * 1000), 'old');
      await put(Array.from({ length: HELD - 300 }, (_, i) => now - 3_600_000 + i * 1000), 'recent');

      // One event at the end: the stream's segment and one chunk (whole: 601 events).
      const one = await written(live, () => put([now], 'newest'));
      expect(one.segments).toHaveLength(1);
      expect(one.files).toHaveLength(1);
      expect(count(one.text, '"ingestionTime"')).toBeGreaterThan(0);
      expect(count(one.text, '"ingestionTime"')).toBeLessThanOrEqual(CHUNK);
      // One event before others (half an hour ago): still one chunk.
      const early = await written(live, () => put([now - 1_800_000 + 500], 'early'));
      expect(early.files).toHaveLength(1);
      expect(count(early.text, '"ingestionTime"')).toBeLessThanOrEqual(CHUNK);

      events = await allEvents('app', 'main');
      expect(events).toHaveLength(HELD + 2);
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: 'app', retentionInDays: 1 }));
      await put([now + 1000], 'after retention');
      events = await allEvents('app', 'main');
      expect(events).toHaveLength(HELD - 300 + 3);
      expect(events.some((e) => e.includes('"old '))).toBe(false);
      matches = await filtered('app', 'early');
      expect(matches).toHaveLength(1);
      cpSync(live, killed, { recursive: true });
    } finally {
      await first.stop();
    }

    const second = mockAws({ stateDir: killed });
    try {
      expect(await allEvents('app', 'main')).toEqual(events);
      expect(await filtered('app', 'early')).toEqual(matches);
      expect(await filtered('app', 'old')).toEqual([]);
      // A new event goes after the restored ones.
      await put([now + 2000], 'after the restart');
      const after = await allEvents('app', 'main');
      expect(after.slice(0, -1)).toEqual(events);
      expect(after[after.length - 1]).toContain('after the restart');
    } finally {
      await second.stop();
    }
  }, 60_000);
});
