/**
 * DynamoDB JSON, the export/import line format: one `{"Item": {...}}`
 * object per line, AttributeValues as the API writes them, binary as base64.
 * Incremental exports write `{"Metadata":..,"Keys":..,"NewImage":..,"OldImage":..}`.
 */
import type { AttributeValue, Item } from '../values/attribute-value';
import { validateItem } from '../values/attribute-value';

type Json = Record<string, unknown>;

function toJson(v: AttributeValue): Json {
  if (v.B !== undefined) return { B: Buffer.from(v.B).toString('base64') };
  if (v.BS !== undefined) return { BS: v.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (v.M !== undefined) return { M: itemToJson(v.M) };
  if (v.L !== undefined) return { L: v.L.map(toJson) };
  return { ...v } as Json;
}

export function itemToJson(item: Item): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(item)) out[k] = toJson(v);
  return out;
}

function fromJson(v: unknown): AttributeValue {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an AttributeValue');
  const o = v as Json;
  if (typeof o.B === 'string') return { B: Buffer.from(o.B, 'base64') };
  if (Array.isArray(o.BS)) return { BS: o.BS.map((b) => Buffer.from(String(b), 'base64')) };
  if (o.M && typeof o.M === 'object') return { M: itemFromJson(o.M) };
  if (Array.isArray(o.L)) return { L: o.L.map(fromJson) };
  return o as AttributeValue;
}

export function itemFromJson(o: unknown): Item {
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('not an item');
  const out: Item = Object.create(null);
  for (const [k, v] of Object.entries(o as Json)) out[k] = fromJson(v);
  return out;
}

export function encodeItemLine(item: Item): string {
  return JSON.stringify({ Item: itemToJson(item) });
}

/** One line → a validated item; throws on anything DynamoDB would reject. */
export function decodeItemLine(line: string): Item {
  const parsed = JSON.parse(line) as Json;
  if (!parsed || typeof parsed !== 'object' || !('Item' in parsed)) throw new Error('line has no Item');
  return validateItem(itemFromJson(parsed.Item));
}
