/**
 * The CloudWatch handler table, keyed by the model's operation names. Left
 * out (NotImplemented): anomaly detectors, insight rules, metric streams,
 * alarm mute rules, log alarms, datasets, OTel enrichment, metric widget
 * images, resource metrics configurations, alarm contributors.
 */
import type { HandlerTable } from '../../../src/core/service';
import type { CloudWatchBackend } from '../models/backend';
import type { CloudwatchOperations } from '../types';
import * as alarms from './alarms';
import * as dashboards from './dashboards';
import * as metrics from './metrics';

export const handlers: HandlerTable<CloudwatchOperations, CloudWatchBackend> = {
  DeleteAlarms: alarms.deleteAlarms,
  DeleteDashboards: dashboards.deleteDashboards,
  DescribeAlarmHistory: alarms.describeAlarmHistory,
  DescribeAlarms: alarms.describeAlarms,
  DescribeAlarmsForMetric: alarms.describeAlarmsForMetric,
  DisableAlarmActions: alarms.disableAlarmActions,
  EnableAlarmActions: alarms.enableAlarmActions,
  GetDashboard: dashboards.getDashboard,
  GetMetricData: metrics.getMetricData,
  GetMetricStatistics: metrics.getMetricStatistics,
  ListDashboards: dashboards.listDashboards,
  ListMetrics: metrics.listMetrics,
  ListTagsForResource: dashboards.listTagsForResource,
  PutCompositeAlarm: alarms.putCompositeAlarm,
  PutDashboard: dashboards.putDashboard,
  PutMetricAlarm: alarms.putMetricAlarm,
  PutMetricData: metrics.putMetricData,
  SetAlarmState: alarms.setAlarmState,
  TagResource: dashboards.tagResource,
  UntagResource: dashboards.untagResource,
};
