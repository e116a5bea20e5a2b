/**
 * Package build: dist/ with CommonJS (.js) and ES module (.mjs) builds plus
 * type declarations, for each public entry point:
 *   mockaws                  src/index.ts
 *   mockaws/jest             src/jest/setup.ts     (jest setupFiles)
 *   mockaws/jest/matchers    src/jest/matchers.ts  (jest setupFilesAfterEnv)
 *   mockaws/vitest           src/vitest/index.ts   (vitest setupFiles)
 *   mockaws/register         src/register.ts       (node --import / mocha --require)
 *   mockaws (bin)            src/server/cli.ts
 * Code splitting keeps one copy of the runtime per format, shared by the
 * entries; services stay lazily loaded chunks (they are dynamic imports).
 */
import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

const entry: Record<string, string> = {
  index: 'src/index.ts',
  'jest/setup': 'src/jest/setup.ts',
  'jest/matchers': 'src/jest/matchers.ts',
  'vitest/index': 'src/vitest/index.ts',
  register: 'src/register.ts',
};
if (existsSync('src/server/cli.ts')) entry['server/cli'] = 'src/server/cli.ts';

export default defineConfig({
  entry,
  format: ['cjs', 'esm'],
  outDir: 'dist',
  platform: 'node',
  target: 'node20',
  dts: true,
  splitting: true,
  shims: true,
  sourcemap: true,
  clean: true,
  // Test runners and the interceptor engine come from the user's install (nock brings the latter).
  external: ['vitest', 'expect', '@jest/globals', '@mswjs/interceptors'],
});
