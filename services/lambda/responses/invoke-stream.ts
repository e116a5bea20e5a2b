/**
 * InvokeWithResponseStream: the function's answer as an event stream of
 * PayloadChunk events and one final InvokeComplete (src/protocols/event-stream.ts
 * encodes them). A streaming handler (awslambda.streamifyResponse) sends each
 * write on as it happens, while it still runs; any other handler's JSON result
 * is one chunk. A function error ends the stream with InvokeComplete
 * { ErrorCode: errorType, ErrorDetails: errorMessage }, as the HTTP call itself
 * succeeded. What stops the invocation before it runs (not found, throttled,
 * Pending) is the call's error, as for Invoke.
 */
import type { InvokeResult } from '../models/backend';
import { ChunkQueue } from '../runtime/streaming';
import type { InvokeWithResponseStreamRequest, InvokeWithResponseStreamResponseEvent } from '../types';
import type { Ctx } from './common';

type StreamEvent = { PayloadChunk: { Payload: Uint8Array } } | { InvokeComplete: { ErrorCode?: string; ErrorDetails?: string; LogResult?: string } };

function complete(out: InvokeResult): StreamEvent {
  if (!out.functionError) return { InvokeComplete: { LogResult: out.logResult } };
  let error: { errorType?: string; errorMessage?: string } = {};
  try {
    error = JSON.parse(Buffer.from(out.payload).toString('utf8'));
  } catch {
    // A payload that is not the runtime's error document: the code alone says it.
  }
  return { InvokeComplete: { ErrorCode: error.errorType ?? out.functionError, ErrorDetails: error.errorMessage, LogResult: out.logResult } };
}

async function* events(queue: ChunkQueue, result: Promise<InvokeResult>): AsyncGenerator<StreamEvent> {
  let out: InvokeResult | undefined;
  let failure: { error: unknown } | undefined;
  result.then(
    (r) => {
      out = r;
      queue.notify();
    },
    (error: unknown) => {
      failure = { error };
      queue.notify();
    },
  );
  for (;;) {
    const waiting = queue.next();
    while (queue.chunks.length > 0) yield { PayloadChunk: { Payload: queue.chunks.shift() as Buffer } };
    // Ends the stream with an error message (event-stream.ts).
    if (failure) throw failure.error;
    if (out) break;
    await waiting;
  }
  // A handler that did not stream: its whole result, unless it failed.
  if (!out.streamed && !out.functionError && out.payload.length > 0) yield { PayloadChunk: { Payload: out.payload } };
  yield complete(out);
}

export async function invokeWithResponseStream(input: InvokeWithResponseStreamRequest, ctx: Ctx) {
  ctx.backend.noteEndpoint(ctx.endpoint);
  const type = (input.InvocationType ?? 'RequestResponse') as 'RequestResponse' | 'DryRun';
  const queue = new ChunkQueue();
  const result = ctx.backend.invoke(input.FunctionName, input.Payload ?? new Uint8Array(), {
    invocationType: type,
    qualifier: input.Qualifier,
    logType: input.LogType === 'Tail' ? 'Tail' : 'None',
    clientContext: input.ClientContext,
    streamSink: queue,
  });
  // The response starts with the first write or the end of the invocation, whichever comes first;
  // an invocation refused before it ran rejects here, as the call's error.
  // A warm handler may have written already (it runs synchronously up to its first await).
  const first = queue.chunks.length > 0 ? Promise.resolve() : queue.next();
  const out = await Promise.race([result, first.then(() => undefined)]);
  if (type === 'DryRun') return { StatusCode: (out ?? (await result)).statusCode };
  return {
    StatusCode: 200,
    ExecutedVersion: out?.executedVersion ?? queue.executedVersion,
    ResponseStreamContentType: queue.contentType ?? out?.streamed?.contentType ?? 'application/octet-stream',
    // The generated type names one union value; the protocol layer takes an iterable of them.
    EventStream: events(queue, result) as unknown as InvokeWithResponseStreamResponseEvent,
  };
}
