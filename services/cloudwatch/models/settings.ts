/**
 * Account-level CloudWatch settings of one region: OTel enrichment of vended
 * metrics (Running / Stopped, with include and exclude filters), the default
 * dataset's customer managed KMS key, and resource metrics configurations
 * (one per resource ARN).
 */
import type * as T from '../types';

export interface OTelState {
  status: 'Running' | 'Stopped';
  include?: T.OTelEnrichmentMetricSelector[];
  exclude?: T.OTelEnrichmentMetricSelector[];
  createdAt?: number;
  updatedAt?: number;
}

export interface ResourceMetricsConfig {
  resourceArn: string;
  createdAt: number;
  updatedAt: number;
  selections?: T.ResourceMetricSelection[];
}

export class AccountSettings {
  otel: OTelState = { status: 'Stopped' };
  /** The default dataset's customer managed key ARN (none: an AWS owned key). */
  datasetKey?: string;
  readonly resourceConfigs = new Map<string, ResourceMetricsConfig>();
}

export const configOut = (c: ResourceMetricsConfig): T.ResourceMetricsConfiguration => ({
  ResourceArn: c.resourceArn,
  CreatedAt: new Date(c.createdAt),
  UpdatedAt: new Date(c.updatedAt),
  MetricSelections: c.selections,
});
