/**
 * CloudWatch Logs filter patterns (FilterLogEvents, metric and subscription
 * filters), as "Filter pattern syntax for metric filters, subscription
 * filters, filter log events, and Live Tail" describes them:
 *
 * - unstructured: terms (case-sensitive substrings, all required), quoted
 *   phrases, `?term` alternatives (any one), `-term` exclusions, `%regex%`;
 * - JSON: `{ $.a.b[0] = "x*" && ($.n > 5 || $.c IS TRUE) }`, with `=`/`!=` on
 *   strings (with `*` wildcards), the six comparisons on numbers, `IS NULL`,
 *   `IS TRUE`/`IS FALSE`, `NOT EXISTS`;
 * - space-delimited: `[ip, user, ..., status = 4*, bytes > 1000]`, fields
 *   split on spaces, "quoted" and [bracketed] fields kept whole.
 *
 * compile() throws InvalidParameterException on a pattern AWS would refuse.
 */
import { invalidParameter } from '../exceptions';

export interface CompiledPattern {
  matches(message: string): boolean;
  /** The value a metric transformation's `$.field` / `$name` selects, for a matching message. */
  value(message: string, selector: string): string | undefined;
}

const invalid = (): never => {
  throw invalidParameter('Invalid filter pattern');
};

export function compilePattern(text: string | undefined): CompiledPattern {
  const pattern = (text ?? '').trim();
  if (pattern === '') return { matches: () => true, value: () => undefined };
  if (pattern.startsWith('{')) return compileJson(pattern);
  if (pattern.startsWith('[')) return compileDelimited(pattern);
  return compileTerms(pattern);
}

// ---- unstructured terms ----

interface Term {
  kind: 'all' | 'any' | 'not';
  test: (message: string) => boolean;
}

function termTest(raw: string, quoted: boolean): (m: string) => boolean {
  if (!quoted && raw.length > 2 && raw.startsWith('%') && raw.endsWith('%')) {
    const re = regex(raw.slice(1, -1));
    return (m) => re.test(m);
  }
  return (m) => m.includes(raw);
}

function regex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    return invalid();
  }
}

function compileTerms(pattern: string): CompiledPattern {
  const terms: Term[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (pattern[i] === ' ') {
      i++;
      continue;
    }
    let kind: Term['kind'] = 'all';
    if (pattern[i] === '?') kind = 'any';
    else if (pattern[i] === '-') kind = 'not';
    if (kind !== 'all') i++;
    let raw: string;
    let quoted = false;
    if (pattern[i] === '"') {
      const end = pattern.indexOf('"', i + 1);
      if (end < 0) invalid();
      raw = pattern.slice(i + 1, end);
      quoted = true;
      i = end + 1;
    } else if (pattern[i] === '%' && pattern.indexOf('%', i + 1) > i + 1) {
      // A regex runs to its closing %, spaces included.
      const end = pattern.indexOf('%', i + 1);
      raw = pattern.slice(i, end + 1);
      i = end + 1;
    } else {
      const end = pattern.indexOf(' ', i);
      raw = pattern.slice(i, end < 0 ? pattern.length : end);
      i = end < 0 ? pattern.length : end;
    }
    if (raw === '' && !quoted) invalid();
    terms.push({ kind, test: termTest(raw, quoted) });
  }
  const all = terms.filter((t) => t.kind === 'all');
  const any = terms.filter((t) => t.kind === 'any');
  const not = terms.filter((t) => t.kind === 'not');
  return {
    matches: (m) =>
      all.every((t) => t.test(m)) && (any.length === 0 || any.some((t) => t.test(m))) && !not.some((t) => t.test(m)),
    value: () => undefined,
  };
}

// ---- shared comparison of one selected value ----

type Comparison = { op: string; value: string; kind: 'string' | 'number' | 'regex' | 'keyword' };

function compare(actual: unknown, c: Comparison): boolean {
  if (c.kind === 'keyword') {
    if (c.op === 'NOT EXISTS') return actual === undefined;
    if (c.op === 'IS NULL') return actual === null;
    if (c.op === 'IS TRUE') return actual === true;
    if (c.op === 'IS FALSE') return actual === false;
  }
  if (actual === undefined || actual === null || typeof actual === 'object') {
    return c.op === '!=' && actual !== undefined && typeof actual !== 'object';
  }
  const text = String(actual);
  if (c.kind === 'regex') {
    const hit = regex(c.value).test(text);
    return c.op === '!=' ? !hit : hit;
  }
  if (c.kind === 'number') {
    const n = Number(text);
    const v = Number(c.value);
    if (text.trim() === '' || Number.isNaN(n)) return c.op === '!=';
    switch (c.op) {
      case '=':
        return n === v;
      case '!=':
        return n !== v;
      case '<':
        return n < v;
      case '<=':
        return n <= v;
      case '>':
        return n > v;
      case '>=':
        return n >= v;
    }
  }
  const hit = wildcard(c.value).test(text);
  return c.op === '!=' ? !hit : hit;
}

function wildcard(value: string): RegExp {
  const escaped = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 's');
}

/** Tokens of a condition expression: parens, &&, ||, operators, selectors, literals. */
function tokenize(expr: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '(' || c === ')') {
      out.push(c);
      i++;
    } else if (expr.startsWith('&&', i) || expr.startsWith('||', i) || expr.startsWith('!=', i) || expr.startsWith('<=', i) || expr.startsWith('>=', i)) {
      out.push(expr.slice(i, i + 2));
      i += 2;
    } else if (c === '=' || c === '<' || c === '>') {
      out.push(c);
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== '"') j += expr[j] === '\\' ? 2 : 1;
      if (j >= expr.length) invalid();
      out.push(expr.slice(i, j + 1));
      i = j + 1;
    } else if (c === '%') {
      const j = expr.indexOf('%', i + 1);
      if (j < 0) invalid();
      out.push(expr.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < expr.length && !' \t()=<>!"&|'.includes(expr[j])) j++;
      if (j === i) invalid();
      out.push(expr.slice(i, j));
      i = j;
    }
  }
  return out;
}

type Node =
  | { and: [Node, Node] }
  | { or: [Node, Node] }
  | { selector: string; cmp: Comparison };

/** Recursive descent over `a && b || (c)`, && binding tighter than ||. */
function parseCondition(tokens: string[], isSelector: (t: string) => boolean): Node {
  let pos = 0;
  const peek = () => tokens[pos];
  const or = (): Node => {
    let left = and();
    while (peek() === '||') {
      pos++;
      left = { or: [left, and()] };
    }
    return left;
  };
  const and = (): Node => {
    let left = unit();
    while (peek() === '&&') {
      pos++;
      left = { and: [left, unit()] };
    }
    return left;
  };
  const unit = (): Node => {
    if (peek() === '(') {
      pos++;
      const inner = or();
      if (tokens[pos++] !== ')') invalid();
      return inner;
    }
    const selector = tokens[pos++];
    if (!selector || !isSelector(selector)) invalid();
    const op = tokens[pos++];
    if (op === 'IS' || op === 'NOT') {
      const word = tokens[pos++]?.toUpperCase();
      const keyword = `${op} ${word}`;
      if (!['IS NULL', 'IS TRUE', 'IS FALSE', 'NOT EXISTS'].includes(keyword)) invalid();
      return { selector, cmp: { op: keyword, value: '', kind: 'keyword' } };
    }
    if (!['=', '!=', '<', '<=', '>', '>='].includes(op)) invalid();
    const literal = tokens[pos++];
    if (literal === undefined || ['(', ')', '&&', '||'].includes(literal)) invalid();
    let cmp: Comparison;
    if (literal.startsWith('"')) cmp = { op, value: literal.slice(1, -1).replace(/\\"/g, '"'), kind: 'string' };
    else if (literal.length > 1 && literal.startsWith('%')) cmp = { op, value: literal.slice(1, -1), kind: 'regex' };
    else if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(literal)) cmp = { op, value: literal, kind: 'number' };
    else cmp = { op, value: literal, kind: 'string' };
    // Strings only compare for (in)equality.
    if (cmp.kind !== 'number' && op !== '=' && op !== '!=') invalid();
    return { selector, cmp };
  };
  const node = or();
  if (pos !== tokens.length) invalid();
  return node;
}

function evaluate(node: Node, select: (selector: string) => unknown): boolean {
  if ('and' in node) return evaluate(node.and[0], select) && evaluate(node.and[1], select);
  if ('or' in node) return evaluate(node.or[0], select) || evaluate(node.or[1], select);
  return compare(select(node.selector), node.cmp);
}

// ---- JSON patterns ----

/** `$.a.b[0].c` → the value in `doc` (undefined when a step is missing). */
export function selectJson(doc: unknown, selector: string): unknown {
  const path = selector.slice(1); // drop '$'
  const steps = path.match(/\.[^.[\]]+|\[\d+\]/g) ?? [];
  if (steps.join('') !== path) return undefined;
  let cur: unknown = doc;
  for (const step of steps) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    if (typeof key === 'number' ? !Array.isArray(cur) : !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

function parseJsonMessage(message: string): unknown {
  const text = message.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function compileJson(pattern: string): CompiledPattern {
  if (!pattern.endsWith('}')) invalid();
  const tokens = tokenize(pattern.slice(1, -1));
  const node = parseCondition(tokens, (t) => t === '$' || /^\$(\.[^.[\]]+|\[\d+\])+$/.test(t));
  return {
    matches: (m) => {
      const doc = parseJsonMessage(m);
      return doc !== undefined && evaluate(node, (s) => selectJson(doc, s));
    },
    value: (m, selector) => {
      const v = selectJson(parseJsonMessage(m), selector);
      return v === undefined || v === null || typeof v === 'object' ? undefined : String(v);
    },
  };
}

// ---- space-delimited patterns ----

/** Splits a log line into fields: spaces separate, "quoted" and [bracketed] runs stay whole. */
export function splitFields(message: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < message.length) {
    if (message[i] === ' ') {
      i++;
      continue;
    }
    const open = message[i];
    const close = open === '"' ? '"' : open === '[' ? ']' : undefined;
    if (close) {
      const end = message.indexOf(close, i + 1);
      if (end >= 0) {
        out.push(message.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    const end = message.indexOf(' ', i);
    out.push(message.slice(i, end < 0 ? message.length : end));
    i = end < 0 ? message.length : end;
  }
  return out;
}

interface DelimitedField {
  name: string;
  ellipsis: boolean;
  condition?: Node;
}

function compileDelimited(pattern: string): CompiledPattern {
  if (!pattern.endsWith(']')) invalid();
  const body = pattern.slice(1, -1);
  const fields: DelimitedField[] = [];
  for (const part of splitTopLevelCommas(body)) {
    const text = part.trim();
    if (text === '...') {
      fields.push({ name: '...', ellipsis: true });
      continue;
    }
    const tokens = tokenize(text);
    if (tokens.length === 0) invalid();
    const name = tokens[0] === '(' ? (tokens.find((t) => /^[A-Za-z_][\w]*$/.test(t)) ?? invalid()) : tokens[0];
    if (!/^[A-Za-z_][\w]*$/.test(name)) invalid();
    const condition = tokens.length > 1 ? parseCondition(tokens, (t) => t === name) : undefined;
    fields.push({ name, ellipsis: false, condition });
  }
  const bind = (values: string[]): Map<string, string> | undefined => assign(fields, values);
  return {
    matches: (m) => bind(splitFields(m)) !== undefined,
    value: (m, selector) => bind(splitFields(m))?.get(selector.replace(/^\$/, '')),
  };
}

function splitTopLevelCommas(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

/** Fits the message's fields to the pattern's (an ellipsis takes any number); undefined when they do not fit. */
function assign(fields: DelimitedField[], values: string[]): Map<string, string> | undefined {
  const place = (fi: number, vi: number, bound: Map<string, string>): Map<string, string> | undefined => {
    if (fi === fields.length) return vi === values.length ? bound : undefined;
    const f = fields[fi];
    if (f.ellipsis) {
      for (let take = 0; vi + take <= values.length; take++) {
        const got = place(fi + 1, vi + take, bound);
        if (got) return got;
      }
      return undefined;
    }
    if (vi >= values.length) return undefined;
    const v = values[vi];
    if (f.condition && !evaluate(f.condition, () => v)) return undefined;
    const next = new Map(bound);
    next.set(f.name, v);
    return place(fi + 1, vi + 1, next);
  };
  return place(0, 0, new Map());
}
