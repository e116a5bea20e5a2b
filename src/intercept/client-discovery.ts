/**
 * Finding every copy of the SDK's base `Client` class in the process.
 *
 * SDK v3 clients all extend one base class: `Client` of `@smithy/core/client`
 * in current releases, of `@smithy/smithy-client` (or `@aws-sdk/smithy-client`)
 * in older ones; each `@aws-sdk/client-*` package also re-exports it as
 * `__Client`. A project can hold several copies (nested installs, an old and a
 * new SDK side by side), and each must be patched. They are found three ways:
 * - modules already loaded (`require.cache`, which under jest lists the test
 *   file's registry);
 * - the copies the project resolves from its working directory, loaded now so
 *   clients created later from them are covered even where loads cannot be
 *   watched (jest's registry bypasses `Module._load`);
 * - loads after activation, seen by a `Module._load` hook (sdk-clients.ts).
 * @see docs/research/sdk-interception.md §1.3
 */
import { localRequire, resolveFromProject } from './local-require';

/** The shape of the base class we patch. */
export interface ClientClass {
  prototype: { send: (...args: unknown[]) => unknown };
}

/** Module ids that export the base class. */
export const CLIENT_MODULE_IDS = ['@smithy/core/client', '@smithy/smithy-client', '@aws-sdk/smithy-client'];

const CLIENT_FILES = [
  /[\\/]@smithy[\\/]core[\\/]dist-cjs[\\/]submodules[\\/]client[\\/]index\.js$/,
  /[\\/]@(?:smithy|aws-sdk)[\\/]smithy-client[\\/]dist-cjs[\\/]index\.js$/,
  /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-cjs[\\/]index\.js$/,
  /[\\/]@aws-sdk[\\/]lib-dynamodb[\\/]dist-cjs[\\/]index\.js$/,
];

/** Is this module request one whose exports may carry the base class? */
export function isClientModuleRequest(request: string): boolean {
  if (request.startsWith('@')) {
    return CLIENT_MODULE_IDS.includes(request) || request.startsWith('@aws-sdk/client-') || request === '@aws-sdk/lib-dynamodb';
  }
  // The ES module loader hands CommonJS packages over by file name.
  return request.includes('dist-cjs') && CLIENT_FILES.some((pattern) => pattern.test(request));
}

export function isClientClass(value: unknown): value is ClientClass {
  if (typeof value !== 'function') return false;
  const proto = (value as { prototype?: Record<string, unknown> }).prototype;
  return typeof proto?.send === 'function' && typeof proto.destroy === 'function';
}

/** Base classes among a module's exports (`Client`, `__Client`). */
export function clientClassesIn(moduleExports: unknown): ClientClass[] {
  if (!moduleExports || (typeof moduleExports !== 'object' && typeof moduleExports !== 'function')) return [];
  const out: ClientClass[] = [];
  for (const name of ['Client', '__Client']) {
    let value: unknown;
    try {
      value = (moduleExports as Record<string, unknown>)[name];
    } catch {
      continue;
    }
    if (isClientClass(value) && !out.includes(value)) out.push(value);
  }
  return out;
}

/** Every base class reachable now: loaded modules plus the project's own copies. */
export function discoverClientClasses(): ClientClass[] {
  const found = new Set<ClientClass>();
  const cache = localRequire.cache as Record<string, { exports?: unknown } | undefined> | undefined;
  if (cache) {
    for (const file of Object.keys(cache)) {
      if (!CLIENT_FILES.some((pattern) => pattern.test(file))) continue;
      for (const cls of clientClassesIn(cache[file]?.exports)) found.add(cls);
    }
  }
  for (const id of CLIENT_MODULE_IDS) {
    const file = resolveFromProject(id);
    if (!file) continue;
    try {
      for (const cls of clientClassesIn(localRequire(file))) found.add(cls);
    } catch {
      // A copy that fails to load cannot make clients either.
    }
  }
  return [...found];
}
