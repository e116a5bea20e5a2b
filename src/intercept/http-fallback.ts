/**
 * The safety net: raw HTTP addressed to AWS, caught below the SDK.
 *
 * Catches what the client hook cannot see: presigned URLs fetched with
 * `fetch` or `https`, the v2 `aws-sdk`, and v3 clients whose class could not
 * be patched (a fresh copy after `jest.resetModules()`, a bundled copy).
 * Gates in front of `http`/`https` and `fetch` (http-gate.ts) look at the
 * destination: anything not addressed to AWS goes to the original function,
 * untouched. A `fetch` to AWS is answered right there, from its standard
 * Request; an `http(s).request` to AWS goes through @mswjs/interceptors'
 * ClientRequest interceptor (the engine of nock 14 and msw), which supplies a
 * ClientRequest that never opens a socket. Both are answered by the same
 * dispatcher as the client hook; a request no faked service claims gets its
 * `MockawsRefused` answer, and a socket opened to AWS by any other means is
 * refused (connect-guard.ts): nothing addressed to AWS reaches the network.
 * @note Request bodies are buffered here (the dispatcher wants one Buffer).
 * @note The interceptor costs more to load than the rest of mockAws(): it is
 * loaded on the first `http(s).request` to a claimed host (most suites only
 * use SDK v3 clients, which the client hook answers without HTTP).
 * @note Living beside nock and msw (docs/testing.md): no `fetch` interceptor
 * is applied, and the gates are restored only where they are still in place.
 * @note An `Expect: 100-continue` request (S3 bodies >= 1 MiB in v2, 2 MiB in
 * v3) is told to go on at once, as a server's `100 Continue` would: v2 waits
 * for it with no timeout, v3 would wait its own 1 s.
 */
import { Readable } from 'node:stream';
import type { AwsRequest, AwsResponse } from '../core/request';
import { Disposable } from './disposable';
import { canonicalHost, isAwsHost } from './aws-hosts';
import { guardConnections } from './connect-guard';
import { currentHttpFunctions, type HttpFunctions, installGates, restoreHttpFunctions } from './http-gate';
import { localRequire, resolveFromHere } from './local-require';
import type { CaptureTarget } from './sdk-clients';


interface RequestEvent {
  request: Request;
  controller: { respondWith(response: Response): void };
}

interface InterceptorLike {
  apply(): void;
  dispose(): void;
  on(event: 'request', listener: (event: RequestEvent) => Promise<void> | void): unknown;
}

type InterceptorClass = new () => InterceptorLike;

/** @mswjs/interceptors' accessor for the `http.ClientRequest` behind an intercepted request. */
type RawRequestOf = (request: Request) => unknown;

export interface HttpFallbackOptions {
  /** Extra hosts (besides AWS's) whose traffic the fake answers, e.g. 'localhost:4566'. */
  hosts?: () => Array<string | RegExp>;
  /** Told when an SDK v3 request arrives here: its client was not hooked. */
  onUnhookedSdkRequest?: () => void;
}

export class HttpFallback extends Disposable {
  constructor(
    private readonly target: CaptureTarget,
    private readonly options: HttpFallbackOptions = {},
  ) {
    super();
  }

  install(): void {
    const originals = currentHttpFunctions();
    let intercepted: HttpFunctions | undefined;
    const gates = installGates(
      originals,
      {
        http: () => {
          if (intercepted) return intercepted;
          // The interceptor must wrap the originals, not the gates (its passthrough calls what it wrapped).
          restoreHttpFunctions(originals, gates.installed);
          intercepted = this.applyInterceptor();
          gates.reapply();
          return intercepted;
        },
        fetch: (input, init) => this.answerFetch(input, init),
      },
      (hostname, port) => this.target.isActive() && this.claims(hostname, port),
    );
    // Registered first, so it runs last: the originals end up back, where nobody patched over the gates.
    this.onDispose(() => {
      gates.retire();
      restoreHttpFunctions(originals, gates.installed);
    });
    this.onDispose(guardConnections());
  }

  /** Load and apply the ClientRequest interceptor; the HTTP functions as they then are. */
  private applyInterceptor(): HttpFunctions {
    const { ClientRequestInterceptor, getRawRequest } = loadInterceptor();
    const interceptor = new ClientRequestInterceptor();
    interceptor.on('request', (event: RequestEvent) => this.onRequest(event, getRawRequest));
    interceptor.apply();
    this.onDispose(() => interceptor.dispose());
    return currentHttpFunctions();
  }

  /** `fetch` to a claimed host: answered here, from a standard Request, with no interceptor involved. */
  private async answerFetch(input: unknown, init: unknown): Promise<Response> {
    const request = new Request(input as ConstructorParameters<typeof Request>[0], init as RequestInit | undefined);
    const awsRequest = await fromFetchRequest(request, new URL(request.url));
    if (awsRequest.headers['amz-sdk-invocation-id']) this.options.onUnhookedSdkRequest?.();
    const response = await this.target.dispatch(awsRequest);
    return toFetchResponse(response, awsRequest.method);
  }

  /** Is a request to this host one the fake must answer? `port` is absent for the scheme's default. */
  claims(name: string, port?: string): boolean {
    if (isAwsHost(name)) return true;
    const hostname = canonicalHost(name);
    const host = port ? `${hostname}:${port}` : hostname;
    for (const claimed of this.options.hosts?.() ?? []) {
      if (typeof claimed === 'string' ? claimed === host || claimed === hostname : claimed.test(host)) return true;
    }
    return false;
  }

  private async onRequest({ request, controller }: RequestEvent, getRawRequest: RawRequestOf): Promise<void> {
    const url = new URL(request.url);
    if (!this.target.isActive() || !this.claims(url.hostname, url.port || undefined)) return; // passthrough
    if (request.headers.get('expect')?.toLowerCase() === '100-continue') sendContinue(getRawRequest(request));
    const awsRequest = await fromFetchRequest(request, url);
    if (awsRequest.headers['amz-sdk-invocation-id']) this.options.onUnhookedSdkRequest?.();
    const response = await this.target.dispatch(awsRequest);
    controller.respondWith(toFetchResponse(response, awsRequest.method));
  }
}

async function fromFetchRequest(request: Request, url: URL): Promise<AwsRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  // Routing sees the canonical name: `s3.amazonaws.com.` is S3.
  url.hostname = url.hostname.replace(/\.+$/, '');
  if (headers.host) headers.host = headers.host.replace(/\.+(?=(:\d+)?$)/, '');
  else headers.host = url.host;
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : Buffer.alloc(0);
  return { method: request.method.toUpperCase(), url, headers, body };
}

/**
 * What a server's `100 Continue` does: the client request emits 'continue'
 * and the SDK starts writing the body (the emulated socket never parses one).
 */
function sendContinue(raw: unknown): void {
  const emitter = raw as { emit?: (event: string) => boolean } | undefined;
  if (typeof emitter?.emit === 'function') process.nextTick(() => emitter.emit?.('continue'));
}

/** Statuses whose response may not carry a body (Fetch `Response` throws otherwise). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

function toFetchResponse(response: AwsResponse, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) headers.set(name, value);
  for (const cookie of response.setCookies ?? []) headers.append('set-cookie', cookie);
  if (method === 'HEAD' || NULL_BODY_STATUS.has(response.status)) {
    return new Response(null, { status: response.status, headers });
  }
  const body = Buffer.isBuffer(response.body) ? response.body : Readable.toWeb(response.body);
  return new Response(body as unknown as ConstructorParameters<typeof Response>[0], { status: response.status, headers });
}

/**
 * The ClientRequest interceptor, loaded on first use. @mswjs/interceptors
 * comes with nock 14; when it is not hoisted next to mockaws, it is found
 * from nock's own location.
 */
function loadInterceptor(): { ClientRequestInterceptor: InterceptorClass; getRawRequest: RawRequestOf } {
  const load = <T>(subpath: string, name: string): T => {
    const id = subpath ? `@mswjs/interceptors/${subpath}` : '@mswjs/interceptors';
    let file = resolveFromHere(id);
    if (!file) {
      const nock = resolveFromHere('nock');
      if (nock) file = localRequire.resolve(id, { paths: [nock] });
    }
    if (!file) throw new Error(`mockaws: cannot find ${id} (it comes with nock 14); install @mswjs/interceptors`);
    return (localRequire(file) as Record<string, T>)[name];
  };
  return {
    ClientRequestInterceptor: load<InterceptorClass>('ClientRequest', 'ClientRequestInterceptor'),
    // The package root, not a subpath: the raw-request key is private to the package's one copy.
    getRawRequest: load<RawRequestOf>('', 'getRawRequest'),
  };
}
