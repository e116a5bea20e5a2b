/**
 * A Logs Insights query engine for the commands tests use most: `fields`,
 * `display`, `filter`, `parse` (glob and named-group regex), `stats ... by`
 * (count, count_distinct, sum, avg, min, max, with `bin(period)`), `sort` and
 * `limit`. Records carry @timestamp, @message, @logStream, @log,
 * @ingestionTime, @ptr and the fields discovered in JSON messages (flattened
 * with dots). Malformed queries throw MalformedQueryException.
 */
import { malformedQuery } from '../exceptions';

export type Value = string | number | boolean | null | undefined;
export type LogRecord = Record<string, Value>;
export type Row = Array<{ field: string; value: string }>;

// ---- lexing ----

type Tok = { t: 'id' | 'num' | 'str' | 're' | 'op' | 'punct'; v: string };

function lex(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        s += text[j++];
      }
      if (j >= text.length) throw malformedQuery(`unterminated string at ${i}`);
      out.push({ t: 'str', v: s });
      i = j + 1;
    } else if (c === '/') {
      const j = text.indexOf('/', i + 1);
      if (j < 0) throw malformedQuery(`unterminated regex at ${i}`);
      out.push({ t: 're', v: text.slice(i + 1, j) });
      i = j + 1;
      while (/[a-z]/.test(text[i] ?? '')) i++; // flags are accepted and ignored
    } else if (c === '`') {
      const j = text.indexOf('`', i + 1);
      if (j < 0) throw malformedQuery(`unterminated field name at ${i}`);
      out.push({ t: 'id', v: text.slice(i + 1, j) });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? '') && !/^(id|num|str)$/.test(out[out.length - 1]?.t ?? ''))) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_@$]/.test(c)) {
      const m = /^[A-Za-z_@$][\w.@$-]*/.exec(text.slice(i)) as RegExpExecArray;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else {
      const two = text.slice(i, i + 2);
      if (['!=', '<=', '>=', '=~', '==', '&&', '||'].includes(two)) {
        out.push({ t: 'op', v: two });
        i += 2;
      } else if ('=<>+-*%'.includes(c)) {
        out.push({ t: 'op', v: c });
        i++;
      } else if ('(),[]'.includes(c)) {
        out.push({ t: 'punct', v: c });
        i++;
      } else {
        throw malformedQuery(`unexpected symbol '${c}' at ${i}`);
      }
    }
  }
  return out;
}

// ---- expressions ----

type Expr =
  | { k: 'lit'; v: Value }
  | { k: 're'; v: string }
  | { k: 'field'; name: string }
  | { k: 'call'; fn: string; args: Expr[] }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'in'; e: Expr; list: Expr[]; negate: boolean };

class Parser {
  pos = 0;
  constructor(readonly toks: Tok[]) {}
  peek(): Tok | undefined {
    return this.toks[this.pos];
  }
  word(): string | undefined {
    const t = this.peek();
    return t?.t === 'id' ? t.v.toLowerCase() : undefined;
  }
  eat(v: string): boolean {
    const t = this.peek();
    if (t && (t.t === 'op' || t.t === 'punct' || t.t === 'id') && t.v.toLowerCase() === v) {
      this.pos++;
      return true;
    }
    return false;
  }
  expect(v: string): void {
    if (!this.eat(v)) throw malformedQuery(`expected '${v}'`);
  }
  done(): boolean {
    return this.pos >= this.toks.length;
  }
  or(): Expr {
    let l = this.and();
    while (this.eat('or') || this.eat('||')) l = { k: 'bin', op: 'or', l, r: this.and() };
    return l;
  }
  and(): Expr {
    let l = this.not();
    while (this.eat('and') || this.eat('&&')) l = { k: 'bin', op: 'and', l, r: this.not() };
    return l;
  }
  not(): Expr {
    if (this.eat('not')) return { k: 'not', e: this.not() };
    return this.cmp();
  }
  cmp(): Expr {
    const l = this.sum();
    const t = this.peek();
    if (t?.t === 'op' && ['=', '==', '!=', '<', '<=', '>', '>=', '=~'].includes(t.v)) {
      this.pos++;
      return { k: 'bin', op: t.v === '==' ? '=' : t.v, l, r: this.sum() };
    }
    let negate = false;
    if (this.word() === 'not' && ['like', 'in'].includes(this.toks[this.pos + 1]?.v.toLowerCase() ?? '')) {
      this.pos++;
      negate = true;
    }
    if (this.eat('like')) {
      const e: Expr = { k: 'bin', op: 'like', l, r: this.sum() };
      return negate ? { k: 'not', e } : e;
    }
    if (this.eat('in')) {
      this.expect('[');
      const list: Expr[] = [];
      while (!this.eat(']')) {
        list.push(this.sum());
        this.eat(',');
        if (this.done()) throw malformedQuery("expected ']'");
      }
      return { k: 'in', e: l, list, negate };
    }
    return l;
  }
  sum(): Expr {
    let l = this.product();
    for (let t = this.peek(); t?.t === 'op' && (t.v === '+' || t.v === '-'); t = this.peek()) {
      this.pos++;
      l = { k: 'bin', op: t.v, l, r: this.product() };
    }
    return l;
  }
  product(): Expr {
    let l = this.atom();
    for (let t = this.peek(); t?.t === 'op' && (t.v === '*' || t.v === '%') && this.toks[this.pos + 1]?.v !== ')'; t = this.peek()) {
      this.pos++;
      l = { k: 'bin', op: t.v, l, r: this.atom() };
    }
    return l;
  }
  atom(): Expr {
    const t = this.peek();
    if (!t) throw malformedQuery('unexpected end of query');
    this.pos++;
    if (t.t === 'num') return { k: 'lit', v: Number(t.v) };
    if (t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 're') return { k: 're', v: t.v };
    if (t.v === '(') {
      const e = this.or();
      this.expect(')');
      return e;
    }
    if (t.t === 'op' && t.v === '*') return { k: 'lit', v: '*' };
    if (t.t !== 'id') throw malformedQuery(`unexpected '${t.v}'`);
    const lower = t.v.toLowerCase();
    if (lower === 'true' || lower === 'false') return { k: 'lit', v: lower === 'true' };
    if (this.eat('(')) {
      const args: Expr[] = [];
      while (!this.eat(')')) {
        args.push(this.or());
        this.eat(',');
        if (this.done()) throw malformedQuery("expected ')'");
      }
      return { k: 'call', fn: lower, args };
    }
    return { k: 'field', name: t.v };
  }
}

function num(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

function eq(a: Value, b: Value): boolean {
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) return x === y;
  return a !== undefined && a !== null && String(a) === String(b);
}

function evaluate(e: Expr, r: LogRecord): Value {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 're':
      return e.v;
    case 'field':
      return r[e.name];
    case 'not':
      return !truthy(evaluate(e.e, r));
    case 'in': {
      const v = evaluate(e.e, r);
      const hit = e.list.some((x) => eq(v, evaluate(x, r)));
      return e.negate ? !hit : hit;
    }
    case 'call':
      return call(e, r);
    case 'bin': {
      if (e.op === 'and') return truthy(evaluate(e.l, r)) && truthy(evaluate(e.r, r));
      if (e.op === 'or') return truthy(evaluate(e.l, r)) || truthy(evaluate(e.r, r));
      const a = evaluate(e.l, r);
      if (e.op === 'like' || e.op === '=~') {
        if (a === undefined || a === null) return false;
        return e.r.k === 're' ? new RegExp(e.r.v).test(String(a)) : String(a).includes(String(evaluate(e.r, r)));
      }
      const b = evaluate(e.r, r);
      if (e.op === '=') return eq(a, b);
      if (e.op === '!=') return a !== undefined && !eq(a, b);
      const x = num(a);
      const y = num(b);
      if (['+', '-', '*', '%'].includes(e.op)) {
        if (x === undefined || y === undefined) return undefined;
        return e.op === '+' ? x + y : e.op === '-' ? x - y : e.op === '*' ? x * y : x % y;
      }
      if (x !== undefined && y !== undefined) return e.op === '<' ? x < y : e.op === '<=' ? x <= y : e.op === '>' ? x > y : x >= y;
      if (a === undefined || a === null || b === undefined || b === null) return false;
      const s = String(a);
      const t = String(b);
      return e.op === '<' ? s < t : e.op === '<=' ? s <= t : e.op === '>' ? s > t : s >= t;
    }
  }
}

function call(e: Extract<Expr, { k: 'call' }>, r: LogRecord): Value {
  const arg = (i: number) => (e.args[i] ? evaluate(e.args[i], r) : undefined);
  switch (e.fn) {
    case 'ispresent':
      return arg(0) !== undefined && arg(0) !== null;
    case 'isempty':
      return arg(0) === undefined || arg(0) === null || arg(0) === '';
    case 'isblank':
      return arg(0) === undefined || arg(0) === null || String(arg(0)).trim() === '';
    case 'tolower':
      return arg(0) === undefined ? undefined : String(arg(0)).toLowerCase();
    case 'toupper':
      return arg(0) === undefined ? undefined : String(arg(0)).toUpperCase();
    case 'strlen':
      return arg(0) === undefined ? undefined : String(arg(0)).length;
    case 'concat':
      return e.args.map((_, i) => String(arg(i) ?? '')).join('');
    case 'abs':
      return num(arg(0)) === undefined ? undefined : Math.abs(num(arg(0)) as number);
    case 'floor':
      return num(arg(0)) === undefined ? undefined : Math.floor(num(arg(0)) as number);
    case 'ceil':
      return num(arg(0)) === undefined ? undefined : Math.ceil(num(arg(0)) as number);
    default:
      throw malformedQuery(`unknown function ${e.fn}`);
  }
}

function truthy(v: Value): boolean {
  return v !== undefined && v !== null && v !== false && v !== 0 && v !== '';
}

// ---- commands ----

interface Aggregate {
  fn: string;
  arg?: Expr;
  name: string;
}

type Command =
  | { c: 'fields'; items: Array<{ e: Expr; name: string }>; display: boolean }
  | { c: 'filter'; e: Expr }
  | { c: 'parse'; source: Expr; glob?: RegExp; names: string[] }
  | { c: 'stats'; aggs: Aggregate[]; by: Array<{ e: Expr; name: string; bin?: number }> }
  | { c: 'sort'; keys: Array<{ name: string; desc: boolean }> }
  | { c: 'limit'; n: number };

/** Splits on `|` outside quotes and regexes. */
function splitPipes(q: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (const c of q) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`' || c === '/') {
      quote = c;
    } else if (c === '|') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

function nameOf(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Comma-separated items of `expr [as name]`, keeping the source text as the default name. */
function items(p: Parser, source: Tok[]): Array<{ e: Expr; name: string }> {
  const out: Array<{ e: Expr; name: string }> = [];
  while (!p.done()) {
    const start = p.pos;
    const e = p.or();
    const text = source.slice(start, p.pos).map((t) => (t.t === 'str' ? `"${t.v}"` : t.v)).join('');
    let name = e.k === 'field' ? e.name : nameOf(text);
    if (p.eat('as')) {
      const t = p.peek();
      if (t?.t !== 'id') throw malformedQuery('expected a name after as');
      p.pos++;
      name = t.v;
    }
    out.push({ e, name });
    if (!p.eat(',')) break;
  }
  if (!p.done()) throw malformedQuery(`unexpected '${p.peek()?.v}'`);
  return out;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseQuery(query: string): Command[] {
  const commands: Command[] = [];
  for (const part of splitPipes(query)) {
    const m = /^(\w+)\s*([\s\S]*)$/.exec(part);
    if (!m) throw malformedQuery(`cannot parse '${part}'`);
    const [, word, rest] = m;
    const cmd = word.toLowerCase();
    if (cmd === 'limit') {
      if (!/^\d+$/.test(rest.trim())) throw malformedQuery('limit needs a number');
      commands.push({ c: 'limit', n: Number(rest.trim()) });
      continue;
    }
    const toks = lex(rest);
    const p = new Parser(toks);
    if (cmd === 'fields' || cmd === 'display') {
      commands.push({ c: 'fields', items: items(p, toks), display: cmd === 'display' });
    } else if (cmd === 'filter') {
      const e = p.or();
      if (!p.done()) throw malformedQuery(`unexpected '${p.peek()?.v}'`);
      commands.push({ c: 'filter', e });
    } else if (cmd === 'parse') {
      commands.push(parseCommand(p, toks));
    } else if (cmd === 'stats') {
      commands.push(statsCommand(p, toks));
    } else if (cmd === 'sort') {
      const keys: Array<{ name: string; desc: boolean }> = [];
      while (!p.done()) {
        const t = toks[p.pos++];
        if (t.t !== 'id') throw malformedQuery('sort needs field names');
        const desc = p.eat('desc');
        if (!desc) p.eat('asc');
        keys.push({ name: t.v, desc });
        p.eat(',');
      }
      commands.push({ c: 'sort', keys });
    } else {
      throw malformedQuery(`unexpected command '${word}'`);
    }
  }
  return commands;
}

function parseCommand(p: Parser, toks: Tok[]): Command {
  const source = p.atom();
  const pattern = toks[p.pos++];
  if (pattern?.t === 're') {
    const names = [...pattern.v.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((x) => x[1]);
    if (names.length === 0) throw malformedQuery('parse regex needs named groups');
    return { c: 'parse', source, glob: new RegExp(pattern.v), names };
  }
  if (pattern?.t !== 'str') throw malformedQuery('parse needs a pattern');
  const pieces = pattern.v.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  if (!p.eat('as')) throw malformedQuery('parse needs "as"');
  const names: string[] = [];
  while (!p.done()) {
    const t = toks[p.pos++];
    if (t.t === 'id') names.push(t.v);
  }
  if (names.length !== pieces.length - 1) throw malformedQuery('parse: the number of fields must match the wildcards');
  // Wildcards are lazy, the last one runs to the end of the text.
  const body = pieces.slice(0, -1).map((x, i) => x + (i < pieces.length - 2 ? '(.*?)' : '(.*)')).join('');
  return { c: 'parse', source, glob: new RegExp(body + pieces[pieces.length - 1], 's'), names };
}

function statsCommand(p: Parser, toks: Tok[]): Command {
  const aggs: Aggregate[] = [];
  for (;;) {
    const start = p.pos;
    const e = p.atom();
    if (e.k !== 'call' || !['count', 'count_distinct', 'sum', 'avg', 'min', 'max'].includes(e.fn)) {
      throw malformedQuery('stats needs an aggregate function');
    }
    const text = toks.slice(start, p.pos).map((t) => t.v).join('');
    let name = text;
    if (p.eat('as')) name = toks[p.pos++]?.v ?? name;
    const arg = e.args[0] && !(e.args[0].k === 'lit' && e.args[0].v === '*') ? e.args[0] : undefined;
    aggs.push({ fn: e.fn, arg, name });
    if (!p.eat(',')) break;
  }
  const by: Array<{ e: Expr; name: string; bin?: number }> = [];
  if (p.eat('by')) {
    for (const it of items(p, toks)) {
      let bin: number | undefined;
      if (it.e.k === 'call' && it.e.fn === 'bin') {
        // bin(5m) lexes as the number 5 and the unit m.
        const [amount, unit] = it.e.args;
        const unitName = unit?.k === 'field' ? unit.name : 's';
        if (amount?.k !== 'lit' || typeof amount.v !== 'number' || !(unitName in UNITS)) throw malformedQuery('bin needs a period such as 5m');
        bin = amount.v * UNITS[unitName];
      }
      by.push({ ...it, bin });
    }
  } else if (!p.done()) {
    throw malformedQuery(`unexpected '${p.peek()?.v}'`);
  }
  return { c: 'stats', aggs, by };
}

// ---- running ----

export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function show(field: string, v: Value): string {
  if (field === '@timestamp' && typeof v === 'number') return formatTimestamp(v);
  return typeof v === 'number' ? String(Math.round(v * 1e9) / 1e9) : String(v);
}

export function run(commands: Command[], input: LogRecord[], limit: number): { rows: Row[]; matched: number } {
  let records = input;
  let shown: string[] | undefined;
  let sorted = false;
  let stats = false;
  let max = limit;
  for (const cmd of commands) {
    if (cmd.c === 'filter') records = records.filter((r) => truthy(evaluate(cmd.e, r)));
    else if (cmd.c === 'fields') {
      records = records.map((r) => {
        const next = { ...r };
        for (const it of cmd.items) next[it.name] = evaluate(it.e, r);
        return next;
      });
      shown = cmd.display ? cmd.items.map((i) => i.name) : [...(shown ?? []), ...cmd.items.map((i) => i.name)];
    } else if (cmd.c === 'parse') {
      records = records.map((r) => {
        const m = cmd.glob?.exec(String(evaluate(cmd.source, r) ?? ''));
        if (!m) return r;
        const next = { ...r };
        cmd.names.forEach((n, i) => {
          next[n] = m.groups?.[n] ?? m[i + 1];
        });
        return next;
      });
    } else if (cmd.c === 'stats') {
      records = aggregate(cmd, records);
      shown = [...cmd.by.map((b) => b.name), ...cmd.aggs.map((a) => a.name)];
      stats = true;
    } else if (cmd.c === 'sort') {
      records = [...records].sort((a, b) => {
        for (const k of cmd.keys) {
          const c = order(a[k.name], b[k.name]);
          if (c !== 0) return k.desc ? -c : c;
        }
        return 0;
      });
      sorted = true;
    } else if (cmd.c === 'limit') max = Math.min(max, cmd.n);
  }
  if (!sorted && !stats) records = [...records].sort((a, b) => order(b['@timestamp'], a['@timestamp']));
  const fields = shown ?? ['@timestamp', '@message'];
  const rows = records.slice(0, max).map((r) => {
    const row: Row = [];
    for (const f of fields) if (r[f] !== undefined && r[f] !== null) row.push({ field: f, value: show(f, r[f]) });
    if (!stats && r['@ptr'] !== undefined) row.push({ field: '@ptr', value: String(r['@ptr']) });
    return row;
  });
  return { rows, matched: records.length };
}

function order(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) return x - y;
  return String(a) < String(b) ? -1 : 1;
}

function aggregate(cmd: Extract<Command, { c: 'stats' }>, records: LogRecord[]): LogRecord[] {
  const groups = new Map<string, { key: LogRecord; members: LogRecord[] }>();
  for (const r of records) {
    const key: LogRecord = {};
    for (const b of cmd.by) {
      const v = b.bin !== undefined ? Math.floor(Number(r['@timestamp']) / b.bin) * b.bin : evaluate(b.e, r);
      key[b.name] = b.bin !== undefined ? formatTimestamp(v as number) : v;
    }
    const id = JSON.stringify(cmd.by.map((b) => key[b.name] ?? null));
    let g = groups.get(id);
    if (!g) {
      g = { key, members: [] };
      groups.set(id, g);
    }
    g.members.push(r);
  }
  const out: LogRecord[] = [];
  for (const g of groups.values()) {
    const row: LogRecord = { ...g.key };
    for (const a of cmd.aggs) {
      const values = a.arg ? g.members.map((r) => evaluate(a.arg as Expr, r)).filter((v) => v !== undefined && v !== null) : g.members.map(() => 1);
      const nums = values.map(num).filter((n): n is number => n !== undefined);
      switch (a.fn) {
        case 'count':
          row[a.name] = values.length;
          break;
        case 'count_distinct':
          row[a.name] = new Set(values.map(String)).size;
          break;
        case 'sum':
          row[a.name] = nums.reduce((s, n) => s + n, 0);
          break;
        case 'avg':
          row[a.name] = nums.length ? nums.reduce((s, n) => s + n, 0) / nums.length : undefined;
          break;
        case 'min':
          row[a.name] = nums.length ? Math.min(...nums) : undefined;
          break;
        case 'max':
          row[a.name] = nums.length ? Math.max(...nums) : undefined;
          break;
      }
    }
    out.push(row);
  }
  return out;
}

/** JSON messages contribute their fields, flattened with dots (`a.b`, `list.0`). */
export function discoverFields(message: string, into: LogRecord): void {
  const text = message.trim();
  if (!text.startsWith('{')) return;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return;
  }
  const walk = (v: unknown, prefix: string) => {
    if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) walk(child, prefix ? `${prefix}.${k}` : k);
    } else if (prefix) {
      into[prefix] = v as Value;
    }
  };
  walk(doc, '');
}
