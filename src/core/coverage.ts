/**
 * How much of each service mockaws implements: the operations of its model
 * and how many of them have a handler. Loads every service module (they are
 * lazy), so it is for tools (`/_mockaws/health`, `mockaws services`), not for
 * the request path.
 */
import type { ServiceModule } from './service';

export interface ServiceCoverage {
  service: string;
  /** Operations in the service's model. */
  operations: number;
  /** Of those, the ones with a handler (the rest answer NotImplemented). */
  implemented: number;
  protocol: string;
  apiVersion: string;
}

export async function serviceCoverage(
  ids: readonly string[],
  load: (id: string) => Promise<ServiceModule>,
): Promise<ServiceCoverage[]> {
  return Promise.all(
    ids.map(async (service) => {
      const mod = await load(service);
      const operations = Object.keys(mod.spec.operations);
      const implemented = operations.filter((op) => typeof mod.handlers[op] === 'function').length;
      return {
        service,
        operations: operations.length,
        implemented,
        protocol: mod.spec.protocols.join(', '),
        apiVersion: mod.spec.apiVersion,
      };
    }),
  );
}
