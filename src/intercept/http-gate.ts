/**
 * Keeps the HTTP fallback off traffic that is not addressed to AWS.
 *
 * @mswjs/interceptors routes every `http.request`, `https.request` and
 * `fetch` through its socket emulation and passes the ones it does not answer
 * through. Close enough for most traffic, but a test suite's own local
 * servers (supertest, a dev server) deserve the real thing. So after the
 * interceptors are applied, each patched function is wrapped in a gate that
 * looks at the destination first: requests to a host the fallback claims go
 * to the interceptor, all others to the original function, untouched.
 */
import http from 'node:http';
import https from 'node:https';

/** Does the fallback answer requests to this host? `port` is absent for the scheme's default. */
export type HostClaim = (hostname: string, port: string | undefined) => boolean;

type AnyFn = (...args: unknown[]) => unknown;

interface Patchable {
  request: AnyFn;
  get: AnyFn;
}

const modules = { 'http:': http as unknown as Patchable, 'https:': https as unknown as Patchable };

/** The functions the gate sits in front of, as they are now. */
export interface HttpFunctions {
  http: Patchable & { ClientRequest: unknown };
  https: Patchable;
  fetch: AnyFn | undefined;
}

export function currentHttpFunctions(): HttpFunctions {
  return {
    http: { request: http.request as AnyFn, get: http.get as AnyFn, ClientRequest: http.ClientRequest },
    https: { request: https.request as AnyFn, get: https.get as AnyFn },
    fetch: globalThis.fetch as AnyFn | undefined,
  };
}

/** Destination of an `http.request(...)` call, from its (url?, options?, callback?) arguments. */
function destinationOf(args: unknown[], defaultProtocol: string): { hostname: string; port?: string } | undefined {
  try {
    const [first, second] = args;
    const options = (typeof first === 'string' || first instanceof URL ? second : first) as
      | { hostname?: string | null; host?: string | null; port?: string | number | null }
      | undefined;
    if (typeof first === 'string' || first instanceof URL) {
      const url = typeof first === 'string' ? new URL(first) : first;
      const hostname = (options && typeof options === 'object' && (options.hostname ?? options.host)) || url.hostname;
      const port = options && typeof options === 'object' && options.port != null ? String(options.port) : url.port;
      return { hostname, port: port || undefined };
    }
    if (!options || typeof options !== 'object') return undefined;
    const hostname = options.hostname ?? options.host ?? 'localhost';
    const port = options.port != null ? String(options.port) : undefined;
    return { hostname, port: port === defaultPortOf(defaultProtocol) ? undefined : port };
  } catch {
    return undefined; // Let the original function report malformed arguments.
  }
}

function defaultPortOf(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

function fetchDestination(input: unknown): { hostname: string; port?: string } | undefined {
  try {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : (input as Request).url;
    const url = new URL(href);
    return { hostname: url.hostname, port: url.port || undefined };
  } catch {
    return undefined;
  }
}

/**
 * Put gates in front of the HTTP functions: a request to a claimed host goes
 * to `intercepted()` (the functions with the interceptors applied, loaded on
 * the first such request), any other to the original. Returns a function
 * that puts the same gates up again (after the interceptors were applied
 * over them).
 */
export function installGates(originals: HttpFunctions, intercepted: () => HttpFunctions, claims: HostClaim): () => void {
  const pick = (dest: { hostname: string; port?: string } | undefined) =>
    dest !== undefined && claims(dest.hostname, dest.port);
  const gates: Array<() => void> = [];
  for (const protocol of ['http:', 'https:'] as const) {
    const target = modules[protocol];
    const key = protocol === 'http:' ? 'http' : 'https';
    for (const name of ['request', 'get'] as const) {
      const original = originals[key][name];
      const gated = function gated(this: unknown, ...args: unknown[]) {
        return (pick(destinationOf(args, protocol)) ? intercepted()[key][name] : original).apply(this, args);
      };
      gates.push(() => {
        target[name] = gated;
      });
    }
  }
  const { fetch: originalFetch } = originals;
  if (originalFetch) {
    const gatedFetch = function fetch(this: unknown, ...args: unknown[]) {
      const patched = pick(fetchDestination(args[0])) ? intercepted().fetch : undefined;
      return (patched ?? originalFetch).apply(this, args);
    } as typeof globalThis.fetch;
    gates.push(() => {
      globalThis.fetch = gatedFetch;
    });
  }
  const apply = () => {
    for (const gate of gates) gate();
  };
  apply();
  return apply;
}

/** Put the functions back as they were before the interceptors. */
export function restoreHttpFunctions(originals: HttpFunctions): void {
  const h = http as unknown as Patchable & { ClientRequest: unknown };
  h.request = originals.http.request;
  h.get = originals.http.get;
  h.ClientRequest = originals.http.ClientRequest;
  modules['https:'].request = originals.https.request;
  modules['https:'].get = originals.https.get;
  if (originals.fetch) globalThis.fetch = originals.fetch as typeof globalThis.fetch;
}
