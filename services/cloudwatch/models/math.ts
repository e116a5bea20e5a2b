/**
 * Metric math for GetMetricData and alarms: arithmetic (+ - * /) between
 * query ids and numbers, parentheses, METRICS() (every MetricStat query,
 * optionally those whose id starts with a prefix) and the functions SUM,
 * AVG, MIN, MAX (across an array of series: pointwise; over one series: a
 * scalar), ABS and FILL(series, value). Series are maps timestamp → value;
 * binary operations keep the timestamps both sides have.
 */
import { invalidParameterValue } from '../exceptions';

export type Series = Map<number, number>;
export type Value = number | Series | Series[];

type Token = { kind: 'num'; value: number } | { kind: 'id'; value: string } | { kind: 'str'; value: string } | { kind: 'op'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|"([^"]*)"|'([^']*)'|([-+*/(),]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw invalidParameterValue(`Error in expression '${text}': Unexpected character at position ${at + 1}.`);
    at = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ kind: 'id', value: m[2] });
    else if (m[3] !== undefined || m[4] !== undefined) tokens.push({ kind: 'str', value: m[3] ?? m[4] });
    else tokens.push({ kind: 'op', value: m[5] });
  }
  return tokens;
}

export interface MathContext {
  /** A query's series by id (undefined: no such id). */
  series(id: string): Series | undefined;
  /** The series of every MetricStat query, in query order (METRICS()). */
  metrics(prefix?: string): Series[];
}

export function evaluate(expression: string, ctx: MathContext): Value {
  const tokens = tokenize(expression);
  let i = 0;
  const fail = (why: string) => invalidParameterValue(`Error in expression '${expression}': ${why}`);
  const peek = () => tokens[i];
  const take = (op?: string) => {
    const t = tokens[i++];
    if (!t || (op !== undefined && (t.kind !== 'op' || t.value !== op))) throw fail(op ? `Expected '${op}'.` : 'Unexpected end of expression.');
    return t;
  };
  const isOp = (v: string) => peek()?.kind === 'op' && peek()?.value === v;

  function expr(): Value {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = take().value as string;
      left = combine(left, term(), op === '+' ? (a, b) => a + b : (a, b) => a - b);
    }
    return left;
  }
  function term(): Value {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = take().value as string;
      left = combine(left, unary(), op === '*' ? (a, b) => a * b : (a, b) => (b === 0 ? Number.NaN : a / b));
    }
    return left;
  }
  function unary(): Value {
    if (isOp('-')) {
      take();
      return combine(-1, unary(), (a, b) => a * b);
    }
    return primary();
  }
  /** The string argument of the last call parsed (METRICS("prefix")). */
  let stringArg: string | undefined;
  function args(): Value[] {
    stringArg = undefined;
    take('(');
    const out: Value[] = [];
    if (isOp(')')) {
      take();
      return out;
    }
    for (;;) {
      const t = peek();
      if (t?.kind === 'str') {
        i++;
        stringArg = t.value;
      } else out.push(expr());
      if (isOp(',')) take();
      else break;
    }
    take(')');
    return out;
  }
  function primary(): Value {
    const t = take();
    if (t.kind === 'num') return t.value;
    if (t.kind === 'op' && t.value === '(') {
      const v = expr();
      take(')');
      return v;
    }
    if (t.kind !== 'id') throw fail('Unexpected token.');
    if (!isOp('(')) {
      const s = ctx.series(t.value);
      if (!s) throw fail(`Unrecognized metric id ${t.value}.`);
      return s;
    }
    const fn = t.value.toUpperCase();
    const list = args();
    if (fn === 'METRICS') return ctx.metrics(stringArg);
    if (fn === 'FILL') {
      if (list.length !== 2 || typeof list[1] !== 'number') throw fail('FILL takes a series and a number.');
      return fill(list[0], list[1], ctx);
    }
    if (list.length !== 1) throw fail(`${fn} takes one argument.`);
    const arg = list[0];
    switch (fn) {
      case 'SUM':
        return reduce(arg, (xs) => xs.reduce((a, b) => a + b, 0));
      case 'AVG':
        return reduce(arg, (xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
      case 'MIN':
        return reduce(arg, (xs) => Math.min(...xs));
      case 'MAX':
        return reduce(arg, (xs) => Math.max(...xs));
      case 'ABS':
        return combine(arg, 0, (a) => Math.abs(a));
      default:
        throw fail(`Unknown function ${fn}.`);
    }
  }

  const value = expr();
  if (i < tokens.length) throw fail('Unexpected token after the end of the expression.');
  return value;
}

function combine(a: Value, b: Value, f: (x: number, y: number) => number): Value {
  if (Array.isArray(a)) return a.map((s) => combine(s, b, f) as Series);
  if (Array.isArray(b)) return b.map((s) => combine(a, s, f) as Series);
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  const out: Series = new Map();
  if (typeof a === 'number') for (const [t, v] of b as Series) out.set(t, f(a, v));
  else if (typeof b === 'number') for (const [t, v] of a) out.set(t, f(v, b));
  else for (const [t, v] of a) if (b.has(t)) out.set(t, f(v, b.get(t) as number));
  for (const [t, v] of out) if (Number.isNaN(v)) out.delete(t);
  return out;
}

/** Across an array: pointwise over the series present at each timestamp; over one series: one number. */
function reduce(arg: Value, f: (xs: number[]) => number): Value {
  if (typeof arg === 'number') return arg;
  if (!Array.isArray(arg)) return arg.size === 0 ? Number.NaN : f([...arg.values()]);
  const at = new Map<number, number[]>();
  for (const s of arg) for (const [t, v] of s) at.set(t, [...(at.get(t) ?? []), v]);
  const out: Series = new Map();
  for (const [t, xs] of at) out.set(t, f(xs));
  return out;
}

function fill(arg: Value, value: number, ctx: MathContext): Value {
  const every = new Set<number>();
  for (const s of ctx.metrics()) for (const t of s.keys()) every.add(t);
  const one = (s: Series): Series => {
    const out = new Map(s);
    for (const t of every) if (!out.has(t)) out.set(t, value);
    return out;
  };
  if (Array.isArray(arg)) return arg.map(one);
  return typeof arg === 'number' ? arg : one(arg);
}
