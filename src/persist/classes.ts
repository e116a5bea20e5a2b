/**
 * The classes whose instances persisted state may hold, by a stable name:
 * core classes listed here, each service's generated from its `export class`
 * declarations (services/<svc>/state-classes.generated.ts, written by
 * codegen), loaded with the service. Saving an instance of a class not named
 * here fails loudly: its prototype could not be found again in a new process.
 */
import { AwsError } from '../core/errors';
import { compareUtf8, SortedKeySet } from '../core/sorted-keys';
import { SortedList } from '../core/sorted-list';

export type StateClass = abstract new (...args: never[]) => unknown;
export type StateClassLoaders = Record<string, () => Promise<Record<string, StateClass>>>;

const CORE: Record<string, StateClass> = {
  SortedKeySet,
  SortedList,
  AwsError,
  Error,
  TypeError,
  RangeError,
};

/**
 * Module-level functions state holds (comparators of sorted collections), by
 * name: saved as the name, restored as the same function. Closures made at
 * run time cannot be named; encode() reports them (Persistence.dropped).
 */
type AnyFunction = (...args: never[]) => unknown;
const FUNCTIONS: Record<string, AnyFunction> = { compareUtf8 };

export class ClassRegistry {
  private readonly functionNames = new Map<unknown, string>(Object.entries(FUNCTIONS).map(([name, fn]) => [fn, name]));

  /** The registered name of a module-level function held in state. */
  functionName(fn: unknown): string | undefined {
    return this.functionNames.get(fn);
  }

  functionNamed(name: string): AnyFunction | undefined {
    return Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  }

  private readonly byName = new Map<string, StateClass>();
  private readonly byClass = new Map<StateClass, string>();
  private readonly loaded = new Set<string>();

  constructor(private readonly loaders: StateClassLoaders) {
    this.add('core', CORE);
  }

  /** Loads the classes of these services (once each). */
  async load(services: Iterable<string>): Promise<void> {
    for (const id of services) {
      if (this.loaded.has(id) || !Object.hasOwn(this.loaders, id)) continue;
      this.add(id, await this.loaders[id]());
    }
  }

  /** Every service's classes: a saved instance may be of a service with no backend (shared state). */
  loadAll(): Promise<void> {
    return this.load(Object.keys(this.loaders));
  }

  nameOf(cls: StateClass): string | undefined {
    return this.byClass.get(cls);
  }

  classOf(name: string): StateClass | undefined {
    return this.byName.get(name);
  }

  private add(prefix: string, classes: Record<string, StateClass>): void {
    this.loaded.add(prefix);
    for (const [name, cls] of Object.entries(classes)) {
      const key = `${prefix}.${name}`;
      this.byName.set(key, cls);
      if (!this.byClass.has(cls)) this.byClass.set(cls, key);
    }
  }
}
