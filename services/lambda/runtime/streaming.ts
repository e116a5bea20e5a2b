/**
 * Response streaming in the Node.js runtime: the `awslambda` global Lambda's
 * runtime provides, with `streamifyResponse(handler)` (the handler is called
 * as `(event, responseStream, context)` and writes its answer to the stream)
 * and `HttpResponseStream.from(stream, { statusCode, headers, cookies })`
 * (function URLs: a JSON prelude and eight NUL bytes before the body, as the
 * runtime writes it). The written bytes are collected: the invocation's result
 * is a StreamedResult, which InvokeWithResponseStream sends as its chunks and
 * a function URL answers with (responses/invoke-stream.ts, models/function-url.ts).
 */
import { Writable } from 'node:stream';
import * as vm from 'node:vm';
import type { LambdaContext } from './loader';

/** The content type `HttpResponseStream.from` gives the stream (Lambda's own name for the prelude format). */
export const HTTP_INTEGRATION_TYPE = 'application/vnd.awslambda.http-integration-response';

/**
 * Marks a StreamedResult: the `awslambda` of the main context (ES modules) may
 * come from another module registry (another jest test file), whose class is
 * not this one, so results are recognised by this process-wide symbol.
 */
const STREAMED = Symbol.for('mockaws.lambda.StreamedResult');

/**
 * Where a streaming handler's writes go as they happen (InvokeWithResponseStream
 * sends each one on at once). The runner puts it on the context under this
 * process-wide symbol; the handler never sees it.
 */
export const STREAM_SINK = Symbol.for('mockaws.lambda.streamSink');

export interface StreamSink {
  chunk(bytes: Buffer, contentType: string): void;
  /** Set when the invocation starts: the version that runs (an alias may route to either of two). */
  executedVersion?: string;
}

/** Chunks written by the handler, waiting for the reader of the response. */
export class ChunkQueue implements StreamSink {
  readonly chunks: Buffer[] = [];
  contentType: string | undefined;
  executedVersion: string | undefined;
  private wake: (() => void) | undefined;

  chunk(bytes: Buffer, contentType: string): void {
    this.contentType ??= contentType;
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.notify();
  }

  notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Resolves when a chunk arrives (or notify() is called). */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }
}

/** What a streaming handler wrote, chunk by chunk. */
export class StreamedResult {
  constructor(
    readonly chunks: Buffer[],
    readonly contentType: string,
  ) {
    Object.defineProperty(this, STREAMED, { value: true });
  }

  /** A result of any registry's StreamedResult, as one of this one. */
  static from(value: unknown): StreamedResult | undefined {
    if (value === null || typeof value !== 'object' || (value as Record<symbol, unknown>)[STREAMED] !== true) return undefined;
    const v = value as { chunks: Buffer[]; contentType: string };
    return new StreamedResult(v.chunks, v.contentType);
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** The `responseStream` a streaming handler writes to. */
export class ResponseStream extends Writable {
  readonly chunks: Buffer[] = [];
  contentType = 'application/octet-stream';

  constructor(private readonly sink?: StreamSink) {
    super();
  }

  setContentType(type: string): void {
    this.contentType = type;
  }

  override _write(chunk: unknown, encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, encoding);
    this.chunks.push(bytes);
    this.sink?.chunk(bytes, this.contentType);
    done();
  }
}

type StreamingHandler = (event: unknown, stream: ResponseStream, context: LambdaContext) => unknown;

function streamifyResponse(handler: StreamingHandler) {
  return async (event: unknown, context: LambdaContext): Promise<StreamedResult> => {
    const stream = new ResponseStream((context as unknown as Record<symbol, StreamSink | undefined>)[STREAM_SINK]);
    const finished = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    await handler(event, stream, context);
    // A handler that returns without ending its stream has nothing more to say.
    if (!stream.writableEnded) stream.end();
    await finished;
    return new StreamedResult(stream.chunks, stream.contentType);
  };
}

const HttpResponseStream = {
  from(stream: ResponseStream, prelude: { statusCode?: number; headers?: Record<string, string>; cookies?: string[] }): ResponseStream {
    stream.setContentType(HTTP_INTEGRATION_TYPE);
    stream.write(Buffer.from(JSON.stringify(prelude ?? {})));
    stream.write(Buffer.alloc(8));
    return stream;
  },
};

const awslambda = { streamifyResponse, HttpResponseStream };

/**
 * Defines `awslambda` where handler code looks for it: the global of the code
 * loading CommonJS handlers (under jest, the test's sandbox) and the main
 * context's (where native ES modules run). Members already there are kept.
 */
export function installAwsLambdaGlobal(): void {
  const globals: Array<Record<string, unknown>> = [globalThis as unknown as Record<string, unknown>];
  try {
    globals.push(vm.runInThisContext('globalThis') as Record<string, unknown>);
  } catch {
    // No separate main context: the one global above is it.
  }
  for (const g of globals) {
    // The SDK's invoke-store may have made the object already (awslambda.InvokeStore): add to it.
    const existing = g.awslambda as Record<string, unknown> | undefined;
    if (existing === undefined || existing === null) g.awslambda = { ...awslambda };
    else for (const [k, v] of Object.entries(awslambda)) existing[k] ??= v;
  }
}

/** A function URL's streamed answer: the prelude (status, headers, cookies) and the body after it. */
export function splitPrelude(result: StreamedResult): { prelude: Record<string, unknown>; body: Buffer } | undefined {
  if (result.contentType !== HTTP_INTEGRATION_TYPE) return undefined;
  const bytes = result.bytes();
  const end = bytes.indexOf(Buffer.alloc(8));
  if (end < 0) return undefined;
  try {
    return { prelude: JSON.parse(bytes.subarray(0, end).toString('utf8')), body: bytes.subarray(end + 8) };
  } catch {
    return undefined;
  }
}
