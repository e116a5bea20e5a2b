/**
 * The server's own HTTP/1.1 reader and writer (src/server/http1/): keep-alive,
 * pipelining, requests split across TCP writes, Connection: close, HTTP/1.0,
 * HEAD and 204, large bodies both ways, and the connections it hands to
 * node:http (chunked uploads, Expect: 100-continue, malformed or oversized
 * heads), through the real SDK and raw sockets; and pipelined uploads and reads served one after another by
 * node:http too (on a handed-over connection and with MOCKAWS_SERVER_HTTP=node).
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeletePublicAccessBlockCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { AwsResponse } from '../../src/core/request';
import { fastPathCounts, fastListener } from '../../src/server/http1/listener';
import { type MockServer, startServer } from '../../src/server/server';
import { RawSocket } from './support/raw-socket';
import { clientConfig, useServer } from './support/server-fixture';

const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000';

/** A raw DynamoDB JSON call's bytes. */
function dynamo(op: string, payload: object, extra = ''): string {
  const body = JSON.stringify(payload);
  return (
    `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.${op}\r\n` +
    `X-Amz-Date: 20260101T000000Z\r\nAuthorization: ${AUTH}\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** Unsigned raw requests reach the bucket `fast`: it lets anyone in. */
async function openBucket(server: MockServer): Promise<void> {
  const s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'fast' }));
  await s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'fast' }));
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::fast', 'arn:aws:s3:::fast/*'] }] };
  await s3.send(new PutBucketPolicyCommand({ Bucket: 'fast', Policy: JSON.stringify(policy) }));
}

/**
 * Five uploads of one key, each followed by a read of it, all pipelined in one write: every read must see
 * the upload just before it. node:http emits a pipelined request while the one before it is still reading
 * its body, so unless the requests are served one after another an upload and the read behind it race.
 * `chunked`: the uploads are chunked, which the fast path hands to node:http.
 */
async function uploadsThenReads(port: number, key: string, chunked: boolean): Promise<void> {
  const raw = await RawSocket.open(port);
  const upload = (v: string) =>
    chunked
      ? `PUT /fast/${key} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n${v.length}\r\n${v}\r\n0\r\n\r\n`
      : `PUT /fast/${key} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${v.length}\r\n\r\n${v}`;
  const pairs = Array.from({ length: 5 }, (_, i) => `${upload(`v${i}`)}GET /fast/${key} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  await raw.write(pairs.join(''));
  for (let i = 0; i < 5; i++) {
    expect((await raw.answer()).status).toBe(200);
    const read = await raw.answer();
    expect(read.status).toBe(200);
    expect(read.body.toString()).toBe(`v${i}`);
  }
  raw.close();
}

describe('the HTTP/1.1 fast path', () => {
  const server = useServer();
  let port: number;

  beforeAll(async () => {
    port = server().port;
    const ddb = new DynamoDBClient(clientConfig(server()));
    await ddb.send(
      new CreateTableCommand({
        TableName: 'fast',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await openBucket(server());
  });

  it('answers many SDK calls over one keep-alive connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let sockets = 0;
    const createConnection = agent.createConnection.bind(agent);
    agent.createConnection = (...args: Parameters<Agent['createConnection']>) => {
      sockets++;
      return createConnection(...args);
    };
    const ddb = new DynamoDBClient({ ...clientConfig(server()), requestHandler: new NodeHttpHandler({ httpAgent: agent }) });
    const before = { ...fastPathCounts };
    for (let i = 0; i < 40; i++) {
      await ddb.send(new PutItemCommand({ TableName: 'fast', Item: { id: { S: `k${i}` }, n: { N: String(i) } } }));
      const got = await ddb.send(new GetItemCommand({ TableName: 'fast', Key: { id: { S: `k${i}` } } }));
      expect(got.Item?.n).toEqual({ N: String(i) });
    }
    expect(sockets).toBe(1);
    expect(fastPathCounts.requests - before.requests).toBe(80);
    expect(fastPathCounts.handovers).toBe(before.handovers);
    agent.destroy();
  });

  it('answers pipelined requests in order, with the headers node:http sends', async () => {
    const raw = await RawSocket.open(port);
    await raw.write(
      dynamo('GetItem', { TableName: 'fast', Key: { id: { S: 'k1' } } }) +
        dynamo('DescribeTable', { TableName: 'missing' }) +
        dynamo('GetItem', { TableName: 'fast', Key: { id: { S: 'k2' } } }),
    );
    const first = await raw.answer();
    const second = await raw.answer();
    const third = await raw.answer();
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body.toString()).Item.n).toEqual({ N: '1' });
    expect(second.status).toBe(400);
    expect(JSON.parse(second.body.toString()).__type).toMatch(/ResourceNotFoundException$/);
    expect(JSON.parse(third.body.toString()).Item.n).toEqual({ N: '2' });
    expect(first.headers.connection).toBe('keep-alive');
    expect(first.headers['keep-alive']).toBe('timeout=60');
    expect(first.headers.date).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(first.headers['content-length']).toBe(String(first.body.length));
    raw.close();
  });

  it('answers pipelined requests one after another: a write is done before the read behind it runs', async () => {
    await uploadsThenReads(port, 'piped.txt', false);
  });

  it('answers pipelined requests one after another on a connection handed to node:http', async () => {
    // The chunked uploads send the connection to node:http; the reads behind them are pipelined there.
    const before = fastPathCounts.handovers;
    await uploadsThenReads(port, 'piped-chunked.txt', true);
    expect(fastPathCounts.handovers).toBe(before + 1);
  });

  it('reads a request split into one-byte writes', async () => {
    const raw = await RawSocket.open(port);
    await raw.trickle(dynamo('PutItem', { TableName: 'fast', Item: { id: { S: 'trickled' }, v: { S: 'é' } } }));
    expect((await raw.answer()).status).toBe(200);
    raw.close();
    const got = await new DynamoDBClient(clientConfig(server())).send(new GetItemCommand({ TableName: 'fast', Key: { id: { S: 'trickled' } } }));
    expect(got.Item?.v).toEqual({ S: 'é' });
  });

  it('closes after answering Connection: close and HTTP/1.0, keeps HTTP/1.0 keep-alive open', async () => {
    const closing = await RawSocket.open(port);
    await closing.write(dynamo('ListTables', {}, 'Connection: close\r\n'));
    const a = await closing.answer();
    expect(a.status).toBe(200);
    expect(a.headers.connection).toBe('close');
    await closing.closed;

    const old = await RawSocket.open(port);
    await old.write(dynamo('ListTables', {}).replace('HTTP/1.1', 'HTTP/1.0'));
    expect((await old.answer()).headers.connection).toBe('close');
    await old.closed;

    const kept = await RawSocket.open(port);
    await kept.write(dynamo('ListTables', {}, 'Connection: keep-alive\r\n').replace('HTTP/1.1', 'HTTP/1.0'));
    expect((await kept.answer()).headers.connection).toBe('keep-alive');
    await kept.write(dynamo('ListTables', {}, 'Connection: keep-alive\r\n').replace('HTTP/1.1', 'HTTP/1.0'));
    expect((await kept.answer()).status).toBe(200);
    kept.close();
  });

  it('sends no body to HEAD or with a 204, and the connection carries on', async () => {
    const raw = await RawSocket.open(port);
    await raw.write('PUT /fast/h.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello');
    expect((await raw.answer()).status).toBe(200);
    await raw.write('HEAD /fast/h.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const head = await raw.answer(true);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('5');
    await raw.write('DELETE /fast/h.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const deleted = await raw.answer();
    expect(deleted.status).toBe(204);
    expect(deleted.headers['content-length']).toBeUndefined();
    await raw.write('GET /fast/h.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const gone = await raw.answer();
    expect(gone.status).toBe(404);
    expect(gone.body.toString()).toContain('<Code>NoSuchKey</Code>');
    raw.close();
  });

  it('carries a 5 MiB object in and out through the SDK', async () => {
    const s3 = new S3Client({ ...clientConfig(server()), forcePathStyle: true });
    const data = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 4) data.writeUInt32LE(i, i);
    await s3.send(new PutObjectCommand({ Bucket: 'fast', Key: 'big', Body: data }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'fast', Key: 'big' }));
    const back = Buffer.from(await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    expect(back.length).toBe(data.length);
    expect(back.equals(data)).toBe(true);
  });

  it('streams a multipart object back through the SDK', async () => {
    const s3 = new S3Client({ ...clientConfig(server()), forcePathStyle: true });
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'fast', Key: 'parts' }));
    const one = Buffer.alloc(5 * 1024 * 1024, 1);
    const two = Buffer.from('the end');
    const p1 = await s3.send(new UploadPartCommand({ Bucket: 'fast', Key: 'parts', UploadId, PartNumber: 1, Body: one }));
    const p2 = await s3.send(new UploadPartCommand({ Bucket: 'fast', Key: 'parts', UploadId, PartNumber: 2, Body: two }));
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'fast',
        Key: 'parts',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] },
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'fast', Key: 'parts' }));
    const back = Buffer.from(await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    expect(back.equals(Buffer.concat([one, two]))).toBe(true);
  });

  it('hands a chunked upload to node:http, which keeps the connection', async () => {
    const before = fastPathCounts.handovers;
    const raw = await RawSocket.open(port);
    await raw.write('PUT /fast/chunked.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
    await raw.write('6\r\n world\r\n0\r\n\r\n');
    expect((await raw.answer()).status).toBe(200);
    await raw.write('GET /fast/chunked.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const got = await raw.answer();
    expect(got.status).toBe(200);
    expect(got.body.toString()).toBe('hello world');
    expect(fastPathCounts.handovers).toBe(before + 1);
    raw.close();
  });

  it('hands Expect: 100-continue to node:http, which asks for the body', async () => {
    const raw = await RawSocket.open(port);
    await raw.write('PUT /fast/expect.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n');
    const proceed = await raw.answer();
    expect(proceed.status).toBe(100);
    await raw.write('body');
    expect((await raw.answer()).status).toBe(200);
    raw.close();
    const got = await new S3Client({ ...clientConfig(server()), forcePathStyle: true }).send(new GetObjectCommand({ Bucket: 'fast', Key: 'expect.txt' }));
    expect(await got.Body?.transformToString()).toBe('body');
  });

  it('answers a malformed request line 400 and closes, and the server lives on', async () => {
    const bad = await RawSocket.open(port);
    await bad.write('GET /x HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n');
    expect((await bad.answer()).status).toBe(400);
    await bad.closed;
    const both = await RawSocket.open(port);
    await both.write('POST /fast/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    expect((await both.answer()).status).toBe(400);
    await both.closed;
    const next = await RawSocket.open(port);
    await next.write(dynamo('ListTables', {}));
    expect((await next.answer()).status).toBe(200);
    next.close();
  });

  it('hands a head with a control character anywhere to node:http (400), and reads tabs and high bytes itself', async () => {
    // The fast path looks at the head four bytes at a time: a bad byte at each offset within a word.
    for (const bad of [0x00, 0x01, 0x0b, 0x1f, 0x7f]) {
      for (const at of [0, 1, 2, 3, 4, 5]) {
        const before = fastPathCounts.handovers;
        const raw = await RawSocket.open(port);
        const value = Buffer.from(`abcdef${'x'.repeat(at)}`, 'latin1');
        value[at] = bad;
        await raw.write(Buffer.concat([Buffer.from('GET /fast/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Odd: ', 'latin1'), value, Buffer.from('\r\n\r\n')]));
        expect({ bad, at, status: (await raw.answer()).status }).toEqual({ bad, at, status: 400 });
        expect(fastPathCounts.handovers).toBe(before + 1);
        await raw.closed;
      }
    }
    const before = { ...fastPathCounts };
    const fine = await RawSocket.open(port);
    await fine.write(Buffer.from(dynamo('ListTables', {}, 'X-Fine: a\tb\xe9\xff\x80~\r\n'), 'latin1'));
    expect((await fine.answer()).status).toBe(200);
    expect(fastPathCounts.handovers).toBe(before.handovers);
    expect(fastPathCounts.requests).toBe(before.requests + 1);
    fine.close();
  });

  it('answers a head over 16 KiB 431', async () => {
    const raw = await RawSocket.open(port);
    await raw.write(`GET /fast/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`);
    expect((await raw.answer()).status).toBe(431);
    raw.close();
  });

  it('stops with idle keep-alive connections open', async () => {
    const own = await startServer({ port: 0 });
    const idle = await RawSocket.open(own.port);
    await idle.write(dynamo('ListTables', {}));
    expect((await idle.answer()).status).toBe(200);
    const handed = await RawSocket.open(own.port);
    await handed.write('PUT /b HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    await handed.answer();
    await own.stop();
    await idle.closed;
    await handed.closed;
  });
});

describe('node:http alone (MOCKAWS_SERVER_HTTP=node)', () => {
  let server: MockServer;

  beforeAll(async () => {
    const was = process.env.MOCKAWS_SERVER_HTTP;
    process.env.MOCKAWS_SERVER_HTTP = 'node';
    try {
      server = await startServer({ port: 0 });
    } finally {
      if (was === undefined) delete process.env.MOCKAWS_SERVER_HTTP;
      else process.env.MOCKAWS_SERVER_HTTP = was;
    }
    await openBucket(server);
  });
  afterAll(() => server.stop());

  it('answers pipelined requests one after another: a write is done before the read behind it runs', async () => {
    const before = fastPathCounts.requests;
    await uploadsThenReads(server.port, 'piped.txt', false);
    expect(fastPathCounts.requests).toBe(before);
  });

  it('answers pipelined chunked uploads and reads one after another', async () => {
    await uploadsThenReads(server.port, 'piped-chunked.txt', true);
  });
});

describe('the HTTP/1.1 fast path writing streamed bodies', () => {
  /** A fast listener whose every request is answered by `answer()`. */
  async function serve(answer: () => AwsResponse) {
    const fast = fastListener({
      fallback: createServer(),
      // As server.ts does: an answer that cannot be written becomes a 500.
      handle: (exchange) => {
        try {
          exchange.respond(answer());
        } catch (err) {
          exchange.respond({ status: 500, headers: {}, body: Buffer.from(String(err)) });
        }
      },
      fallbackHost: () => '127.0.0.1',
      keepAliveMs: 60_000,
      chunkHashes: false,
    });
    await new Promise<void>((resolve) => fast.server.listen(0, '127.0.0.1', resolve));
    return {
      port: (fast.server.address() as AddressInfo).port,
      close: () => {
        fast.closeAll();
        fast.server.close();
      },
    };
  }
  const parts = () => Readable.from([Buffer.from('one,'), Buffer.from(''), 'two,', Buffer.alloc(100_000, 'x')]);

  it('frames a stream of unknown length as chunks and keeps the connection', async () => {
    const server = await serve(() => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: parts() }));
    const raw = await RawSocket.open(server.port);
    await raw.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n');
    for (let i = 0; i < 2; i++) {
      const a = await raw.answer();
      expect(a.headers['transfer-encoding']).toBe('chunked');
      expect(a.headers['content-length']).toBeUndefined();
      expect(a.body.toString()).toBe(`one,two,${'x'.repeat(100_000)}`);
    }
    raw.close();
    server.close();
  });

  it('sends a stream of known length as is, and to HTTP/1.0 one of unknown length until it closes', async () => {
    const known = await serve(() => ({ status: 200, headers: { 'content-length': '100008' }, body: parts() }));
    const raw = await RawSocket.open(known.port);
    await raw.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\n');
    const a = await raw.answer();
    expect(a.headers['transfer-encoding']).toBeUndefined();
    expect(a.body.length).toBe(100_008);
    raw.close();
    known.close();

    const unknown = await serve(() => ({ status: 200, headers: {}, body: parts() }));
    const old = await RawSocket.open(unknown.port);
    await old.write('GET /a HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await old.closed;
    unknown.close();
  });

  it('sends each Set-Cookie on a line of its own', async () => {
    const server = await serve(() => ({ status: 200, headers: { 'content-type': 'text/plain' }, setCookies: ['a=1; Path=/', 'b=2; HttpOnly'], body: Buffer.from('ok') }));
    const raw = await RawSocket.open(server.port);
    await raw.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\n');
    const a = await raw.answer();
    expect(a.head.split('\r\n').filter((l) => l.startsWith('set-cookie: '))).toEqual(['set-cookie: a=1; Path=/', 'set-cookie: b=2; HttpOnly']);
    expect(a.body.toString()).toBe('ok');
    raw.close();
    server.close();
  });

  it('refuses to write a header that would split the response, as node:http does', async () => {
    const server = await serve(() => ({ status: 200, headers: { 'x-evil': 'a\r\nset-cookie: x=1' }, body: Buffer.from('no') }));
    const raw = await RawSocket.open(server.port);
    await raw.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\n');
    const a = await raw.answer();
    expect(a.status).toBe(500);
    expect(a.headers['set-cookie']).toBeUndefined();
    expect(a.body.toString()).toMatch(/Invalid character in header content/);
    raw.close();
    server.close();
  });

  it('cuts the connection when a streamed body fails, so the client does not hang', async () => {
    const failing = () =>
      new Readable({
        read() {
          this.push(Buffer.from('partial'));
          this.destroy(new Error('disk on fire'));
        },
      });
    const server = await serve(() => ({ status: 200, headers: {}, body: failing() }));
    const raw = await RawSocket.open(server.port);
    await raw.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\n');
    await raw.closed;
    expect(raw.isEnded).toBe(true);
    server.close();
  });
});
