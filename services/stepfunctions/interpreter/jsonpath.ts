/**
 * JSONPath as the Amazon States Language uses it: reference paths
 * (`$.a.b`, `$['x'][0]`) that name one node, and the wider syntax Paths
 * allow (`[*]`, `..`, slices, unions, `[?(@.x > 1)]` filters) that select
 * several, answered as an array. `$$` addresses the context object and
 * `$name` a workflow variable; the caller hands in the root to start from.
 */
import { json, put, runtimeError } from './errors';

type Seg =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wild' }
  | { kind: 'deep'; name?: string }
  | { kind: 'union'; keys: (string | number)[] }
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'filter'; expr: string };

export interface ParsedPath {
  /** '$' (the input), '$$' (the context object) or '$name' (a variable). */
  root: string;
  segs: Seg[];
  /** Names a single node (no wildcard, slice, union, filter or deep scan). */
  definite: boolean;
}

const cache = new Map<string, ParsedPath>();

export function parsePath(path: string): ParsedPath {
  const hit = cache.get(path);
  if (hit) return hit;
  const parsed = parse(path);
  if (cache.size > 5000) cache.clear();
  cache.set(path, parsed);
  return parsed;
}

function parse(path: string): ParsedPath {
  const m = /^(\$\$|\$[A-Za-z_][A-Za-z0-9_]*|\$)/.exec(path);
  if (!m) throw new SyntaxError(`'${path}' is not a JSONPath`);
  const root = m[1];
  const segs: Seg[] = [];
  let i = root.length;
  while (i < path.length) {
    const c = path[i];
    if (c === '.' && path[i + 1] === '.') {
      i += 2;
      const name = /^[^.[]*/.exec(path.slice(i))?.[0] ?? '';
      i += name.length;
      segs.push({ kind: 'deep', name: name === '*' || name === '' ? undefined : name });
    } else if (c === '.') {
      i++;
      const name = /^[^.[]+/.exec(path.slice(i))?.[0];
      if (!name) throw new SyntaxError(`'${path}' has an empty field name`);
      i += name.length;
      if (name === '*') segs.push({ kind: 'wild' });
      else if (name === 'length()') segs.push({ kind: 'field', name: '\u0000length' });
      else segs.push({ kind: 'field', name });
    } else if (c === '[') {
      const close = findClose(path, i);
      const body = path.slice(i + 1, close).trim();
      i = close + 1;
      segs.push(bracket(body, path));
    } else {
      throw new SyntaxError(`'${path}' has an unexpected '${c}' at ${i}`);
    }
  }
  const definite = segs.every((s) => s.kind === 'field' || s.kind === 'index');
  return { root, segs, definite };
}

function findClose(path: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < path.length; i++) {
    const c = path[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  throw new SyntaxError(`'${path}' has an unclosed '['`);
}

function bracket(body: string, path: string): Seg {
  if (body === '*') return { kind: 'wild' };
  if (body.startsWith('?(') && body.endsWith(')')) return { kind: 'filter', expr: body.slice(2, -1) };
  if (/^-?\d*:-?\d*(:-?\d*)?$/.test(body)) {
    const [a, b, c] = body.split(':').map((x) => (x === '' ? undefined : Number(x)));
    return { kind: 'slice', start: a, end: b, step: c };
  }
  const keys = splitTop(body, ',').map((k) => {
    const t = k.trim();
    if (/^-?\d+$/.test(t)) return Number(t);
    const q = /^(['"])(.*)\1$/.exec(t);
    if (!q) throw new SyntaxError(`'${path}' has a bad subscript [${body}]`);
    return q[2].replace(/\\(.)/g, '$1');
  });
  if (keys.length === 1) return typeof keys[0] === 'number' ? { kind: 'index', index: keys[0] } : { kind: 'field', name: keys[0] };
  return { kind: 'union', keys };
}

/** Splits on `sep` outside quotes and brackets. */
export function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string) => Object.hasOwn(o, k);

function step(nodes: unknown[], seg: Seg): unknown[] {
  const out: unknown[] = [];
  for (const node of nodes) {
    switch (seg.kind) {
      case 'field':
        if (seg.name === '\u0000length') {
          if (Array.isArray(node)) out.push(node.length);
        } else if (isObj(node) && own(node, seg.name)) out.push(node[seg.name]);
        break;
      case 'index':
        if (Array.isArray(node)) {
          const i = seg.index < 0 ? node.length + seg.index : seg.index;
          if (i >= 0 && i < node.length) out.push(node[i]);
        }
        break;
      case 'wild':
        if (Array.isArray(node)) out.push(...node);
        else if (isObj(node)) out.push(...Object.values(node));
        break;
      case 'union':
        for (const k of seg.keys) out.push(...step([node], typeof k === 'number' ? { kind: 'index', index: k } : { kind: 'field', name: k }));
        break;
      case 'slice':
        if (Array.isArray(node)) {
          const n = node.length;
          const stepBy = seg.step ?? 1;
          const norm = (v: number | undefined, d: number) => (v === undefined ? d : v < 0 ? Math.max(0, n + v) : Math.min(n, v));
          for (let i = norm(seg.start, 0); i < norm(seg.end, n); i += stepBy) out.push(node[i]);
        }
        break;
      case 'deep':
        deep(node, seg.name, out);
        break;
      case 'filter':
        if (Array.isArray(node)) for (const item of node) if (filter(seg.expr, item)) out.push(item);
        break;
    }
  }
  return out;
}

function deep(node: unknown, name: string | undefined, out: unknown[]): void {
  if (Array.isArray(node)) {
    if (name === undefined) out.push(...node);
    for (const v of node) deep(v, name, out);
  } else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (name === undefined || k === name) out.push(v);
      deep(v, name, out);
    }
  }
}

/** `@.price < 10`, `@.tag == 'x'`, `@.flag`, joined with && or ||. */
function filter(expr: string, item: unknown): boolean {
  const ors = expr.split('||');
  return ors.some((or) => or.split('&&').every((term) => compare(term.trim(), item)));
}

function compare(term: string, item: unknown): boolean {
  const m = /^(@[^<>=!]*?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(term);
  const left = (p: string) => {
    const hits = select(`$${p.slice(1)}`, item);
    return hits.length ? hits[0] : undefined;
  };
  if (!m) return term.startsWith('@') ? left(term) !== undefined : false;
  const a = left(m[1].trim());
  const raw = m[3].trim();
  const b: unknown = /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1) : raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : Number(raw);
  switch (m[2]) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return (a as number) < (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>':
      return (a as number) > (b as number);
    default:
      return (a as number) >= (b as number);
  }
}

/** Every node `path` selects under `root` (the `$...` part, whatever the root symbol). */
export function select(path: string, root: unknown): unknown[] {
  let nodes: unknown[] = [root];
  for (const seg of parsePath(path).segs) nodes = step(nodes, seg);
  return nodes;
}

export interface Roots {
  input: unknown;
  context: unknown;
  variables?: ReadonlyMap<string, unknown>;
}

/**
 * The value of a Path field: one node for a definite path, an array of
 * matches for an indefinite one; a definite path that names nothing fails
 * the execution with States.Runtime as AWS words it.
 */
export function evaluatePath(path: string, roots: Roots, field: string): unknown {
  const parsed = parsePath(path);
  let root: unknown;
  let where = 'input';
  if (parsed.root === '$') root = roots.input;
  else if (parsed.root === '$$') {
    root = roots.context;
    where = 'context object';
  } else {
    const name = parsed.root.slice(1);
    if (!roots.variables?.has(name)) throw runtimeError(`The JSONPath '${path}' specified for the field '${field}' could not be found: variable '${name}' is not defined`);
    root = roots.variables.get(name);
  }
  const hits = select(path, root);
  if (parsed.definite) {
    if (!hits.length) {
      throw runtimeError(`The JSONPath '${path}' specified for the field '${field}' could not be found in the ${where} '${json(root)}'`);
    }
    return hits[0];
  }
  return hits;
}

/** ResultPath: `input` with `value` placed at `path` (`$` replaces it; null keeps the input). */
export function setPath(input: unknown, path: string | null | undefined, value: unknown): unknown {
  if (path === null) return input;
  if (path === undefined || path === '$') return value;
  const parsed = parsePath(path);
  if (parsed.root !== '$' || !parsed.definite) throw runtimeError(`Invalid ResultPath '${path}'`);
  if (!isObj(input) && !Array.isArray(input)) throw runtimeError(`Unable to apply ResultPath '${path}' to input '${json(input)}'`);
  const out = structuredClone(input);
  let node: unknown = out;
  parsed.segs.forEach((seg, i) => {
    const last = i === parsed.segs.length - 1;
    if (seg.kind === 'field') {
      if (!isObj(node)) throw runtimeError(`Unable to apply ResultPath '${path}' to input '${json(input)}'`);
      const child = own(node, seg.name) ? node[seg.name] : undefined;
      if (last) put(node, seg.name, value);
      else if (isObj(child) || Array.isArray(child)) node = child;
      else {
        const fresh = {};
        put(node, seg.name, fresh);
        node = fresh;
      }
    } else if (seg.kind === 'index') {
      if (!Array.isArray(node) || seg.index >= node.length) throw runtimeError(`Unable to apply ResultPath '${path}' to input '${json(input)}'`);
      if (last) node[seg.index] = value;
      else node = node[seg.index];
    }
  });
  return out;
}
