/**
 * Metric streams: a stream sends, once a minute on the core clock, the
 * one-minute aggregates of every metric its filters select to a Firehose
 * delivery stream, one record per metric and minute in CloudWatch's JSON
 * output format (a JSON object and a newline):
 *
 *   {"metric_stream_name":…,"account_id":…,"region":…,"namespace":…,"metric_name":…,
 *    "dimensions":{…},"timestamp":<minute start, ms>,"value":{"max":…,"min":…,"sum":…,"count":…},"unit":…}
 *
 * with the additional statistics (percentiles) of StatisticsConfigurations
 * in `value`. The minute [T-60 s, T) is sent at T; datapoints stamped in an
 * earlier minute after it was sent are not. The opentelemetry formats are
 * stored but nothing is sent for them (noted in `metricStreamFailures`).
 */
import { clock } from '../../../src/core/clock';
import { eventLoop } from '../../../src/core/events';
import { parseArn } from '../../../src/core/ids';
import type * as T from '../types';
import type { CloudWatchBackend } from './backend';
import { type MetricSeries, statistic } from './metrics';

const MINUTE = 60_000;

export interface MetricStreamRecord {
  name: string;
  arn: string;
  firehoseArn: string;
  roleArn: string;
  outputFormat: string;
  includeFilters: T.MetricStreamFilter[];
  excludeFilters: T.MetricStreamFilter[];
  statistics: T.MetricStreamStatisticsConfiguration[];
  includeLinkedAccountsMetrics: boolean;
  state: 'running' | 'stopped';
  created: number;
  updated: number;
}

export interface StreamFailure {
  stream: string;
  at: number;
  error: string;
}

/** The Firehose backend's record API (services/firehose/models/backend.ts), duck-typed. */
interface FirehoseSink {
  putRecords(nameOrArn: string, records: Uint8Array[]): string[];
}

const matches = (f: T.MetricStreamFilter, s: MetricSeries) =>
  (f.Namespace === undefined || f.Namespace === s.namespace) && (!f.MetricNames?.length || f.MetricNames.includes(s.name));

export function selects(stream: MetricStreamRecord, s: MetricSeries): boolean {
  if (stream.includeFilters.length > 0) return stream.includeFilters.some((f) => matches(f, s));
  return !stream.excludeFilters.some((f) => matches(f, s));
}

/** The JSON lines of one stream for the minute starting at `from`. */
export function streamRecords(backend: CloudWatchBackend, stream: MetricStreamRecord, from: number): Buffer[] {
  const out: Buffer[] = [];
  for (const s of backend.series.values()) {
    if (!selects(stream, s)) continue;
    const bucket = s.aggregate(from, from + MINUTE, MINUTE).get(from);
    if (!bucket) continue;
    const value: Record<string, number> = { max: bucket.max, min: bucket.min, sum: bucket.sum, count: bucket.count };
    for (const conf of stream.statistics) {
      if (!conf.IncludeMetrics.some((m) => m.Namespace === s.namespace && m.MetricName === s.name)) continue;
      for (const stat of conf.AdditionalStatistics) {
        const v = statistic(bucket, stat);
        if (v !== undefined) value[stat] = v;
      }
    }
    const line = {
      metric_stream_name: stream.name,
      account_id: backend.account,
      region: backend.region,
      namespace: s.namespace,
      metric_name: s.name,
      dimensions: Object.fromEntries(s.dimensions.map((d) => [d.Name, d.Value])),
      timestamp: from,
      value,
      unit: bucket.unit,
    };
    out.push(Buffer.from(`${JSON.stringify(line)}\n`));
  }
  return out;
}

/** Sends the minute ending at `at` for every running stream. */
async function send(backend: CloudWatchBackend, at: number): Promise<void> {
  for (const stream of backend.metricStreams.values()) {
    if (stream.state !== 'running') continue;
    if (stream.outputFormat !== 'json') {
      backend.metricStreamFailures.push({ stream: stream.name, at, error: `Output format ${stream.outputFormat} is not emitted by mockaws.` });
      continue;
    }
    const records = streamRecords(backend, stream, at - MINUTE);
    if (records.length === 0) continue;
    try {
      const parsed = parseArn(stream.firehoseArn);
      const firehose = await backend.backends.get<FirehoseSink>('firehose', parsed?.account, parsed?.region);
      firehose.putRecords(stream.firehoseArn, records);
    } catch (err) {
      backend.metricStreamFailures.push({ stream: stream.name, at, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

/** Queues the once-a-minute send (at the next minute boundary) unless it is queued already. */
export function startStreaming(backend: CloudWatchBackend): void {
  if (!backend.streamTimer) scheduleSend(backend, (Math.floor(clock.now() / MINUTE) + 1) * MINUTE);
}

/**
 * Sends are due at each minute boundary after the previous one was due, so a
 * jump of the clock sends every minute it passed, in order; they stop when no
 * stream is left.
 */
function scheduleSend(backend: CloudWatchBackend, at: number): void {
  backend.streamTimer = eventLoop(backend.backends).schedule(
    async () => {
      backend.streamTimer = undefined;
      if (backend.metricStreams.size === 0) return;
      await send(backend, at);
      if (!backend.streamTimer) scheduleSend(backend, at + MINUTE);
    },
    { at, label: 'cloudwatch metric streams' },
  );
}
