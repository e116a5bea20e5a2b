/**
 * A PartiQL subset for DynamoDB's ExecuteStatement family: SELECT, INSERT,
 * UPDATE and DELETE on one table (SELECT also on "table"."index"), with
 * WHERE conditions translated into the expression trees the rest of the
 * service evaluates. `?` takes the next statement parameter.
 */
import type { AttributeValue } from '../values/attribute-value';
import { validateValue } from '../values/attribute-value';
import { normalizeNumber } from '../values/decimal';
import { validation } from '../exceptions';
import type { Comparator, Condition, Operand, Path, UpdateAction } from '../expressions/ast';

export type Statement =
  | { kind: 'SELECT'; table: string; index?: string; projection?: Path[]; where?: Condition }
  | { kind: 'INSERT'; table: string; item: Record<string, AttributeValue> }
  | { kind: 'UPDATE'; table: string; actions: UpdateAction[]; where?: Condition }
  | { kind: 'DELETE'; table: string; where?: Condition };

const TOKEN = /\s*(?:("(?:[^"]|"")*")|('(?:[^']|'')*')|(<<|>>|<=|>=|<>|!=|[=<>(),.[\]{}:*?+-])|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*))/y;

interface Tok {
  kind: 'ident' | 'quoted' | 'string' | 'op' | 'number' | 'eof';
  text: string;
}

function tokenize(sql: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < sql.length) {
    if (/^\s*$/.test(sql.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(sql);
    if (!m) throw syntax(sql.slice(pos).trim().split(/\s/)[0]);
    pos = TOKEN.lastIndex;
    if (m[1]) out.push({ kind: 'quoted', text: m[1].slice(1, -1).replace(/""/g, '"') });
    else if (m[2]) out.push({ kind: 'string', text: m[2].slice(1, -1).replace(/''/g, "'") });
    else if (m[3]) out.push({ kind: 'op', text: m[3] });
    else if (m[4]) out.push({ kind: 'number', text: m[4] });
    else out.push({ kind: 'ident', text: m[5] });
  }
  out.push({ kind: 'eof', text: '<EOF>' });
  return out;
}

function syntax(near: string) {
  return validation(`Statement wasn't well formed, can't be processed: unexpected token: ${near}`);
}

export class PartiqlParser {
  private readonly toks: Tok[];
  private i = 0;
  private param = 0;

  constructor(
    sql: string,
    private readonly params: AttributeValue[],
  ) {
    this.toks = tokenize(sql);
  }

  private peek(): Tok {
    return this.toks[this.i];
  }
  private next(): Tok {
    return this.toks[this.i++] ?? this.toks[this.toks.length - 1];
  }
  private isWord(w: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text.toUpperCase() === w;
  }
  private isOp(o: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === o;
  }
  private word(w: string): void {
    if (!this.isWord(w)) throw syntax(this.peek().text);
    this.next();
  }
  private op(o: string): void {
    if (!this.isOp(o)) throw syntax(this.peek().text);
    this.next();
  }

  parse(): Statement {
    const verb = this.next().text.toUpperCase();
    let st: Statement;
    if (verb === 'SELECT') st = this.select();
    else if (verb === 'INSERT') st = this.insert();
    else if (verb === 'UPDATE') st = this.update();
    else if (verb === 'DELETE') st = this.remove();
    else throw syntax(verb);
    if (this.isOp(';')) this.next();
    if (this.peek().kind !== 'eof') throw syntax(this.peek().text);
    if (this.param !== this.params.length) {
      throw validation(`Number of parameters in request and statement don't match.`);
    }
    return st;
  }

  private tableName(): { table: string; index?: string } {
    const t = this.next();
    if (t.kind !== 'quoted' && t.kind !== 'ident') throw syntax(t.text);
    let index: string | undefined;
    if (this.isOp('.')) {
      this.next();
      index = this.next().text;
    }
    return { table: t.text, index };
  }

  private select(): Statement {
    let projection: Path[] | undefined;
    if (this.isOp('*')) this.next();
    else {
      projection = [this.path()];
      while (this.isOp(',')) {
        this.next();
        projection.push(this.path());
      }
    }
    this.word('FROM');
    const { table, index } = this.tableName();
    return { kind: 'SELECT', table, index, projection, where: this.where() };
  }

  private insert(): Statement {
    this.word('INTO');
    const { table } = this.tableName();
    this.word('VALUE');
    const v = this.value();
    if (!v.M) throw validation('Unsupported operation: INSERT VALUE must be a tuple');
    return { kind: 'INSERT', table, item: v.M };
  }

  private update(): Statement {
    const { table } = this.tableName();
    const actions: UpdateAction[] = [];
    while (this.isWord('SET') || this.isWord('REMOVE')) {
      const clause = this.next().text.toUpperCase();
      do {
        if (this.isOp(',')) this.next();
        const path = this.path();
        if (clause === 'REMOVE') actions.push({ kind: 'REMOVE', path });
        else {
          this.op('=');
          let value = this.operand();
          if (this.isOp('+') || this.isOp('-')) {
            const op = this.next().text as '+' | '-';
            value = { kind: 'arith', op, left: value, right: this.operand() };
          }
          actions.push({ kind: 'SET', path, value });
        }
      } while (this.isOp(','));
    }
    if (!actions.length) throw syntax(this.peek().text);
    return { kind: 'UPDATE', table, actions, where: this.where() };
  }

  private remove(): Statement {
    this.word('FROM');
    const { table } = this.tableName();
    return { kind: 'DELETE', table, where: this.where() };
  }

  private where(): Condition | undefined {
    if (!this.isWord('WHERE')) return undefined;
    this.next();
    return this.or();
  }

  private or(): Condition {
    let left = this.and();
    while (this.isWord('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Condition {
    let left = this.not();
    while (this.isWord('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Condition {
    if (this.isWord('NOT')) {
      this.next();
      return { kind: 'not', condition: this.not() };
    }
    return this.predicate();
  }

  private predicate(): Condition {
    if (this.isOp('(')) {
      this.next();
      const c = this.or();
      this.op(')');
      return c;
    }
    const t = this.peek();
    const fn = t.kind === 'ident' ? t.text.toLowerCase() : '';
    if (['begins_with', 'contains', 'attribute_type'].includes(fn) && this.toks[this.i + 1]?.text === '(') {
      this.next();
      this.next();
      const path = this.path();
      this.op(',');
      const operand = this.operand();
      this.op(')');
      if (fn === 'attribute_type') return { kind: 'attribute_type', path, type: operand };
      return { kind: fn as 'begins_with' | 'contains', path: { kind: 'path', path }, operand };
    }
    const left = this.operand();
    if (this.isWord('IS')) {
      this.next();
      const negate = this.isWord('NOT');
      if (negate) this.next();
      this.word('MISSING');
      if (left.kind !== 'path') throw syntax('IS');
      return { kind: negate ? 'exists' : 'not_exists', path: left.path };
    }
    if (this.isWord('BETWEEN')) {
      this.next();
      const low = this.operand();
      this.word('AND');
      return { kind: 'between', operand: left, low, high: this.operand() };
    }
    if (this.isWord('IN')) {
      this.next();
      this.op('[');
      const list = [this.operand()];
      while (this.isOp(',')) {
        this.next();
        list.push(this.operand());
      }
      this.op(']');
      return { kind: 'in', operand: left, list };
    }
    const op = this.next();
    if (op.kind !== 'op' || !['=', '<>', '!=', '<', '<=', '>', '>='].includes(op.text)) throw syntax(op.text);
    const cmp = (op.text === '!=' ? '<>' : op.text) as Comparator;
    return { kind: 'compare', op: cmp, left, right: this.operand() };
  }

  private operand(): Operand {
    const t = this.peek();
    if (t.kind === 'ident' && !['TRUE', 'FALSE', 'NULL'].includes(t.text.toUpperCase())) return { kind: 'path', path: this.path() };
    if (t.kind === 'quoted') return { kind: 'path', path: this.path() };
    return { kind: 'value', value: validateValue(this.value()), ref: '' };
  }

  path(): Path {
    const first = this.next();
    if (first.kind !== 'ident' && first.kind !== 'quoted') throw syntax(first.text);
    const path: Path = [{ name: first.text }];
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        path.push({ name: this.next().text });
      } else if (this.isOp('[')) {
        this.next();
        const n = this.next();
        if (n.kind === 'string') path.push({ name: n.text });
        else path.push({ index: Number(n.text) });
        this.op(']');
      } else return path;
    }
  }

  private value(): AttributeValue {
    const t = this.next();
    if (t.kind === 'op' && t.text === '?') {
      const v = this.params[this.param++];
      if (!v) throw validation(`Number of parameters in request and statement don't match.`);
      return v;
    }
    if (t.kind === 'string') return { S: t.text };
    if (t.kind === 'number') return { N: normalizeNumber(t.text) };
    if (t.kind === 'ident') {
      const w = t.text.toUpperCase();
      if (w === 'TRUE' || w === 'FALSE') return { BOOL: w === 'TRUE' };
      if (w === 'NULL') return { NULL: true };
    }
    if (t.kind === 'op' && t.text === '{') {
      const m: Record<string, AttributeValue> = Object.create(null);
      while (!this.isOp('}')) {
        const k = this.next();
        if (k.kind !== 'string' && k.kind !== 'quoted') throw syntax(k.text);
        this.op(':');
        m[k.text] = this.value();
        if (this.isOp(',')) this.next();
      }
      this.next();
      return { M: m };
    }
    if (t.kind === 'op' && (t.text === '[' || t.text === '<<')) {
      const close = t.text === '[' ? ']' : '>>';
      const items: AttributeValue[] = [];
      while (!this.isOp(close)) {
        items.push(this.value());
        if (this.isOp(',')) this.next();
      }
      this.next();
      if (close === ']') return { L: items };
      if (items.every((x) => x.S !== undefined)) return { SS: items.map((x) => x.S as string) };
      if (items.every((x) => x.N !== undefined)) return { NS: items.map((x) => x.N as string) };
      return { BS: items.map((x) => x.B as Uint8Array) };
    }
    throw syntax(t.text);
  }
}
