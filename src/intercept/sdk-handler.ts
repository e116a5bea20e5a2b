/**
 * The bridge between an SDK v3 client and the dispatcher: a request handler
 * with the shape of NodeHttpHandler. It receives the request exactly as the
 * SDK would put it on the wire (serialized, signed, checksummed) and answers
 * with a response the SDK's own deserializer reads.
 */
import { Readable } from 'node:stream';
import { HttpResponse } from '@smithy/core/protocols';
import type { Dispatcher } from '../core/dispatch';
import { type AwsRequest, type AwsResponse, lowerCaseHeaders } from '../core/request';

/** The parts of @smithy HttpRequest we read. */
export interface SdkHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | Array<string | null> | null>;
  headers: Record<string, string>;
  body?: unknown;
  username?: string;
  password?: string;
  fragment?: string;
}

export async function toAwsRequest(request: SdkHttpRequest): Promise<AwsRequest> {
  const bytes = bodyBytes(request.body);
  return requestWith(request, bytes ?? (await collectBody(request.body)));
}

/**
 * The request with its body already in hand when the SDK gave bytes or a string (every
 * non-streaming call), so the common path takes no extra await; undefined for a stream.
 */
export function toAwsRequestNow(request: SdkHttpRequest): AwsRequest | undefined {
  const bytes = bodyBytes(request.body);
  return bytes && requestWith(request, bytes);
}

function requestWith(request: SdkHttpRequest, body: Buffer): AwsRequest {
  const port = request.port ? `:${request.port}` : '';
  const url = new URL(`${request.protocol}//${request.hostname}${port}${request.path}`);
  const query = request.query;
  if (query) {
    // Gathered first and set once: each url.searchParams.append re-serializes the whole URL.
    // Made only when there is a parameter: the SDK sends `{}` on most calls.
    let params: URLSearchParams | undefined;
    for (const key of Object.keys(query)) {
      params ??= new URLSearchParams(url.search);
      const value = query[key];
      if (value === null || value === undefined) {
        params.append(key, '');
      } else if (Array.isArray(value)) {
        for (const v of value) params.append(key, v ?? '');
      } else {
        params.append(key, value);
      }
    }
    if (params) url.search = params.toString();
  }
  return {
    method: request.method.toUpperCase(),
    url,
    rawPath: request.path,
    headers: lowerCaseHeaders(request.headers),
    body,
  };
}

/** A body the SDK gave as bytes or text, as a Buffer (no copy of bytes); undefined for anything else. */
function bodyBytes(body: unknown): Buffer | undefined {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return undefined;
}

/** Any body the SDK may hand a request handler, as one Buffer. */
export async function collectBody(body: unknown): Promise<Buffer> {
  const bytes = bodyBytes(body);
  if (bytes) return bytes;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (typeof (body as ReadableStream).getReader === 'function') {
    const chunks: Buffer[] = [];
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
    }
    return Buffer.concat(chunks);
  }
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Buffer | string | Uint8Array>) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks);
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  throw new TypeError(`mockaws: unsupported request body type ${Object.prototype.toString.call(body)}`);
}

export function toSdkResponse(response: AwsResponse): HttpResponse {
  // Only streaming payloads need a stream: the SDK reads plain bytes faster (about 50 µs a call).
  // The bytes go in a fresh view: the SDK re-prototypes the array it is given (Uint8ArrayBlobAdapter),
  // which must never reach a Buffer the fake keeps or shares.
  const raw = response.body;
  const body = !Buffer.isBuffer(raw)
    ? raw
    : response.streaming
      ? Readable.from([raw])
      : new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  return new HttpResponse({ statusCode: response.status, headers: { ...response.headers }, body });
}

/** A request handler object that answers every SDK request from the dispatcher. */
export function createSdkHandler(getDispatcher: () => Dispatcher) {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: SdkHttpRequest): Promise<{ response: HttpResponse }> {
      const awsRequest = toAwsRequestNow(request) ?? (await toAwsRequest(request));
      const response = await getDispatcher().dispatch(awsRequest);
      return { response: toSdkResponse(response) };
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, unknown> {
      return {};
    },
    destroy(): void {},
  };
}
