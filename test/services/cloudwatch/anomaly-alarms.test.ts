/** Alarms on an anomaly detection band (ThresholdMetricId): validated as AWS does, evaluated against the band on the clock. */
import { CloudWatchClient, DescribeAlarmsCommand, type MetricDataQuery, PutMetricAlarmCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { useMockAws } from '../lifecycle';
import { T0, freezeTime } from './support';

describe('CloudWatch anomaly detection alarms', () => {
  const aws = useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });
  const metrics: MetricDataQuery[] = [
    { Id: 'm1', MetricStat: { Metric: { Namespace: 'App', MetricName: 'Load' }, Period: 60, Stat: 'Average' }, ReturnData: true },
    { Id: 'ad1', Expression: 'ANOMALY_DETECTION_BAND(m1, 2)', ReturnData: true },
  ];
  const bandAlarm = (extra: Record<string, unknown> = {}) =>
    new PutMetricAlarmCommand({
      AlarmName: 'load-anomaly',
      EvaluationPeriods: 1,
      ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
      ThresholdMetricId: 'ad1',
      Metrics: metrics,
      ...extra,
    });
  const put = (Value: number, minute: number) =>
    cw.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'Load', Value, Timestamp: new Date(T0 + minute * 60_000) }] }));
  const state = async () => (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['load-anomaly'] }))).MetricAlarms?.[0];

  it('stays OK inside the band of the last day and goes to ALARM on a datapoint far outside it', async () => {
    freezeTime(T0 + 30 * 60_000);
    // A stable baseline: 10 and 12 alternating for half an hour.
    for (let i = 0; i < 30; i++) await put(i % 2 === 0 ? 10 : 12, i);
    await cw.send(bandAlarm());
    await put(11, 30);
    aws.clock.advance(60_000);
    await aws.settle();
    expect((await state())?.StateValue).toBe('OK');
    await put(40, 31);
    aws.clock.advance(60_000);
    await aws.settle();
    const alarm = await state();
    expect(alarm?.StateValue).toBe('ALARM');
    expect(alarm?.StateReason).toMatch(/^Thresholds Crossed: 1 out of the last 1 datapoints \[40\.0 .*\] was outside the band/);
    expect(alarm).toMatchObject({ ThresholdMetricId: 'ad1', ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold' });
  });

  it('GreaterThanUpperThreshold ignores a drop that LessThanLowerThreshold catches', async () => {
    freezeTime(T0 + 30 * 60_000);
    for (let i = 0; i < 30; i++) await put(i % 2 === 0 ? 10 : 12, i);
    await cw.send(bandAlarm({ ComparisonOperator: 'GreaterThanUpperThreshold' }));
    await put(-20, 30);
    aws.clock.advance(60_000);
    await aws.settle();
    expect((await state())?.StateValue).toBe('OK');
    await cw.send(bandAlarm({ ComparisonOperator: 'LessThanLowerThreshold' }));
    await put(-20, 31);
    aws.clock.advance(60_000);
    await aws.settle();
    expect((await state())?.StateValue).toBe('ALARM');
  });

  it('refuses a band operator without ThresholdMetricId, a Threshold with it, and an id that is not a band', async () => {
    await expect(cw.send(bandAlarm({ ThresholdMetricId: undefined, Metrics: [{ ...metrics[0] }] }))).rejects.toMatchObject({
      name: 'InvalidParameterCombinationException',
    });
    await expect(cw.send(bandAlarm({ Threshold: 3 }))).rejects.toMatchObject({ name: 'InvalidParameterCombinationException' });
    await expect(cw.send(bandAlarm({ ComparisonOperator: 'GreaterThanThreshold' }))).rejects.toMatchObject({ name: 'InvalidParameterCombinationException' });
    await expect(cw.send(bandAlarm({ ThresholdMetricId: 'm1' }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(
      cw.send(bandAlarm({ Metrics: [metrics[0], { ...metrics[1], ReturnData: false }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
  });
});
