/** Metric data in and out: PutMetricData, GetMetricStatistics, GetMetricData, ListMetrics. */
import { clock } from '../../../src/core/clock';
import { invalidNextToken, invalidParameterCombination, invalidParameterValue, missingParameter } from '../exceptions';
import { METRIC_EXPIRY_MS } from '../models/backend';
import { isPercentile, type Sample, statistic } from '../models/metrics';
import { insightsLabels } from '../models/metrics-insights';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken } from './common';

const MAX_METRICS_PER_CALL = 1000;
const MAX_DIMENSIONS = 30;
const MAX_VALUES = 150;
const TWO_WEEKS = 14 * 24 * 3600_000;
const TWO_HOURS = 2 * 3600_000;

/** Checks one datum and turns it into a sample (every check before any datum is stored). */
function sampleOf(d: T.MetricDatum, i: number, now: number): Sample {
  const p = `MetricData.member.${i}`;
  const given = [d.Value !== undefined && 'Value', d.StatisticValues && 'StatisticValues', d.Values && 'Values'].filter(Boolean) as string[];
  if (given.length > 1) {
    throw invalidParameterCombination(`The parameters ${p}.${given[0]} and ${p}.${given[1]} are mutually exclusive and you have specified both.`);
  }
  if ((d.Dimensions?.length ?? 0) > MAX_DIMENSIONS) {
    throw invalidParameterValue(`The collection ${p}.Dimensions must not have a size greater than ${MAX_DIMENSIONS}.`);
  }
  const t = d.Timestamp?.getTime() ?? now;
  if (t < now - TWO_WEEKS) throw invalidParameterValue(`The parameter ${p}.Timestamp must specify a time no more than two weeks in the past.`);
  if (t > now + TWO_HOURS) throw invalidParameterValue(`The parameter ${p}.Timestamp must specify a time no more than two hours in the future.`);
  const unit = d.Unit ?? 'None';
  if (d.StatisticValues) {
    const s = d.StatisticValues;
    if (s.SampleCount <= 0) throw invalidParameterValue(`The parameter ${p}.StatisticValues.SampleCount must be greater than 0.`);
    if (s.Minimum > s.Maximum) {
      throw invalidParameterValue(`The parameter ${p}.StatisticValues.Maximum must be greater than ${p}.StatisticValues.Minimum.`);
    }
    return { t, count: s.SampleCount, sum: s.Sum, min: s.Minimum, max: s.Maximum, unit };
  }
  if (d.Values) {
    if (d.Values.length > MAX_VALUES) throw invalidParameterValue(`The collection ${p}.Values must not have a size greater than ${MAX_VALUES}.`);
    const counts = d.Counts ?? d.Values.map(() => 1);
    if (counts.length !== d.Values.length) {
      throw invalidParameterValue(`The parameters ${p}.Values and ${p}.Counts must be of the same size.`);
    }
    const values: Array<[number, number]> = d.Values.map((v, j) => [v, counts[j]]);
    const total = counts.reduce((a, b) => a + b, 0);
    return {
      t,
      count: total,
      sum: values.reduce((a, [v, c]) => a + v * c, 0),
      min: Math.min(...d.Values),
      max: Math.max(...d.Values),
      unit,
      values,
    };
  }
  if (d.Counts) throw invalidParameterCombination(`The parameter ${p}.Counts requires ${p}.Values.`);
  if (d.Value === undefined) throw missingParameter(`The parameter ${p}.Value is required.`);
  return { t, count: 1, sum: d.Value, min: d.Value, max: d.Value, unit, values: [[d.Value, 1]] };
}

export function putMetricData(input: T.PutMetricDataInput, ctx: Ctx) {
  if (input.Namespace.startsWith('AWS/')) {
    throw invalidParameterValue(`The value ${input.Namespace} for parameter Namespace is invalid.`);
  }
  const data = input.MetricData ?? [];
  if (data.length === 0) throw missingParameter('The parameter MetricData is required.');
  if (data.length > MAX_METRICS_PER_CALL) {
    throw invalidParameterValue(`The collection MetricData must not have a size greater than ${MAX_METRICS_PER_CALL}.`);
  }
  const now = clock.now();
  const samples = data.map((d, i) => sampleOf(d, i + 1, now));
  for (const [i, d] of data.entries()) ctx.backend.putMetric(input.Namespace, d.MetricName, d.Dimensions ?? [], samples[i]);
}

/** A period is 1, 5, 10, 20, 30 (high resolution) or a multiple of 60 seconds. */
export function checkPeriod(period: number, name = 'Period'): void {
  if (period <= 0 || (period >= 60 ? period % 60 !== 0 : ![1, 5, 10, 20, 30].includes(period))) {
    throw invalidParameterValue(`The parameter ${name} must be a multiple of 60.`);
  }
}

function checkRange(start: number, end: number): void {
  if (start >= end) throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
}

export function getMetricStatistics(input: T.GetMetricStatisticsInput, ctx: Ctx) {
  const stats = input.Statistics ?? [];
  const extended = input.ExtendedStatistics ?? [];
  if (stats.length === 0 && extended.length === 0) {
    throw missingParameter('Must specify either Statistics or ExtendedStatistics.');
  }
  for (const e of extended) {
    if (!isPercentile(e)) throw invalidParameterValue(`The value ${e} for parameter ExtendedStatistics is not supported.`);
  }
  checkPeriod(input.Period);
  const start = input.StartTime.getTime();
  const end = input.EndTime.getTime();
  checkRange(start, end);
  const periodMs = input.Period * 1000;
  const requested = Math.ceil((end - start) / periodMs);
  if (requested > 1440) {
    throw invalidParameterCombination(
      `You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  const series = ctx.backend.findSeries(input);
  const buckets = series ? series.aggregate(Math.floor(start / periodMs) * periodMs, end, periodMs, input.Unit) : new Map();
  const datapoints = [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, b]) => {
      const point: T.Datapoint = { Timestamp: new Date(t), Unit: b.unit };
      for (const s of stats) (point as Record<string, unknown>)[s] = statistic(b, s);
      if (extended.length > 0) {
        const ext: Record<string, number> = {};
        for (const e of extended) {
          const v = statistic(b, e);
          if (v !== undefined) ext[e] = v;
        }
        point.ExtendedStatistics = ext;
      }
      return point;
    });
  return { Label: input.MetricName, Datapoints: datapoints };
}

export function getMetricData(input: T.GetMetricDataInput, ctx: Ctx) {
  const start = input.StartTime.getTime();
  const end = input.EndTime.getTime();
  checkRange(start, end);
  const ids = new Set<string>();
  for (const q of input.MetricDataQueries) {
    if (ids.has(q.Id)) throw invalidParameterValue(`The value ${q.Id} for field Id in MetricDataQueries is not unique.`);
    ids.add(q.Id);
    if ((q.MetricStat === undefined) === (q.Expression === undefined)) {
      throw invalidParameterValue(`Exactly one element of the metricStat or the expression must be set for the query with Id ${q.Id}.`);
    }
    if (q.MetricStat) checkPeriod(q.MetricStat.Period, 'MetricStat.Period');
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) {
      throw invalidParameterValue(`The value ${q.Id} for parameter MetricDataQueries.member.Id is invalid. Id must start with a lowercase letter and contain only letters, numbers and underscores.`);
    }
  }
  if (input.MaxDatapoints !== undefined && input.MaxDatapoints < 1) {
    throw invalidParameterValue('The parameter MaxDatapoints must be greater than 0.');
  }
  // A page holds at most MaxDatapoints values in all; NextToken records how many of each result were sent.
  let skip: number[] = [];
  if (input.NextToken !== undefined) {
    const parsed = decodeToken(input.NextToken);
    try {
      skip = JSON.parse(parsed as string);
    } catch {
      throw invalidNextToken();
    }
    if (!Array.isArray(skip) || !skip.every((n) => Number.isSafeInteger(n) && n >= 0)) throw invalidNextToken();
  }
  const results = ctx.backend.query(input.MetricDataQueries, start, end);
  const ascending = input.ScanBy === 'TimestampAscending';
  const union = new Set<number>();
  for (const v of results.values()) if (v instanceof Map) for (const t of v.keys()) union.add(t);
  let budget = input.MaxDatapoints ?? 100_800;
  const out: T.MetricDataResult[] = [];
  const sent: number[] = [];
  let more = false;
  for (const q of input.MetricDataQueries) {
    if (q.ReturnData === false) continue;
    const value = results.get(q.Id);
    const label = q.Label ?? q.MetricStat?.Metric.MetricName ?? q.Id;
    const list = Array.isArray(value) ? value : [value instanceof Map ? value : new Map([...union].map((t) => [t, value as number]))];
    for (const series of list) {
      const points = [...series.entries()].filter(([, v]) => Number.isFinite(v)).sort(([a], [b]) => (ascending ? a - b : b - a));
      const from = skip[sent.length] ?? 0;
      const page = points.slice(from, from + budget);
      budget -= page.length;
      const done = from + page.length >= points.length;
      if (!done) more = true;
      sent.push(from + page.length);
      out.push({
        Id: q.Id,
        Label: insightsLabels.get(series) ?? label,
        Timestamps: page.map(([t]) => new Date(t)),
        Values: page.map(([, v]) => v),
        StatusCode: done ? 'Complete' : 'PartialData',
      });
    }
  }
  return { MetricDataResults: out, Messages: [], NextToken: more ? encodeToken(JSON.stringify(sent)) : undefined };
}

const LIST_PAGE = 500;

export function listMetrics(input: T.ListMetricsInput, ctx: Ctx) {
  const after = decodeToken(input.NextToken);
  const now = clock.now();
  const recent = input.RecentlyActive === 'PT3H' ? 3 * 3600_000 : METRIC_EXPIRY_MS;
  const metrics: T.Metric[] = [];
  let last: string | undefined;
  let more = false;
  for (const key of ctx.backend.seriesKeys.from(after, true)) {
    const s = ctx.backend.series.get(key);
    if (!s) continue;
    if (now - s.lastPut > recent) continue;
    if (input.Namespace !== undefined && s.namespace !== input.Namespace) continue;
    if (input.MetricName !== undefined && s.name !== input.MetricName) continue;
    const dimsOk = (input.Dimensions ?? []).every((f) => s.dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value)));
    if (!dimsOk) continue;
    if (metrics.length === LIST_PAGE) {
      more = true;
      break;
    }
    metrics.push({ Namespace: s.namespace, MetricName: s.name, Dimensions: s.dimensions.map((d) => ({ ...d })) });
    last = key;
  }
  return { Metrics: metrics, NextToken: more && last ? encodeToken(last) : undefined };
}
