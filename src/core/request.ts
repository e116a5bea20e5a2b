/**
 * The one request and response type every entry point speaks: the SDK
 * middleware, the HTTP fallback and the server all turn what they caught into
 * an AwsRequest and hand it to the dispatcher.
 */
import type { Readable } from 'node:stream';

export interface AwsRequest {
  method: string;
  /** Absolute URL as the caller addressed it (host included). */
  url: URL;
  /**
   * The path exactly as sent, still percent-encoded, with `.` and `..`
   * segments kept (URL normalizes them away; S3 keys may contain them).
   */
  rawPath?: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The body as received on the wire (before aws-chunked or gzip decoding). */
  body: Buffer;
  /** The caller's IP address, when the entry point knows it (server mode). */
  sourceIp?: string;
}

export interface AwsResponse {
  status: number;
  /** Header names as they should be sent. */
  headers: Record<string, string>;
  /**
   * Set-Cookie values, each sent as a header of its own: the one header whose
   * values may not be folded into one comma-joined line (RFC 6265 §3).
   */
  setCookies?: string[];
  /** Buffers for ordinary responses; a Readable for large streamed objects. */
  body: Buffer | Readable;
  /**
   * The body is an operation's streaming payload (S3 GetObject, Lambda Invoke): the SDK wants it as a
   * stream. Other bodies reach the SDK as plain bytes, which it reads without a stream's overhead.
   */
  streaming?: boolean;
}

export function lowerCaseHeaders(
  headers: Record<string, string | string[] | number | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  // Own keys without an entry array per header: this runs for every request, in-process and served.
  for (const k of Object.keys(headers)) {
    const v = headers[k];
    if (v === undefined) continue;
    out[k.toLowerCase()] = typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

export function createRequest(init: {
  method: string;
  url: string | URL;
  headers?: Record<string, string | string[] | number | undefined>;
  body?: Buffer | Uint8Array | string;
}): AwsRequest {
  const body = init.body === undefined ? Buffer.alloc(0) : toBuffer(init.body);
  return {
    method: init.method.toUpperCase(),
    url: typeof init.url === 'string' ? new URL(init.url) : init.url,
    rawPath: typeof init.url === 'string' ? rawPathOf(init.url) : undefined,
    headers: lowerCaseHeaders(init.headers ?? {}),
    body,
  };
}

export function toBuffer(data: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The path of an absolute or origin-form URL string, untouched by URL normalization. */
export function rawPathOf(url: string): string {
  // An origin-form target (what every server request carries) has no scheme to strip: no regular expression for it.
  const afterScheme = url.charCodeAt(0) === 0x2f ? url : url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const end = afterScheme.search(/[?#]/);
  const path = end === -1 ? afterScheme : afterScheme.slice(0, end);
  return path || '/';
}
