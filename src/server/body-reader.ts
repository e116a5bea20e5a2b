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

export async function readRequestBody(
  req: IncomingMessage,
  headers: Record<string, string>,
  options: { chunkHashes?: boolean } = {},
): Promise<ReadBody> {
  const decoded = headers['x-amz-decoded-content-length'];
  if (isAwsChunked(headers) && decoded !== undefined && /^\d+$/.test(decoded)) {
    return readAwsChunked(req, headers, Number(decoded), options.chunkHashes ?? false);
  }
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

/**
 * Streaming aws-chunked decoder: `<hex>[;chunk-signature=<sig>]\r\n<data>\r\n`
 * … `0[;…]\r\n` then trailer lines and a blank line.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
function readAwsChunked(
  req: IncomingMessage,
  headers: Record<string, string>,
  decodedLength: number,
  chunkHashes: boolean,
): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const out = Buffer.allocUnsafe(decodedLength);
    const chunks: ChunkSeen[] = [];
    let at = 0;
    let state: State = 'header';
    let line = '';
    let remaining = 0;
    let signature: string | undefined;
    let hash: Hash | undefined;
    let trailer = '';
    let failed: BodyError | undefined;

    const fail = (message: string) => {
      failed ??= new BodyError(
        'IncompleteBody',
        `You did not provide the number of bytes specified by the Content-Length HTTP header. (${message})`,
      );
    };
    const endChunk = () => {
      chunks.push({ signature, sha256: hash ? hash.digest('hex') : '' });
      hash = undefined;
    };

    req.on('data', (data: Buffer) => {
      let i = 0;
      while (i < data.length && !failed) {
        if (state === 'header') {
          const eol = data.indexOf(0x0a, i);
          const end = eol < 0 ? data.length : eol + 1;
          line += data.toString('latin1', i, end);
          i = end;
          if (line.length > MAX_CHUNK_HEADER) return fail('chunk header too long');
          if (eol < 0) continue;
          if (!line.endsWith('\r\n')) return fail('chunk header without CRLF');
          const [sizeText, ...exts] = line.slice(0, -2).split(';');
          line = '';
          if (!/^[0-9a-fA-F]+$/.test(sizeText.trim())) return fail(`invalid chunk size '${sizeText}'`);
          remaining = Number.parseInt(sizeText.trim(), 16);
          signature = exts.map((e) => /^chunk-signature=([0-9a-f]+)$/.exec(e.trim())?.[1]).find(Boolean);
          hash = chunkHashes ? createHash('sha256') : undefined;
          if (remaining === 0) {
            endChunk();
            state = 'trailer';
          } else {
            if (at + remaining > decodedLength) return fail('chunks hold more than x-amz-decoded-content-length');
            state = 'data';
          }
        } else if (state === 'data') {
          const n = Math.min(remaining, data.length - i);
          data.copy(out, at, i, i + n);
          hash?.update(data.subarray(i, i + n));
          at += n;
          i += n;
          remaining -= n;
          if (remaining === 0) state = 'data-cr';
        } else if (state === 'data-cr' || state === 'data-lf') {
          const want = state === 'data-cr' ? 0x0d : 0x0a;
          if (data[i] !== want) return fail('chunk data not followed by CRLF');
          i++;
          if (state === 'data-lf') {
            endChunk();
            state = 'header';
          } else state = 'data-lf';
        } else {
          trailer += data.toString('latin1', i);
          i = data.length;
          if (trailer.length > MAX_TRAILER) return fail('trailer too long');
        }
      }
    });
    req.on('end', () => {
      if (!failed && state !== 'trailer') fail('body ended inside a chunk');
      if (!failed && at !== decodedLength) {
        fail(`x-amz-decoded-content-length is ${decodedLength}, the chunks hold ${at} bytes`);
      }
      let trailers: Record<string, string> = {};
      if (!failed) {
        try {
          trailers = parseTrailers(trailer);
        } catch (err) {
          fail((err as Error).message);
        }
      }
      if (failed) return reject(failed);
      resolve({ body: out, headers: decodedHeaders(headers, trailers, at), chunks, trailers });
    });
    req.on('error', reject);
  });
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
