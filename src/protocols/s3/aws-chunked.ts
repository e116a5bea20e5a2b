/**
 * `Content-Encoding: aws-chunked` bodies (S3 streaming uploads). The body is a
 * sequence of chunks, each `<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n`,
 * ending with a zero-size chunk, optional trailer lines (`x-amz-checksum-crc32:…`,
 * `x-amz-trailer-signature:…`) and a blank line. The SDK sends the unsigned
 * form (`x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER`); other
 * SDKs send the signed ones (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`).
 * Chunk signatures are not checked: the fake does not verify SigV4.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
import { AwsError } from '../../core/errors';

export interface DecodedChunks {
  payload: Buffer;
  /** Trailer headers, lower-cased names (signature trailers left out). */
  trailers: Record<string, string>;
}

const CRLF = Buffer.from('\r\n');

function incompleteBody(detail: string): AwsError {
  return new AwsError(
    'IncompleteBody',
    `You did not provide the number of bytes specified by the Content-Length HTTP header. (${detail})`,
    { status: 400 },
  );
}

/** Is this request body aws-chunked (by Content-Encoding or by its streaming payload hash)? */
export function isAwsChunked(headers: Record<string, string>): boolean {
  const encoding = headers['content-encoding'];
  if (encoding && /(^|,)\s*aws-chunked\s*(,|$)/i.test(encoding)) return true;
  return /^STREAMING-(?!UNSIGNED-PAYLOAD$)/.test(headers['x-amz-content-sha256'] ?? '');
}

export function decodeAwsChunked(body: Buffer): DecodedChunks {
  const chunks: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = body.indexOf(CRLF, pos);
    if (eol < 0) throw incompleteBody('chunk header without CRLF');
    const header = body.toString('latin1', pos, eol);
    const sizeText = header.split(';')[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw incompleteBody(`invalid chunk size '${sizeText}'`);
    const size = Number.parseInt(sizeText, 16);
    const start = eol + 2;
    if (size === 0) {
      pos = start;
      break;
    }
    const end = start + size;
    if (end > body.length) throw incompleteBody('chunk shorter than its declared size');
    chunks.push(body.subarray(start, end));
    if (body[end] !== 0x0d || body[end + 1] !== 0x0a) throw incompleteBody('chunk data not followed by CRLF');
    pos = end + 2;
  }
  return { payload: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), trailers: readTrailers(body, pos) };
}

function readTrailers(body: Buffer, from: number): Record<string, string> {
  const trailers: Record<string, string> = {};
  const lines = body.toString('latin1', from).split('\r\n');
  for (const line of lines) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw incompleteBody(`malformed trailer '${line}'`);
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name === 'x-amz-trailer-signature') continue;
    trailers[name] = line.slice(colon + 1).trim();
  }
  return trailers;
}

/**
 * The request as the bindings should see it: the decoded payload as body,
 * trailers folded in as headers (so `x-amz-checksum-crc32` fills ChecksumCRC32),
 * `aws-chunked` gone from Content-Encoding, and the length checked against
 * `x-amz-decoded-content-length`.
 */
export function unwrapAwsChunked(
  headers: Record<string, string>,
  body: Buffer,
): { headers: Record<string, string>; body: Buffer } {
  const { payload, trailers } = decodeAwsChunked(body);
  const declared = headers['x-amz-decoded-content-length'];
  if (declared !== undefined && Number(declared) !== payload.length) {
    throw incompleteBody(`x-amz-decoded-content-length is ${declared}, the chunks hold ${payload.length} bytes`);
  }
  return { headers: unchunkedHeaders(headers, trailers, payload.length), body: payload };
}

/**
 * The headers of a decoded aws-chunked body: trailers become headers,
 * `aws-chunked` leaves Content-Encoding, and Content-Length is the payload's.
 */
export function unchunkedHeaders(headers: Record<string, string>, trailers: Record<string, string>, length: number): Record<string, string> {
  const out: Record<string, string> = { ...headers, ...trailers };
  const encodings = (headers['content-encoding'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s.toLowerCase() !== 'aws-chunked');
  if (encodings.length) out['content-encoding'] = encodings.join(', ');
  else delete out['content-encoding'];
  out['content-length'] = String(length);
  return out;
}
