/**
 * What `import 'mockaws'` loads: the mock and the core a first call needs,
 * not the parts only some processes ask for (the HTTP server, the IAM policy
 * engine, signature verification, persistence), which load when asked for.
 * Checked on the static import graph of src/index.ts, as the package build
 * (tsup, esbuild) sees it: a dynamic import() starts a chunk of its own.
 */
import { buildSync, type Metafile } from 'esbuild';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Every file `entry` loads before its first line runs (dynamic imports not followed). */
function eagerFiles(entry: string): Set<string> {
  const result = buildSync({
    entryPoints: [join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    packages: 'external',
    format: 'esm',
    splitting: true,
    outdir: join(ROOT, '.tmp', 'lazy-import'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = (result.metafile as Metafile).inputs;
  const seen = new Set([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of inputs[file]?.imports ?? []) {
      if (imported.kind === 'dynamic-import' || imported.external || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return seen;
}

describe("import 'mockaws'", () => {
  const eager = eagerFiles('src/index.ts');

  it('loads the mock, its capture hooks and the dispatcher', () => {
    for (const file of ['src/mock.ts', 'src/api/runtime.ts', 'src/intercept/sdk-clients.ts', 'src/core/dispatch.ts', 'services/index.ts']) {
      expect(eager).toContain(file);
    }
  });

  it('leaves the server, the policy engine, signature verification and persistence for when they are asked for', () => {
    const loadedLater = [...eager].filter((file) =>
      /^src\/(server\/|core\/policy\/|persist\/persistence|core\/sigv4-verify|core\/sigv4a-verify|core\/signature-auth)/.test(file),
    );
    expect(loadedLater).toEqual([]);
  });

  it('loads no service module: each loads on its first request', () => {
    expect([...eager].filter((file) => /^services\/[^/]+\/(index|spec|models\/)/.test(file))).toEqual([]);
  });
});
