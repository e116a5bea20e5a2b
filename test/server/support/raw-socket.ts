/**
 * A raw TCP client for the server's HTTP/1.1 tests: writes bytes exactly as
 * given (split, pipelined, malformed) and reads answers one at a time by
 * their Content-Length, so a test sees what went over the wire.
 */
import { connect, type Socket } from 'node:net';

export interface WireAnswer {
  status: number;
  /** The status line and header lines as sent. */
  head: string;
  /** Lower-cased names; repeated names joined with '\n'. */
  headers: Record<string, string>;
  body: Buffer;
}

export class RawSocket {
  private buf = Buffer.alloc(0);
  private ended = false;
  private wake: (() => void) | undefined;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake?.();
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.ended = true;
        this.wake?.();
        resolve();
      }),
    );
    socket.on('end', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  static open(port: number): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawSocket(socket)));
      socket.once('error', reject);
    });
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve) => this.socket.write(data, () => resolve()));
  }

  /** Writes `data` one byte per write, each after the last has gone out. */
  async trickle(data: string | Buffer): Promise<void> {
    const bytes = Buffer.from(data);
    for (let i = 0; i < bytes.length; i++) await this.write(bytes.subarray(i, i + 1));
  }

  /** Has the server closed its side? */
  get isEnded(): boolean {
    return this.ended;
  }

  private async until(test: () => boolean): Promise<void> {
    while (!test()) {
      if (this.ended) throw new Error(`connection ended; unread: ${JSON.stringify(this.buf.toString('latin1'))}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }

  /** The next answer; `bodyless` for the answer to a HEAD (its Content-Length describes a body not sent). */
  async answer(bodyless = false): Promise<WireAnswer> {
    await this.until(() => this.buf.indexOf('\r\n\r\n') !== -1);
    const end = this.buf.indexOf('\r\n\r\n');
    const head = this.buf.toString('latin1', 0, end);
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}\n${value}`;
    }
    const status = Number(head.slice(9, 12));
    let length = bodyless || status === 204 || status === 304 || status < 200 ? 0 : Number(headers['content-length'] ?? 0);
    let body: Buffer;
    if (!bodyless && headers['transfer-encoding'] === 'chunked') {
      body = await this.chunked(end + 4);
      return { status, head, headers, body };
    }
    await this.until(() => this.buf.length >= end + 4 + length);
    body = this.buf.subarray(end + 4, end + 4 + length);
    this.buf = this.buf.subarray(end + 4 + length);
    length = 0;
    return { status, head, headers, body };
  }

  private async chunked(from: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let at = from;
    for (;;) {
      await this.until(() => this.buf.indexOf('\r\n', at) !== -1);
      const eol = this.buf.indexOf('\r\n', at);
      const size = Number.parseInt(this.buf.toString('latin1', at, eol), 16);
      await this.until(() => this.buf.length >= eol + 2 + size + 2);
      parts.push(this.buf.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
      if (size === 0) break;
    }
    this.buf = this.buf.subarray(at);
    return Buffer.concat(parts);
  }

  close(): void {
    this.socket.destroy();
  }
}
