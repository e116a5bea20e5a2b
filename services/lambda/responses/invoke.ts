/** Invoke and the deprecated InvokeAsync: run a function now, or queue it (Event). */
import type { InvocationRequest, InvokeAsyncRequest } from '../types';
import type { Ctx } from './common';

export async function invoke(input: InvocationRequest, ctx: Ctx) {
  ctx.backend.noteEndpoint(ctx.endpoint);
  const type = (input.InvocationType ?? 'RequestResponse') as 'RequestResponse' | 'Event' | 'DryRun';
  const target = ctx.backend.resolve(input.FunctionName, input.Qualifier, true);
  if (target.version.durable && type !== 'DryRun') {
    // A DryRun makes every check an invocation makes (size, JSON, state, throttling) before the execution starts.
    await ctx.backend.invoke(input.FunctionName, input.Payload ?? new Uint8Array(), { invocationType: 'DryRun', qualifier: input.Qualifier });
    const out = await ctx.backend.durable.start(target, input.Payload ?? new Uint8Array(), input.DurableExecutionName, type === 'RequestResponse');
    return {
      StatusCode: type === 'Event' ? 202 : 200,
      FunctionError: out.functionError,
      Payload: type === 'Event' ? undefined : out.payload,
      ExecutedVersion: type === 'RequestResponse' ? target.version.version : undefined,
      DurableExecutionArn: out.exec.arn,
    };
  }
  const out = await ctx.backend.invoke(input.FunctionName, input.Payload ?? new Uint8Array(), {
    invocationType: type,
    qualifier: input.Qualifier,
    logType: input.LogType === 'Tail' ? 'Tail' : 'None',
    clientContext: input.ClientContext,
  });
  return {
    StatusCode: out.statusCode,
    FunctionError: out.functionError,
    LogResult: out.logResult,
    Payload: out.statusCode === 200 ? out.payload : undefined,
    ExecutedVersion: type === 'RequestResponse' ? out.executedVersion : undefined,
  };
}

export async function invokeAsync(input: InvokeAsyncRequest, ctx: Ctx) {
  ctx.backend.noteEndpoint(ctx.endpoint);
  const body = input.InvokeArgs as unknown;
  const bytes = body instanceof Uint8Array ? body : Buffer.from(String(body ?? ''));
  await ctx.backend.invoke(input.FunctionName, bytes, { invocationType: 'Event' });
  return { Status: 202 };
}
