/**
 * Where function code lives on disk: one directory per execution environment
 * under os.tmpdir(), holding the function's zip unpacked in `task/` and its
 * layers' `nodejs/node_modules` merged into `node_modules/` beside it, so a
 * module resolves as in Lambda: the function's own node_modules, then the
 * layers', then the root's `node_modules`, a link to the project's (where
 * Lambda's runtime would provide the AWS SDK).
 *
 *   <root>/node_modules -> <project>/node_modules
 *   <root>/<env-id>/task/…            the function zip
 *   <root>/<env-id>/node_modules/…    layer packages
 *   <root>/<env-id>/opt/…             each layer zip as a whole (/opt)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { unzip } from '../models/code';

export class Workspace {
  private root: string | undefined;

  /** The directory holding every environment of one backend, made on first use. */
  private ensureRoot(): string {
    if (this.root) return this.root;
    const root = mkdtempSync(join(tmpdir(), 'mockaws-lambda-'));
    const project = projectNodeModules();
    if (project) {
      try {
        symlinkSync(project, join(root, 'node_modules'), 'junction');
      } catch {
        // Without the link the function resolves only its own and its layers' packages.
      }
    }
    this.root = root;
    return root;
  }

  /** Where an environment's code goes (nothing is written yet). */
  paths(envId: string): { dir: string; taskRoot: string } {
    const dir = join(this.ensureRoot(), envId);
    return { dir, taskRoot: join(dir, 'task') };
  }

  /** Unpacks the function zip and its layers for a new execution environment. */
  prepare(envId: string, zip: Uint8Array, layers: Uint8Array[]): { dir: string; taskRoot: string } {
    const { dir, taskRoot } = this.paths(envId);
    mkdirSync(taskRoot, { recursive: true });
    for (const layer of layers) {
      const files = unzip(layer);
      extract(files, join(dir, 'opt'));
      // Lambda puts /opt/nodejs/node_modules on NODE_PATH; here they sit where resolution walks.
      const nodeModules: Record<string, Uint8Array> = Object.create(null);
      for (const [name, bytes] of Object.entries(files)) {
        for (const prefix of ['nodejs/node_modules/', 'nodejs/node20/node_modules/', 'nodejs/node22/node_modules/']) {
          if (name.startsWith(prefix)) nodeModules[name.slice(prefix.length)] = bytes;
        }
      }
      extract(nodeModules, join(dir, 'node_modules'));
    }
    extract(unzip(zip), taskRoot);
    return { dir, taskRoot };
  }

  remove(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
  }

  dispose(): void {
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
  }
}

/** The nearest node_modules from the working directory up (a workspace package may sit below the root). */
function projectNodeModules(): string | undefined {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Writes zip entries under `into`, refusing paths that would leave it. */
function extract(files: Record<string, Uint8Array>, into: string): void {
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith('/')) continue;
    const target = normalize(join(into, name));
    if (!target.startsWith(into + sep)) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
}
