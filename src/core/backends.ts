/**
 * Backends: the state of each service per account and region (per account
 * only for global services), created lazily on first use and dropped by
 * reset(). Owned by one mock instance, never by module globals.
 */
import type { BackendAccess, ServiceModule } from './service';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from './ids';
import { eventLoop } from './events';
import { assertRegion } from './regions';

export type ModuleLoader = (service: string) => Promise<ServiceModule>;
export type OperationCaller = BackendAccess['call'];

export class BackendRegistry implements BackendAccess {
  private readonly states = new Map<string, unknown>();
  /** 1 while a backend was handed out only once (to the call that made it), then 2. */
  private readonly uses = new Map<string, number>();

  constructor(
    private readonly load: ModuleLoader,
    private readonly defaults: { account: string; region: string } = {
      account: DEFAULT_ACCOUNT,
      region: DEFAULT_REGION,
    },
  ) {}

  /** The dispatcher that owns this registry answers `call` (set by its constructor). */
  private caller?: OperationCaller;

  setCaller(caller: OperationCaller): void {
    this.caller = caller;
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

  async get<T = unknown>(service: string, account?: string, region?: string): Promise<T> {
    const mod = await this.load(service);
    return this.getLoaded<T>(service, mod, account, region);
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
    eventLoop(this).reset(); // queued deliveries belong to the state just dropped
    this.uses.clear();
    for (const state of states) dispose(state);
  }
}

function dispose(state: unknown): void {
  try {
    (state as { dispose?: () => void }).dispose?.();
  } catch {
    // Nothing useful to do with it: the state is already unreachable.
  }
}
