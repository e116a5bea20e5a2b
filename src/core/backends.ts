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

export class BackendRegistry implements BackendAccess {
  private readonly states = new Map<string, unknown>();

  constructor(
    private readonly load: ModuleLoader,
    private readonly defaults: { account: string; region: string } = {
      account: DEFAULT_ACCOUNT,
      region: DEFAULT_REGION,
    },
  ) {}

  async get<T = unknown>(service: string, account?: string, region?: string): Promise<T> {
    const mod = await this.load(service);
    return this.getLoaded<T>(service, mod, account, region);
  }

  /** Synchronous form once the module is loaded (the dispatcher's hot path). */
  getLoaded<T>(service: string, mod: ServiceModule, account?: string, region?: string): T {
    const acct = account ?? this.defaults.account;
    const reg = mod.spec.global ? 'global' : (region ?? this.defaults.region);
    const key = `${service}\u0000${acct}\u0000${reg}`;
    let state = this.states.get(key);
    if (state === undefined) {
      // mockaws/server: a region string from a signature must not mint state (see regions.ts).
      if (reg !== 'global') assertRegion(service, region ?? this.defaults.region);
      state = mod.createBackend({ account: acct, region: region ?? this.defaults.region, backends: this });
      this.states.set(key, state);
    }
    return state as T;
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
    for (const state of states) {
      try {
        (state as { dispose?: () => void }).dispose?.();
      } catch {
        // Nothing useful to do with it: the state is already unreachable.
      }
    }
  }
}
