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
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { transform } from 'sucrase';
import { defineConfig, type Options } from 'tsup';

type TsupPlugin = NonNullable<Options['plugins']>[number];

/**
 * Split CommonJS chunks with `?.` and `??` kept native. esbuild writes split
 * chunks as ES modules and tsup's own cjs-splitting step turns them into
 * CommonJS with sucrase, whose default also rewrites optional chaining and
 * nullish coalescing into helper calls (`_optionalChain([...])`, a closure per
 * access) on every hot path. This step does the same module conversion with
 * sucrase's syntax transforms off (node20 runs that syntax natively), then
 * tells the later steps of this format's build that the chunks are done.
 */
const cjsNativeSyntax: TsupPlugin = {
  name: 'cjs-native-syntax',
  renderChunk(code, info) {
    const ctx = this as unknown as { format: string; splitting?: boolean; options: Options };
    if (ctx.format !== 'cjs' || info.type !== 'chunk' || !/\.(js|cjs)$/.test(info.path)) return;
    if (ctx.options.treeshake) return;
    const result = transform(code, {
      filePath: info.path,
      transforms: ['imports'],
      disableESTransforms: true,
      sourceMapOptions: ctx.options.sourcemap ? { compiledFilename: info.path } : undefined,
    });
    // tsup's cjs-splitting runs after this plugin and only when splitting is on: these chunks are CommonJS already.
    ctx.splitting = false;
    return { code: result.code, map: result.sourceMap as never };
  },
};

/**
 * One chunk for the runtime `import 'mockaws'` loads, not twenty. esbuild puts
 * each module in the chunk of the exact set of entries (entry points and
 * dynamic-import targets) that reach it; every service reaches a different
 * subset of src/core, so the runtime was cut into about twenty files, and each
 * file a process loads costs Node about 0.15 ms (resolve, stat, read, wrap)
 * before its code runs. Every module of src/index.ts's static graph is loaded
 * before any entry or lazily loaded module runs anyway (the dispatcher that
 * imports a service lives there), so making them all reach src/index.ts gives
 * that graph one signature, hence one chunk, without loading anything earlier.
 * Build-only: the sources keep their own imports.
 */
const runtimeOneChunk: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'runtime-one-chunk',
  setup(build) {
    const index = resolvePath('src/index.ts');
    const entries = Object.values(build.initialOptions.entryPoints as Record<string, string>).map((e) => resolvePath(e));
    const lazy = new Set<string>();
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const base = resolvePath(args.resolveDir, args.path);
      for (const file of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(file)) lazy.add(file);
      return undefined;
    });
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path === index || (!lazy.has(args.path) && !entries.includes(args.path))) return undefined;
      const source = readFileSync(args.path, 'utf8');
      return { contents: `${source}\nimport ${JSON.stringify(index)};\n`, loader: 'ts' };
    });
  },
};

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
  // Whitespace and comments out (names and literals untouched; the source maps give lines back). V8 reads every
  // byte of a file it loads, and a comment with one non-ASCII character (→, ≥, —) makes Node decode the whole
  // file as UTF-8 into a two-byte string: the start-up bench's mockaws process ran 9M fewer instructions (of the
  // ~123M mockaws adds to the SDK's own start-up; valgrind, bench/notes.md round 6). Syntax minifying gave
  // nothing more, identifier mangling (with keepNames) less.
  minifyWhitespace: true,
  clean: true,
  // Test runners and the interceptor engine come from the user's install (nock brings the latter).
  external: ['vitest', 'expect', '@jest/globals', '@mswjs/interceptors'],
  plugins: [cjsNativeSyntax],
  esbuildPlugins: [runtimeOneChunk],
});
