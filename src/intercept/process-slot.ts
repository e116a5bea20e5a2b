/**
 * One owner at a time for the hooks that patch process-wide objects (the
 * `http`/`https` modules, `fetch`, `Module._load`).
 *
 * @note jest gives each test file its own globals, `process.env` and module
 * registry, but the core modules are shared by every file a worker runs. A
 * mock that a test file never stopped (a jest `setupFiles` entry cannot
 * register an afterAll) would leave its patches on `http` behind. The slot
 * lives on the shared `node:module` object, so the next file's mock finds
 * the stale owner and takes its patches down before putting up its own.
 */
import Module from 'node:module';

const SLOT = Symbol.for('mockaws.process-hooks');

interface Owner {
  dispose(): void;
}

type Host = { [SLOT]?: Owner };

/** Make `owner` the one holder of process-wide patches, disposing any previous one. */
export function claimProcessHooks(owner: Owner): void {
  const host = Module as unknown as Host;
  const previous = host[SLOT];
  if (previous && previous !== owner) previous.dispose();
  host[SLOT] = owner;
}

export function releaseProcessHooks(owner: Owner): void {
  const host = Module as unknown as Host;
  if (host[SLOT] === owner) delete host[SLOT];
}
