/**
 * One client connection on the HTTP/1.1 fast path. Requests are read and
 * answered one at a time, in order (pipelined requests wait in the buffer,
 * and reading pauses if they pile up). When a request head is anything but
 * the plain form request-head.ts reads, the connection is handed, at that
 * request boundary (nothing of ours in flight), to the node:http server for
 * the rest of its life: the unread bytes are put back on the socket and node
 * sees a new connection. Upgrades, chunked uploads, `Expect`, malformed and
 * oversized heads all take that road, so node's proven code answers them.
 */
import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { Exchange } from '../exchange';
import { peerIp, targetUrl } from '../http-bridge';
import { type ExchangeHost, FastExchange } from './exchange';
import { fastPathCounts } from './counts';
import { MAX_FAST_HEAD, parseHead } from './request-head';

export interface FastPathOptions {
  /** A node:http server that is never listening: it takes the connections handed over. */
  fallback: HttpServer;
  /** Answers one request; never rejects (failures are written to the exchange). */
  handle(exchange: Exchange): void;
  /** host:port of the listener, for requests without Host. */
  fallbackHost(): string;
  /** Idle keep-alive connections close after this long (node's keepAliveTimeout). */
  keepAliveMs: number;
  /** Hash aws-chunked chunks as they arrive (signature verification wants them). */
  chunkHashes: boolean;
}

const HEAD_END = Buffer.from('\r\n\r\n');
/** Pipelined bytes waiting behind an unanswered request before reading pauses. */
const PIPELINE_LIMIT = 64 * 1024;

export class Http1Connection implements ExchangeHost {
  readonly sourceIp: string | undefined;
  readonly keepAliveSeconds: number;
  readonly chunkHashes: boolean;
  private buffered: Buffer | undefined;
  private current: FastExchange | undefined;
  private streaming: Readable | undefined;
  private handedOver = false;
  /** No more requests are read: the connection ends once the current one is answered. */
  private closing = false;
  private pumping = false;

  constructor(
    private readonly socket: Socket,
    private readonly options: FastPathOptions,
  ) {
    this.sourceIp = peerIp(socket.remoteAddress);
    this.keepAliveSeconds = Math.floor(options.keepAliveMs / 1000);
    this.chunkHashes = options.chunkHashes;
    socket.setTimeout(options.keepAliveMs);
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('timeout', this.onTimeout);
    socket.on('error', this.onError);
    socket.on('drain', this.onDrain);
    socket.on('close', this.onClose);
  }

  get fallbackHost(): string {
    return this.options.fallbackHost();
  }

  /** The last URL made and the text it was parsed from. */
  private lastUrl: URL | undefined;

  /**
   * A client on one connection addresses the same URL call after call (every JSON-protocol call is
   * `POST /` to one host), so the last URL is handed out again when the next request's text is the
   * same. Only when its href still reads as that text: a URL whose text was normalised on parsing, or
   * that someone changed since, is not reused. Requests on a connection are answered one at a time.
   */
  urlFor(target: string, host: string | undefined): URL {
    const last = this.lastUrl;
    const text = `http://${host || this.options.fallbackHost()}${target}`;
    if (last !== undefined && last.href === text) return last;
    const url = targetUrl(target, host, this.options.fallbackHost());
    this.lastUrl = url;
    return url;
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.closing) return;
    let rest: Buffer | undefined = chunk;
    if (this.current?.receiving) rest = this.current.receive(chunk);
    if (rest === undefined) return;
    this.buffered = this.buffered ? Buffer.concat([this.buffered, rest]) : rest;
    if (this.current) {
      if (this.buffered.length > PIPELINE_LIMIT) this.socket.pause();
      return;
    }
    this.next();
  };

  /** Starts the requests waiting in the buffer, one at a time. */
  private next(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.current && this.buffered && !this.handedOver && !this.closing) {
        const buf = this.buffered;
        const end = buf.indexOf(HEAD_END);
        if (end === -1 || end > MAX_FAST_HEAD) {
          if (end !== -1 || buf.length > MAX_FAST_HEAD) this.handOver();
          return;
        }
        const head = parseHead(buf, end);
        if (!head) {
          this.handOver();
          return;
        }
        this.buffered = undefined;
        const exchange = new FastExchange(this, head);
        this.current = exchange;
        if (buf.length > end + 4) {
          const rest = buf.subarray(end + 4);
          this.buffered = exchange.receiving ? exchange.receive(rest) : rest;
        }
        fastPathCounts.requests++;
        this.options.handle(exchange);
      }
    } finally {
      this.pumping = false;
    }
  }

  finished(exchange: FastExchange): void {
    if (exchange !== this.current) return;
    this.current = undefined;
    if (!exchange.keepAlive) this.closing = true;
    if (this.closing) {
      this.socket.end();
      return;
    }
    if (this.socket.isPaused()) this.socket.resume();
    // Pipelined requests start on the next tick, so a run of answers never nests on the stack.
    if (this.buffered) process.nextTick(() => this.next());
  }

  write(data: string | Buffer, encoding?: BufferEncoding): boolean {
    return encoding ? this.socket.write(data, encoding) : this.socket.write(data);
  }

  writeTwo(head: string, body: Buffer): void {
    this.socket.cork();
    this.socket.write(head, 'latin1');
    this.socket.write(body);
    this.socket.uncork();
  }

  /** Streams a body with backpressure; a body that fails cuts the connection (the client sees a truncated answer). */
  stream(body: Readable, chunked: boolean, done: () => void): void {
    const socket = this.socket;
    this.streaming = body;
    body.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (bytes.length === 0) return; // an empty chunk would end chunked framing
      let ok: boolean;
      if (chunked) {
        socket.cork();
        socket.write(`${bytes.length.toString(16)}\r\n`, 'latin1');
        socket.write(bytes);
        ok = socket.write('\r\n', 'latin1');
        socket.uncork();
      } else ok = socket.write(bytes);
      if (!ok) body.pause();
    });
    body.on('end', () => {
      this.streaming = undefined;
      if (chunked) socket.write('0\r\n\r\n', 'latin1');
      done();
    });
    body.on('error', () => socket.destroy());
  }

  destroy(): void {
    this.socket.destroy();
  }

  private readonly onDrain = (): void => {
    this.streaming?.resume();
  };

  /** The client has sent all it will: the request in hand (if whole) is answered, then the connection ends. */
  private readonly onEnd = (): void => {
    this.closing = true;
    if (this.current?.receiving) this.socket.destroy();
    else if (!this.current) this.socket.end();
  };

  /** Idle past the keep-alive timeout; a request still being answered (a long poll) keeps it open. */
  private readonly onTimeout = (): void => {
    if (!this.current) this.socket.destroy();
  };

  /** A socket error (reset by the peer …) only ends this connection; 'close' follows. */
  private readonly onError = (): void => {};

  private readonly onClose = (): void => {
    this.closing = true;
    this.current?.aborted();
    if (this.streaming && !this.streaming.destroyed) this.streaming.destroy();
    this.streaming = undefined;
  };

  /** node:http takes the connection from here on, starting with the bytes not yet read. */
  private handOver(): void {
    this.handedOver = true;
    fastPathCounts.handovers++;
    const socket = this.socket;
    socket.off('data', this.onData);
    socket.off('end', this.onEnd);
    socket.off('timeout', this.onTimeout);
    socket.off('error', this.onError);
    socket.off('drain', this.onDrain);
    socket.off('close', this.onClose);
    socket.setTimeout(0);
    // Paused, the put-back bytes wait in the socket's buffer until node's own 'data' listener is in place.
    socket.pause();
    if (this.buffered) socket.unshift(this.buffered);
    this.buffered = undefined;
    this.options.fallback.emit('connection', socket);
    socket.resume();
  }
}
