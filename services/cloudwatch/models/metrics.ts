/**
 * Metric series and their statistics. A series is one (namespace, name,
 * dimension set); each PutMetricData datum becomes one sample (count, sum,
 * min, max, plus its raw values when it carried Value or Values/Counts, so
 * percentiles can be computed). Samples are aggregated into period buckets
 * aligned to multiples of the period since the epoch.
 */
export interface Dimension {
  Name: string;
  Value: string;
}

export interface Sample {
  t: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  unit: string;
  /** Raw values with their counts, when the datum gave them (a StatisticSet gives none). */
  values?: Array<[number, number]>;
}

export interface Aggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
  unit: string;
  values: Array<[number, number]>;
  /** False when a StatisticSet contributed: percentiles are then unavailable. */
  exact: boolean;
}

export class MetricSeries {
  readonly samples: Sample[] = [];
  lastPut = 0;

  constructor(
    readonly namespace: string,
    readonly name: string,
    readonly dimensions: Dimension[],
  ) {}

  add(sample: Sample, now: number): void {
    // Keep samples sorted by timestamp: most arrive in order, so insertion scans from the end.
    let i = this.samples.length;
    while (i > 0 && this.samples[i - 1].t > sample.t) i--;
    this.samples.splice(i, 0, sample);
    this.lastPut = now;
  }

  /** Buckets of `periodMs` over [start, end), keyed by bucket start; only buckets with samples. */
  aggregate(start: number, end: number, periodMs: number, unit?: string): Map<number, Aggregate> {
    const buckets = new Map<number, Aggregate>();
    // Samples are sorted by time: start at the first one in range, stop at the end.
    let lo = 0;
    let hi = this.samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.samples[mid].t < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.samples.length && this.samples[i].t < end; i++) {
      const s = this.samples[i];
      if (unit !== undefined && s.unit !== unit) continue;
      const key = Math.floor(s.t / periodMs) * periodMs;
      let b = buckets.get(key);
      if (!b) {
        b = { count: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, unit: s.unit, values: [], exact: true };
        buckets.set(key, b);
      }
      b.count += s.count;
      b.sum += s.sum;
      b.min = Math.min(b.min, s.min);
      b.max = Math.max(b.max, s.max);
      if (s.values) b.values.push(...s.values);
      else b.exact = false;
    }
    return buckets;
  }
}

export function seriesKey(namespace: string, name: string, dimensions: Dimension[]): string {
  const dims = [...dimensions].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  return JSON.stringify([namespace, name, dims.map((d) => [d.Name, d.Value])]);
}

const PERCENTILE = /^p(\d{1,2}(?:\.\d{1,10})?|100)$/;

export function isPercentile(stat: string): boolean {
  return PERCENTILE.test(stat);
}

/** The value of a statistic over a bucket (Average, Sum, Minimum, Maximum, SampleCount, pNN). */
export function statistic(b: Aggregate, stat: string): number | undefined {
  switch (stat) {
    case 'Average':
      return b.count === 0 ? undefined : b.sum / b.count;
    case 'Sum':
      return b.sum;
    case 'Minimum':
      return b.min;
    case 'Maximum':
      return b.max;
    case 'SampleCount':
      return b.count;
  }
  const m = PERCENTILE.exec(stat);
  if (!m || !b.exact || b.values.length === 0) return undefined;
  return percentile(b.values, Number(m[1]));
}

/** Nearest-rank percentile over weighted values. */
function percentile(values: Array<[number, number]>, p: number): number {
  const sorted = [...values].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((n, [, c]) => n + c, 0);
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [v, c] of sorted) {
    seen += c;
    if (seen >= rank) return v;
  }
  return sorted[sorted.length - 1][0];
}
