/**
 * The SDK's floor: a request handler that answers every request at once
 * with a canned 200, so a client using it measures only the SDK's own work
 * (serialize, sign, parse). Benchmarks compare the fake against it.
 */
import { toSdkResponse } from '../../src/intercept/sdk-handler';

/** Credentials for bench clients: signed like real ones, never checked. */
export const BENCH_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };

/** A `requestHandler` answering `body` as an awsJson 1.0 response (DynamoDB, SQS). */
export function cannedJsonHandler(body: Buffer): never {
  return {
    handle: async () => ({
      response: toSdkResponse({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body }),
    }),
  } as never;
}
