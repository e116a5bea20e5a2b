/**
 * The SDK's floor: a request handler that answers every request at once with
 * a canned response, so a client using it measures only the SDK's own work
 * (serialize, sign, parse). Benchmarks compare the fake against it.
 *
 * Every handler here carries `Symbol.for('mockaws.passthrough')`: mockAws()'s
 * client hook leaves such clients alone (src/intercept/sdk-clients.ts), so a
 * floor can run beside mocked clients in one process and is never measured
 * through the fake. Each counts the requests it answered: a benchmark asserts
 * that count, so a floor that was captured after all fails the run.
 */
import { Agent } from 'node:http';
import { Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { toSdkResponse } from '../../src/intercept/sdk-handler';

/** Credentials for bench clients: signed like real ones, never checked. */
export const BENCH_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };

const PASSTHROUGH = Symbol.for('mockaws.passthrough');

/** A canned request handler and how many requests it answered. */
export interface CannedHandler {
  readonly calls: number;
  handle(): Promise<{ response: unknown }>;
}

/** A request handler answering 200 with these headers and body; `stream` wraps the body in a stream (S3's payloads). */
export function cannedHandler(headers: Record<string, string>, body: Buffer, opts: { stream?: boolean } = {}): CannedHandler {
  let calls = 0;
  return {
    [PASSTHROUGH]: true,
    get calls() {
      return calls;
    },
    async handle() {
      calls++;
      const response = toSdkResponse({ status: 200, headers, body });
      if (opts.stream) response.body = Readable.from([body]);
      return { response };
    },
  } as CannedHandler;
}

/** A canned awsJson 1.0 response (DynamoDB, SQS). */
export function cannedJsonHandler(body: Buffer | string): CannedHandler {
  return cannedHandler({ 'content-type': 'application/x-amz-json-1.0' }, Buffer.from(body));
}

/**
 * The SDK's own HTTP handler for a peer over loopback (dynalite, s3rver,
 * mockaws' server), marked so mockAws() leaves it alone, with a keep-alive
 * agent of `sockets` sockets.
 */
export function peerHttpHandler(sockets = 1): NodeHttpHandler {
  const handler = new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: sockets }) });
  (handler as unknown as Record<symbol, unknown>)[PASSTHROUGH] = true;
  return handler;
}
