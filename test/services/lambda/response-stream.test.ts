/**
 * InvokeWithResponseStream through the SDK: the answer is an event stream the
 * SDK decodes into PayloadChunk events and a final InvokeComplete, for
 * streaming handlers (awslambda.streamifyResponse) chunk by chunk and for
 * ordinary handlers as one chunk; function URLs answer streaming handlers
 * from their HttpResponseStream prelude.
 */
import { CreateFunctionUrlConfigCommand, InvokeCommand, InvokeWithResponseStreamCommand, type InvokeWithResponseStreamResponseEvent } from '@aws-sdk/client-lambda';
import { useMockAws } from '../lifecycle';
import { allowPublicUrl, createNodeFunction, encode, lambdaClient, useLambdaRole } from './support';

async function collect(stream: AsyncIterable<InvokeWithResponseStreamResponseEvent> | undefined) {
  const chunks: string[] = [];
  let complete: InvokeWithResponseStreamResponseEvent['InvokeComplete'];
  for await (const event of stream ?? []) {
    if (event.PayloadChunk?.Payload) chunks.push(Buffer.from(event.PayloadChunk.Payload).toString('utf8'));
    if (event.InvokeComplete) complete = event.InvokeComplete;
  }
  return { chunks, complete };
}

describe('Lambda InvokeWithResponseStream', () => {
  useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();

  it('streams what a streamifyResponse handler writes, one PayloadChunk per write, then InvokeComplete', async () => {
    await createNodeFunction(lambda, 'streamer', {
      'index.js': `exports.handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
        responseStream.setContentType('text/plain');
        for (const word of event.words) responseStream.write(word);
        responseStream.end();
      });`,
    });
    const out = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: 'streamer', Payload: encode({ words: ['a', 'b', 'c'] }), LogType: 'Tail' }));
    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(out.ResponseStreamContentType).toBe('text/plain');
    const { chunks, complete } = await collect(out.EventStream);
    expect(chunks).toEqual(['a', 'b', 'c']);
    expect(complete?.ErrorCode).toBeUndefined();
    expect(Buffer.from(complete?.LogResult ?? '', 'base64').toString()).toMatch(/^START RequestId: .*REPORT RequestId: /s);

    // Invoke of the same function answers the bytes buffered.
    const whole = await lambda.send(new InvokeCommand({ FunctionName: 'streamer', Payload: encode({ words: ['x', 'y'] }) }));
    expect(Buffer.from(whole.Payload ?? []).toString()).toBe('xy');
  });

  it('sends each write while the handler still runs (the response starts before the invocation ends)', async () => {
    await createNodeFunction(lambda, 'live', {
      'index.js': `exports.handler = awslambda.streamifyResponse(async (event, stream) => {
        stream.write('first');
        await new Promise((release) => { globalThis.__releaseLiveStream = release; });
        stream.write('second');
        stream.end();
      });`,
    });
    const out = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: 'live' }));
    const events = (out.EventStream as AsyncIterable<InvokeWithResponseStreamResponseEvent>)[Symbol.asyncIterator]();
    const first = await events.next();
    expect(Buffer.from(first.value?.PayloadChunk?.Payload ?? []).toString()).toBe('first');
    // The handler is still waiting: only now may it write again.
    const release = (globalThis as Record<string, unknown>).__releaseLiveStream as () => void;
    expect(typeof release).toBe('function');
    release();
    const second = await events.next();
    expect(Buffer.from(second.value?.PayloadChunk?.Payload ?? []).toString()).toBe('second');
    expect((await events.next()).value?.InvokeComplete).toEqual({});
    expect((await events.next()).done).toBe(true);
  });

  it('sends an ordinary handler result as one chunk, and a function error as InvokeComplete ErrorCode/ErrorDetails', async () => {
    await createNodeFunction(lambda, 'plain', {
      'index.js': `exports.handler = async (e) => { if (e.fail) throw new TypeError('bad input'); return { got: e.n }; };`,
    });
    const ok = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: 'plain', Payload: encode({ n: 7 }) }));
    const good = await collect(ok.EventStream);
    expect(good.chunks.map((c) => JSON.parse(c))).toEqual([{ got: 7 }]);
    expect(good.complete).toEqual({});

    const failed = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: 'plain', Payload: encode({ fail: true }) }));
    expect(failed.StatusCode).toBe(200);
    const bad = await collect(failed.EventStream);
    expect(bad.chunks).toEqual([]);
    expect(bad.complete).toEqual({ ErrorCode: 'TypeError', ErrorDetails: 'bad input' });
  });

  it('answers a missing function and a DryRun as Invoke does', async () => {
    const missing = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: 'nope' })).catch((e) => e);
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope');
    await createNodeFunction(lambda, 'dry', { 'index.js': 'exports.handler = async () => { throw new Error("must not run"); };' });
    const dry = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: 'dry', InvocationType: 'DryRun' }));
    expect(dry.StatusCode).toBe(204);
  });

  it('answers a function URL from a streaming handler prelude (HttpResponseStream.from)', async () => {
    await createNodeFunction(lambda, 'web', {
      'index.mjs': `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
        const out = awslambda.HttpResponseStream.from(responseStream, { statusCode: 418, headers: { 'x-kind': 'teapot' }, cookies: ['p=1', 'q=2; Secure'] });
        out.write('short ');
        out.write('and stout');
        out.end();
      });`,
    });
    const { FunctionUrl } = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'web', AuthType: 'NONE', InvokeMode: 'RESPONSE_STREAM' }));
    await allowPublicUrl(lambda, 'web');
    const res = await fetch(FunctionUrl as string);
    expect(res.status).toBe(418);
    expect(res.headers.get('x-kind')).toBe('teapot');
    expect(res.headers.getSetCookie()).toEqual(['p=1', 'q=2; Secure']);
    expect(await res.text()).toBe('short and stout');
  });

  it('streams a RESPONSE_STREAM function URL: head from the prelude, body while the handler still writes', async () => {
    await createNodeFunction(lambda, 'sse', {
      'index.js': `exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
        const out = awslambda.HttpResponseStream.from(responseStream, { statusCode: 200, headers: { 'content-type': 'text/event-stream' } });
        out.write('data: one\\n\\n');
        await new Promise((release) => { globalThis.__releaseSse = release; });
        out.write('data: two\\n\\n');
        out.end();
      });`,
    });
    const { FunctionUrl } = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'sse', AuthType: 'NONE', InvokeMode: 'RESPONSE_STREAM' }));
    await allowPublicUrl(lambda, 'sse');
    const res = await fetch(FunctionUrl as string);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('one')) text += Buffer.from((await reader.read()).value ?? []).toString();
    expect(text).toBe('data: one\n\n');
    ((globalThis as Record<string, unknown>).__releaseSse as () => void)();
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += Buffer.from(r.value).toString();
    expect(text).toBe('data: one\n\ndata: two\n\n');
  });
});
