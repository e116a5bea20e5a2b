/**
 * Helpers for the REST protocol tests: a real v3 client whose request handler
 * records what the SDK put on the wire (after serializing, checksumming and
 * signing), and one that answers with a response our protocol serialized.
 */
import type { AwsRequest, AwsResponse } from '../../../src/core/request';
import type { ServiceSpec } from '../../../src/core/spec';
import { type SdkHttpRequest, toAwsRequest, toSdkResponse } from '../../../src/intercept/sdk-handler';
import type { Protocol } from '../../../src/protocols/protocol';

export const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' };

type ClientCtor<C> = new (config: Record<string, unknown>) => C;
type Sendable = { send(command: unknown): Promise<unknown> };

/** A client that records every request and answers `respond()` (200, empty body by default). */
export function capturingClient<C extends Sendable>(
  Client: ClientCtor<C>,
  config: Record<string, unknown> = {},
  respond: () => AwsResponse = () => ({ status: 200, headers: {}, body: Buffer.alloc(0) }),
) {
  const requests: SdkHttpRequest[] = [];
  const client = new Client({
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: SdkHttpRequest) => {
        requests.push(request);
        return { response: toSdkResponse(respond()) };
      },
    },
    ...config,
  });
  return {
    client,
    /** Sends a command, ignoring the (canned) answer, and returns the request it produced. */
    async capture(command: unknown): Promise<AwsRequest> {
      const before = requests.length;
      await client.send(command).catch(() => undefined);
      if (requests.length === before) throw new Error('the SDK sent nothing');
      return toAwsRequest(requests[requests.length - 1]);
    },
  };
}

/** A client whose every request is answered by `next`, set before each send. */
export function answeringClient<C extends Sendable>(Client: ClientCtor<C>, config: Record<string, unknown> = {}) {
  let next: AwsResponse | undefined;
  const client = new Client({
    region: 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: {
      handle: async () => {
        if (!next) throw new Error('no response prepared');
        return { response: toSdkResponse(next) };
      },
    },
    ...config,
  });
  return {
    client,
    /** Answers the next request with `response` and sends `command`. */
    send<T = any>(command: unknown, response: AwsResponse): Promise<T> {
      next = response;
      return client.send(command) as Promise<T>;
    },
    /** The error the SDK throws for `command` answered with `response`. */
    async fail(command: unknown, response: AwsResponse): Promise<any> {
      next = response;
      try {
        await client.send(command);
      } catch (e) {
        return e;
      }
      throw new Error('the SDK did not throw');
    },
  };
}

/** Routes and parses a request the way the dispatcher does. */
export function parseRequest(protocol: Protocol, spec: ServiceSpec, req: AwsRequest) {
  const op = protocol.resolveOperation(req, spec);
  if (!op) throw new Error(`no operation for ${req.method} ${req.url.href}`);
  return { operation: op.name, input: protocol.parse(req, op, spec) };
}

export function bodyText(res: AwsResponse): string {
  if (!Buffer.isBuffer(res.body)) throw new Error('streamed body');
  return res.body.toString('utf8');
}
