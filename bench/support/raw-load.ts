/**
 * A raw HTTP/1.1 load generator on node:net for the server benchmarks: keep-alive
 * sockets, one request in flight per socket, requests sent as pre-built bytes,
 * answers read by their status line and Content-Length only. node's http client
 * costs about as much CPU per call as the servers it drives, on the same cores;
 * this costs a fraction of that, so the figures are the servers', and both
 * servers get the same generator and the same bytes.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  body: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection; `send` resolves with the answer to the bytes sent. */
export class RawConnection {
  private buf: Buffer | undefined;
  private waiting: { resolve: (a: RawAnswer) => void; reject: (e: Error) => void } | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf ? Buffer.concat([this.buf, chunk]) : chunk;
      this.parse();
    });
    socket.on('error', (err) => this.failWith(err));
    socket.on('close', () => this.failWith(new Error('connection closed')));
  }

  static open(url: URL): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  send(request: Buffer): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private failWith(err: Error): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(err);
  }

  private parse(): void {
    const buf = this.buf;
    if (!buf || !this.waiting) return;
    const end = buf.indexOf(HEAD_END);
    if (end === -1) return;
    const head = buf.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const m = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!m) {
      this.failWith(new Error(`answer without Content-Length: ${head}`));
      return;
    }
    const total = end + 4 + Number(m[1]);
    if (buf.length < total) return;
    const body = buf.subarray(end + 4, total);
    this.buf = buf.length > total ? buf.subarray(total) : undefined;
    const w = this.waiting;
    this.waiting = undefined;
    w.resolve({ status, body });
  }
}

/** The bytes of one POST as an SDK would send it (headers given), with Host and keep-alive. */
export function postBytes(url: URL, headers: Record<string, string>, body: string): Buffer {
  const payload = Buffer.from(body);
  let head = `POST / HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n`;
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
  head += `Content-Length: ${payload.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), payload]);
}
