/**
 * First files of a new service folder: urls.ts (host patterns) and index.ts
 * (a module with no handlers, so every operation answers NotImplemented).
 * Written only when absent; service helpers then own and replace them.
 */
import type { ServiceSpec } from '../src/core/spec';

const REGION = '(?<region>[a-z0-9-]+)';

export function scaffoldUrls(spec: ServiceSpec, globalEndpoint: string | undefined): string {
  const prefix = spec.endpointPrefix.replace(/\./g, '\\.');
  const patterns = [
    `/^${prefix}(?:-fips)?\\.${REGION}\\.amazonaws\\.com(?:\\.cn)?$/`,
    `/^${prefix}(?:-fips)?\\.dualstack\\.${REGION}\\.amazonaws\\.com(?:\\.cn)?$/`,
    `/^${prefix}(?:-fips)?\\.${REGION}\\.api\\.aws$/`,
  ];
  if (globalEndpoint) patterns.unshift(`/^${globalEndpoint.replace(/\./g, '\\.')}$/`);
  return [
    `/** Hosts ${spec.id} answers on: regional, FIPS, dual-stack, China and api.aws endpoints. */`,
    'export const hosts: RegExp[] = [',
    ...patterns.map((p) => `  ${p},`),
    '];',
    '',
  ].join('\n');
}

export function scaffoldIndex(spec: ServiceSpec): string {
  return [
    `/** ${spec.id}: no operation implemented yet; each answers NotImplemented. */`,
    "import type { ServiceModule } from '../../src/core/service';",
    "import { spec } from './spec';",
    '',
    'const service: ServiceModule = { spec, handlers: {}, createBackend: () => ({}) };',
    'export default service;',
    '',
  ].join('\n');
}
