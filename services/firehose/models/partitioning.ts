/**
 * Dynamic partitioning with inline parsing: a MetadataExtraction processor's
 * JQ query (`{name: .path.to.field, ...}`, the object-construction form of
 * the docs; other JQ is refused at creation) takes partition keys from each
 * JSON record; `!{partitionKeyFromQuery:name}` in the Prefix puts them in the
 * key, and each partition of a flush becomes its own object. Records whose
 * keys cannot be extracted go under the error prefix (error-output-type
 * `partitioning-failed`). AppendDelimiterToRecord adds a newline to each
 * record.
 */
import { invalidArgument } from '../exceptions';
import type { ProcessingConfiguration } from '../types';

export type PartitionQuery = Array<[name: string, path: string[]]>;

const FIELD = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*$/;

export function parseQuery(query: string): PartitionQuery {
  const body = /^\s*\{(.*)\}\s*$/s.exec(query);
  const bad = () => invalidArgument(`MetadataExtractionQuery '${query}' is not supported: use the form {name: .field, ...}.`);
  if (!body) throw bad();
  return body[1].split(',').map((part) => {
    const m = FIELD.exec(part);
    if (!m) throw bad();
    return [m[1], m[2].slice(1).split('.')];
  });
}

function parameter(conf: ProcessingConfiguration | undefined, type: string, name: string): string | undefined {
  const p = conf?.Processors?.find((x) => x.Type === type);
  return p?.Parameters?.find((x) => x.ParameterName === name)?.ParameterValue;
}

export function hasProcessor(conf: ProcessingConfiguration | undefined, type: string): boolean {
  return Boolean(conf?.Enabled !== false && conf?.Processors?.some((x) => x.Type === type));
}

/** The partition query of a processing configuration (undefined: no MetadataExtraction processor). */
export function partitionQuery(conf: ProcessingConfiguration | undefined): PartitionQuery | undefined {
  if (!hasProcessor(conf, 'MetadataExtraction')) return undefined;
  const query = parameter(conf, 'MetadataExtraction', 'MetadataExtractionQuery');
  if (query === undefined) throw invalidArgument('MetadataExtractionQuery is a required parameter for a MetadataExtraction processor.');
  return parseQuery(query);
}

/** The partition keys of one record, or undefined when it is not JSON or lacks a field. */
export function partitionKeys(data: Buffer, query: PartitionQuery): Map<string, string> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    return undefined;
  }
  const keys = new Map<string, string>();
  for (const [name, path] of query) {
    let v: unknown = json;
    for (const part of path) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[part] : undefined;
    if (v === undefined || v === null || typeof v === 'object') return undefined;
    keys.set(name, String(v));
  }
  return keys;
}
