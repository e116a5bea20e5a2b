import { handlers } from '../../../services/cloudwatch/responses';
import { spec } from '../../../services/cloudwatch/spec';

/** Pins the coverage table of docs/services/cloudwatch.md: what is left answers NotImplemented. */
describe('CloudWatch operation coverage', () => {
  it('implements the metrics, alarms, anomaly detector, metric stream, dashboards and tags operations', () => {
    const implemented = Object.keys(spec.operations).filter((op) => op in handlers).sort();
    expect(implemented).toEqual([
      'DeleteAlarms',
      'DeleteAnomalyDetector',
      'DeleteDashboards',
      'DeleteMetricStream',
      'DescribeAlarmHistory',
      'DescribeAlarms',
      'DescribeAlarmsForMetric',
      'DescribeAnomalyDetectors',
      'DisableAlarmActions',
      'EnableAlarmActions',
      'GetDashboard',
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
