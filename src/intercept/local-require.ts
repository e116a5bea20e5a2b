/**
 * The `require` of the module graph mockaws runs in. Under jest this is the
 * test file's own registry (jest hands each module its `require`), which is
 * where the SDK classes the test uses live; in an ES module build it is a
 * Node require made for this file (tsup shims `__filename` from import.meta).
 */
import { createRequire } from 'node:module';

declare const require: NodeJS.Require | undefined;

// @note In the ES module build esbuild turns `require` into a stub without
// `resolve`; checking for it picks createRequire there.
export const localRequire: NodeJS.Require =
  typeof require === 'function' && typeof require.resolve === 'function' ? require : createRequire(__filename);

/**
 * Resolve `id` as the user's project would (from the working directory), else from here.
 * One resolution over both places, not one per place: Node and jest search
 * `paths` in order, so the answer is the same, and a module installed in
 * neither (the SDK's older base-class packages, looked for at every
 * mockAws()) costs one failed lookup instead of two.
 */
export function resolveFromProject(id: string): string | undefined {
  try {
    return localRequire.resolve(id, { paths: [process.cwd(), __dirname] });
  } catch {
    return undefined;
  }
}

/** Resolve one of mockaws's own dependencies: from here first, else from the project. */
export function resolveFromHere(id: string): string | undefined {
  return resolveFirst(id, [__dirname, process.cwd()]);
}

function resolveFirst(id: string, places: string[]): string | undefined {
  for (const from of places) {
    try {
      return localRequire.resolve(id, { paths: [from] });
    } catch {
      // Not installed where this path looks; try the next.
    }
  }
  return undefined;
}
