/**
 * One request on the HTTP/1.1 fast path and its answer: the body is taken in
 * as the connection reads it (into one Buffer, or through the aws-chunked
 * decoder, as node:http's path does), and the answer is written to the socket
 * as node:http's ServerResponse would write it (http-bridge.ts writeResponse).
 */
import type { Readable } from 'node:stream';
import type { AwsResponse } from '../../core/request';
import { AwsChunkedDecoder, awsChunkedLength, type ReadBody } from '../body-reader';
import type { Exchange } from '../exchange';
import { bodyless, mergeHeaders, type WireRequest, wireRequest } from '../http-bridge';
import type { RequestHead } from './request-head';
import { responseHead } from './response-head';

/** What an exchange needs of its connection. */
export interface ExchangeHost {
  readonly sourceIp: string | undefined;
  readonly fallbackHost: string;
  readonly keepAliveSeconds: number;
  readonly chunkHashes: boolean;
  /** The URL a request on this connection addressed (targetUrl), possibly the previous request's own. */
  urlFor(target: string, host: string | undefined): URL;
  write(data: string | Buffer, encoding?: BufferEncoding): boolean;
  /** Head and body in one packet (cork … uncork). */
  writeTwo(head: string, body: Buffer): void;
  stream(body: Readable, chunked: boolean, done: () => void): void;
  /** The exchange is over: its body was read and its answer written. */
  finished(exchange: FastExchange): void;
  destroy(): void;
}

/** Bodies up to this size are written together with the head, as one latin1 string (node's path does the same). */
const SINGLE_WRITE = 16 * 1024;
const NO_HEADERS: Record<string, string> = {};

export class FastExchange implements Exchange {
  readonly method: string;
  readonly host: string | undefined;
  started = false;
  keepAlive: boolean;
  private remaining: number;
  private decoder: AwsChunkedDecoder | undefined;
  private plain: Buffer | undefined;
  private plainAt = 0;
  private discard = false;
  private read: ReadBody | undefined;
  private bodyError: unknown;
  private waiting: { resolve: (read: ReadBody) => void; reject: (err: unknown) => void } | undefined;
  private answered = false;

  constructor(
    private readonly conn: ExchangeHost,
    private readonly head: RequestHead,
  ) {
    this.method = head.method;
    this.host = head.headers.host;
    this.keepAlive = head.keepAlive;
    this.remaining = head.contentLength;
    const decoded = awsChunkedLength(head.headers);
    if (decoded !== undefined) {
      try {
        this.decoder = new AwsChunkedDecoder(head.headers, decoded, conn.chunkHashes);
      } catch (err) {
        // A declared length no Buffer can hold: the request fails as node's path fails it (500).
        this.bodyError = err;
        this.discard = true;
      }
    }
    if (this.remaining === 0) this.endBody();
  }

  /** Is the body still arriving? */
  get receiving(): boolean {
    return this.remaining > 0;
  }

  /** Takes this request's share of `chunk`; returns the bytes after its body (the next request's), if any. */
  receive(chunk: Buffer): Buffer | undefined {
    const n = Math.min(this.remaining, chunk.length);
    if (!this.discard) this.take(n === chunk.length ? chunk : chunk.subarray(0, n));
    this.remaining -= n;
    if (this.remaining === 0) this.endBody();
    return n < chunk.length ? chunk.subarray(n) : undefined;
  }

  private take(part: Buffer): void {
    if (this.decoder) this.decoder.push(part);
    else if (this.plainAt === 0 && part.length === this.head.contentLength) this.plain = part; // the whole body in one read: no copy
    else {
      this.plain ??= Buffer.allocUnsafe(this.head.contentLength);
      part.copy(this.plain, this.plainAt);
      this.plainAt += part.length;
    }
  }

  private endBody(): void {
    if (this.bodyError === undefined) {
      try {
        this.read = this.decoder ? this.decoder.finish() : { body: this.plain ?? Buffer.alloc(0), headers: this.head.headers };
      } catch (err) {
        this.bodyError = err;
      }
    }
    this.decoder = undefined;
    this.plain = undefined;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) {
      if (this.read) waiting.resolve(this.read);
      else waiting.reject(this.bodyError);
    }
    if (this.answered) this.conn.finished(this);
  }

  /** The connection closed before the body was whole. */
  aborted(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(new Error('aborted'));
  }

  /** Done when the body has been read and the answer written. */
  get done(): boolean {
    return this.answered && this.remaining === 0;
  }

  requestNow(): WireRequest | undefined {
    return this.read ? this.wire(this.read) : undefined;
  }

  request(): Promise<WireRequest> {
    if (this.read) return Promise.resolve(this.wire(this.read));
    if (this.remaining === 0) return Promise.reject(this.bodyError);
    return new Promise<ReadBody>((resolve, reject) => {
      this.waiting = { resolve, reject };
    }).then((read) => this.wire(read));
  }

  private wire(read: ReadBody): WireRequest {
    const head = this.head;
    return wireRequest(this.method, head.target, head.headers, read, this.conn.sourceIp, this.conn.fallbackHost, this.conn.urlFor(head.target, head.headers.host));
  }

  discardBody(): void {
    this.discard = true;
    this.decoder = undefined;
    this.plain = undefined;
  }

  respond(response: AwsResponse, extraHeaders?: Record<string, string>): void {
    const headers = mergeHeaders(extraHeaders ?? NO_HEADERS, response.headers);
    const status = response.status;
    const noBody = bodyless(status, this.method);
    // RFC 9110 §8.6: no Content-Length on 1xx or 204 (HEAD and 304 keep theirs: they describe a body).
    if (status === 204 || status < 200) delete headers['content-length'];
    const body = response.body;
    if (Buffer.isBuffer(body)) {
      if (!noBody) headers['content-length'] = String(body.length);
      const head = this.head_(status, headers, response.setCookies, false);
      this.started = true;
      if (noBody || body.length === 0) this.conn.write(head, 'latin1');
      else if (body.length <= SINGLE_WRITE) this.conn.write(head + body.toString('latin1'), 'latin1');
      else this.conn.writeTwo(head, body);
      this.answeredNow();
      return;
    }
    if (noBody) {
      const head = this.head_(status, headers, response.setCookies, false);
      body.destroy();
      this.started = true;
      this.conn.write(head, 'latin1');
      this.answeredNow();
      return;
    }
    // A stream of unknown length is chunked; to an HTTP/1.0 client it is delimited by closing the connection.
    const chunked = headers['content-length'] === undefined && !this.head.http10;
    if (headers['content-length'] === undefined && this.head.http10) this.keepAlive = false;
    const head = this.head_(status, headers, response.setCookies, chunked);
    this.started = true;
    this.conn.write(head, 'latin1');
    this.conn.stream(body, chunked, () => this.answeredNow());
  }

  private head_(status: number, headers: Record<string, string>, setCookies: string[] | undefined, chunked: boolean): string {
    return responseHead(status, headers, setCookies, { keepAlive: this.keepAlive, keepAliveSeconds: this.conn.keepAliveSeconds, chunked });
  }

  private answeredNow(): void {
    this.answered = true;
    if (this.remaining === 0) this.conn.finished(this);
  }

  abort(): void {
    this.conn.destroy();
  }
}
