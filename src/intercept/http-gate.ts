/**
 * Keeps the HTTP fallback off traffic that is not addressed to AWS.
 *
 * @mswjs/interceptors routes every `http.request` and `https.request`
 * through its socket emulation and passes the ones it does not answer
 * through. Close enough for most traffic, but a test suite's own local
 * servers (supertest, a dev server) deserve the real thing. So each function
 * is wrapped in a gate that looks at the destination first: requests to a
 * host the fallback claims go to the fallback (the interceptor, loaded on the
 * first such request; for `fetch`, the fallback's own answer), all others to
 * the original function, untouched.
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

/** Where the gates send a request to a claimed host. */
export interface GateTargets {
  /** The http/https functions with the interceptor applied (loaded on the first such request). */
  http: () => HttpFunctions;
  /** Answers a `fetch` itself. */
  fetch: (input: unknown, init: unknown) => Promise<Response>;
}

export interface Gates {
  /** The gate functions, by where they were put (to restore only what is still ours). */
  installed: Partial<HttpFunctions['http']> & { https?: Partial<Patchable>; fetch?: AnyFn };
  /** Put the gates up again (after the interceptor was applied over them). */
  reapply(): void;
  /** From now on every gate passes straight to the original: a gate another library wrapped stays harmless. */
  retire(): void;
}

/**
 * Put gates in front of the HTTP functions: a request to a claimed host goes
 * to `targets`, any other to the original, untouched.
 */
export function installGates(originals: HttpFunctions, targets: GateTargets, claims: HostClaim): Gates {
  let live = true;
  const pick = (dest: { hostname: string; port?: string } | undefined) =>
    live && dest !== undefined && claims(dest.hostname, dest.port);
  const puts: Array<() => void> = [];
  const installed: Gates['installed'] = { https: {} };
  for (const protocol of ['http:', 'https:'] as const) {
    const target = modules[protocol];
    const key = protocol === 'http:' ? 'http' : 'https';
    for (const name of ['request', 'get'] as const) {
      const original = originals[key][name];
      const gated = function gated(this: unknown, ...args: unknown[]) {
        return (pick(destinationOf(args, protocol)) ? targets.http()[key][name] : original).apply(this, args);
      };
      if (key === 'http') installed[name] = gated;
      else (installed.https as Partial<Patchable>)[name] = gated;
      puts.push(() => {
        target[name] = gated;
      });
    }
  }
  const { fetch: originalFetch } = originals;
  if (originalFetch) {
    const gatedFetch = function fetch(this: unknown, ...args: unknown[]) {
      if (pick(fetchDestination(args[0]))) return targets.fetch(args[0], args[1]);
      return originalFetch.apply(this, args);
    };
    installed.fetch = gatedFetch;
    puts.push(() => {
      globalThis.fetch = gatedFetch as typeof globalThis.fetch;
    });
  }
  const reapply = () => {
    for (const put of puts) put();
  };
  reapply();
  return {
    installed,
    reapply,
    retire: () => {
      live = false;
    },
  };
}

/**
 * Put the functions back as they were before the gates where they still hold
 * a gate. A function another library patched over a gate (nock or msw
 * applied later) is left to that library, whose restore brings the gate back:
 * by then retired, so it passes everything to the original.
 */
export function restoreHttpFunctions(originals: HttpFunctions, installed: Gates['installed']): void {
  const h = http as unknown as Patchable;
  const s = modules['https:'];
  if (h.request === installed.request) h.request = originals.http.request;
  if (h.get === installed.get) h.get = originals.http.get;
  if (s.request === installed.https?.request) s.request = originals.https.request;
  if (s.get === installed.https?.get) s.get = originals.https.get;
  if (originals.fetch && globalThis.fetch === installed.fetch) globalThis.fetch = originals.fetch as typeof globalThis.fetch;
}
