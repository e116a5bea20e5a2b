/**
 * Service and operation names a test writes (`aws.on('s3', 'PutObject')`,
 * `calls({ service: 'sqs' })`), checked against the services mockaws knows,
 * so a typo fails loudly with the closest known name instead of never
 * matching. Service ids are known at once (the catalog routes handed to the
 * runtime); operation names come with a service's model, which loads lazily:
 * an operation is checked at once when the model is loaded, else as soon as
 * it is (the first call to that service then fails with the typo named).
 */
import type { ServiceEntry } from '../core/service';

const WARNED = Symbol.for('mockaws.warned-empty-services');

/** SDK namespaces (`com.amazonaws.<name>`) whose name is not the service id. */
const NAMESPACE_IDS: Record<string, string> = { eventbridge: 'events', cloudwatchlogs: 'logs' };

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

/** The known name nearest to `name`, when one is near enough to be what was meant. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function suggestion(name: string, known: Iterable<string>): string {
  const near = closestName(name, known);
  return near ? `; did you mean '${near}'?` : '';
}

export class ServiceNames {
  private readonly ids: string[];
  private readonly entries = new Map<string, ServiceEntry>();
  /** Operation names of the services whose model was loaded. */
  private readonly operations = new Map<string, ReadonlySet<string>>();
  private readonly loading = new Map<string, Promise<ReadonlySet<string> | undefined>>();

  constructor(entries: ServiceEntry[]) {
    for (const entry of entries) this.entries.set(entry.route.id, entry);
    this.ids = [...this.entries.keys()];
  }

  /** Throw unless `service` is a known service id. */
  checkService(service: unknown, where: string): asserts service is string {
    if (typeof service === 'string' && this.entries.has(service)) return;
    const name = String(service);
    throw new TypeError(
      `mockaws: ${where}: unknown service '${name}'${suggestion(name, this.ids)} (known: ${this.ids.join(', ')})`,
    );
  }

  /**
   * Check an operation of a known service: a message when it is not one, else
   * undefined; a promise of that when the service's model is not loaded yet.
   */
  checkOperation(service: string, operation: string, where: string): string | undefined | Promise<string | undefined> {
    const known = this.operations.get(service);
    if (known) return this.verdict(service, operation, known, where);
    return this.load(service).then((ops) => (ops ? this.verdict(service, operation, ops, where) : undefined));
  }

  /** Start learning a service's operation names (no-op once known). */
  learn(service: string): void {
    if (!this.operations.has(service) && this.entries.has(service)) void this.load(service);
  }

  /** The service id of an SDK namespace (`com.amazonaws.s3` → `s3`), when it is a known service. */
  serviceOfNamespace(namespace: string): string | undefined {
    const name = namespace.replace(/^com\.amazonaws\./, '');
    const id = NAMESPACE_IDS[name] ?? name;
    return this.entries.has(id) ? id : undefined;
  }

  /**
   * Say once per process when a per-service mock fakes a service with no
   * operation implemented yet (every call would answer NotImplemented).
   */
  warnIfEmpty(service: string): void {
    const entry = this.entries.get(service);
    const host = globalThis as { [WARNED]?: Set<string> };
    const warned = (host[WARNED] ??= new Set());
    if (!entry || warned.has(service)) return;
    warned.add(service);
    entry.load().then(
      (mod) => {
        if (Object.values(mod.handlers).some((handler) => handler !== undefined)) return;
        process.emitWarning(
          `mockaws: the ${service} mock answers NotImplemented to every call: no ${service} operation is implemented yet ` +
            `(stub what you need: aws.on('${service}', '<Operation>').resolves(...); coverage: docs/services/)`,
          { code: 'MOCKAWS_EMPTY_SERVICE' },
        );
      },
      () => undefined,
    );
  }

  private verdict(service: string, operation: string, known: ReadonlySet<string>, where: string): string | undefined {
    if (known.has(operation)) return undefined;
    return `mockaws: ${where}: ${service} has no operation '${operation}'${suggestion(operation, known)}`;
  }

  private load(service: string): Promise<ReadonlySet<string> | undefined> {
    let pending = this.loading.get(service);
    if (!pending) {
      const entry = this.entries.get(service) as ServiceEntry;
      pending = entry.load().then(
        (mod) => {
          const ops = new Set(Object.keys(mod.spec.operations));
          this.operations.set(service, ops);
          return ops;
        },
        () => undefined, // The dispatcher reports a failed load on the call itself.
      );
      this.loading.set(service, pending);
    }
    return pending;
  }
}
