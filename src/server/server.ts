/**
 * Server mode: an HTTP/1.1 listener (its own fast path for the plain requests
 * SDKs send, node:http for everything else) in front of the same dispatcher that
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
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { services as allServices } from '../../services';
import { stateClassLoaders } from '../../services/state-classes.generated';
import { version } from '../../package.json';
import { Persistence } from '../persist/persistence';
import { Dispatcher } from '../core/dispatch';
import type { AwsRequest } from '../core/request';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/ids';
import { isValidRegion } from '../core/regions';
import type { WireFacts } from '../core/sigv4-verify';
import { signatureCheck } from '../core/signature-auth';
import { requestId as newRequestId } from '../core/ids';
import { addressedToServer, crossSite, HostPolicy } from './access';
import { BodyError } from './body-reader';
import { enforcementHook } from '../core/policy/enforce';
import { CallLog } from './call-log';
import type { Exchange } from './exchange';
import { nodeExchange } from './http-bridge';
import { fastListener } from './http1/listener';
import { answerInternal, type InternalContext, isInternalPath } from './internal-routes';
import { json } from './json-response';
import { answerPreflight, corsHeadersFor, isS3Request, looksLikeS3Path, s3Error } from './s3-cors';
import { acceptWebSockets } from './websocket-upgrade';

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
  /** How many bytes of call summaries the log may hold (the oldest go first). Default 8 MiB. */
  callLogBytes?: number;
  /**
   * Host names (the Host header, port aside) accepted besides IP literals,
   * `localhost`, `*.localhost`, AWS's own names and the bound host: guards
   * against DNS rebinding. A name also admits its subdomains. `['*']` accepts any.
   */
  allowedHosts?: string[];
  /**
   * Check SigV4 signatures (header and presigned query, S3 streaming chunks)
   * against the secrets the fake knows; a bad one gets the service's own error.
   */
  verifySignatures?: boolean;
  /** `'enforce'`: authorize calls made with fake-issued credentials against IAM policies (src/core/policy/enforce.ts). */
  iam?: 'enforce' | 'off';
  /**
   * Keep all state in this directory across restarts (src/persist/): a call
   * is answered once its effects are on disk. Made when missing.
   */
  stateDir?: string;
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
  const persistence = options.stateDir ? await persistState(dispatcher, options.stateDir) : undefined;
  const limit = options.callLogLimit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`mockaws: callLogLimit must be a positive integer, got ${limit}`);
  const bytes = options.callLogBytes ?? 8 * 1024 * 1024;
  if (!Number.isInteger(bytes) || bytes < 1) throw new TypeError(`mockaws: callLogBytes must be a positive integer, got ${bytes}`);
  const calls = new CallLog(limit, bytes);
  dispatcher.onCall(calls.listener);
  const wire = new WeakMap<AwsRequest, WireFacts>();
  if (options.verifySignatures) {
    dispatcher.authenticate = signatureCheck(dispatcher, wire);
  }
  // An unsigned request names no service; one addressing an existing bucket is S3's (anonymous access).
  dispatcher.routeUnclaimed = async (req) => ((await isS3Request(req, dispatcher)) || looksLikeS3Path(req) ? 's3' : undefined);
  const host = options.host ?? '127.0.0.1';
  const site: Site = {
    dispatcher,
    wire: options.verifySignatures ? wire : undefined,
    hosts: new HostPolicy(host, options.allowedHosts),
    ownNames: new Set([host, ...(options.allowedHosts ?? [])].map((h) => h.toLowerCase())),
    internal: {
      dispatcher,
      calls,
      services: options.services ?? dispatcher.serviceIds(),
      async reset() {
        dispatcher.reset();
        calls.clear();
        await persistence?.cleared();
      },
    },
  };

  // node:http answers what the fast path hands it (upgrades, chunked uploads, Expect, odd or oversized heads);
  // it never listens itself: connections reach it from the fast path's listener.
  const http = createServer();
  // SDK agents keep sockets open indefinitely; a long idle timeout avoids the
  // race where node closes a socket just as the client reuses it.
  http.keepAliveTimeout = 60_000;
  http.headersTimeout = 65_000;
  let fallbackHost = host; // host:port once listening, for HTTP/1.0 requests without Host
  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    const exchange = nodeExchange(req, res, fallbackHost);
    answer(exchange, site).catch((err) => fail(exchange, err));
  };
  // node:http emits a pipelined request while the one before it is still being answered, so an upload and the
  // read behind it would race. A response that does not have the socket yet waits behind an earlier one:
  // node hands it the socket ('socket') once the earlier response has finished, and only then is its request
  // served, one after another as the fast path does. A request alone on its connection is served at once.
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (res.socket) serve(req, res);
    else res.once('socket', () => serve(req, res));
  };
  http.on('request', handle);
  // Clients that send `Expect: 100-continue` (S3 uploads) wait for this before the body.
  http.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    res.writeContinue();
    handle(req, res);
  });
  // Any other expectation (`Expect: 200`): S3 ignores it and answers the request; node would answer 417 itself.
  http.on('checkExpectation', handle);
  const endWebSockets = acceptWebSockets(http, site, () => fallbackHost);
  // node checks its headers and request timeouts from a timer it starts when it starts listening.
  http.emit('listening');

  // MOCKAWS_SERVER_HTTP=node serves every connection with node:http alone (for comparison and diagnosis).
  const nodeOnly = process.env.MOCKAWS_SERVER_HTTP === 'node';
  const fast = fastListener({
    fallback: http,
    handle: (exchange) => {
      answer(exchange, site).catch((err) => fail(exchange, err));
    },
    fallbackHost: () => fallbackHost,
    keepAliveMs: http.keepAliveTimeout,
    chunkHashes: site.wire !== undefined,
  });
  const server: NetServer = nodeOnly ? http : fast.server;
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
        fast.closeAll();
        http.closeAllConnections();
        if (!nodeOnly) http.close();
        endWebSockets();
      }).then(async () => {
        // With a state directory the state outlives the server: saved, not dropped.
        if (persistence) await persistence.close();
        else await site.internal.reset();
        dispatcher.reset();
      });
      return stopping;
    },
  };
}

function persistState(dispatcher: Dispatcher, dir: string): Promise<Persistence> {
  return Persistence.attach(dispatcher, { dir, classLoaders: stateClassLoaders, version });
}

function createDispatcher(options: ServerOptions): Dispatcher {
  const account = options.account ?? DEFAULT_ACCOUNT;
  if (!ACCOUNT_ID.test(account)) throw new TypeError(`mockaws: account must be 12 digits, got '${account}'`);
  const region = options.region ?? DEFAULT_REGION;
  if (!isValidRegion(region)) throw new TypeError(`mockaws: '${region}' is not a region name`);
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

/** What answering a request needs besides the request. */
interface Site {
  dispatcher: Dispatcher;
  /** Set when signatures are verified: the wire facts of requests whose body was decoded here. */
  wire?: WeakMap<AwsRequest, WireFacts>;
  hosts: HostPolicy;
  /** Names (besides IP literals and localhost) under which the server's own endpoints answer. */
  ownNames: ReadonlySet<string>;
  internal: InternalContext;
}

/** Answers one request, whichever HTTP layer carried it (node:http or the HTTP/1.1 fast path). */
async function answer(exchange: Exchange, site: Site): Promise<void> {
  const method = exchange.method;
  if (!site.hosts.allows(exchange.host)) {
    // Checked before the body is read: a rebinding page gets nothing, not even a parse.
    exchange.discardBody();
    const message = `mockaws: Host '${exchange.host}' is not allowed (DNS rebinding guard); start the server with --allow-host to accept it`;
    exchange.respond(json(403, { error: 'HostNotAllowed', message }));
    return;
  }
  let request: AwsRequest;
  try {
    const read = exchange.requestNow?.() ?? (await exchange.request({ chunkHashes: site.wire !== undefined }));
    request = read.request;
    if (site.wire && read.read.chunks) site.wire.set(request, { headers: read.sentHeaders, chunks: read.read.chunks });
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    exchange.respond(s3Error(400, err.code, err.message, newRequestId()));
    return;
  }
  if (isInternalPath(request) && addressedToServer(request, site)) {
    const response = crossSite(request)
      ? json(403, { error: 'CrossOriginRefused', message: 'mockaws: its own endpoints answer same-origin requests only' })
      : await answerInternal(request, site.internal);
    exchange.respond(response);
    return;
  }
  // A data plane (an HTTP API's CORS configuration, a function URL's) answers its own preflights and CORS headers.
  // Only browsers send Origin (nobody else reads CORS headers): asked only when a preflight or Origin needs it,
  // since the dispatcher asks again for every request.
  const origin = request.headers.origin !== undefined;
  const plane = (method === 'OPTIONS' || origin) && site.dispatcher.isDataPlane(request);
  if (method === 'OPTIONS' && !plane) {
    exchange.respond(await answerPreflight(request, site.dispatcher, newRequestId()));
    return;
  }
  const response = await site.dispatcher.dispatch(request);
  const cors = !origin || plane ? undefined : await corsHeadersFor(request, site.dispatcher);
  exchange.respond(response, cors);
}

/** The last resort: whatever went wrong, the client gets a 500 it can read, and the server lives on. */
function fail(exchange: Exchange, err: unknown): void {
  if (exchange.started) {
    exchange.abort();
    return;
  }
  const message = `mockaws server: ${err instanceof Error ? err.message : String(err)}`;
  const response = json(500, { __type: 'InternalFailure', message, Message: message });
  // Declared so that a HEAD gets the length a GET would (the body itself is never sent to a HEAD).
  response.headers['content-length'] = String((response.body as Buffer).length);
  try {
    exchange.respond(response);
  } catch {
    exchange.abort();
  }
}

function listen(server: NetServer, port: number, host: string): Promise<void> {
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
