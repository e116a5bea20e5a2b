/**
 * Anomaly detectors: stored models of a single metric's statistic or of a
 * metric math expression. There is no training: a single-metric detector is
 * TRAINED once its metric has data within the last two weeks, else
 * PENDING_TRAINING; ANOMALY_DETECTION_BAND (math-functions.ts) draws its band
 * from the queried data itself.
 */
import type * as T from '../types';
import type { Dimension } from './metrics';

export interface AnomalyDetectorRecord {
  id: string;
  key: string;
  single?: { Namespace: string; MetricName: string; Dimensions: Dimension[]; Stat: string; AccountId?: string };
  math?: { MetricDataQueries: T.MetricDataQuery[] };
  configuration?: T.AnomalyDetectorConfiguration;
  metricCharacteristics?: T.MetricCharacteristics;
}

const sortDims = (dims: Dimension[]) => [...dims].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));

/** What identifies a detector: its metric and statistic, or its queries. */
export function detectorKey(d: Pick<AnomalyDetectorRecord, 'single' | 'math'>): string {
  if (d.single) {
    const s = d.single;
    return JSON.stringify(['single', s.Namespace, s.MetricName, sortDims(s.Dimensions).map((x) => [x.Name, x.Value]), s.Stat]);
  }
  return JSON.stringify(['math', d.math?.MetricDataQueries]);
}

export function describeDetector(d: AnomalyDetectorRecord, trained: boolean): T.AnomalyDetector {
  const out: T.AnomalyDetector = {
    AnomalyDetectorId: d.id,
    Configuration: d.configuration ?? { ExcludedTimeRanges: [] },
    MetricCharacteristics: d.metricCharacteristics,
  };
  if (d.single) {
    const { Namespace, MetricName, Dimensions, Stat } = d.single;
    // The deprecated top-level members are still filled for single-metric detectors.
    Object.assign(out, { Namespace, MetricName, Dimensions, Stat, SingleMetricAnomalyDetector: { ...d.single } });
    out.StateValue = trained ? 'TRAINED' : 'PENDING_TRAINING';
  } else {
    out.MetricMathAnomalyDetector = d.math;
    out.StateValue = 'TRAINED';
  }
  return out;
}
