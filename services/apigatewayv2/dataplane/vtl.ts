/**
 * A small Velocity (VTL) interpreter for API Gateway mapping templates:
 * references (`$x.y`, `${x}`, `$!x`, method calls, `[i]`), `#set`,
 * `#if/#elseif/#else/#end`, `#foreach` (with `$foreach.hasNext/index/count`
 * and `$velocityCount`), `##` and `#* *#` comments, and expressions with
 * literals, lists, maps, ranges and the usual operators. Values are plain JS
 * values; maps and lists print the way Java prints them (`{a=1}`, `[1, 2]`),
 * as API Gateway's Velocity does. Host objects (`$input`, `$util`) are objects
 * whose function members are their methods. A directive alone on its line
 * takes its line break with it, as Velocity does.
 */

type Expr =
  | { k: 'lit'; v: unknown }
  | { k: 'str'; parts: Node[] }
  | { k: 'ref'; ref: Ref }
  | { k: 'list'; items: Expr[] }
  | { k: 'map'; entries: [Expr, Expr][] }
  | { k: 'range'; from: Expr; to: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'neg'; e: Expr }
  | { k: 'bin'; op: string; l: Expr; r: Expr };

type Step = { k: 'prop'; name: string } | { k: 'call'; name: string; args: Expr[] } | { k: 'index'; e: Expr };
interface Ref {
  root: string;
  steps: Step[];
}

type Node =
  | { k: 'text'; s: string }
  | { k: 'ref'; ref: Ref; quiet: boolean; raw: string }
  | { k: 'set'; ref: Ref; e: Expr }
  | { k: 'if'; branches: [Expr, Node[]][]; otherwise: Node[] }
  | { k: 'foreach'; name: string; e: Expr; body: Node[] };

export class VtlError extends Error {}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

class Parser {
  i = 0;
  constructor(readonly src: string) {}

  fail(what: string): never {
    throw new VtlError(`${what} at ${this.i}`);
  }

  peek(s: string): boolean {
    return this.src.startsWith(s, this.i);
  }

  ws(): void {
    while (this.i < this.src.length && /\s/.test(this.src[this.i])) this.i++;
  }

  eat(s: string): boolean {
    this.ws();
    if (!this.peek(s)) return false;
    this.i += s.length;
    return true;
  }

  expect(s: string): void {
    if (!this.eat(s)) this.fail(`expected '${s}'`);
  }

  ident(): string | undefined {
    IDENT.lastIndex = this.i;
    const m = IDENT.exec(this.src);
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  /** Template nodes until one of `stops` (a directive name) or the end; returns the stop met. */
  nodes(stops: string[]): { nodes: Node[]; stop?: string } {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ k: 'text', s: text });
      text = '';
    };
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === '\\' && (this.src[this.i + 1] === '$' || this.src[this.i + 1] === '#')) {
        text += this.src[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === '#' && this.src[this.i + 1] === '#') {
        while (this.i < this.src.length && this.src[this.i] !== '\n') this.i++;
        continue;
      }
      if (c === '#' && this.src[this.i + 1] === '*') {
        const end = this.src.indexOf('*#', this.i + 2);
        this.i = end < 0 ? this.src.length : end + 2;
        continue;
      }
      if (c === '#') {
        const m = /^#\{?(set|if|elseif|else|end|foreach)\b\}?/.exec(this.src.slice(this.i));
        if (m) {
          // Alone on its line: only blanks between the previous line break (or the start) and the directive.
          const before = this.src.slice(this.src.lastIndexOf('\n', this.i - 1) + 1, this.i);
          const alone = /^[ \t]*$/.test(before) && text.endsWith(before);
          if (alone) text = text.slice(0, text.length - before.length);
          flush();
          this.i += m[0].length;
          const name = m[1];
          if (stops.includes(name)) {
            if (name === 'else' || name === 'end') this.gobble(alone);
            return { nodes: out, stop: name };
          }
          if (name === 'else' || name === 'elseif' || name === 'end') this.fail(`unexpected #${name}`);
          out.push(this.directive(name, alone));
          continue;
        }
      }
      if (c === '$') {
        const start = this.i;
        const ref = this.textRef();
        if (ref) {
          flush();
          out.push({ ...ref, raw: this.src.slice(start, this.i) });
          continue;
        }
        this.i = start;
      }
      text += c;
      this.i++;
    }
    flush();
    return { nodes: out };
  }

  /** After a directive alone on its line: the rest of the line (blanks and the line break) goes. */
  gobble(alone: boolean): void {
    if (!alone) return;
    const m = /^[ \t]*\r?\n/.exec(this.src.slice(this.i));
    if (m) this.i += m[0].length;
  }

  directive(name: string, alone: boolean): Node {
    if (name === 'set') {
      this.expect('(');
      this.ws();
      if (!this.peek('$')) this.fail('expected a reference');
      this.i++;
      const ref = this.ref(false);
      this.expect('=');
      const e = this.expr();
      this.expect(')');
      this.gobble(alone);
      return { k: 'set', ref, e };
    }
    if (name === 'foreach') {
      this.expect('(');
      this.expect('$');
      const v = this.ident() ?? this.fail('expected a loop variable');
      this.expect('in');
      const e = this.expr();
      this.expect(')');
      this.gobble(alone);
      const body = this.nodes(['end']);
      if (body.stop !== 'end') this.fail('#foreach without #end');
      return { k: 'foreach', name: v, e, body: body.nodes };
    }
    // #if
    const branches: [Expr, Node[]][] = [];
    let otherwise: Node[] = [];
    let cond = this.condition();
    this.gobble(alone);
    for (;;) {
      const part = this.nodes(['elseif', 'else', 'end']);
      if (part.stop === undefined) this.fail('#if without #end');
      branches.push([cond, part.nodes]);
      if (part.stop === 'end') break;
      if (part.stop === 'else') {
        const rest = this.nodes(['end']);
        if (rest.stop !== 'end') this.fail('#else without #end');
        otherwise = rest.nodes;
        break;
      }
      cond = this.condition();
      this.gobble(true);
    }
    return { k: 'if', branches, otherwise };
  }

  condition(): Expr {
    this.expect('(');
    const e = this.expr();
    this.expect(')');
    return e;
  }

  /** A reference in text: `$x...`, `$!x`, `${x}`, `$!{x}`; undefined when `$` starts none. */
  textRef(): { k: 'ref'; ref: Ref; quiet: boolean } | undefined {
    this.i++;
    const quiet = this.peek('!');
    if (quiet) this.i++;
    const braced = this.peek('{');
    if (braced) this.i++;
    IDENT.lastIndex = this.i;
    if (!IDENT.test(this.src)) return undefined;
    const ref = this.ref(true);
    if (braced && !this.eat('}')) return undefined;
    return { k: 'ref', ref, quiet };
  }

  /** The rest of a reference after `$`: identifier, then `.name`, `.name(args)`, `[expr]`. */
  ref(inText: boolean): Ref {
    const root = this.identNoDash() ?? this.fail('expected an identifier');
    const steps: Step[] = [];
    for (;;) {
      if (this.src[this.i] === '.' && /[A-Za-z_]/.test(this.src[this.i + 1] ?? '')) {
        this.i++;
        const name = this.identNoDash() as string;
        if (this.src[this.i] === '(') {
          this.i++;
          steps.push({ k: 'call', name, args: this.args(')') });
        } else steps.push({ k: 'prop', name });
      } else if (this.src[this.i] === '[' && !(inText && this.src[this.i + 1] === ']')) {
        this.i++;
        const e = this.expr();
        this.expect(']');
        steps.push({ k: 'index', e });
      } else return { root, steps };
    }
  }

  identNoDash(): string | undefined {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  args(close: string): Expr[] {
    const args: Expr[] = [];
    if (this.eat(close)) return args;
    do args.push(this.expr());
    while (this.eat(','));
    this.expect(close);
    return args;
  }

  expr(): Expr {
    return this.binary(0);
  }

  static LEVELS: string[][] = [['||', 'or'], ['&&', 'and'], ['==', '!=', 'eq', 'ne'], ['<=', '>=', '<', '>', 'le', 'ge', 'lt', 'gt'], ['+', '-'], ['*', '/', '%']];

  binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary();
    let l = this.binary(level + 1);
    for (;;) {
      this.ws();
      const op = Parser.LEVELS[level].find((o) => this.peek(o) && (/\W/.test(o) || !/[A-Za-z0-9_]/.test(this.src[this.i + o.length] ?? '')));
      if (!op) return l;
      this.i += op.length;
      l = { k: 'bin', op, l, r: this.binary(level + 1) };
    }
  }

  unary(): Expr {
    this.ws();
    if (this.peek('!') && !this.peek('!=')) {
      this.i++;
      return { k: 'not', e: this.unary() };
    }
    if (/^not\b/.test(this.src.slice(this.i))) {
      this.i += 3;
      return { k: 'not', e: this.unary() };
    }
    if (this.peek('-') && /\d/.test(this.src[this.i + 1] ?? '') === false) {
      this.i++;
      return { k: 'neg', e: this.unary() };
    }
    return this.primary();
  }

  primary(): Expr {
    this.ws();
    const c = this.src[this.i];
    if (c === '(') {
      this.i++;
      const e = this.expr();
      this.expect(')');
      return e;
    }
    if (c === '$') {
      this.i++;
      if (this.peek('!')) this.i++;
      const braced = this.peek('{');
      if (braced) this.i++;
      const ref = this.ref(false);
      if (braced) this.expect('}');
      return { k: 'ref', ref };
    }
    if (c === "'") {
      const end = this.src.indexOf("'", this.i + 1);
      if (end < 0) this.fail('unterminated string');
      const v = this.src.slice(this.i + 1, end);
      this.i = end + 1;
      return { k: 'lit', v };
    }
    if (c === '"') {
      const end = this.src.indexOf('"', this.i + 1);
      if (end < 0) this.fail('unterminated string');
      const inner = new Parser(this.src.slice(this.i + 1, end)).nodes([]).nodes;
      this.i = end + 1;
      return { k: 'str', parts: inner };
    }
    if (c === '[') {
      this.i++;
      if (this.eat(']')) return { k: 'list', items: [] };
      const first = this.expr();
      if (this.eat('..')) {
        const to = this.expr();
        this.expect(']');
        return { k: 'range', from: first, to };
      }
      const items = [first];
      while (this.eat(',')) items.push(this.expr());
      this.expect(']');
      return { k: 'list', items };
    }
    if (c === '{') {
      this.i++;
      const entries: [Expr, Expr][] = [];
      if (!this.eat('}')) {
        do {
          const key = this.expr();
          this.expect(':');
          entries.push([key, this.expr()]);
        } while (this.eat(','));
        this.expect('}');
      }
      return { k: 'map', entries };
    }
    const num = /^-?\d+(\.\d+)?/.exec(this.src.slice(this.i));
    if (num) {
      this.i += num[0].length;
      return { k: 'lit', v: Number(num[0]) };
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (new RegExp(`^${word}\\b`).test(this.src.slice(this.i))) {
        this.i += word.length;
        return { k: 'lit', v };
      }
    }
    return this.fail('expected an expression');
  }
}

/** How Velocity prints a value: Java's toString for maps and lists. */
export function vtlString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return `[${v.map(vtlString).join(', ')}]`;
  if (typeof v === 'object') {
    const custom = (v as { toString?: unknown }).toString;
    if (typeof custom === 'function' && custom !== Object.prototype.toString) return String(v);
    return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${vtlString(x)}`).join(', ')}}`;
  }
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return String(v);
}

function truthy(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false;
}

/** Java-like methods on strings, lists and maps, and a host object's own function members. */
function callMethod(target: unknown, name: string, args: unknown[]): unknown {
  if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
    const own = (target as Record<string, unknown>)[name];
    if (typeof own === 'function') return own(...args);
    const map = target as Record<string, unknown>;
    switch (name) {
      case 'get':
        return map[String(args[0])];
      case 'containsKey':
        return Object.hasOwn(map, String(args[0]));
      case 'keySet':
        return Object.keys(map);
      case 'values':
        return Object.values(map);
      case 'entrySet':
        return Object.entries(map).map(([key, value]) => ({ key, value }));
      case 'size':
        return Object.keys(map).length;
      case 'isEmpty':
        return Object.keys(map).length === 0;
      case 'put':
        map[String(args[0])] = args[1];
        return undefined;
      case 'remove':
        delete map[String(args[0])];
        return undefined;
    }
  }
  if (Array.isArray(target)) {
    switch (name) {
      case 'size':
        return target.length;
      case 'get':
        return target[Number(args[0])];
      case 'isEmpty':
        return target.length === 0;
      case 'contains':
        return target.includes(args[0]);
      case 'add':
        target.push(args[0]);
        return true;
    }
  }
  if (typeof target === 'string') {
    const a = args.map((x) => (typeof x === 'number' ? x : String(x)));
    switch (name) {
      case 'length':
      case 'size':
        return target.length;
      case 'isEmpty':
        return target.length === 0;
      case 'toUpperCase':
        return target.toUpperCase();
      case 'toLowerCase':
        return target.toLowerCase();
      case 'trim':
        return target.trim();
      case 'contains':
        return target.includes(String(a[0]));
      case 'startsWith':
        return target.startsWith(String(a[0]));
      case 'endsWith':
        return target.endsWith(String(a[0]));
      case 'equals':
        return target === a[0];
      case 'indexOf':
        return target.indexOf(String(a[0]));
      case 'substring':
        return target.substring(Number(a[0]), a[1] === undefined ? undefined : Number(a[1]));
      case 'replace':
        return target.split(String(a[0])).join(String(a[1]));
      case 'replaceAll':
        return target.replace(new RegExp(String(a[0]), 'g'), String(a[1]).replace(/\$(\d)/g, '$$$1'));
      case 'split':
        return target.split(new RegExp(String(a[0])));
      case 'matches':
        return new RegExp(`^(?:${a[0]})$`).test(target);
      case 'toString':
        return target;
    }
  }
  return undefined;
}

function property(target: unknown, name: string): unknown {
  if (target === null || target === undefined) return undefined;
  if (typeof target === 'object' && !Array.isArray(target)) {
    const v = (target as Record<string, unknown>)[name];
    if (v !== undefined && typeof v !== 'function') return v;
  }
  // Bean properties: `$list.size` reads `size()`, `$s.empty` reads `isEmpty()`.
  const getter = name === 'empty' ? 'isEmpty' : name;
  return typeof target === 'object' && !Array.isArray(target) ? undefined : callMethod(target, getter, []);
}

class Evaluator {
  out = '';
  constructor(readonly scope: Map<string, unknown>) {}

  run(nodes: Node[]): void {
    for (const node of nodes) this.node(node);
  }

  node(n: Node): void {
    switch (n.k) {
      case 'text':
        this.out += n.s;
        return;
      case 'ref': {
        const v = this.ref(n.ref);
        this.out += v === undefined || v === null ? (n.quiet ? '' : n.raw) : vtlString(v);
        return;
      }
      case 'set':
        this.assign(n.ref, this.expr(n.e));
        return;
      case 'if': {
        const branch = n.branches.find(([cond]) => truthy(this.expr(cond)));
        this.run(branch ? branch[1] : n.otherwise);
        return;
      }
      case 'foreach': {
        const source = this.expr(n.e);
        const items = Array.isArray(source) ? source : source && typeof source === 'object' ? Object.values(source) : [];
        const saved = [this.scope.get(n.name), this.scope.get('foreach'), this.scope.get('velocityCount')];
        items.forEach((item, index) => {
          this.scope.set(n.name, item);
          this.scope.set('foreach', { index, count: index + 1, hasNext: index < items.length - 1, first: index === 0, last: index === items.length - 1 });
          this.scope.set('velocityCount', index + 1);
          this.run(n.body);
        });
        this.scope.set(n.name, saved[0]);
        this.scope.set('foreach', saved[1]);
        this.scope.set('velocityCount', saved[2]);
        return;
      }
    }
  }

  assign(ref: Ref, value: unknown): void {
    if (ref.steps.length === 0) {
      this.scope.set(ref.root, value);
      return;
    }
    const parent = this.ref({ root: ref.root, steps: ref.steps.slice(0, -1) });
    const last = ref.steps[ref.steps.length - 1];
    if (parent && typeof parent === 'object' && last.k === 'prop') (parent as Record<string, unknown>)[last.name] = value;
  }

  ref(ref: Ref): unknown {
    let v = this.scope.get(ref.root);
    for (const step of ref.steps) {
      if (step.k === 'prop') v = property(v, step.name);
      else if (step.k === 'index') {
        const i = this.expr(step.e);
        v = Array.isArray(v) ? v[Number(i)] : v && typeof v === 'object' ? (v as Record<string, unknown>)[String(i)] : undefined;
      } else v = callMethod(v, step.name, step.args.map((a) => this.expr(a)));
      if (v === undefined) return undefined;
    }
    return v;
  }

  expr(e: Expr): unknown {
    switch (e.k) {
      case 'lit':
        return e.v;
      case 'str': {
        const inner = new Evaluator(this.scope);
        inner.run(e.parts);
        return inner.out;
      }
      case 'ref':
        return this.ref(e.ref);
      case 'list':
        return e.items.map((x) => this.expr(x));
      case 'map': {
        const m: Record<string, unknown> = {};
        for (const [k, v] of e.entries) m[String(this.expr(k))] = this.expr(v);
        return m;
      }
      case 'range': {
        const from = Number(this.expr(e.from));
        const to = Number(this.expr(e.to));
        const out: number[] = [];
        for (let i = from; from <= to ? i <= to : i >= to; i += from <= to ? 1 : -1) out.push(i);
        return out;
      }
      case 'not':
        return !truthy(this.expr(e.e));
      case 'neg':
        return -Number(this.expr(e.e));
      case 'bin':
        return this.binary(e.op, e.l, e.r);
    }
  }

  binary(op: string, l: Expr, r: Expr): unknown {
    if (op === '&&' || op === 'and') return truthy(this.expr(l)) && truthy(this.expr(r));
    if (op === '||' || op === 'or') return truthy(this.expr(l)) || truthy(this.expr(r));
    const a = this.expr(l);
    const b = this.expr(r);
    switch (op) {
      case '==':
      case 'eq':
        return typeof a === typeof b ? a === b : vtlString(a) === vtlString(b);
      case '!=':
      case 'ne':
        return !(typeof a === typeof b ? a === b : vtlString(a) === vtlString(b));
      case '<':
      case 'lt':
        return Number(a) < Number(b);
      case '>':
      case 'gt':
        return Number(a) > Number(b);
      case '<=':
      case 'le':
        return Number(a) <= Number(b);
      case '>=':
      case 'ge':
        return Number(a) >= Number(b);
      case '+':
        return typeof a === 'number' && typeof b === 'number' ? a + b : vtlString(a) + vtlString(b);
      case '-':
        return Number(a) - Number(b);
      case '*':
        return Number(a) * Number(b);
      case '/':
        return Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(Number(a) / Number(b)) : Number(a) / Number(b);
      case '%':
        return Number(a) % Number(b);
    }
    return undefined;
  }
}

/** Renders `template` with the given top-level variables; throws VtlError on a malformed template. */
export function renderVtl(template: string, variables: Record<string, unknown>): string {
  const parsed = new Parser(template).nodes([]);
  if (parsed.stop !== undefined) throw new VtlError(`unexpected #${parsed.stop}`);
  const evaluator = new Evaluator(new Map(Object.entries(variables)));
  evaluator.run(parsed.nodes);
  return evaluator.out;
}
