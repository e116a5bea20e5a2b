/**
 * URI templates of the REST protocols (`/2015-03-31/functions/{FunctionName}`,
 * `/{Bucket}/{Key+}?tagging`, `/{Bucket}?list-type=2`), compiled once per
 * operation into a path regex, the labels it captures, and the literal query
 * keys a request must carry.
 *
 * @note S3's `x-id=GetObject` literal is not a requirement (other SDKs and
 * the CLI do not send it); it is kept as a hint that breaks ties between
 * operations sharing a path (PutObject / CopyObject / UploadPart).
 */
import { AwsError } from '../core/errors';

export interface LabelSpec {
  name: string;
  /** `{Key+}`: spans '/' characters. */
  greedy: boolean;
}

export interface QueryLiteral {
  key: string;
  /** `list-type=2` requires the value; `tagging` only the key. */
  value?: string;
}

export interface CompiledTemplate {
  /** Matches a raw (still percent-encoded) path; groups are the labels in order. */
  regex: RegExp;
  labels: LabelSpec[];
  query: QueryLiteral[];
  /** The template's `x-id` value, when it has one. */
  xId?: string;
  /** The literal text before the first label: a cheap check before the regex. */
  prefix: string;
  /** Bigger sorts first: more literal segments, more literal query keys, no greedy label, longer literals. */
  specificity: [number, number, number, number];
}

const LABEL = /\{([^}+]+)(\+)?\}/g;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileTemplate(uri: string): CompiledTemplate {
  const q = uri.indexOf('?');
  let path = q >= 0 ? uri.slice(0, q) : uri;
  const search = q >= 0 ? uri.slice(q + 1) : '';
  // A trailing '/' is optional on both sides: S3 sends `/bucket/` for `/{Bucket}`.
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (path === '/') path = '';

  const labels: LabelSpec[] = [];
  let pattern = '';
  let last = 0;
  let prefix: string | undefined;
  let literalChars = 0;
  for (const m of path.matchAll(LABEL)) {
    const literal = path.slice(last, m.index);
    prefix ??= literal;
    literalChars += literal.length;
    pattern += escapeRegex(literal);
    const greedy = m[2] === '+';
    labels.push({ name: m[1], greedy });
    pattern += greedy ? '(.+)' : '([^/]+)';
    last = (m.index ?? 0) + m[0].length;
  }
  const tail = path.slice(last);
  literalChars += tail.length;
  pattern += escapeRegex(tail);
  prefix ??= tail;

  const literalSegments = path
    .split('/')
    .filter((segment) => segment !== '' && !segment.includes('{')).length;

  const query: QueryLiteral[] = [];
  let xId: string | undefined;
  for (const part of search.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq >= 0 ? part.slice(0, eq) : part);
    const value = eq >= 0 ? decodeURIComponent(part.slice(eq + 1)) : undefined;
    if (key === 'x-id') xId = value;
    else query.push(value === undefined ? { key } : { key, value });
  }

  return {
    regex: new RegExp(`^${pattern}/?$`),
    labels,
    query,
    xId,
    prefix,
    specificity: [literalSegments, query.length, labels.some((l) => l.greedy) ? 0 : 1, literalChars],
  };
}

/** Orders templates most specific first (for a stable sort of routes). */
export function compareSpecificity(a: CompiledTemplate, b: CompiledTemplate): number {
  for (let i = 0; i < a.specificity.length; i++) {
    const d = b.specificity[i] - a.specificity[i];
    if (d !== 0) return d;
  }
  return 0;
}

/** Does the query string carry every literal the template names? */
export function queryMatches(template: CompiledTemplate, query: URLSearchParams): boolean {
  for (const literal of template.query) {
    const actual = query.get(literal.key);
    if (actual === null) return false;
    if (literal.value !== undefined && actual !== literal.value) return false;
  }
  return true;
}

/** The labels of a raw path, URI-decoded; undefined when the path does not fit. */
export function matchPath(template: CompiledTemplate, rawPath: string): Record<string, string> | undefined {
  if (!rawPath.startsWith(template.prefix)) return undefined;
  const m = template.regex.exec(rawPath);
  if (!m) return undefined;
  const labels: Record<string, string> = {};
  template.labels.forEach((label, i) => {
    labels[label.name] = decodeLabel(m[i + 1]);
  });
  return labels;
}

function decodeLabel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AwsError('InvalidURI', `Couldn't parse the specified URI: ${raw}`, { status: 400 });
  }
}
