import { handlers } from '../../../services/cloudwatch/responses';
import { spec } from '../../../services/cloudwatch/spec';

/** Pins the coverage table of docs/services/cloudwatch.md: what is left answers NotImplemented. */
describe('CloudWatch operation coverage', () => {
  it('implements the metrics, alarms, anomaly detector, metric stream, insight rule, dashboards and tags operations', () => {
    const implemented = Object.keys(spec.operations).filter((op) => op in handlers).sort();
    expect(implemented).toEqual([
      'DeleteAlarms',
      'DeleteAnomalyDetector',
      'DeleteDashboards',
      'DeleteInsightRules',
      'DeleteMetricStream',
      'DescribeAlarmHistory',
      'DescribeAlarms',
      'DescribeAlarmsForMetric',
      'DescribeAnomalyDetectors',
      'DescribeInsightRules',
      'DisableAlarmActions',
      'DisableInsightRules',
      'EnableAlarmActions',
      'EnableInsightRules',
      'GetDashboard',
      'GetInsightRuleReport',
      'GetMetricData',
      'GetMetricStatistics',
      'GetMetricStream',
      'ListDashboards',
      'ListMetricStreams',
      'ListMetrics',
      'ListTagsForResource',
      'PutAnomalyDetector',
      'PutCompositeAlarm',
      'PutDashboard',
      'PutInsightRule',
      'PutMetricAlarm',
      'PutMetricData',
      'PutMetricStream',
      'SetAlarmState',
      'StartMetricStreams',
      'StopMetricStreams',
      'TagResource',
      'UntagResource',
    ]);
  });
});
