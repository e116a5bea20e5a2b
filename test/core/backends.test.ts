/**
 * BackendRegistry.reset(): every backend is disposed and forgotten, even when
 * one backend's dispose() throws, so no state leaks into the next mock.
 */
import { BackendRegistry } from '../../src/core/backends';
import type { ServiceModule } from '../../src/core/service';

function moduleWith(createBackend: ServiceModule['createBackend']): ServiceModule {
  return { spec: { global: undefined } as never, handlers: {}, createBackend };
}

describe('BackendRegistry.reset', () => {
  it('disposes every backend and drops all state even when a dispose() throws', () => {
    const disposed: string[] = [];
    const mod = moduleWith(({ region }) => ({
      region,
      dispose() {
        disposed.push(region);
        if (region === 'us-east-1') throw new Error('dispose failed');
      },
    }));
    const registry = new BackendRegistry(async () => mod);
    const first = registry.getLoaded('svc', mod, '123456789012', 'us-east-1');
    registry.getLoaded('svc', mod, '123456789012', 'eu-west-1');
    expect(() => registry.reset()).not.toThrow();
    expect(disposed.sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(registry.list('svc')).toEqual([]);
    expect(registry.getLoaded('svc', mod, '123456789012', 'us-east-1')).not.toBe(first);
  });
});
