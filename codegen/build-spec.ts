/**
 * One service's ServiceSpec, from its v3 client (operations, shapes, protocol),
 * its v2 model (metadata, checksum requirements), the SDK's enum typings and
 * codegen/overrides.ts.
 */
import type { OperationSpec, ServiceSpec, StructureShape } from '../src/core/spec';
import type { Declarations } from './declarations';
import { OVERRIDES } from './overrides';
import { KIND, type StaticSchema, deref, isStatic, translateTraits } from './read-v3-schema';
import type { V2Model } from './read-v2-model';
import type { V3Client } from './read-v3-client';
import { ShapeCollector } from './shape-collector';
import type { ServiceSource } from './services';

export interface BuiltSpec {
  spec: ServiceSpec;
  warnings: string[];
}

export function buildSpec(src: ServiceSource, v3: V3Client, v2: V2Model, decls: Declarations): BuiltSpec {
  const override = OVERRIDES[src.id] ?? {};
  const collector = new ShapeCollector(v3.defaultNamespace, decls);
  const schemas = Object.entries(v3.exports)
    .filter(([key, value]) => key.endsWith('$') && isStatic(value))
    .map(([, value]) => value as StaticSchema)
    .filter((s) => s[1] === v3.defaultNamespace);

  const operations: Record<string, OperationSpec> = {};
  for (const schema of schemas.filter((s) => s[0] === KIND.operation).sort(byName)) {
    const op = operation(schema, collector, v3, v2);
    if (override.rewriteHttp && op.http) {
      op.http = override.rewriteHttp(op, labelsOf(op.input, collector));
    }
    operations[op.name] = op;
  }
  for (const op of override.extraOperations?.operations ?? []) operations[op.name] = op;
  for (const [name, shape] of Object.entries(override.extraOperations?.shapes ?? {})) collector.shapes.set(name, shape);
  const errors = schemas
    .filter((s) => s[0] === KIND.error)
    .sort(byName)
    .map((s) => collector.shape(s));

  const protocols = [v3.protocol, ...(override.alternateProtocols ?? [])];
  const xmlNamespace = override.xmlNamespace ?? (protocols.some(usesXml) ? v3.xmlNamespace ?? v2.xmlNamespace : undefined);
  const spec: ServiceSpec = {
    id: src.id,
    namespace: v3.defaultNamespace,
    serviceShape: v3.serviceTarget,
    apiVersion: v3.apiVersion,
    signingName: v2.signingName,
    endpointPrefix: v2.endpointPrefix,
    protocols,
    ...(v3.jsonVersion ? { jsonVersion: v3.jsonVersion, targetPrefix: v3.serviceTarget } : {}),
    ...(xmlNamespace ? { xmlNamespace } : {}),
    ...(v3.queryCompatible ? { queryCompatible: true as const } : {}),
    ...(override.global ? { global: true as const } : {}),
    ...(override.errorTypePrefix !== undefined ? { errorTypePrefix: override.errorTypePrefix } : {}),
    ...(override.frameworkErrorTypes ? { frameworkErrorTypes: override.frameworkErrorTypes } : {}),
    operations: sortedRecord(new Map(Object.entries(operations))),
    shapes: sortedRecord(collector.shapes),
    enums: Object.fromEntries(
      [...collector.usedEnums].sort().map((name) => [name, decls.values.get(name) ?? []]),
    ),
    errors,
  };
  return { spec, warnings: [...collector.warnings].sort() };
}

function operation(schema: StaticSchema, collector: ShapeCollector, v3: V3Client, v2: V2Model): OperationSpec {
  const name = schema[2];
  const traits = translateTraits(schema[3]);
  const op: OperationSpec = { name };
  const input = deref(schema[4]);
  const output = deref(schema[5]);
  if (isStatic(input)) op.input = collector.shape(input);
  if (isStatic(output)) op.output = collector.shape(output);
  if (Array.isArray(traits.http)) {
    const [method, uri, code] = traits.http as [string, string, number];
    op.http = { method, uri, code };
  }
  if (Array.isArray(traits.endpoint)) op.hostPrefix = String(traits.endpoint[0]);
  if (traits.idempotent) op.idempotent = true;
  if (v3.checksumRequired.has(name) || v2.checksumRequired.has(name)) op.checksumRequired = true;
  return op;
}

/** Members of the input bound to URI labels. */
function labelsOf(input: string | undefined, collector: ShapeCollector): string[] {
  const shape = input ? (collector.shapes.get(input) as StructureShape | undefined) : undefined;
  if (!shape) return [];
  return Object.entries(shape.members)
    .filter(([, m]) => m.location === 'uri')
    .map(([name]) => name);
}

function usesXml(protocol: string): boolean {
  return protocol === 'query' || protocol === 'ec2' || protocol === 'rest-xml';
}

function byName(a: StaticSchema, b: StaticSchema): number {
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

function sortedRecord<T>(map: Map<string, T>): Record<string, T> {
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
