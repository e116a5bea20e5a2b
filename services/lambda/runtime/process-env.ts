/**
 * A function's environment variables in `process.env` while it runs. There is
 * one process, so they are set when an invocation starts and the previous
 * values put back when it ends; under jest both the test's sandboxed
 * `process.env` and the real one (which native ES modules read) are set.
 * Overlapping invocations of functions with different variables see each
 * other's values: a documented limit of running in the test process.
 */
import { mainProcess } from './loader';

/**
 * What each variable held before the first of the invocations now running
 * set it, and how many of them set it: overlapping invocations end in any
 * order, and only the last one to end puts the original value back (restoring
 * each invocation's own "before" would leave another invocation's value set).
 */
const originals = new WeakMap<NodeJS.ProcessEnv, Map<string, { value: string | undefined; users: number }>>();

export function applyEnv(vars: Record<string, string>): () => void {
  const targets = [process.env];
  const real = mainProcess().env;
  if (real !== process.env) targets.push(real);
  for (const env of targets) {
    let held = originals.get(env);
    if (!held) originals.set(env, (held = new Map()));
    for (const [k, v] of Object.entries(vars)) {
      const entry = held.get(k);
      if (entry) entry.users += 1;
      else held.set(k, { value: Object.hasOwn(env, k) ? env[k] : undefined, users: 1 });
      env[k] = v;
    }
  }
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    for (const env of targets) {
      const held = originals.get(env);
      for (const k of Object.keys(vars)) {
        const entry = held?.get(k);
        if (!entry || --entry.users > 0) continue;
        held?.delete(k);
        if (entry.value === undefined) delete env[k];
        else env[k] = entry.value;
      }
    }
  };
}
