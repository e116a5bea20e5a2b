/**
 * HTTP bindings shared by rest-json and rest-xml: where each member of an
 * input, output or error structure travels (URI label, query key, query map,
 * header, header prefix, status code, payload, or the body), and the text
 * forms those locations use (protocols.md §2.3):
 *  - headers: lists comma-joined (quoted when an item has ',' or '"'),
 *    timestamps http-date, blobs and mediaType (JSON) strings base64;
 *  - query strings and labels: lists as repeated keys, timestamps ISO-8601.
 */
import { AwsError } from '../core/errors';
import type { MemberSpec, ServiceSpec, StructureShape } from '../core/spec';
import { formatTimestamp, parseTimestamp, scalarToText, setEntry, textToScalar, toBase64 } from './values';

export interface BindingPlan {
  labels: Array<[string, MemberSpec]>;
  query: Array<[string, MemberSpec, string]>;
  queryParams?: [string, MemberSpec];
  /** Header names lower-cased. */
  headers: Array<[string, MemberSpec, string]>;
  prefixHeaders: Array<[string, MemberSpec, string]>;
  statusCode?: string;
  payload?: [string, MemberSpec];
  /** Members with no binding: the JSON object or XML document of the body. */
  body: string[];
}

const plans = new WeakMap<StructureShape, BindingPlan>();
const EMPTY_PLAN: BindingPlan = { labels: [], query: [], headers: [], prefixHeaders: [], body: [] };

/** The binding plan of a structure, computed once per shape. */
export function bindingPlan(spec: ServiceSpec, shapeName: string | undefined): BindingPlan {
  const shape = shapeName ? (spec.shapes[shapeName] as StructureShape | undefined) : undefined;
  if (!shape || !('members' in shape)) return EMPTY_PLAN;
  let plan = plans.get(shape);
  if (plan) return plan;
  plan = { labels: [], query: [], headers: [], prefixHeaders: [], body: [] };
  for (const [name, member] of Object.entries(shape.members)) {
    const wire = member.locationName ?? name;
    switch (member.location) {
      case 'uri':
        plan.labels.push([name, member]);
        break;
      case 'querystring':
        plan.query.push([name, member, wire]);
        break;
      case 'queryParams':
        plan.queryParams = [name, member];
        break;
      case 'header':
        plan.headers.push([name, member, wire.toLowerCase()]);
        break;
      case 'headers':
        plan.prefixHeaders.push([name, member, (member.locationName ?? '').toLowerCase()]);
        break;
      case 'statusCode':
        plan.statusCode = name;
        break;
      case 'payload':
        plan.payload = [name, member];
        break;
      default:
        plan.body.push(name);
    }
  }
  plans.set(shape, plan);
  return plan;
}

/** The parts of a request the bindings read (S3 requests arrive here already path-style). */
export interface HttpParts {
  headers: Record<string, string>;
  query: URLSearchParams;
  labels: Record<string, string>;
  /** Query keys the URI template itself names (`?tagging`): never part of a query map. */
  literalQueryKeys: ReadonlySet<string>;
}

/** Members carried by the URI, query string and headers. */
export function readBoundMembers(spec: ServiceSpec, plan: BindingPlan, parts: HttpParts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of plan.labels) {
    const raw = parts.labels[member.locationName ?? name];
    if (raw !== undefined) out[name] = fromText(member.target, raw);
  }
  // Per request: no array per absent query member (get, not getAll), no copy of the header object.
  for (const [name, member, key] of plan.query) {
    const first = parts.query.get(key);
    if (first === null) continue;
    const list = listItem(spec, member);
    out[name] = list ? parts.query.getAll(key).map((v) => fromText(list.target, v)) : fromText(member.target, first);
  }
  if (plan.queryParams) {
    const [name, member] = plan.queryParams;
    const claimed = new Set(parts.literalQueryKeys);
    for (const [, , key] of plan.query) claimed.add(key);
    const map = readQueryMap(spec, member, parts.query, claimed);
    if (map) out[name] = map;
  }
  for (const [name, member, header] of plan.headers) {
    const raw = parts.headers[header];
    if (raw !== undefined) out[name] = readHeader(spec, member, raw);
  }
  for (const [name, member, prefix] of plan.prefixHeaders) {
    const valueMember = mapValue(spec, member);
    let map: Record<string, unknown> | undefined;
    for (const header of Object.keys(parts.headers)) {
      if (!header.startsWith(prefix)) continue;
      const raw = parts.headers[header];
      map ??= {};
      setEntry(map, header.slice(prefix.length), valueMember ? readHeader(spec, valueMember, raw) : raw);
    }
    if (map) out[name] = map;
  }
  return out;
}

function readQueryMap(
  spec: ServiceSpec,
  member: MemberSpec,
  query: URLSearchParams,
  claimed: Set<string>,
): Record<string, unknown> | undefined {
  const valueMember = mapValue(spec, member);
  const list = valueMember ? listItem(spec, valueMember) : undefined;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const key of new Set(query.keys())) {
    if (claimed.has(key)) continue;
    const values = query.getAll(key);
    setEntry(out, key, list ? values.map((v) => fromText(list.target, v)) : values[0]);
    any = true;
  }
  return any ? out : undefined;
}

function listItem(spec: ServiceSpec, member: MemberSpec): MemberSpec | undefined {
  const shape = spec.shapes[member.target];
  return shape?.type === 'list' ? shape.member : undefined;
}

function mapValue(spec: ServiceSpec, member: MemberSpec): MemberSpec | undefined {
  const shape = spec.shapes[member.target];
  return shape?.type === 'map' ? shape.value : undefined;
}

function fromText(target: string, raw: string): unknown {
  if (target === 'string' || target === 'bigint' || target === 'bigdecimal') return raw;
  return textToScalar(target, raw);
}

/** One header value as the member's type (lists split on unquoted commas). */
export function readHeader(spec: ServiceSpec, member: MemberSpec, raw: string): unknown {
  const item = listItem(spec, member);
  if (item) {
    const httpDates = item.target === 'timestamp' && (item.timestampFormat ?? 'http-date') === 'http-date';
    const parts = httpDates ? splitEvery(raw, 2) : splitHeader(raw);
    return parts.map((part) => readHeader(spec, item, part.trim()));
  }
  switch (member.target) {
    case 'timestamp':
      return parseTimestamp(raw);
    case 'boolean':
      return fromText('boolean', raw.trim().toLowerCase());
    case 'string':
      return member.mediaType ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    default:
      return fromText(member.target, raw.trim());
  }
}

/** Splits a header list on commas outside double quotes, unquoting items. */
export function splitHeader(value: string): string[] {
  const items: string[] = [];
  let inQuotes = false;
  let escaped = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' && !escaped) inQuotes = !inQuotes;
    else if (c === ',' && !inQuotes) {
      items.push(value.slice(start, i));
      start = i + 1;
    }
    escaped = c === '\\' && !escaped;
  }
  items.push(value.slice(start));
  return items.map((item) => {
    const v = item.trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\(.)/g, '$1');
    return v;
  });
}

/** HTTP dates hold a comma of their own: a list of them splits on every second comma. */
function splitEvery(value: string, n: number): string[] {
  const pieces = value.split(',');
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += n) out.push(pieces.slice(i, i + n).join(','));
  return out;
}

function quoteHeader(item: string): string {
  return item.includes(',') || item.includes('"') ? `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : item;
}

/** A member value in its header form. */
export function headerText(spec: ServiceSpec, member: MemberSpec, value: unknown): string {
  const item = listItem(spec, member);
  if (item) {
    const items = Array.isArray(value) ? value : [...(value as Iterable<unknown>)];
    return items
      .map((v) => (item.target === 'timestamp' ? headerText(spec, item, v) : quoteHeader(headerText(spec, item, v))))
      .join(', ');
  }
  switch (member.target) {
    case 'timestamp':
      return String(formatTimestamp(value, member.timestampFormat ?? 'http-date'));
    case 'string':
      return member.mediaType ? toBase64(String(value)) : String(value);
    default:
      return scalarToText(member.target, value, member.timestampFormat ?? 'http-date');
  }
}

/** Writes the header-bound and prefix-header members of a value; returns the status member's value. */
export function writeBoundHeaders(
  spec: ServiceSpec,
  plan: BindingPlan,
  value: Record<string, unknown>,
  headers: Record<string, string>,
): number | undefined {
  for (const [name, member, header] of plan.headers) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    headers[header] = headerText(spec, member, v);
  }
  for (const [name, member, prefix] of plan.prefixHeaders) {
    const map = value[name];
    if (!map || typeof map !== 'object') continue;
    const valueMember = mapValue(spec, member) ?? { target: 'string' };
    const entries = map instanceof Map ? [...map.entries()] : Object.entries(map);
    for (const [k, v] of entries) {
      if (v !== undefined && v !== null) headers[`${prefix}${String(k).toLowerCase()}`] = headerText(spec, valueMember, v);
    }
  }
  if (plan.statusCode === undefined) return undefined;
  const status = value[plan.statusCode];
  if (status === undefined || status === null) return undefined;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new AwsError('InternalFailure', `mockaws: invalid HTTP status ${String(status)} in ${plan.statusCode}`, {
      status: 500,
    });
  }
  return status;
}
