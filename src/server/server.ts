/**
 * Server mode: a node:http listener in front of the same dispatcher that
 * answers in-process mocks, so the AWS CLI, boto3, Terraform, another Node
 * process or a browser page can use the emulated AWS over HTTP. The server
 * only moves bytes: it reads the request as sent, hands it to
 * `dispatcher.dispatch`, and writes the answer back. Besides that it answers
 * its own `/_mockaws/` endpoints and CORS preflights.
 *
 * Clients point at it with `endpoint: server.url` or `AWS_ENDPOINT_URL`; the
 * URL they used is what handlers see as `ctx.endpoint`, so an SQS QueueUrl
 * points back at the server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { services as allServices } from '../../services';
import { Dispatcher } from '../core/dispatch';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/ids';
import { enforcementHook } from '../core/policy/enforce';
import { CallLog } from './call-log';
import { CORS_HEADERS, isPreflight, preflightResponse } from './cors';
import { toAwsRequest, writeResponse } from './http-bridge';
import { answerInternal, type InternalContext, isInternal, json } from './internal-routes';

export interface ServerOptions {
  /** TCP port; 0 (the default) picks a free one, read it back from `port`. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1: nothing outside the machine can reach it. */
  host?: string;
  /** Account of unsigned calls and of keys that name none. Default 123456789012. */
  account?: string;
  /** Region of calls whose signature and host name none. Default us-east-1. */
  region?: string;
  /** Only these service ids answer; calls to others are refused (MockawsRefused). */
  services?: string[];
  /** How many calls `GET /_mockaws/calls` remembers. Default 1000. */
  callLogLimit?: number;
  /** `'enforce'`: authorize calls made with fake-issued credentials against IAM policies (src/core/policy/enforce.ts). */
  iam?: 'enforce' | 'off';
}

export interface MockServer {
  /** Base URL for clients: `endpoint: url`, or `AWS_ENDPOINT_URL=<url>`. */
  readonly url: string;
  readonly port: number;
  /** The dispatcher answering the server's calls (its backends hold the state). */
  readonly dispatcher: Dispatcher;
  /** Stop listening, close open connections and drop the state. Idempotent. */
  stop(): Promise<void>;
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z0-9]+)+-\d+$/;

/**
 * Start the emulated AWS as an HTTP server.
 * @example
 * const server = await startServer({ port: 0 });
 * const s3 = new S3Client({ endpoint: server.url, forcePathStyle: true, region: 'us-east-1' });
 * await s3.send(new CreateBucketCommand({ Bucket: 'b' }));
 * await server.stop();
 */
export async function startServer(options: ServerOptions = {}): Promise<MockServer> {
  const dispatcher = createDispatcher(options);
  const limit = options.callLogLimit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`mockaws: callLogLimit must be a positive integer, got ${limit}`);
  const calls = new CallLog(limit);
  dispatcher.onCall(calls.listener);
  const internal: InternalContext = {
    dispatcher,
    calls,
    services: options.services ?? dispatcher.serviceIds(),
  };

  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  // SDK agents keep sockets open indefinitely; a long idle timeout avoids the
  // race where node closes a socket just as the client reuses it.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  let fallbackHost = host; // host:port once listening, for HTTP/1.0 requests without Host
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    answer(req, res, fallbackHost, dispatcher, internal).catch((err) => fail(res, err));
  };
  server.on('request', handle);
  // Clients that send `Expect: 100-continue` (S3 uploads) wait for this before the body.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    res.writeContinue();
    handle(req, res);
  });
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(host)}:${port}`;
  fallbackHost = new URL(url).host;

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    dispatcher,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        dispatcher.reset();
        calls.clear();
      });
      return stopping;
    },
  };
}

function createDispatcher(options: ServerOptions): Dispatcher {
  const account = options.account ?? DEFAULT_ACCOUNT;
  if (!ACCOUNT_ID.test(account)) throw new TypeError(`mockaws: account must be 12 digits, got '${account}'`);
  const region = options.region ?? DEFAULT_REGION;
  if (!REGION.test(region)) throw new TypeError(`mockaws: '${region}' is not a region name`);
  const dispatcher = new Dispatcher({ services: allServices, account, region });
  if (options.iam === 'enforce') dispatcher.use(enforcementHook(dispatcher));
  if (options.services) {
    const known = dispatcher.serviceIds();
    const unknown = options.services.filter((id) => !known.includes(id));
    if (unknown.length > 0) {
      throw new TypeError(`mockaws: unknown service '${unknown.join("', '")}'; known: ${known.join(', ')}`);
    }
    dispatcher.setOnly(new Set(options.services));
  }
  return dispatcher;
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  fallbackHost: string,
  dispatcher: Dispatcher,
  internal: InternalContext,
): Promise<void> {
  const request = await toAwsRequest(req, fallbackHost);
  const response = isPreflight(request)
    ? preflightResponse(request)
    : isInternal(request)
      ? answerInternal(request, internal)
      : await dispatcher.dispatch(request);
  writeResponse(res, response, request.method, CORS_HEADERS);
}

/** The last resort: whatever went wrong, the client gets a 500 it can read, and the server lives on. */
function fail(res: ServerResponse, err: unknown): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const message = `mockaws server: ${err instanceof Error ? err.message : String(err)}`;
  try {
    writeResponse(res, json(500, { __type: 'InternalFailure', message, Message: message }), 'GET', CORS_HEADERS);
  } catch {
    res.destroy();
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The host part of the URL clients should use: wildcard binds are reached over loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
