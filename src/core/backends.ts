/**
 * Backends: the state of each service per account and region (per account
 * only for global services), created lazily on first use and dropped by
 * reset(). Owned by one mock instance, never by module globals.
 */
import type { AwsRequest, AwsResponse } from './request';
import type { BackendAccess, ServiceModule } from './service';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from './ids';
import { eventLoop } from './events';
import { assertRegion } from './regions';
import { copyState, type Restorable } from './snapshot';

/** What BackendRegistry.snapshot() returns: opaque to callers. */
export interface BackendStates {
  states: Map<string, unknown>;
  shared: Map<string, unknown>;
  /** The live objects the copy points at (this registry first). */
  infrastructure: object[];
}

/**
 * Told which state may have changed outside a call to its own backend
 * (persistence, src/persist/, writes only what changed): a backend made, one
 * handed to another service or to background work through get() (list() is
 * for the server's health and dashboard reads, and reports nothing), a
 * shared state handed out, all of it replaced by reset()/restore().
 */
export interface StateObserver {
  changed(kind: 'backend' | 'shared', key: string): void;
  replaced(): void;
}

export type ModuleLoader = (service: string) => Promise<ServiceModule>;
export type OperationCaller = BackendAccess['call'];

export class BackendRegistry implements BackendAccess {
  private states = new Map<string, unknown>();
  private sharedStates = new Map<string, unknown>();
  /** 1 while a backend was handed out only once (to the call that made it), then 2. */
  private readonly uses = new Map<string, number>();

  constructor(
    private readonly load: ModuleLoader,
    private readonly defaults: { account: string; region: string } = {
      account: DEFAULT_ACCOUNT,
      region: DEFAULT_REGION,
    },
  ) {}

  observer?: StateObserver;

  /** The live state (not a copy), for persistence to encode what changed. */
  live(): { states: ReadonlyMap<string, unknown>; shared: ReadonlyMap<string, unknown> } {
    return { states: this.states, shared: this.sharedStates };
  }

  /** The dispatcher that owns this registry answers `call` (set by its constructor). */
  private caller?: OperationCaller;

  private sender?: BackendAccess['http'];

  setCaller(caller: OperationCaller, sender?: BackendAccess['http']): void {
    this.caller = caller;
    this.sender = sender;
  }

  http(request: AwsRequest): Promise<AwsResponse> {
    if (!this.sender) return Promise.reject(new Error('mockaws: this backend registry has no dispatcher to send requests'));
    return this.sender(request);
  }

  call<O = Record<string, unknown>>(
    service: string,
    operation: string,
    input: Record<string, unknown>,
    where?: { account?: string; region?: string },
  ): Promise<O> {
    if (!this.caller) return Promise.reject(new Error('mockaws: this backend registry has no dispatcher to call operations'));
    return this.caller(service, operation, input, where) as Promise<O>;
  }

  shared<T>(key: string, init: () => T): T {
    let state = this.sharedStates.get(key);
    if (state === undefined) {
      state = init();
      this.sharedStates.set(key, state);
    }
    this.observer?.changed('shared', key);
    return state as T;
  }

  /**
   * A copy of every backend and shared state (src/core/snapshot.ts).
   * `infrastructure`: live objects backends may point at that are not state
   * (the dispatcher, its credential store); they, and this registry, are
   * shared by the copy, and stand for their counterparts when it is restored
   * under another mock.
   */
  snapshot(infrastructure: object[] = []): BackendStates {
    const live = [this, ...infrastructure];
    const copy = copyState({ states: this.states, shared: this.sharedStates }, (v) => live.includes(v));
    return { ...copy, infrastructure: live };
  }

  /**
   * Replaces all state with a copy of a snapshot (which stays reusable, and
   * may come from another mock); the replaced state is disposed, then each
   * restored backend's `restored()` runs (timers re-armed).
   */
  restore(snapshot: BackendStates, infrastructure: object[] = []): void {
    const live = [this, ...infrastructure];
    if (snapshot.infrastructure.length !== live.length) throw new Error('mockaws: this snapshot was not taken by a mock');
    const replace = new Map<object, object>(snapshot.infrastructure.map((v, i) => [v, live[i]]));
    const { states, shared } = copyState({ states: snapshot.states, shared: snapshot.shared }, (v) => live.includes(v), replace);
    const old = [...this.states.values()];
    eventLoop(this).reset(); // queued deliveries belong to the state being replaced
    this.states = states;
    this.sharedStates = shared;
    this.uses.clear();
    for (const key of states.keys()) this.uses.set(key, 2);
    for (const state of old) dispose(state);
    for (const state of states.values()) (state as Restorable).restored?.();
    this.observer?.replaced();
  }

  async get<T = unknown>(service: string, account?: string, region?: string): Promise<T> {
    const mod = await this.load(service);
    const state = this.getLoaded<T>(service, mod, account, region);
    // Reached from another service or background work: it may be changed without a call of its own.
    this.observer?.changed('backend', this.keyOf(service, mod, account, region));
    return state;
  }

  /** Synchronous form once the module is loaded (the dispatcher's hot path). */
  getLoaded<T>(service: string, mod: ServiceModule, account?: string, region?: string): T {
    const key = this.keyOf(service, mod, account, region);
    let state = this.states.get(key);
    if (state !== undefined) {
      if (this.uses.get(key) === 1) this.uses.set(key, 2);
    } else {
      // mockaws/server: a region string from a signature must not mint state (see regions.ts).
      if (!mod.spec.global) assertRegion(service, region ?? this.defaults.region);
      state = mod.createBackend({ account: account ?? this.defaults.account, region: region ?? this.defaults.region, backends: this });
      this.states.set(key, state);
      this.uses.set(key, 1);
      this.observer?.changed('backend', key);
    }
    return state as T;
  }

  // mockaws/server: hasLoaded/dropUnused let the dispatcher forget a backend made for a call that
  // failed, so rejected calls leave no state behind.
  hasLoaded(service: string, mod: ServiceModule, account?: string, region?: string): boolean {
    return this.states.has(this.keyOf(service, mod, account, region));
  }

  /** Drops the backend if nothing but the one call that created it has been handed it. */
  dropUnused(service: string, mod: ServiceModule, account?: string, region?: string): void {
    const key = this.keyOf(service, mod, account, region);
    const state = this.states.get(key);
    if (state === undefined || this.uses.get(key) !== 1) return;
    this.states.delete(key);
    this.uses.delete(key);
    dispose(state);
  }

  private keyOf(service: string, mod: ServiceModule, account: string | undefined, region: string | undefined): string {
    const reg = mod.spec.global ? 'global' : (region ?? this.defaults.region);
    return `${service}\u0000${account ?? this.defaults.account}\u0000${reg}`;
  }

  /** Every backend created so far for a service, e.g. to scan all regions. */
  list(service: string): Array<{ account: string; region: string; backend: unknown }> {
    const out: Array<{ account: string; region: string; backend: unknown }> = [];
    for (const [key, backend] of this.states) {
      const [svc, account, region] = key.split('\u0000');
      if (svc === service) out.push({ account, region, backend });
    }
    return out;
  }

  reset(): void {
    // Forget first, then dispose each: one backend's failing dispose() (a timer
    // it cannot clear) must neither stop the others nor leave state for the next mock.
    const states = [...this.states.values()];
    this.states.clear();
    this.sharedStates.clear();
    eventLoop(this).reset(); // queued deliveries belong to the state just dropped
    this.uses.clear();
    for (const state of states) dispose(state);
    this.observer?.replaced();
  }
}

function dispose(state: unknown): void {
  try {
    (state as { dispose?: () => void }).dispose?.();
  } catch {
    // Nothing useful to do with it: the state is already unreachable.
  }
}
