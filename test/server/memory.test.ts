/**
 * Bounded memory in server mode: a large upload streams through a real
 * `mockaws server` process into one stored copy (the peak stays well under
 * twice the object above the idle process), the download streams back, the
 * call log summarises instead of serialising bodies, and region strings
 * nobody can use never mint backend state. The 1 GiB figure is in
 * bench/server-memory.ts and docs/server.md.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { services } from '../../services';
import { Dispatcher } from '../../src/core/dispatch';
import { createRequest } from '../../src/core/request';
import { CallLog, SUMMARY_BUDGET } from '../../src/server/call-log';
import { type ChildServer, startChild } from './support/child-server';
import { credentials, getJson } from './support/server-fixture';

const MiB = 1024 * 1024;

/** `size` bytes of a repeating pattern, produced as the client reads (never whole in memory). */
function patterned(size: number): { stream: Readable; sha256: () => string } {
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31) & 0xff;
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const chunk = block.subarray(0, Math.min(MiB, size - sent));
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

describe('a large object through a real server process', () => {
  let server: ChildServer;
  beforeAll(async () => {
    server = await startChild();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('streams a 256 MiB upload and download with one stored copy at most', async () => {
    const size = 256 * MiB;
    const s3 = new S3Client({ region: 'us-east-1', endpoint: server.url, forcePathStyle: true, credentials });
    await s3.send(new CreateBucketCommand({ Bucket: 'big' }));
    const idle = server.memory().rss;
    const body = patterned(size);
    await s3.send(new PutObjectCommand({ Bucket: 'big', Key: 'blob', Body: body.stream, ContentLength: size }));
    const afterPut = server.memory();

    const got = await s3.send(new GetObjectCommand({ Bucket: 'big', Key: 'blob' }));
    const hash = createHash('sha256');
    let length = 0;
    for await (const chunk of got.Body as AsyncIterable<Buffer>) {
      hash.update(chunk);
      length += chunk.length;
    }
    expect(length).toBe(size);
    expect(hash.digest('hex')).toBe(body.sha256());
    const afterGet = server.memory();

    // One stored copy (1x) plus buffers in flight; before the fix it was ~20x.
    expect(afterPut.peak - idle).toBeLessThan(1.5 * size);
    expect(afterGet.peak - idle).toBeLessThan(1.5 * size);

    // The call log holds a summary of the upload, not its bytes.
    const calls = await getJson(server.url, '/_mockaws/calls?operation=PutObject');
    expect(calls[0].input).toMatchObject({ Bucket: 'big', Key: 'blob', Body: `<${size} bytes>` });
  }, 120_000);
});

describe('region strings from signatures', () => {
  it('never mint backend state for 50,000 requests with random bogus regions', async () => {
    const dispatcher = new Dispatcher({ services });
    const signed = (region: string) =>
      createRequest({
        method: 'POST',
        url: 'https://sqs.amazonaws.com/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AmazonSQS.ListQueues',
          authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/${region}/sqs/aws4_request, SignedHeaders=host, Signature=00`,
        },
        body: '{}',
      });
    let last: { status: number; body: string } | undefined;
    for (let i = 0; i < 50_000; i++) {
      const res = await dispatcher.dispatch(signed(`bogus${Math.random().toString(36).slice(2)}`));
      last = { status: res.status, body: String(res.body) };
    }
    expect(dispatcher.backends.list('sqs')).toEqual([]);
    // AWS's answer to a scope naming no region.
    expect(last?.status).toBe(403);
    expect(JSON.parse(last!.body)).toMatchObject({ message: 'Credential should be scoped to a valid region.' });
    // A real region still works, and is the only state there is.
    expect((await dispatcher.dispatch(signed('eu-west-1'))).status).toBe(200);
    expect(dispatcher.backends.list('sqs').map((b) => b.region)).toEqual(['eu-west-1']);
  }, 120_000);

  it('keeps no backend made for a call that failed, and keeps what a call beside it created', async () => {
    const dispatcher = new Dispatcher({ services });
    const json = (target: string, body: object, region: string) =>
      createRequest({
        method: 'POST',
        url: 'https://sqs.amazonaws.com/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `AmazonSQS.${target}`,
          authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/${region}/sqs/aws4_request, SignedHeaders=host, Signature=00`,
        },
        body: JSON.stringify(body),
      });
    // 1,000 valid-looking regions, each first touched by a call that fails.
    for (let i = 0; i < 1000; i++) {
      const region = `us-${String(i).replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}-1`; // us-a-1, us-b-1, … us-jjj-1
      const res = await dispatcher.dispatch(json('GetQueueUrl', { QueueName: 'missing' }, region));
      expect(res.status).toBe(400);
    }
    expect(dispatcher.backends.list('sqs')).toEqual([]);
    // A failing call and a creating one side by side in a fresh region: the created queue stays.
    await Promise.all([
      dispatcher.dispatch(json('GetQueueUrl', { QueueName: 'missing' }, 'ap-east-1')),
      dispatcher.dispatch(json('CreateQueue', { QueueName: 'kept' }, 'ap-east-1')),
    ]);
    const listed = await dispatcher.dispatch(json('ListQueues', {}, 'ap-east-1'));
    expect(String(listed.body)).toContain('/kept');
  });

  it('answers the SDK with SignatureDoesNotMatch for a region that cannot exist', async () => {
    const { startServer } = await import('../../src/server/server');
    const server = await startServer({ port: 0 });
    try {
      const sqs = new SQSClient({ region: 'nowhere', endpoint: server.url, credentials });
      const err = await sqs.send(new ListQueuesCommand({})).catch((e) => e);
      expect(err.name).toBe('SignatureDoesNotMatch');
      expect(err.$metadata.httpStatusCode).toBe(403);
      expect(server.dispatcher.backends.list('sqs')).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

describe('the call log', () => {
  const event = (input: Record<string, unknown>) =>
    ({
      call: { service: 's3', operation: 'PutObject', input, account: '1', region: 'us-east-1', requestId: 'r', request: {} },
      request: { method: 'PUT', url: new URL('http://x/b/k') },
      response: { status: 200 },
    }) as never;

  it('summarises large values without serialising them', () => {
    const log = new CallLog(10);
    const many = Array.from({ length: 1000 }, (_, i) => ({ n: i }));
    log.listener(event({ Body: Buffer.alloc(64 * MiB), Text: 'x'.repeat(MiB), Items: many }));
    const [summary] = log.list();
    expect(summary.input?.Body).toBe(`<${64 * MiB} bytes>`);
    expect(String(summary.input?.Text)).toMatch(/^x{512}…<1048576 chars>$/);
    expect((summary.input?.Items as unknown[] | undefined)?.at(-1)).toBe('<980 more>');
    expect(JSON.stringify(summary).length).toBeLessThan(SUMMARY_BUDGET + 1024);
  });

  it('is bounded in bytes as well as in entries, dropping the oldest', () => {
    const log = new CallLog(100_000, 256 * 1024);
    for (let i = 0; i < 5000; i++) log.listener(event({ Key: `k${i}`, Text: 'y'.repeat(10_000) }));
    expect(log.size).toBeLessThanOrEqual(256 * 1024);
    const kept = log.list();
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(5000);
    expect(kept.at(-1)?.seq).toBe(5000);
    expect(kept.at(-1)?.input?.Key).toBe('k4999');
  });
});
