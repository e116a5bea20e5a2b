/**
 * The metric math functions (names upper case). Arguments are values
 * (numbers, series, arrays of series), strings (METRICS and SEARCH) or the
 * FILL keywords REPEAT and LINEAR. What each computes is CloudWatch's
 * (Using metric math: functions); ANOMALY_DETECTION_BAND is a band of
 * `k` standard deviations around the series' mean over the queried range,
 * a stable baseline instead of CloudWatch's trained model.
 */
import type { AwsError } from '../../../src/core/errors';
import { type MathContext, type Series, type Value, combine } from './math';

export type Arg = Value | { text: string } | { keyword: 'REPEAT' | 'LINEAR' };

const isText = (a: Arg): a is { text: string } => typeof a === 'object' && !Array.isArray(a) && !(a instanceof Map) && 'text' in a;
const isKeyword = (a: Arg): a is { keyword: 'REPEAT' | 'LINEAR' } => typeof a === 'object' && !Array.isArray(a) && !(a instanceof Map) && 'keyword' in a;
const isValue = (a: Arg | undefined): a is Value => a !== undefined && !isText(a) && !isKeyword(a);

/** Sorted [timestamp, value] pairs of a series. */
const points = (s: Series) => [...s.entries()].sort(([a], [b]) => a - b);

/** Applies a per-series function to a series or to each series of an array (numbers pass through). */
function perSeries(arg: Value, f: (s: Series) => Series): Value {
  if (Array.isArray(arg)) return arg.map(f);
  return typeof arg === 'number' ? arg : f(arg);
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

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Population standard deviation. */
const stddev = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

/** From consecutive datapoints: RATE, DIFF and DIFF_TIME (the first datapoint has no predecessor and is left out). */
function consecutive(f: (v0: number, v1: number, seconds: number) => number) {
  return (s: Series): Series => {
    const out: Series = new Map();
    const ps = points(s);
    for (let k = 1; k < ps.length; k++) out.set(ps[k][0], f(ps[k - 1][1], ps[k][1], (ps[k][0] - ps[k - 1][0]) / 1000));
    return out;
  };
}

function fill(s: Series, how: number | 'REPEAT' | 'LINEAR', grid: number[]): Series {
  const out: Series = new Map(s);
  const ps = points(s);
  if (typeof how === 'number') {
    for (const t of grid) if (!out.has(t)) out.set(t, how);
    return out;
  }
  if (ps.length === 0) return out;
  for (const t of grid) {
    if (out.has(t)) continue;
    // The nearest real datapoints before and after t (a gap at an end takes the nearest one).
    let before: [number, number] | undefined;
    let after: [number, number] | undefined;
    for (const p of ps) {
      if (p[0] < t) before = p;
      else if (p[0] > t) {
        after = p;
        break;
      }
    }
    if (how === 'REPEAT' || !before || !after) out.set(t, (before ?? after)?.[1] as number);
    else out.set(t, before[1] + ((after[1] - before[1]) * (t - before[0])) / (after[0] - before[0]));
  }
  return out;
}

function ifThen(cond: Value, then: Value, otherwise: Value | undefined): Value {
  if (Array.isArray(cond)) return cond.map((c) => ifThen(c, then, otherwise) as Series);
  const at = (v: Value | undefined, t: number): number | undefined =>
    v === undefined ? undefined : typeof v === 'number' ? v : Array.isArray(v) ? v[0]?.get(t) : v.get(t);
  if (typeof cond === 'number') {
    if (cond !== 0) return then;
    return otherwise ?? new Map();
  }
  const out: Series = new Map();
  for (const [t, c] of cond) {
    const v = c !== 0 ? at(then, t) : at(otherwise, t);
    if (v !== undefined) out.set(t, v);
  }
  return out;
}

export function callFunction(fn: string, args: Arg[], ctx: MathContext, fail: (why: string) => AwsError): Value {
  const value = (k: number): Value => {
    const a = args[k];
    if (!isValue(a)) throw fail(`Argument ${k + 1} of ${fn} must be a metric, an expression or a number.`);
    return a;
  };
  const arity = (min: number, max = min) => {
    if (args.length < min || args.length > max) throw fail(`${fn} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}.`);
  };
  const array = (k: number): Series[] => {
    const v = value(k);
    return Array.isArray(v) ? v : typeof v === 'number' ? [] : [v];
  };
  switch (fn) {
    case 'METRICS': {
      arity(0, 1);
      const prefix = args[0];
      if (prefix !== undefined && !isText(prefix)) throw fail('METRICS takes a string.');
      return ctx.metrics(prefix?.text);
    }
    case 'SEARCH': {
      arity(2, 3);
      const [text, stat, period] = args;
      if (!isText(text) || !isText(stat)) throw fail('SEARCH takes a search expression, a statistic and a period.');
      if (period !== undefined && typeof period !== 'number') throw fail('The period of SEARCH must be a number.');
      return ctx.search(text.text, stat.text, period ?? ctx.period);
    }
    case 'SUM':
      arity(1);
      return reduce(value(0), (xs) => xs.reduce((a, b) => a + b, 0));
    case 'AVG':
      arity(1);
      return reduce(value(0), mean);
    case 'MIN':
      arity(1);
      return reduce(value(0), (xs) => Math.min(...xs));
    case 'MAX':
      arity(1);
      return reduce(value(0), (xs) => Math.max(...xs));
    case 'STDDEV':
      arity(1);
      return reduce(value(0), stddev);
    case 'ABS':
    case 'CEIL':
    case 'FLOOR':
    case 'LOG':
    case 'LOG10': {
      arity(1);
      const f = { ABS: Math.abs, CEIL: Math.ceil, FLOOR: Math.floor, LOG: Math.log, LOG10: Math.log10 }[fn];
      return combine(value(0), 0, (a) => f(a));
    }
    case 'FILL': {
      arity(2);
      const how = args[1];
      const mode = isKeyword(how) ? how.keyword : typeof how === 'number' ? how : undefined;
      if (mode === undefined) throw fail('FILL takes a series and a number, REPEAT or LINEAR.');
      const grid = ctx.timestamps();
      return perSeries(value(0), (s) => fill(s, mode, grid));
    }
    case 'IF':
      arity(2, 3);
      return ifThen(value(0), value(1), args.length === 3 ? value(2) : undefined);
    case 'RATE':
      arity(1);
      return perSeries(value(0), consecutive((v0, v1, seconds) => (v1 - v0) / seconds));
    case 'DIFF':
      arity(1);
      return perSeries(value(0), consecutive((v0, v1) => v1 - v0));
    case 'DIFF_TIME':
      arity(1);
      return perSeries(value(0), consecutive((_v0, _v1, seconds) => seconds));
    case 'PERIOD':
      arity(1);
      return perSeries(value(0), (s) => new Map([...s.keys()].map((t) => [t, ctx.period])));
    case 'RUNNING_SUM':
      arity(1);
      return perSeries(value(0), (s) => {
        let total = 0;
        return new Map(points(s).map(([t, v]) => [t, (total += v)]));
      });
    case 'DATAPOINT_COUNT':
      arity(1);
      return reduce(value(0), (xs) => xs.length);
    case 'METRIC_COUNT':
      arity(1);
      return array(0).length;
    case 'FIRST':
    case 'LAST': {
      arity(1);
      const list = array(0);
      const pick = fn === 'FIRST' ? list[0] : list[list.length - 1];
      return pick ?? new Map();
    }
    case 'REMOVE_EMPTY':
      arity(1);
      return array(0).filter((s) => s.size > 0);
    case 'TIME_SERIES': {
      arity(1);
      const v = value(0);
      if (typeof v !== 'number') throw fail('TIME_SERIES takes a number.');
      return new Map(ctx.timestamps().map((t) => [t, v]));
    }
    case 'ANOMALY_DETECTION_BAND': {
      arity(1, 2);
      const k = args.length === 2 ? value(1) : 2;
      if (typeof k !== 'number') throw fail('The band width of ANOMALY_DETECTION_BAND must be a number.');
      const s = value(0);
      if (typeof s === 'number' || Array.isArray(s)) throw fail('ANOMALY_DETECTION_BAND takes one metric.');
      const xs = [...s.values()];
      const m = xs.length > 0 ? mean(xs) : 0;
      const width = xs.length > 0 ? k * stddev(xs) : 0;
      const grid = xs.length > 0 ? ctx.timestamps() : [];
      return [new Map(grid.map((t) => [t, m - width])), new Map(grid.map((t) => [t, m + width]))];
    }
    default:
      throw fail(`Unknown function ${fn}.`);
  }
}
