/**
 * Metric filters publishing to CloudWatch metrics. When events are ingested,
 * each metric filter of the group turns every matching event into one datum
 * (the event's timestamp, the transformation's `metricValue`: a number, or
 * the `$.field` / `$field` the pattern selects; dimensions from selectors
 * too). A batch where nothing matches emits the `defaultValue` once, when
 * the transformation has one ("the value reported during a period when logs
 * are ingested but no matching logs are found").
 *
 * The data reach CloudWatch through `backends.call('cloudwatch',
 * 'PutMetricData')` on the core event loop (`await aws.settle()` waits), in
 * the log group's account and region. A datum whose value or dimension
 * cannot be extracted (missing field, not a number) is skipped, as AWS
 * skips it. Every publication and its failure is kept in
 * `LogsBackend.metricPublications`.
 */
import { clock } from '../../../src/core/clock';
import { isAwsError } from '../../../src/core/errors';
import { eventLoop } from '../../../src/core/events';
import { invalidParameter, limitExceeded } from '../exceptions';
import type { MetricTransformation } from '../types';
import type { LogsBackend } from './backend';
import { type CompiledPattern, compilePattern } from './filter-pattern';
import type { LogEvent, LogGroup } from './resources';

/** PutMetricData takes at most 1,000 data per call. */
const MAX_DATA_PER_CALL = 1000;
const SELECTOR = /^\$(\.[^\s]+|[A-Za-z_]\w*)$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export interface MetricDatum {
  MetricName: string;
  Value: number;
  Timestamp: Date;
  Unit?: string;
  Dimensions?: Array<{ Name: string; Value: string }>;
}

export interface MetricPublication {
  filterName: string;
  namespace: string;
  data: MetricDatum[];
  error?: string;
}

/** PutMetricFilter's checks on a transformation, before anything is stored. */
export function checkTransformation(t: MetricTransformation): void {
  if (!NUMBER.test(t.metricValue.trim()) && !SELECTOR.test(t.metricValue.trim())) {
    throw invalidParameter(`Invalid metric value: ${t.metricValue}. It must be a number or a field selector such as $.field or $field.`);
  }
  const dimensions = Object.entries(t.dimensions ?? {});
  if (dimensions.length > 3) throw limitExceeded('A metric filter can have at most 3 dimensions.');
  if (dimensions.length > 0 && t.defaultValue !== undefined) {
    throw invalidParameter('A metric filter with dimensions cannot have a default value.');
  }
  for (const [name, selector] of dimensions) {
    if (!SELECTOR.test(selector)) throw invalidParameter(`Invalid dimension value for ${name}: ${selector}. It must be a field selector such as $.field or $field.`);
  }
}

/** The number a transformation's metricValue gives for a matching message, or undefined (skipped). */
export function metricValue(pattern: CompiledPattern, message: string, spec: string): number | undefined {
  const text = spec.trim();
  const raw = NUMBER.test(text) ? text : pattern.value(message, text);
  if (raw === undefined || !NUMBER.test(raw.trim())) return undefined;
  return Number(raw);
}

function datumFor(pattern: CompiledPattern, t: MetricTransformation, e: LogEvent, message: string): MetricDatum | undefined {
  const value = metricValue(pattern, message, t.metricValue);
  if (value === undefined) return undefined;
  const dimensions: Array<{ Name: string; Value: string }> = [];
  for (const [name, selector] of Object.entries(t.dimensions ?? {})) {
    const v = pattern.value(message, selector);
    if (v === undefined || v === '') return undefined;
    dimensions.push({ Name: name, Value: v });
  }
  return datum(t, value, e.timestamp, dimensions);
}

/** A datum without absent members (the model check sees exactly what AWS would send). */
function datum(t: MetricTransformation, value: number, at: number, dimensions: Array<{ Name: string; Value: string }> = []): MetricDatum {
  const d: MetricDatum = { MetricName: t.metricName, Value: value, Timestamp: new Date(at) };
  if (t.unit !== undefined) d.Unit = t.unit;
  if (dimensions.length > 0) d.Dimensions = dimensions;
  return d;
}

export function publishMetrics(backend: LogsBackend, group: LogGroup, events: LogEvent[]): void {
  for (const filter of group.metricFilters.values()) {
    const pattern = compilePattern(filter.filterPattern);
    // With applyOnTransformedLogs, the filter sees the group transformer's version of each event.
    const text = (e: LogEvent) => (filter.applyOnTransformedLogs && e.transformed !== undefined ? e.transformed : e.message);
    const matched = events.filter((e) => pattern.matches(text(e)));
    for (const t of filter.metricTransformations) {
      let data: MetricDatum[];
      if (matched.length > 0) {
        data = matched.flatMap((e) => datumFor(pattern, t, e, text(e)) ?? []);
      } else if (t.defaultValue !== undefined) {
        data = [datum(t, t.defaultValue, clock.now())];
      } else {
        data = [];
      }
      for (let i = 0; i < data.length; i += MAX_DATA_PER_CALL) {
        const publication: MetricPublication = { filterName: filter.filterName, namespace: t.metricNamespace, data: data.slice(i, i + MAX_DATA_PER_CALL) };
        eventLoop(backend.backends).schedule(() => publish(backend, publication), { label: `logs metric filter ${filter.filterName}` });
      }
    }
  }
}

async function publish(backend: LogsBackend, publication: MetricPublication): Promise<void> {
  backend.metricPublications.push(publication);
  try {
    await backend.backends.call(
      'cloudwatch',
      'PutMetricData',
      { Namespace: publication.namespace, MetricData: publication.data },
      { account: backend.account, region: backend.region },
    );
  } catch (err) {
    publication.error = isAwsError(err) ? `${err.code}: ${err.message}` : String(err);
  }
}
