/**
 * HTTP API route keys (`GET /items/{id}`, `ANY /{proxy+}`, `$default`) and
 * how API Gateway picks one for a request: an exact path beats a path
 * variable, a path variable beats a greedy `{proxy+}`, a method beats `ANY`,
 * and `$default` takes whatever nothing else matched.
 */

const METHODS = new Set(['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

interface Segment {
  literal?: string;
  param?: string;
  greedy?: boolean;
}

export interface ParsedKey {
  method: string;
  segments: Segment[];
}

/** The parsed key, or a reason it is not a valid HTTP route key. */
export function parseRouteKey(key: string): ParsedKey | string {
  const space = key.indexOf(' ');
  if (space < 0) return `Invalid route key: ${key}`;
  const method = key.slice(0, space);
  const path = key.slice(space + 1);
  if (!METHODS.has(method)) return `Invalid route key: ${key}. Method must be one of ${[...METHODS].join(', ')}`;
  if (!path.startsWith('/')) return `Invalid route key: ${key}. Path must start with /`;
  const parts = path === '/' ? [] : path.slice(1).split('/');
  const segments: Segment[] = [];
  for (const [i, part] of parts.entries()) {
    const m = /^\{([A-Za-z0-9._-]+)(\+)?\}$/.exec(part);
    if (m) {
      if (m[2] && i !== parts.length - 1) return `Invalid route key: ${key}. A greedy path variable must be the last segment`;
      segments.push({ param: m[1], greedy: Boolean(m[2]) });
    } else if (part === '' || /[{}]/.test(part)) {
      return `Invalid route key: ${key}`;
    } else {
      segments.push({ literal: part });
    }
  }
  return { method, segments };
}

export interface RouteMatch<R> {
  route: R;
  pathParameters: Record<string, string>;
}

/**
 * A rank for a match, compared left to right: for each segment 2 for a
 * literal, 1 for a variable, 0 for the greedy tail; then 1 for a named method.
 */
function rank(key: ParsedKey): number[] {
  const r = key.segments.map((s) => (s.literal !== undefined ? 2 : s.greedy ? 0 : 1));
  return [...r, key.method === 'ANY' ? 0 : 1];
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? -1;
    const y = b[i] ?? -1;
    if (x !== y) return x > y;
  }
  return false;
}

function matchPath(key: ParsedKey, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = Object.create(null);
  for (const [i, seg] of key.segments.entries()) {
    if (seg.greedy) {
      const rest = parts.slice(i);
      if (rest.length === 0) return undefined;
      params[seg.param as string] = rest.map(decodeSegment).join('/');
      return params;
    }
    if (i >= parts.length) return undefined;
    if (seg.literal !== undefined) {
      if (decodeSegment(parts[i]) !== seg.literal) return undefined;
    } else {
      params[seg.param as string] = decodeSegment(parts[i]);
    }
  }
  return key.segments.length === parts.length ? params : undefined;
}

/** A percent-decoded path segment; a malformed escape stays as sent. */
export function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The route API Gateway chooses for `method` and `path` (the path after any stage prefix). */
export function selectRoute<R extends { RouteKey: string }>(routes: R[], method: string, path: string): RouteMatch<R> | undefined {
  const parts = path === '/' || path === '' ? [] : path.replace(/^\//, '').split('/');
  if (parts.length && parts[parts.length - 1] === '') parts.pop();
  let best: { match: RouteMatch<R>; rank: number[] } | undefined;
  let fallback: R | undefined;
  for (const route of routes) {
    if (route.RouteKey === '$default') {
      fallback = route;
      continue;
    }
    const key = parseRouteKey(route.RouteKey);
    if (typeof key === 'string') continue;
    if (key.method !== 'ANY' && key.method !== method) continue;
    const params = matchPath(key, parts);
    if (!params) continue;
    const r = rank(key);
    if (!best || better(r, best.rank)) best = { match: { route, pathParameters: params }, rank: r };
  }
  if (best) return best.match;
  return fallback ? { route: fallback, pathParameters: Object.create(null) } : undefined;
}
