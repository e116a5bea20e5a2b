/**
 * The CloudWatch handler table, keyed by the model's operation names: every
 * operation of the model.
 */
import type { HandlerTable } from '../../../src/core/service';
import type { CloudWatchBackend } from '../models/backend';
import type { CloudwatchOperations } from '../types';
import * as alarms from './alarms';
import * as anomaly from './anomaly';
import * as dashboards from './dashboards';
import * as insightRules from './insight-rules';
import * as metricStreams from './metric-streams';
import * as metrics from './metrics';
import * as muteRules from './mute-rules';
import * as settings from './settings';
import * as widgetImage from './widget-image';

export const handlers: HandlerTable<CloudwatchOperations, CloudWatchBackend> = {
  AssociateDatasetKmsKey: settings.associateDatasetKmsKey,
  CreateResourceMetricsConfiguration: settings.createResourceMetricsConfiguration,
  DeleteAlarmMuteRule: muteRules.deleteAlarmMuteRule,
  DeleteAlarms: alarms.deleteAlarms,
  DeleteAnomalyDetector: anomaly.deleteAnomalyDetector,
  DeleteDashboards: dashboards.deleteDashboards,
  DeleteInsightRules: insightRules.deleteInsightRules,
  DeleteMetricStream: metricStreams.deleteMetricStream,
  DeleteResourceMetricsConfiguration: settings.deleteResourceMetricsConfiguration,
  DescribeAlarmContributors: alarms.describeAlarmContributors,
  DescribeAlarmHistory: alarms.describeAlarmHistory,
  DescribeAlarms: alarms.describeAlarms,
  DescribeAlarmsForMetric: alarms.describeAlarmsForMetric,
  DescribeAnomalyDetectors: anomaly.describeAnomalyDetectors,
  DescribeInsightRules: insightRules.describeInsightRules,
  DisableAlarmActions: alarms.disableAlarmActions,
  DisableInsightRules: insightRules.disableInsightRules,
  DisassociateDatasetKmsKey: settings.disassociateDatasetKmsKey,
  EnableAlarmActions: alarms.enableAlarmActions,
  EnableInsightRules: insightRules.enableInsightRules,
  GetAlarmMuteRule: muteRules.getAlarmMuteRule,
  GetDashboard: dashboards.getDashboard,
  GetDataset: settings.getDataset,
  GetInsightRuleReport: insightRules.getInsightRuleReport,
  GetMetricData: metrics.getMetricData,
  GetMetricStatistics: metrics.getMetricStatistics,
  GetMetricStream: metricStreams.getMetricStream,
  GetMetricWidgetImage: widgetImage.getMetricWidgetImage,
  GetOTelEnrichment: settings.getOTelEnrichment,
  GetResourceMetricsConfiguration: settings.getResourceMetricsConfiguration,
  ListAlarmMuteRules: muteRules.listAlarmMuteRules,
  ListDashboards: dashboards.listDashboards,
  ListManagedInsightRules: insightRules.listManagedInsightRules,
  ListMetricStreams: metricStreams.listMetricStreams,
  ListMetrics: metrics.listMetrics,
  ListTagsForResource: dashboards.listTagsForResource,
  PutAlarmMuteRule: muteRules.putAlarmMuteRule,
  PutAnomalyDetector: anomaly.putAnomalyDetector,
  PutCompositeAlarm: alarms.putCompositeAlarm,
  PutDashboard: dashboards.putDashboard,
  PutInsightRule: insightRules.putInsightRule,
  PutLogAlarm: alarms.putLogAlarm,
  PutManagedInsightRules: insightRules.putManagedInsightRules,
  PutMetricAlarm: alarms.putMetricAlarm,
  PutMetricData: metrics.putMetricData,
  PutMetricStream: metricStreams.putMetricStream,
  SetAlarmState: alarms.setAlarmState,
  StartMetricStreams: metricStreams.startMetricStreams,
  StartOTelEnrichment: settings.startOTelEnrichment,
  StopMetricStreams: metricStreams.stopMetricStreams,
  StopOTelEnrichment: settings.stopOTelEnrichment,
  TagResource: dashboards.tagResource,
  UntagResource: dashboards.untagResource,
  UpdateOTelEnrichment: settings.updateOTelEnrichment,
  UpdateResourceMetricsConfiguration: settings.updateResourceMetricsConfiguration,
};
