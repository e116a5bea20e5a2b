/**
 * Reading request bodies off the socket with at most one copy of the payload
 * in memory (the one S3 then stores, shared, not copied):
 *
 * - a body with a Content-Length is read into one buffer of that size as it
 *   arrives (no list of chunks, no concat);
 * - an S3 `aws-chunked` upload that declares `x-amz-decoded-content-length`
 *   is decoded while it streams: only the payload bytes are kept, the chunk
 *   framing and signatures are read and dropped (their signatures are handed
 *   to a listener so `--verify-signatures` can check the chain);
 * - anything else (chunked transfer encoding without a length) is collected
 *   and joined once.
 *
 * A body larger than its declared length, or aws-chunked framing that does not
 * hold together, ends as a BodyError the server answers in S3's own words.
 */
import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isAwsChunked, unchunkedHeaders } from '../protocols/s3/aws-chunked';

export class BodyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One aws-chunked chunk as it went by: its declared signature and the SHA-256 of its data. */
export interface ChunkSeen {
  signature?: string;
  sha256: string;
}

export interface ReadBody {
  body: Buffer;
  /** Headers the dispatcher should see (aws-chunked decoded: trailers folded in, encoding dropped). */
  headers: Record<string, string>;
  /** Set when the body was aws-chunked and decoded here: the chunks' signatures, in order. */
  chunks?: ChunkSeen[];
  /** The aws-chunked trailer lines as sent (lower-cased names, the trailer signature included). */
  trailers?: Record<string, string>;
}

const MAX_CHUNK_HEADER = 4096;
const MAX_TRAILER = 64 * 1024;

/** The declared length of an aws-chunked body's payload, when it is aws-chunked and declares one. */
export function awsChunkedLength(headers: Record<string, string>): number | undefined {
  const decoded = headers['x-amz-decoded-content-length'];
  return isAwsChunked(headers) && decoded !== undefined && /^\d+$/.test(decoded) ? Number(decoded) : undefined;
}

export async function readRequestBody(
  req: IncomingMessage,
  headers: Record<string, string>,
  options: { chunkHashes?: boolean } = {},
): Promise<ReadBody> {
  const decoded = awsChunkedLength(headers);
  if (decoded !== undefined) return readAwsChunked(req, headers, decoded, options.chunkHashes ?? false);
  const declared = headers['content-length'];
  const body =
    declared !== undefined && /^\d+$/.test(declared) ? await readExactly(req, Number(declared)) : await readAll(req);
  return { body, headers };
}

/** A Content-Length body, copied into one buffer as it arrives. */
function readExactly(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (length === 0) {
      req.resume();
      req.on('end', () => resolve(Buffer.alloc(0)));
      req.on('error', reject);
      return;
    }
    const out = Buffer.allocUnsafe(length);
    let at = 0;
    req.on('data', (chunk: Buffer) => {
      // node:http enforces Content-Length, so this is only a guard.
      const n = Math.min(chunk.length, length - at);
      chunk.copy(out, at, 0, n);
      at += n;
    });
    req.on('end', () => resolve(at === length ? out : out.subarray(0, at)));
    req.on('error', reject);
  });
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

type State = 'header' | 'data' | 'data-cr' | 'data-lf' | 'trailer';

/** Reads an aws-chunked body off a node:http request as it streams. */
function readAwsChunked(
  req: IncomingMessage,
  headers: Record<string, string>,
  decodedLength: number,
  chunkHashes: boolean,
): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const decoder = new AwsChunkedDecoder(headers, decodedLength, chunkHashes);
    req.on('data', (data: Buffer) => decoder.push(data));
    req.on('end', () => {
      try {
        resolve(decoder.finish());
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

/**
 * Streaming aws-chunked decoder: `<hex>[;chunk-signature=<sig>]\r\n<data>\r\n`
 * … `0[;…]\r\n` then trailer lines and a blank line. Fed the body's bytes as
 * they arrive (by node:http or by the server's own HTTP/1.1 reader); `finish`
 * gives the decoded body or throws the BodyError the framing earned.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
export class AwsChunkedDecoder {
  private readonly out: Buffer;
  private readonly chunks: ChunkSeen[] = [];
  private at = 0;
  private state: State = 'header';
  private line = '';
  private remaining = 0;
  private signature: string | undefined;
  private hash: Hash | undefined;
  private trailer = '';
  private failed: BodyError | undefined;

  constructor(
    private readonly headers: Record<string, string>,
    private readonly decodedLength: number,
    private readonly chunkHashes: boolean,
  ) {
    this.out = Buffer.allocUnsafe(decodedLength);
  }

  private fail(message: string): void {
    this.failed ??= new BodyError(
      'IncompleteBody',
      `You did not provide the number of bytes specified by the Content-Length HTTP header. (${message})`,
    );
  }

  private endChunk(): void {
    this.chunks.push({ signature: this.signature, sha256: this.hash ? this.hash.digest('hex') : '' });
    this.hash = undefined;
  }

  push(data: Buffer): void {
    let i = 0;
    while (i < data.length && !this.failed) {
      if (this.state === 'header') {
        const eol = data.indexOf(0x0a, i);
        const end = eol < 0 ? data.length : eol + 1;
        this.line += data.toString('latin1', i, end);
        i = end;
        if (this.line.length > MAX_CHUNK_HEADER) {
          this.fail('chunk header too long');
          return;
        }
        if (eol < 0) continue;
        if (!this.line.endsWith('\r\n')) {
          this.fail('chunk header without CRLF');
          return;
        }
        const [sizeText, ...exts] = this.line.slice(0, -2).split(';');
        this.line = '';
        if (!/^[0-9a-fA-F]+$/.test(sizeText.trim())) {
          this.fail(`invalid chunk size '${sizeText}'`);
          return;
        }
        this.remaining = Number.parseInt(sizeText.trim(), 16);
        this.signature = exts.map((e) => /^chunk-signature=([0-9a-f]+)$/.exec(e.trim())?.[1]).find(Boolean);
        this.hash = this.chunkHashes ? createHash('sha256') : undefined;
        if (this.remaining === 0) {
          this.endChunk();
          this.state = 'trailer';
        } else {
          if (this.at + this.remaining > this.decodedLength) {
            this.fail('chunks hold more than x-amz-decoded-content-length');
            return;
          }
          this.state = 'data';
        }
      } else if (this.state === 'data') {
        const n = Math.min(this.remaining, data.length - i);
        data.copy(this.out, this.at, i, i + n);
        this.hash?.update(data.subarray(i, i + n));
        this.at += n;
        i += n;
        this.remaining -= n;
        if (this.remaining === 0) this.state = 'data-cr';
      } else if (this.state === 'data-cr' || this.state === 'data-lf') {
        const want = this.state === 'data-cr' ? 0x0d : 0x0a;
        if (data[i] !== want) {
          this.fail('chunk data not followed by CRLF');
          return;
        }
        i++;
        if (this.state === 'data-lf') {
          this.endChunk();
          this.state = 'header';
        } else this.state = 'data-lf';
      } else {
        this.trailer += data.toString('latin1', i);
        i = data.length;
        if (this.trailer.length > MAX_TRAILER) {
          this.fail('trailer too long');
          return;
        }
      }
    }
  }

  /** The decoded body once the whole framed body has been pushed; throws its BodyError. */
  finish(): ReadBody {
    if (!this.failed && this.state !== 'trailer') this.fail('body ended inside a chunk');
    if (!this.failed && this.at !== this.decodedLength) {
      this.fail(`x-amz-decoded-content-length is ${this.decodedLength}, the chunks hold ${this.at} bytes`);
    }
    let trailers: Record<string, string> = {};
    if (!this.failed) {
      try {
        trailers = parseTrailers(this.trailer);
      } catch (err) {
        this.fail((err as Error).message);
      }
    }
    if (this.failed) throw this.failed;
    return { body: this.out, headers: decodedHeaders(this.headers, trailers, this.at), chunks: this.chunks, trailers };
  }
}

/** Trailer headers (the trailer signature is kept for the verifier, under its own name). */
function parseTrailers(text: string): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed trailer '${line}'`);
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return trailers;
}

/**
 * What the protocol sees after decoding here: the payload as a plain body,
 * `aws-chunked` gone from Content-Encoding, trailers as headers, and the
 * streaming payload hash replaced (it named the framing, now gone) so the
 * protocol does not try to decode again.
 */
function decodedHeaders(headers: Record<string, string>, trailers: Record<string, string>, length: number): Record<string, string> {
  const { 'x-amz-trailer-signature': _signature, ...rest } = trailers;
  const out = unchunkedHeaders(headers, rest, length);
  out['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  return out;
}
