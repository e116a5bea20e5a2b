/**
 * A function's environment variables in `process.env` while it runs. There is
 * one process, so they are set when an invocation starts and the previous
 * values put back when it ends; under jest both the test's sandboxed
 * `process.env` and the real one (which native ES modules read) are set.
 * Overlapping invocations of functions with different variables see each
 * other's values: a documented limit of running in the test process.
 */
import { mainProcess } from './loader';

export function applyEnv(vars: Record<string, string>): () => void {
  const targets = [process.env];
  const real = mainProcess().env;
  if (real !== process.env) targets.push(real);
  const saved = targets.map((env) => {
    const before = new Map<string, string | undefined>();
    for (const [k, v] of Object.entries(vars)) {
      before.set(k, Object.hasOwn(env, k) ? env[k] : undefined);
      env[k] = v;
    }
    return before;
  });
  return () => {
    targets.forEach((env, i) => {
      for (const [k, v] of saved[i]) {
        if (v === undefined) delete env[k];
        else env[k] = v;
      }
    });
  };
}
