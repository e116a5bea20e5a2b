/**
 * The primary capture path: every SDK v3 client answers from the fake.
 *
 * `send` of each base `Client` class is wrapped; on a client's first call
 * while a mock is active its `config.requestHandler` is swapped for a proxy of
 * itself whose `handle()` gives the request, exactly as the SDK would put it
 * on the wire (serialized, signed, checksummed), to the dispatcher. Anything
 * else on the handler (`metadata`, `updateHttpClientConfig`, `destroy`) still
 * reaches the client's own handler. The client's cached middleware handlers
 * (`cacheMiddleware: true`) are dropped at the swap, since they captured the
 * old handler. Clients created before or after activation, DocumentClient
 * (which shares its client's config) and every copy of the base class are
 * covered; stop() puts back `send` and each swapped handler.
 *
 * A request handler that carries `Symbol.for('mockaws.passthrough')` (any
 * truthy value) is never swapped: its client keeps talking to it while a mock
 * is active. The benchmarks' floors (a canned handler measuring the SDK's own
 * cost) and peers (dynalite, s3rver over loopback) rely on it.
 * @see docs/research/sdk-interception.md §1.2 (recommended design)
 */
import Module from 'node:module';
import type { AwsRequest, AwsResponse } from '../core/request';
import type { WebSocketOpening, WebSocketPeer } from '../core/service';
import {
  type ClientClass,
  clientClassesIn,
  discoverClientClasses,
  isClientModuleRequest,
} from './client-discovery';
import { Disposable } from './disposable';
import { type SdkHttpRequest, toAwsRequest, toAwsRequestNow, toSdkResponse } from './sdk-handler';

/** Where captured requests go: the active mock. */
export interface CaptureTarget {
  /** False once the mock has stopped; handlers then pass through to the client's own. */
  isActive(): boolean;
  dispatch(request: AwsRequest): Promise<AwsResponse>;
  /** A WebSocket handshake to a data plane (src/intercept/websocket-hook.ts). */
  openWebSocket?(request: AwsRequest, peer: WebSocketPeer): Promise<WebSocketOpening>;
}

interface RequestHandlerLike {
  handle(request: SdkHttpRequest, options?: { abortSignal?: AbortSignalLike }): Promise<unknown>;
}

interface AbortSignalLike {
  aborted?: boolean;
  reason?: unknown;
}

interface SdkClient {
  config?: { requestHandler?: unknown };
  handlers?: unknown;
}

/** Per prototype: the original `send` and the hook currently capturing through it. */
interface SendPatch {
  original: (...args: unknown[]) => unknown;
  patched: (...args: unknown[]) => unknown;
  hook: SdkClientHook | undefined;
}

const SEND_PATCH = Symbol.for('mockaws.send-patch');
/** On a swapped handler: the handler it replaced. */
const ORIGINAL_HANDLER = Symbol.for('mockaws.original-handler');
/** On a swapped handler: the hook that swapped it in. */
const OWNER = Symbol.for('mockaws.handler-owner');
/** On a client's own request handler: leave this client alone (see the file comment). */
export const PASSTHROUGH = Symbol.for('mockaws.passthrough');

type LoadFn = (request: string, ...rest: unknown[]) => unknown;

export class SdkClientHook extends Disposable {
  private readonly patchedClasses = new Set<ClientClass>();
  private readonly swapped = new Set<WeakRef<SdkClient>>();

  constructor(private readonly target: CaptureTarget) {
    super();
  }

  /** Patch every base class reachable now and watch for copies loaded later. */
  install(): void {
    this.rediscover();
    this.watchModuleLoads();
    this.onDispose(() => this.restoreHandlers());
  }

  /**
   * Look again for base classes. The HTTP fallback calls this when an SDK
   * request reaches it: under jest, after `jest.resetModules()` the fresh
   * copy is in the registry now, and its later clients take this fast path.
   */
  rediscover(): void {
    for (const cls of discoverClientClasses()) this.patchClass(cls);
  }

  /** Capture clients of a class found some other way (bundled copies, other module graphs). */
  patchClass(cls: ClientClass): void {
    if (this.patchedClasses.has(cls)) return;
    this.patchedClasses.add(cls);
    const proto = cls.prototype as ClientClass['prototype'] & { [SEND_PATCH]?: SendPatch };
    const existing = Object.hasOwn(proto, SEND_PATCH) ? proto[SEND_PATCH] : undefined;
    if (existing) {
      // Patched by a hook that was never disposed (or another copy): take it over.
      const previous = existing.hook;
      existing.hook = this;
      this.onDispose(() => {
        if (existing.hook === this) existing.hook = previous;
      });
      return;
    }
    const patch: SendPatch = { original: proto.send, patched: proto.send, hook: this };
    patch.patched = function send(this: SdkClient, ...args: unknown[]) {
      patch.hook?.capture(this);
      return patch.original.apply(this, args);
    };
    proto.send = patch.patched;
    Object.defineProperty(proto, SEND_PATCH, { value: patch, configurable: true });
    this.onDispose(() => {
      // Leave a later patch (a sinon stub, say) in place; ours then just passes through.
      if (proto.send === patch.patched) proto.send = patch.original;
      patch.hook = undefined;
      if (proto.send === patch.original) delete proto[SEND_PATCH];
    });
  }

  /** Swap this client's request handler for the capturing one, once. */
  capture(client: SdkClient): void {
    if (!this.target.isActive()) return;
    const config = client.config;
    if (!config) return;
    const current = config.requestHandler as Record<symbol, unknown> | undefined;
    if (current && (current[OWNER] === this || current[PASSTHROUGH])) return;
    const original = current?.[OWNER] ? current[ORIGINAL_HANDLER] : current;
    config.requestHandler = this.capturingHandler(original as RequestHandlerLike | undefined);
    delete client.handlers;
    this.swapped.add(new WeakRef(client));
  }

  private capturingHandler(original: RequestHandlerLike | undefined): unknown {
    const target = this.target;
    const handle = async (request: SdkHttpRequest, options?: { abortSignal?: AbortSignalLike }) => {
      if (!target.isActive()) {
        if (!original) throw new Error('mockaws: this client has no request handler of its own');
        return original.handle(request, options);
      }
      if (options?.abortSignal?.aborted) throw abortError(options.abortSignal);
      const response = await target.dispatch(toAwsRequestNow(request) ?? (await toAwsRequest(request)));
      return { response: toSdkResponse(response) };
    };
    const base = (original ?? {}) as object;
    const owner = this;
    const bound = new Map<PropertyKey, unknown>();
    return new Proxy(base, {
      get(obj, prop) {
        if (prop === 'handle') return handle;
        if (prop === OWNER) return owner;
        if (prop === ORIGINAL_HANDLER) return original;
        const value = Reflect.get(obj, prop, obj);
        if (typeof value !== 'function') return value;
        // Methods run against the real handler, so its private state stays reachable.
        let fn = bound.get(prop);
        if (!fn) {
          fn = (value as (...args: unknown[]) => unknown).bind(obj);
          bound.set(prop, fn);
        }
        return fn;
      },
    });
  }

  /** Copies of the base class loaded after activation (Node's loader; jest bypasses it). */
  private watchModuleLoads(): void {
    const loader = Module as unknown as { _load: LoadFn };
    const original = loader._load;
    const hook = this;
    const patched: LoadFn = function _load(this: unknown, request, ...rest) {
      const loaded = original.call(this, request, ...rest);
      if (typeof request === 'string' && isClientModuleRequest(request)) {
        for (const cls of clientClassesIn(loaded)) hook.patchClass(cls);
      }
      return loaded;
    };
    loader._load = patched;
    this.onDispose(() => {
      if (loader._load === patched) loader._load = original;
    });
  }

  private restoreHandlers(): void {
    for (const ref of this.swapped) {
      const client = ref.deref();
      const handler = client?.config?.requestHandler as Record<symbol, unknown> | undefined;
      if (!client?.config || !handler || handler[OWNER] !== this) continue;
      client.config.requestHandler = handler[ORIGINAL_HANDLER];
      delete client.handlers;
    }
    this.swapped.clear();
    this.patchedClasses.clear();
  }
}

function abortError(signal: AbortSignalLike): Error {
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  (error as Error & { cause?: unknown }).cause = signal.reason;
  return error;
}
