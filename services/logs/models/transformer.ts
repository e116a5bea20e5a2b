/**
 * Log transformers: a pipeline of up to 20 processors, the first a parser.
 * TestTransformer runs the processors this module implements on each message:
 * parseJSON, parseKeyValue, addKeys, deleteKeys, copyValue, moveKeys,
 * renameKeys, lowerCaseString, upperCaseString, trimString, substituteString,
 * splitString, typeConverter. Keys are dot paths into the event (`a.b`). The
 * other processors (csv, grok, dateTimeConverter, listToMap, the AWS log
 * format parsers) are stored by PutTransformer but refused by TestTransformer
 * rather than ignored.
 */
import { invalidParameter } from '../exceptions';

type Doc = Record<string, unknown>;

/** A processor that cannot apply to this event (the event stays as it was). */
class NotApplicable extends Error {}
type Processor = Record<string, Record<string, unknown> | undefined>;

const PARSERS = new Set(['parseJSON', 'parseKeyValue', 'csv', 'grok', 'parseCloudfront', 'parseRoute53', 'parseToOCSF', 'parsePostgres', 'parseVPC', 'parseWAF']);

/** The one processor a list entry names ({ parseJSON: {...} } → ['parseJSON', {...}]). */
function only(p: Processor): [string, Record<string, unknown>] {
  const set = Object.entries(p).filter(([, v]) => v !== undefined);
  if (set.length !== 1) throw invalidParameter('Each processor must specify exactly one processor type.');
  return set[0] as [string, Record<string, unknown>];
}

export function checkTransformer(config: readonly object[]): void {
  if (config.length === 0 || config.length > 20) throw invalidParameter('A transformer must have between 1 and 20 processors.');
  const names = config.map((p) => only(p as Processor)[0]);
  if (!PARSERS.has(names[0])) throw invalidParameter('The first processor in a transformer must be a parser.');
}

function get(doc: Doc, path: string): unknown {
  if (Object.hasOwn(doc, path)) return doc[path];
  let cur: unknown = doc;
  for (const step of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, step)) return undefined;
    cur = (cur as Doc)[step];
  }
  return cur;
}

function has(doc: Doc, path: string): boolean {
  return get(doc, path) !== undefined;
}

function set(doc: Doc, path: string, value: unknown): void {
  const steps = path.split('.');
  let cur = doc;
  for (const step of steps.slice(0, -1)) {
    const next = cur[step];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[step] = Object.create(null);
    cur = cur[step] as Doc;
  }
  cur[steps[steps.length - 1]] = value;
}

function remove(doc: Doc, path: string): void {
  if (Object.hasOwn(doc, path)) {
    delete doc[path];
    return;
  }
  const steps = path.split('.');
  const parent = steps.length > 1 ? get(doc, steps.slice(0, -1).join('.')) : doc;
  if (parent !== null && typeof parent === 'object') delete (parent as Doc)[steps[steps.length - 1]];
}

function entries(cfg: Record<string, unknown>): Array<Record<string, unknown>> {
  return (cfg.entries as Array<Record<string, unknown>>) ?? [];
}

function withKeys(cfg: Record<string, unknown>): string[] {
  return (cfg.withKeys as string[]) ?? [];
}

function mapStrings(doc: Doc, keys: string[], f: (s: string) => string): void {
  for (const k of keys) {
    const v = get(doc, k);
    if (typeof v === 'string') set(doc, k, f(v));
  }
}

function placeParsed(doc: Doc, parsed: Doc, destination: unknown): void {
  if (typeof destination === 'string' && destination !== '') set(doc, destination, parsed);
  else Object.assign(doc, parsed);
}

function convert(value: unknown, type: unknown): unknown {
  const text = String(value);
  switch (type) {
    case 'boolean':
      return text.toLowerCase() === 'true';
    case 'integer': {
      const n = Number.parseInt(text, 10);
      return Number.isNaN(n) ? value : n;
    }
    case 'double': {
      const n = Number.parseFloat(text);
      return Number.isNaN(n) ? value : n;
    }
    default:
      return text;
  }
}

function pattern(text: string): RegExp {
  try {
    return new RegExp(text, 'g');
  } catch {
    throw invalidParameter(`Invalid regular expression in substituteString: ${text}`);
  }
}

/** One processor applied to the event (`@message` holds the raw message until a parser replaces it). */
function apply(doc: Doc, name: string, cfg: Record<string, unknown>): void {
  switch (name) {
    case 'parseJSON': {
      const source = typeof cfg.source === 'string' ? cfg.source : '@message';
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(get(doc, source) ?? ''));
      } catch {
        throw new NotApplicable('not JSON');
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new NotApplicable('not a JSON object');
      if (source === '@message') remove(doc, '@message');
      placeParsed(doc, parsed as Doc, cfg.destination);
      return;
    }
    case 'parseKeyValue': {
      const source = typeof cfg.source === 'string' ? cfg.source : '@message';
      const text = String(get(doc, source) ?? '');
      const fieldDelimiter = typeof cfg.fieldDelimiter === 'string' ? cfg.fieldDelimiter : '&';
      const kvDelimiter = typeof cfg.keyValueDelimiter === 'string' ? cfg.keyValueDelimiter : '=';
      const prefix = typeof cfg.keyPrefix === 'string' ? cfg.keyPrefix : '';
      const parsed: Doc = Object.create(null);
      for (const pair of text.split(fieldDelimiter)) {
        if (pair === '') continue;
        const at = pair.indexOf(kvDelimiter);
        const key = at < 0 ? pair : pair.slice(0, at);
        const value = at < 0 ? cfg.nonMatchValue : pair.slice(at + kvDelimiter.length);
        if (value !== undefined) parsed[prefix + key] = value;
      }
      if (source === '@message') remove(doc, '@message');
      placeParsed(doc, parsed, cfg.destination);
      return;
    }
    case 'addKeys':
      for (const e of entries(cfg)) if (e.overwriteIfExists || !has(doc, String(e.key))) set(doc, String(e.key), e.value);
      return;
    case 'deleteKeys':
      for (const k of withKeys(cfg)) remove(doc, k);
      return;
    case 'copyValue':
    case 'moveKeys':
      for (const e of entries(cfg)) {
        const value = get(doc, String(e.source));
        if (value === undefined || (has(doc, String(e.target)) && !e.overwriteIfExists)) continue;
        set(doc, String(e.target), value);
        if (name === 'moveKeys') remove(doc, String(e.source));
      }
      return;
    case 'renameKeys':
      for (const e of entries(cfg)) {
        const value = get(doc, String(e.key));
        if (value === undefined || (has(doc, String(e.renameTo)) && !e.overwriteIfExists)) continue;
        remove(doc, String(e.key));
        set(doc, String(e.renameTo), value);
      }
      return;
    case 'lowerCaseString':
      mapStrings(doc, withKeys(cfg), (s) => s.toLowerCase());
      return;
    case 'upperCaseString':
      mapStrings(doc, withKeys(cfg), (s) => s.toUpperCase());
      return;
    case 'trimString':
      mapStrings(doc, withKeys(cfg), (s) => s.trim());
      return;
    case 'substituteString':
      for (const e of entries(cfg)) mapStrings(doc, [String(e.source)], (s) => s.replace(pattern(String(e.from)), String(e.to)));
      return;
    case 'splitString':
      for (const e of entries(cfg)) {
        const v = get(doc, String(e.source));
        if (typeof v === 'string') set(doc, String(e.source), v.split(String(e.delimiter)));
      }
      return;
    case 'typeConverter':
      for (const e of entries(cfg)) {
        const v = get(doc, String(e.key));
        if (v !== undefined) set(doc, String(e.key), convert(v, e.type));
      }
      return;
    default:
      throw invalidParameter(`mockaws does not implement the ${name} processor in TestTransformer.`);
  }
}

/**
 * At ingestion: the transformed message, or undefined when the transformer
 * uses a processor the fake does not implement (the event stays as sent).
 */
export function transformAtIngestion(config: readonly object[], message: string): string | undefined {
  try {
    return transform(config, message);
  } catch {
    return undefined;
  }
}

/** The transformed message, or the original when a processor cannot apply to it (e.g. parseJSON on plain text). */
export function transform(config: readonly object[], message: string): string {
  const doc: Doc = Object.create(null);
  doc['@message'] = message;
  for (const p of config) {
    const [name, cfg] = only(p as Processor);
    try {
      apply(doc, name, cfg);
    } catch (err) {
      if (err instanceof NotApplicable) return message;
      throw err;
    }
  }
  return JSON.stringify(doc);
}
