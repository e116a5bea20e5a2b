import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import type { AwsResponse } from '../../src/core/request';
import { requestUrl, toAwsRequest, writeResponse } from '../../src/server/http-bridge';

/** A server whose every request is answered by `answer`; returns its port. */
async function serve(answer: () => AwsResponse): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    req.resume();
    writeResponse(res, answer(), req.method ?? 'GET', { 'x-default': 'd', 'content-type': 'text/plain' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function call(port: number, method: string): Promise<{ status: number; headers: IncomingMessage['headers']; rawHeaders: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: '/' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('writeResponse', () => {
  let current: Server | undefined;
  afterEach(async () => {
    current?.closeAllConnections();
    await new Promise((r) => current?.close(r));
  });

  it('sends one header per name, the response over the defaults, with an exact Content-Length', async () => {
    const { server, port } = await serve(() => ({
      status: 200,
      headers: { 'Content-Type': 'application/xml', 'Content-Length': '999', Connection: 'close', 'Transfer-Encoding': 'chunked' },
      body: Buffer.from('<a/>'),
    }));
    current = server;
    const res = await call(port, 'GET');
    expect(res.body.toString()).toBe('<a/>');
    expect(res.headers['content-type']).toBe('application/xml');
    expect(res.headers['content-length']).toBe('4');
    expect(res.headers['x-default']).toBe('d');
    expect(res.rawHeaders.filter((h) => h.toLowerCase() === 'content-type')).toHaveLength(1);
    expect(res.headers['transfer-encoding']).toBeUndefined();
  });

  it('keeps the Content-Length a HEAD answer declares and sends no body', async () => {
    const { server, port } = await serve(() => ({ status: 200, headers: { 'content-length': '1048576' }, body: Buffer.alloc(0) }));
    current = server;
    const res = await call(port, 'HEAD');
    expect(res.headers['content-length']).toBe('1048576');
    expect(res.body.length).toBe(0);
  });

  it('sends no Content-Length with a 204', async () => {
    const { server, port } = await serve(() => ({ status: 204, headers: { 'content-length': '0' }, body: Buffer.alloc(0) }));
    current = server;
    const res = await call(port, 'DELETE');
    expect(res.status).toBe(204);
    expect(res.headers['content-length']).toBeUndefined();
  });

  it('pipes a Readable body', async () => {
    const parts = [Buffer.from('one,'), Buffer.from('two,'), Buffer.from('three')];
    const { server, port } = await serve(() => ({ status: 200, headers: {}, body: Readable.from(parts) }));
    current = server;
    expect((await call(port, 'GET')).body.toString()).toBe('one,two,three');
  });

  it('aborts the connection when a streamed body fails, so the client does not hang', async () => {
    const failing = () =>
      new Readable({
        read() {
          this.push(Buffer.from('partial'));
          this.destroy(new Error('disk on fire'));
        },
      });
    const { server, port } = await serve(() => ({ status: 200, headers: {}, body: failing() }));
    current = server;
    await expect(call(port, 'GET')).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
  });
});

describe('requestUrl', () => {
  async function urlOf(raw: string): Promise<URL> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const seen = new Promise<URL>((resolve) => server.once('request', (req, res) => {
        resolve(requestUrl(req, `127.0.0.1:${port}`));
        res.end();
      }));
      const socket: Socket = connect(port, '127.0.0.1', () => socket.write(raw));
      socket.on('error', () => {});
      const url = await seen;
      socket.destroy();
      return url;
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }

  it('keeps the Host as sent (S3 virtual-host style) with path and query', async () => {
    const url = await urlOf('GET /key%20x?list-type=2 HTTP/1.1\r\nHost: bucket.localhost:4566\r\n\r\n');
    expect(url.href).toBe('http://bucket.localhost:4566/key%20x?list-type=2');
  });

  it('uses the listener address when an HTTP/1.0 client sends no Host', async () => {
    const url = await urlOf('GET /x HTTP/1.0\r\n\r\n');
    expect(url.pathname).toBe('/x');
    expect(url.hostname).toBe('127.0.0.1');
  });

  it('honours an absolute-form target', async () => {
    const url = await urlOf('GET http://sqs.us-east-1.amazonaws.com/123456789012/q HTTP/1.1\r\nHost: ignored\r\n\r\n');
    expect(url.href).toBe('http://sqs.us-east-1.amazonaws.com/123456789012/q');
  });

  it('reads the whole body into one Buffer', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const got = new Promise<Buffer>((resolve) =>
        server.once('request', async (req, res) => {
          resolve((await toAwsRequest(req, 'x')).request.body);
          res.end();
        }),
      );
      const req = request({ host: '127.0.0.1', port, method: 'PUT', path: '/' });
      req.on('error', () => {});
      req.write(Buffer.from([0, 1, 2]));
      req.end(Buffer.from([255, 254]));
      expect([...(await got)]).toEqual([0, 1, 2, 255, 254]);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('hands the dispatcher lower-cased string headers: repeats joined, a repeated Set-Cookie as one line, method and raw path as sent', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const got = new Promise<Awaited<ReturnType<typeof toAwsRequest>>>((resolve) =>
        server.once('request', async (req, res) => {
          resolve(await toAwsRequest(req, 'x'));
          res.end();
        }),
      );
      const raw = [
        'POST /a/./b%2F?x=1 HTTP/1.1',
        'Host: Sqs.Localhost:4566',
        'X-Amz-Target: AmazonSQS.SendMessage',
        'X-Custom: one',
        'x-custom: two',
        'Set-Cookie: a=1',
        'Set-Cookie: b=2',
        'Content-Length: 2',
        '',
        '{}',
      ].join('\r\n');
      const socket: Socket = connect(port, '127.0.0.1', () => socket.write(raw));
      socket.on('error', () => {});
      const { request: seen, sentHeaders } = await got;
      socket.destroy();
      expect(seen.method).toBe('POST');
      expect(seen.rawPath).toBe('/a/./b%2F');
      expect(seen.headers['x-amz-target']).toBe('AmazonSQS.SendMessage');
      expect(seen.headers['x-custom']).toBe('one, two');
      expect(seen.headers['set-cookie']).toBe('a=1, b=2');
      expect(seen.headers.host).toBe('Sqs.Localhost:4566');
      expect(Object.values(seen.headers).every((v) => typeof v === 'string')).toBe(true);
      expect(sentHeaders).toEqual(seen.headers);
      expect(seen.body.toString()).toBe('{}');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
