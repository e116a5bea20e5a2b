/** Anomaly detectors: PutAnomalyDetector, DescribeAnomalyDetectors, DeleteAnomalyDetector. */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { invalidParameterCombination, invalidParameterValue, missingParameter, resourceNotFoundException } from '../exceptions';
import { type AnomalyDetectorRecord, describeDetector, detectorKey } from '../models/anomaly';
import { METRIC_EXPIRY_MS } from '../models/backend';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken } from './common';

type DetectorInput = Pick<T.PutAnomalyDetectorInput, 'Namespace' | 'MetricName' | 'Dimensions' | 'Stat' | 'SingleMetricAnomalyDetector' | 'MetricMathAnomalyDetector'>;

/** The detector an input names: the deprecated top-level members, SingleMetricAnomalyDetector or MetricMathAnomalyDetector (one of them). */
function target(input: DetectorInput): Pick<AnomalyDetectorRecord, 'single' | 'math'> {
  const legacy = input.Namespace !== undefined || input.MetricName !== undefined || input.Dimensions !== undefined || input.Stat !== undefined;
  const given = [legacy, input.SingleMetricAnomalyDetector !== undefined, input.MetricMathAnomalyDetector !== undefined].filter(Boolean).length;
  if (given > 1) {
    throw invalidParameterCombination(
      'Only one of the following can be specified: the deprecated Namespace, MetricName, Dimensions and Stat, SingleMetricAnomalyDetector, MetricMathAnomalyDetector.',
    );
  }
  if (input.MetricMathAnomalyDetector) {
    const queries = input.MetricMathAnomalyDetector.MetricDataQueries ?? [];
    if (queries.length === 0) throw missingParameter('The parameter MetricMathAnomalyDetector.MetricDataQueries is required.');
    if (queries.filter((q) => q.ReturnData !== false).length !== 1) {
      throw invalidParameterValue('Exactly one MetricDataQuery in MetricMathAnomalyDetector must have ReturnData set to true.');
    }
    return { math: { MetricDataQueries: queries } };
  }
  const s = input.SingleMetricAnomalyDetector ?? input;
  for (const member of ['Namespace', 'MetricName', 'Stat'] as const) {
    if (s[member] === undefined) throw missingParameter(`The parameter ${member} is required.`);
  }
  // The model's pattern has checked the statistic.
  const stat = s.Stat as string;
  const single = { Namespace: s.Namespace as string, MetricName: s.MetricName as string, Dimensions: s.Dimensions ?? [], Stat: stat };
  return { single: input.SingleMetricAnomalyDetector?.AccountId ? { ...single, AccountId: input.SingleMetricAnomalyDetector.AccountId } : single };
}

function trained(d: AnomalyDetectorRecord, ctx: Ctx): boolean {
  if (!d.single) return true;
  const series = ctx.backend.findSeries(d.single);
  return series !== undefined && clock.now() - series.lastPut <= METRIC_EXPIRY_MS;
}

export function putAnomalyDetector(input: T.PutAnomalyDetectorInput, ctx: Ctx) {
  const t = target(input);
  for (const r of input.Configuration?.ExcludedTimeRanges ?? []) {
    if (r.StartTime.getTime() >= r.EndTime.getTime()) throw invalidParameterValue('The StartTime of an excluded time range must be before its EndTime.');
  }
  const key = detectorKey(t);
  const detectors = ctx.backend.anomalyDetectors;
  const existing = detectors.get(key);
  // Putting the same metric and statistic again updates the configuration of the same detector.
  const record: AnomalyDetectorRecord = {
    id: existing?.id ?? randomUUID(),
    key,
    ...t,
    configuration: input.Configuration ?? existing?.configuration,
    metricCharacteristics: input.MetricCharacteristics ?? existing?.metricCharacteristics,
  };
  detectors.set(key, record);
  return { AnomalyDetectorId: record.id };
}

export function describeAnomalyDetectors(input: T.DescribeAnomalyDetectorsInput, ctx: Ctx) {
  const types = new Set(input.AnomalyDetectorTypes ?? ['SINGLE_METRIC']);
  const filtered = input.Namespace !== undefined || input.MetricName !== undefined || input.Dimensions !== undefined;
  if (filtered && types.has('METRIC_MATH')) {
    throw invalidParameterCombination('Namespace, MetricName and Dimensions filters apply to SINGLE_METRIC anomaly detectors only.');
  }
  const after = decodeToken(input.NextToken);
  const limit = input.MaxResults ?? 100;
  const keys = [...ctx.backend.anomalyDetectors.keys()].sort();
  const page: T.AnomalyDetector[] = [];
  let last: string | undefined;
  let more = false;
  for (const key of keys) {
    if (after !== undefined && key <= after) continue;
    const d = ctx.backend.anomalyDetectors.get(key) as AnomalyDetectorRecord;
    if (!types.has(d.single ? 'SINGLE_METRIC' : 'METRIC_MATH')) continue;
    if (input.AnomalyDetectorIds && !input.AnomalyDetectorIds.includes(d.id)) continue;
    if (d.single) {
      if (input.Namespace !== undefined && d.single.Namespace !== input.Namespace) continue;
      if (input.MetricName !== undefined && d.single.MetricName !== input.MetricName) continue;
      const dims = d.single.Dimensions;
      if (input.Dimensions && !input.Dimensions.every((f) => dims.some((x) => x.Name === f.Name && x.Value === f.Value))) continue;
    }
    if (page.length === limit) {
      more = true;
      break;
    }
    page.push(describeDetector(d, trained(d, ctx)));
    last = key;
  }
  return { AnomalyDetectors: page, NextToken: more && last ? encodeToken(last) : undefined };
}

export function deleteAnomalyDetector(input: T.DeleteAnomalyDetectorInput, ctx: Ctx) {
  const detectors = ctx.backend.anomalyDetectors;
  if (input.AnomalyDetectorId !== undefined) {
    for (const [key, d] of detectors) {
      if (d.id === input.AnomalyDetectorId) {
        detectors.delete(key);
        return {};
      }
    }
    throw resourceNotFoundException('This anomaly detection model does not exist.');
  }
  const key = detectorKey(target(input));
  if (!detectors.delete(key)) throw resourceNotFoundException('This anomaly detection model does not exist.');
  return {};
}
