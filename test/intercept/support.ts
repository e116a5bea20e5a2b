/** Small helpers shared by the capture and API tests. */

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, any>;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** A request handler that answers every request with one canned response (the SDK "floor"). */
export function cannedHandler(status: number, headers: Record<string, string>, body: string) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    metadata: { handlerProtocol: 'http/1.1' },
    async handle() {
      calls++;
      const { HttpResponse } = await import('@smithy/core/protocols');
      const { Readable } = await import('node:stream');
      return { response: new HttpResponse({ statusCode: status, headers, body: Readable.from([Buffer.from(body)]) }) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}
