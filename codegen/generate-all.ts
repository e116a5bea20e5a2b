/**
 * The whole codegen as a pure function: every generated file's path
 * (relative to the repo root) and content. generate.ts writes them;
 * test/codegen/stale.test.ts compares them with the committed files.
 */
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ServiceSpec } from '../src/core/spec';
import { applyConstraints, BOTOCORE_VERSION } from './apply-constraints';
import { buildSpec } from './build-spec';
import { type ClassSource, emitRegistry, emitCatalog, emitStateClasses, emitStateClassIndex, URL_EXPORTS } from './emit-registry';
import { emitSpec } from './emit-spec';
import { emitTypes } from './emit-types';
import { readDeclarations } from './declarations';
import { loadV2Model } from './read-v2-model';
import { loadV3Client } from './read-v3-client';
import { scaffoldIndex, scaffoldUrls } from './scaffold';
import { SERVICES } from './services';

export interface Generated {
  /** Files owned by codegen: always rewritten, checked for staleness. */
  files: Map<string, string>;
  /** Starter files for a service folder: written only when absent. */
  scaffolds: Map<string, string>;
  /** Things in the models the spec format could not hold. */
  warnings: string[];
  /** Where botocore's constraints and the SDK disagree (the SDK wins). */
  notes: string[];
  specs: ServiceSpec[];
}

export function generateAll(ids?: string[]): Generated {
  const files = new Map<string, string>();
  const scaffolds = new Map<string, string>();
  const warnings: string[] = [];
  const notes: string[] = [];
  const specs: ServiceSpec[] = [];
  const versions: string[] = [];
  let v2Version = '';
  for (const src of SERVICES.filter((s) => !ids || ids.includes(s.id))) {
    const v3 = loadV3Client(src.pkg);
    const v2 = loadV2Model(src.v2Model);
    const { spec, warnings: found } = buildSpec(src, v3, v2, readDeclarations(v3.dir, v3.exports));
    const sources = `${v3.pkg}@${v3.version} (+ aws-sdk@${v2.version})`;
    const enumNotes = applyConstraints(spec, src.id);
    spec.enums = Object.fromEntries(Object.entries(spec.enums).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    notes.push(...enumNotes.map((n) => `${src.id}: ${n}`));
    files.set(`services/${src.id}/spec.ts`, emitSpec(spec, `${sources} and botocore@${BOTOCORE_VERSION} constraints`));
    files.set(`services/${src.id}/types.ts`, emitTypes(spec, sources));
    scaffolds.set(`services/${src.id}/urls.ts`, scaffoldUrls(spec, v2.globalEndpoint));
    scaffolds.set(`services/${src.id}/index.ts`, scaffoldIndex(spec));
    warnings.push(...found.map((w) => `${src.id}: ${w}`));
    specs.push(spec);
    versions.push(`${v3.pkg.replace('@aws-sdk/', '')}@${v3.version}`);
    v2Version = v2.version;
  }
  if (!ids) {
    files.set('services/catalog.generated.ts', emitCatalog(specs, `the @aws-sdk/client-* models (+ aws-sdk@${v2Version})`));
    const ids = specs.map((s) => s.id);
    files.set('services/index.ts', emitRegistry(ids, urlExports(ids)));
    files.set('services/state-classes.generated.ts', emitStateClassIndex(ids));
    for (const id of ids) files.set(`services/${id}/state-classes.generated.ts`, emitStateClasses(id, classSources(id)));
  }
  return { files, scaffolds, warnings, notes, specs };
}

/**
 * Which optional route fields (paths, dataPlane) each service's hand-written
 * urls.ts exports, so the registry imports exactly those.
 */
function urlExports(ids: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const id of ids) {
    let text = '';
    try {
      text = readFileSync(join(__dirname, '..', 'services', id, 'urls.ts'), 'utf8');
    } catch {
      continue; // a new service: its urls.ts is about to be scaffolded with hosts only
    }
    const names = URL_EXPORTS.filter((n) => new RegExp(`^export const ${n}\\b`, 'm').test(text));
    if (names.length) found.set(id, names);
  }
  return found;
}

/** Every `export class` in a service's hand-written files (sorted, so the output is stable). */
function classSources(id: string): ClassSource[] {
  const base = join(__dirname, '..', 'services', id);
  const out: ClassSource[] = [];
  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a new service, not scaffolded yet
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/generated|^spec\.ts$|^types\.ts$/.test(entry.name)) {
        const text = readFileSync(path, 'utf8');
        const classes = [...text.matchAll(/^export (?:abstract )?class (\w+)/gm)].map((m) => m[1]);
        if (classes.length) out.push({ module: relative(base, path).replace(/\\/g, '/').replace(/\.ts$/, ''), classes });
      }
    }
  };
  walk(base);
  return out;
}
