/**
 * services/catalog.generated.ts (the routing facts of each service, known
 * before its module loads) and services/index.ts (the registry: one line per
 * service joining its catalog entry, its urls.ts hosts and a lazy import).
 */
import type { ServiceSpec } from '../src/core/spec';
import { generatedBanner } from './emit-spec';
import { pascalId } from './services';

export function emitCatalog(specs: ServiceSpec[], sources: string): string {
  const lines = [
    generatedBanner(sources),
    "import type { ServiceRoute } from '../src/core/service';",
    '',
    'export const catalog = {',
  ];
  for (const spec of specs) {
    const route = {
      id: spec.id,
      signingName: spec.signingName,
      endpointPrefix: spec.endpointPrefix,
      ...(spec.targetPrefix ? { targetPrefix: spec.targetPrefix } : {}),
      serviceShape: spec.serviceShape,
      protocols: spec.protocols,
      ...(spec.global ? { global: true } : {}),
    };
    lines.push(`  ${spec.id}: ${objectLiteral(route)},`);
  }
  lines.push("} satisfies Record<string, Omit<ServiceRoute, 'hosts'>>;", '');
  return lines.join('\n');
}

/** Route fields a service's urls.ts may export besides `hosts` (ServiceRoute). */
export const URL_EXPORTS = ['paths', 'dataPlane'] as const;

/** `urlExports`: per id, the optional route fields its urls.ts exports. */
export function emitRegistry(ids: string[], urlExports: Map<string, string[]> = new Map()): string {
  const extra = (id: string) => urlExports.get(id) ?? [];
  const lines = [
    '/**',
    ' * The services mockaws emulates, in routing order. Each entry pairs the',
    ' * static routing facts (catalog.generated.ts, urls.ts) with a lazy import of',
    ' * the service module, so a service loads on its first request.',
    ' *',
    ' * Written by codegen/generate.ts from codegen/services.ts: add a service there.',
    ' * @note dynamodb precedes dynamodbstreams: they share the signing name.',
    ' */',
    "import type { ServiceEntry } from '../src/core/service';",
    "import { catalog } from './catalog.generated';",
    ...ids.map((id) => {
      const names = ['hosts', ...extra(id)].map((n) => (n === 'hosts' ? `hosts as ${id}Hosts` : `${n} as ${id}${pascalId(n)}`));
      return `import { ${names.join(', ')} } from './${id}/urls';`;
    }),
    ...ids.map((id) => `import type { ${pascalId(id)}Operations } from './${id}/types';`),
    '',
    '/** Every operation of every service, with its generated input and output types (what `aws.on()` and `aws.calls()` are typed by). */',
    'export type AwsOperations = {',
    ...ids.map((id) => `  ${id}: ${pascalId(id)}Operations;`),
    '};',
    '',
    'export const services: ServiceEntry[] = [',
    ...ids.map(
      (id) =>
        `  { route: { ...catalog.${id}, hosts: ${id}Hosts${extra(id)
          .map((n) => `, ${n}: ${id}${pascalId(n)}`)
          .join('')} }, load: () => import('./${id}/index').then((m) => m.default) },`,
    ),
    '];',
    '',
  ];
  return lines.join('\n');
}

/** `{ id: 's3', protocols: ['rest-xml'] }`: TS object literal with single-quoted strings. */
function objectLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(objectLiteral).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${objectLiteral(v)}`);
    return `{ ${entries.join(', ')} }`;
  }
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return String(value);
}
