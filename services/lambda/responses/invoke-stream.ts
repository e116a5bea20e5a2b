/**
 * InvokeWithResponseStream: the function's answer as an event stream of
 * PayloadChunk events and one final InvokeComplete (src/protocols/event-stream.ts
 * encodes them). A streaming handler (awslambda.streamifyResponse) sends one
 * chunk per write; any other handler's JSON result is one chunk. A function
 * error ends the stream with InvokeComplete { ErrorCode: errorType,
 * ErrorDetails: errorMessage }, as the HTTP call itself succeeded.
 */
import type { InvokeResult } from '../models/backend';
import type { InvokeWithResponseStreamRequest, InvokeWithResponseStreamResponseEvent } from '../types';
import type { Ctx } from './common';

type StreamEvent = { PayloadChunk: { Payload: Uint8Array } } | { InvokeComplete: { ErrorCode?: string; ErrorDetails?: string; LogResult?: string } };

function* events(out: InvokeResult): Generator<StreamEvent> {
  if (out.functionError) {
    let error: { errorType?: string; errorMessage?: string } = {};
    try {
      error = JSON.parse(Buffer.from(out.payload).toString('utf8'));
    } catch {
      // A payload that is not the runtime's error document: the code alone says it.
    }
    yield { InvokeComplete: { ErrorCode: error.errorType ?? out.functionError, ErrorDetails: error.errorMessage, LogResult: out.logResult } };
    return;
  }
  const chunks = out.streamed ? out.streamed.chunks : [Buffer.from(out.payload)];
  for (const chunk of chunks) if (chunk.length > 0) yield { PayloadChunk: { Payload: chunk } };
  yield { InvokeComplete: { LogResult: out.logResult } };
}

export async function invokeWithResponseStream(input: InvokeWithResponseStreamRequest, ctx: Ctx) {
  ctx.backend.noteEndpoint(ctx.endpoint);
  const type = (input.InvocationType ?? 'RequestResponse') as 'RequestResponse' | 'DryRun';
  const out = await ctx.backend.invoke(input.FunctionName, input.Payload ?? new Uint8Array(), {
    invocationType: type,
    qualifier: input.Qualifier,
    logType: input.LogType === 'Tail' ? 'Tail' : 'None',
    clientContext: input.ClientContext,
  });
  if (type === 'DryRun') return { StatusCode: out.statusCode };
  return {
    StatusCode: out.statusCode,
    ExecutedVersion: out.executedVersion,
    ResponseStreamContentType: out.streamed?.contentType ?? 'application/octet-stream',
    // The generated type names one union value; the protocol layer takes an iterable of them.
    EventStream: events(out) as unknown as InvokeWithResponseStreamResponseEvent,
  };
}
