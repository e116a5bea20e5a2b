import { handlers } from '../../../services/cloudwatch/responses';
import { spec } from '../../../services/cloudwatch/spec';

/** Pins the coverage table of docs/services/cloudwatch.md: what is left answers NotImplemented. */
describe('CloudWatch operation coverage', () => {
  it('implements the metrics, alarms, dashboards and tags operations', () => {
    const implemented = Object.keys(spec.operations).filter((op) => op in handlers).sort();
    expect(implemented).toEqual([
      'DeleteAlarms',
      'DeleteDashboards',
      'DescribeAlarmHistory',
      'DescribeAlarms',
      'DescribeAlarmsForMetric',
      'DisableAlarmActions',
      'EnableAlarmActions',
      'GetDashboard',
      'GetMetricData',
      'GetMetricStatistics',
      'ListDashboards',
      'ListMetrics',
      'ListTagsForResource',
      'PutCompositeAlarm',
      'PutDashboard',
      'PutMetricAlarm',
      'PutMetricData',
      'SetAlarmState',
      'TagResource',
      'UntagResource',
    ]);
  });
});
