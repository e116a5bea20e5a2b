/**
 * Field index policies: `{"Fields": [...], "FieldsV2": {name: {type}}}`
 * documents, at log group level (PutIndexPolicy, no name) or account level
 * (PutAccountPolicy FIELD_INDEX_POLICY, with selection criteria). The fake
 * indexes nothing (queries scan every event anyway); DescribeFieldIndexes
 * reports the policy's fields found in the group's events.
 */
import { invalidParameter } from '../exceptions';

export interface IndexPolicy {
  policyDocument: string;
  lastUpdateTime: number;
}

const INDEX_TYPES = new Set(['FIELD_INDEX', 'FACET']);

/** The fields (name → type) a policy document indexes; refuses what AWS refuses. */
export function indexedFields(document: string): Map<string, string> {
  let doc: { Fields?: unknown; FieldsV2?: unknown };
  try {
    doc = JSON.parse(document);
  } catch {
    throw invalidParameter('The index policy document is not valid JSON.');
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw invalidParameter('The index policy document must be a JSON object.');
  const out = new Map<string, string>();
  if (doc.Fields !== undefined) {
    if (!Array.isArray(doc.Fields) || doc.Fields.some((f) => typeof f !== 'string')) throw invalidParameter('Fields must be a list of field names.');
    for (const f of doc.Fields as string[]) out.set(f, 'FIELD_INDEX');
  }
  if (doc.FieldsV2 !== undefined) {
    if (doc.FieldsV2 === null || typeof doc.FieldsV2 !== 'object' || Array.isArray(doc.FieldsV2)) throw invalidParameter('FieldsV2 must map field names to their index type.');
    for (const [name, spec] of Object.entries(doc.FieldsV2 as Record<string, { type?: unknown }>)) {
      if (out.has(name)) throw invalidParameter(`Field ${name} appears in both Fields and FieldsV2.`);
      const type = spec?.type ?? 'FIELD_INDEX';
      if (typeof type !== 'string' || !INDEX_TYPES.has(type)) throw invalidParameter(`Invalid index type for ${name}: ${String(type)}`);
      out.set(name, type);
    }
  }
  if (out.size === 0) throw invalidParameter('The index policy document must include at least one field index.');
  return out;
}
