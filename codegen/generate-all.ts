/**
 * The whole codegen as a pure function: every generated file's path
 * (relative to the repo root) and content. generate.ts writes them;
 * test/codegen/stale.test.ts compares them with the committed files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceSpec } from '../src/core/spec';
import { applyConstraints, BOTOCORE_VERSION } from './apply-constraints';
import { buildSpec } from './build-spec';
import { emitRegistry, emitCatalog, URL_EXPORTS } from './emit-registry';
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
