/**
 * Metric math for GetMetricData and alarms: a recursive-descent parser over
 * query ids, numbers, strings, operators and function calls. Precedence,
 * loosest first: OR (||), AND (&&), comparisons (== != < <= > >=, 1 or 0 per
 * datapoint), + -, * /, ^, unary minus. The functions are in
 * math-functions.ts. Series are maps timestamp → value; binary operations
 * keep the timestamps both sides have; arrays of series apply pointwise.
 */
import { invalidParameterValue } from '../exceptions';
import { type Arg, callFunction } from './math-functions';

export type Series = Map<number, number>;
export type Value = number | Series | Series[];

type Token = { kind: 'num'; value: number } | { kind: 'id'; value: string } | { kind: 'str'; value: string } | { kind: 'op'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(==|!=|<=|>=|&&|\|\||[-+*/(),^<>]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw invalidParameterValue(`Error in expression '${text}': Unexpected character at position ${at + 1}.`);
    at = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ kind: 'id', value: m[2] });
    else if (m[3] !== undefined || m[4] !== undefined) tokens.push({ kind: 'str', value: (m[3] ?? m[4]).replace(/\\(.)/g, '$1') });
    else tokens.push({ kind: 'op', value: m[5] });
  }
  return tokens;
}

export interface MathContext {
  /** A query's series by id (undefined: no such id). */
  series(id: string): Series | undefined;
  /** The series of every MetricStat query, in query order (METRICS()). */
  metrics(prefix?: string): Series[];
  /** The period (seconds) of the expression (its query's Period, else its metrics'). */
  period: number;
  /** Every period start of the queried range (FILL fills these). */
  timestamps(): number[];
  /** SEARCH(expression, stat, period): the series of every matching metric. */
  search(expression: string, stat: string, period: number): Series[];
}

const COMPARE: Record<string, (a: number, b: number) => number> = {
  '==': (a, b) => Number(a === b),
  '!=': (a, b) => Number(a !== b),
  '<': (a, b) => Number(a < b),
  '<=': (a, b) => Number(a <= b),
  '>': (a, b) => Number(a > b),
  '>=': (a, b) => Number(a >= b),
};

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
  /** AND / OR written as words (not a call of a function of that name). */
  const isWord = (w: string) => {
    const t = peek();
    const next = tokens[i + 1];
    return t?.kind === 'id' && t.value.toUpperCase() === w && !(next?.kind === 'op' && next.value === '(');
  };

  function expr(): Value {
    let left = conjunction();
    while (isOp('||') || isWord('OR')) {
      take();
      left = combine(left, conjunction(), (a, b) => Number(a !== 0 || b !== 0));
    }
    return left;
  }
  function conjunction(): Value {
    let left = comparison();
    while (isOp('&&') || isWord('AND')) {
      take();
      left = combine(left, comparison(), (a, b) => Number(a !== 0 && b !== 0));
    }
    return left;
  }
  function comparison(): Value {
    let left = sum();
    while (peek()?.kind === 'op' && (peek()?.value as string) in COMPARE) {
      const f = COMPARE[take().value as string];
      left = combine(left, sum(), f);
    }
    return left;
  }
  function sum(): Value {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = take().value as string;
      left = combine(left, term(), op === '+' ? (a, b) => a + b : (a, b) => a - b);
    }
    return left;
  }
  function term(): Value {
    let left = power();
    while (isOp('*') || isOp('/')) {
      const op = take().value as string;
      left = combine(left, power(), op === '*' ? (a, b) => a * b : (a, b) => (b === 0 ? Number.NaN : a / b));
    }
    return left;
  }
  function power(): Value {
    const base = unary();
    if (!isOp('^')) return base;
    take();
    return combine(base, power(), (a, b) => a ** b);
  }
  function unary(): Value {
    if (isOp('-')) {
      take();
      return combine(-1, unary(), (a, b) => a * b);
    }
    return primary();
  }
  function args(): Arg[] {
    take('(');
    const out: Arg[] = [];
    if (isOp(')')) {
      take();
      return out;
    }
    for (;;) {
      const t = peek();
      const next = tokens[i + 1];
      const ends = next?.kind === 'op' && (next.value === ',' || next.value === ')');
      if (t?.kind === 'str' && ends) {
        i++;
        out.push({ text: t.value });
      } else if (t?.kind === 'id' && ends && (t.value === 'REPEAT' || t.value === 'LINEAR')) {
        i++;
        out.push({ keyword: t.value });
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
    return callFunction(t.value.toUpperCase(), args(), ctx, fail);
  }

  const value = expr();
  if (i < tokens.length) throw fail('Unexpected token after the end of the expression.');
  return value;
}

export function combine(a: Value, b: Value, f: (x: number, y: number) => number): Value {
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
