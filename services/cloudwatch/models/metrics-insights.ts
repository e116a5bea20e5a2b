/**
 * Metrics Insights queries in GetMetricData expressions:
 *
 *   SELECT AVG|SUM|MIN|MAX|COUNT(metric) FROM namespace | SCHEMA(namespace[, key, ...])
 *   [WHERE key = 'v' | key != 'v' | key [NOT] IN ('a', ...), with AND, OR, parentheses]
 *   [GROUP BY key[, key ...]] [ORDER BY FUNC() [ASC|DESC]] [LIMIT n]
 *
 * The matched series' samples are combined per period (AVG is the sum over
 * the count of every sample, as one metric's Average is); GROUP BY makes one
 * series per distinct combination of the keys' values (series without a key
 * are left out), labelled with those values; ORDER BY ranks the groups by the
 * function over the whole range; at most 500 series answer.
 */
import { invalidParameterValue } from '../exceptions';
import type { Series } from './math';
import type { Aggregate, MetricSeries } from './metrics';
import { statistic } from './metrics';

export const INSIGHTS_LIMIT = 500;

const FUNCS: Record<string, string> = { AVG: 'Average', SUM: 'Sum', MIN: 'Minimum', MAX: 'Maximum', COUNT: 'SampleCount' };

type Cond =
  | { op: 'and' | 'or'; left: Cond; right: Cond }
  | { op: 'eq' | 'ne'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] };

export interface InsightsQuery {
  stat: string;
  metric: string;
  namespace: string;
  /** SCHEMA's dimension keys: a matched metric has exactly these (undefined: FROM namespace, any). */
  schema?: string[];
  where?: Cond;
  groupBy: string[];
  orderBy?: { stat: string; descending: boolean };
  limit: number;
}

type Tok = { kind: 'word' | 'str' | 'num' | 'punct'; text: string };

function lex(text: string, fail: (why: string) => Error): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:(')((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(\d+(?:\.\d+)?)|([A-Za-z_][\w./:-]*)|(!=|[(),=*]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw fail(`unexpected character at position ${at}`);
    if (m[1]) out.push({ kind: 'str', text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'word', text: m[3] });
    else if (m[4]) out.push({ kind: 'num', text: m[4] });
    else if (m[5]) out.push({ kind: 'word', text: m[5] });
    else out.push({ kind: 'punct', text: m[6] });
    at = re.lastIndex;
  }
  return out;
}

export const isInsightsQuery = (expression: string) => /^\s*SELECT\s/i.test(expression);

export function parseInsights(expression: string): InsightsQuery {
  const fail = (why: string) => invalidParameterValue(`Error in expression '${expression}': ${why}`);
  const toks = lex(expression, fail);
  let i = 0;
  const peek = () => toks[i];
  const isKw = (kw: string) => peek()?.kind === 'word' && peek().text.toUpperCase() === kw;
  const kw = (word: string) => {
    if (!isKw(word)) throw fail(`expected ${word}${peek() ? ` near '${peek().text}'` : ' at the end'}`);
    i++;
  };
  const punct = (p: string) => {
    if (peek()?.kind !== 'punct' || peek().text !== p) throw fail(`expected '${p}'`);
    i++;
  };
  const word = () => {
    const t = peek();
    if (t?.kind !== 'word') throw fail('expected a name');
    i++;
    return t.text;
  };
  const str = () => {
    const t = peek();
    if (t?.kind !== 'str') throw fail('expected a quoted value');
    i++;
    return t.text;
  };
  const func = () => {
    const name = word().toUpperCase();
    const stat = FUNCS[name];
    if (!stat) throw fail(`unknown function ${name}; use AVG, SUM, MIN, MAX or COUNT`);
    return stat;
  };

  kw('SELECT');
  const stat = func();
  punct('(');
  const metric = word();
  punct(')');
  kw('FROM');
  let namespace: string;
  let schema: string[] | undefined;
  if (isKw('SCHEMA')) {
    i++;
    punct('(');
    namespace = word();
    schema = [];
    while (peek()?.text === ',') {
      i++;
      schema.push(word());
    }
    punct(')');
  } else namespace = word();

  const factor = (): Cond => {
    if (peek()?.text === '(') {
      i++;
      const c = or();
      punct(')');
      return c;
    }
    const key = word();
    if (peek()?.text === '=' || peek()?.text === '!=') {
      const op = peek().text === '=' ? 'eq' : 'ne';
      i++;
      return { op, key, value: str() };
    }
    const negate = isKw('NOT');
    if (negate) i++;
    kw('IN');
    punct('(');
    const values = [str()];
    while (peek()?.text === ',') {
      i++;
      values.push(str());
    }
    punct(')');
    return { op: negate ? 'notin' : 'in', key, values };
  };
  const and = (): Cond => {
    let c = factor();
    while (isKw('AND')) {
      i++;
      c = { op: 'and', left: c, right: factor() };
    }
    return c;
  };
  const or = (): Cond => {
    let c = and();
    while (isKw('OR')) {
      i++;
      c = { op: 'or', left: c, right: and() };
    }
    return c;
  };

  let where: Cond | undefined;
  if (isKw('WHERE')) {
    i++;
    where = or();
  }
  const groupBy: string[] = [];
  if (isKw('GROUP')) {
    i++;
    kw('BY');
    groupBy.push(word());
    while (peek()?.text === ',') {
      i++;
      groupBy.push(word());
    }
  }
  let orderBy: InsightsQuery['orderBy'];
  if (isKw('ORDER')) {
    i++;
    kw('BY');
    const orderStat = func();
    punct('(');
    punct(')');
    let descending = false;
    if (isKw('DESC') || isKw('ASC')) descending = toks[i++].text.toUpperCase() === 'DESC';
    orderBy = { stat: orderStat, descending };
  }
  let limit = INSIGHTS_LIMIT;
  if (isKw('LIMIT')) {
    i++;
    const t = peek();
    if (t?.kind !== 'num' || !/^\d+$/.test(t.text) || Number(t.text) < 1 || Number(t.text) > INSIGHTS_LIMIT) {
      throw fail(`LIMIT must be an integer between 1 and ${INSIGHTS_LIMIT}`);
    }
    limit = Number(t.text);
    i++;
  }
  if (i < toks.length) throw fail(`unexpected '${toks[i].text}'`);
  return { stat, metric, namespace, schema, where, groupBy, orderBy, limit };
}

function test(cond: Cond, dims: Map<string, string>): boolean {
  switch (cond.op) {
    case 'and':
      return test(cond.left, dims) && test(cond.right, dims);
    case 'or':
      return test(cond.left, dims) || test(cond.right, dims);
    case 'eq':
      return dims.get(cond.key) === cond.value;
    case 'ne':
      return dims.get(cond.key) !== cond.value;
    case 'in':
      return cond.values.includes(dims.get(cond.key) as string);
    case 'notin':
      return !cond.values.includes(dims.get(cond.key) as string);
  }
}

function merge(into: Aggregate | undefined, b: Aggregate): Aggregate {
  if (!into) return { ...b, values: [...b.values] };
  into.count += b.count;
  into.sum += b.sum;
  into.min = Math.min(into.min, b.min);
  into.max = Math.max(into.max, b.max);
  return into;
}

/** Labels of the series a GROUP BY query returns (the groups' values), read by GetMetricData. */
export const insightsLabels = new WeakMap<Series, string>();

/** Runs a query over the stored series in [start, end), `periodSec` per datapoint. */
export function runInsights(q: InsightsQuery, all: Iterable<MetricSeries>, periodSec: number, start: number, end: number): Series[] {
  const periodMs = periodSec * 1000;
  const groups = new Map<string, { label: string; buckets: Map<number, Aggregate>; whole?: Aggregate }>();
  for (const s of all) {
    if (s.namespace !== q.namespace || s.name !== q.metric) continue;
    const dims = new Map(s.dimensions.map((d) => [d.Name, d.Value]));
    if (q.schema && (dims.size !== q.schema.length || !q.schema.every((k) => dims.has(k)))) continue;
    if (q.where && !test(q.where, dims)) continue;
    if (q.groupBy.some((k) => !dims.has(k))) continue;
    const values = q.groupBy.map((k) => dims.get(k) as string);
    const key = JSON.stringify(values);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { label: values.join(' '), buckets: new Map() }));
    for (const [t, b] of s.aggregate(Math.floor(start / periodMs) * periodMs, end, periodMs)) {
      group.buckets.set(t, merge(group.buckets.get(t), b));
      group.whole = merge(group.whole, { ...b, values: [] });
    }
  }
  let ranked = [...groups.values()].filter((g) => g.whole !== undefined);
  if (q.orderBy) {
    const by = q.orderBy;
    const value = (g: (typeof ranked)[number]) => statistic(g.whole as Aggregate, by.stat) ?? 0;
    ranked.sort((a, b) => (by.descending ? value(b) - value(a) : value(a) - value(b)));
  }
  ranked = ranked.slice(0, q.limit);
  return ranked.map((g) => {
    const series: Series = new Map();
    for (const [t, b] of g.buckets) {
      const v = statistic(b, q.stat);
      if (v !== undefined) series.set(t, v);
    }
    if (q.groupBy.length > 0) insightsLabels.set(series, g.label);
    return series;
  });
}
