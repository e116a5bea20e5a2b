import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
  PutCompositeAlarmCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { useMockAws } from '../lifecycle';
import { freezeTime, topicToQueue } from './support';

describe('CloudWatch alarms', () => {
  const aws = useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });

  const alarm = (AlarmName: string, extra: Partial<PutMetricAlarmCommandInput> = {}): PutMetricAlarmCommandInput => ({
    AlarmName,
    Namespace: 'App',
    MetricName: 'Errors',
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 3,
    ComparisonOperator: 'GreaterThanThreshold',
    ...extra,
  });
  const put = (Value: number) => cw.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'Errors', Value }] }));
  const state = async (name: string) =>
    (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }))).MetricAlarms?.[0] ??
    (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['CompositeAlarm'] }))).CompositeAlarms?.[0];
  /** Moves the clock a minute and lets the evaluation (and its deliveries) finish. */
  const minute = async (n = 1) => {
    aws.clock.advance(n * 60_000);
    await aws.settle();
  };

  it('starts INSUFFICIENT_DATA and goes to ALARM at the end of a breaching period, then back to OK', async () => {
    freezeTime();
    await cw.send(new PutMetricAlarmCommand(alarm('errors')));
    const fresh = await state('errors');
    expect(fresh).toMatchObject({
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors',
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
      ActionsEnabled: true,
    });
    await put(5);
    await minute();
    const alarmed = await state('errors');
    expect(alarmed?.StateValue).toBe('ALARM');
    expect(alarmed?.StateReason).toBe(
      'Threshold Crossed: 1 out of the last 1 datapoints [5.0 (01/03/31 00:00:00)] was greater than the threshold (3.0) (minimum 1 datapoint for OK -> ALARM transition).',
    );
    expect(JSON.parse(alarmed?.StateReasonData as string)).toMatchObject({ recentDatapoints: [5], threshold: 3 });
    await put(1);
    await minute();
    expect((await state('errors'))?.StateValue).toBe('OK');
    await minute();
    expect((await state('errors'))?.StateValue).toBe('INSUFFICIENT_DATA'); // missing data: TreatMissingData "missing"
  });

  it('a clock jump evaluates every period it passes over', async () => {
    freezeTime();
    await cw.send(new PutMetricAlarmCommand(alarm('jump')));
    await put(5);
    await minute(3);
    const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'jump', HistoryItemType: 'StateUpdate', ScanBy: 'TimestampAscending' }));
    expect(history.AlarmHistoryItems?.map((i) => [i.HistorySummary, i.Timestamp?.toISOString()])).toEqual([
      ['Alarm updated from INSUFFICIENT_DATA to ALARM', '2031-03-01T00:01:00.000Z'],
      ['Alarm updated from ALARM to INSUFFICIENT_DATA', '2031-03-01T00:02:00.000Z'],
    ]);
  });

  it('needs DatapointsToAlarm of the EvaluationPeriods to breach; TreatMissingData decides the gaps', async () => {
    freezeTime();
    await cw.send(new PutMetricAlarmCommand(alarm('m-of-n', { EvaluationPeriods: 3, DatapointsToAlarm: 2, TreatMissingData: 'notBreaching' })));
    await cw.send(new PutMetricAlarmCommand(alarm('gaps-breach', { EvaluationPeriods: 2, TreatMissingData: 'breaching' })));
    await put(5);
    await minute();
    expect((await state('m-of-n'))?.StateValue).toBe('OK'); // 1 of 3 breaching, missing ones are not
    expect((await state('gaps-breach'))?.StateValue).toBe('ALARM'); // 5 breaches and the gap counts as breaching
    await put(9);
    await minute();
    expect((await state('m-of-n'))?.StateValue).toBe('ALARM');
  });

  it('compares with each operator', async () => {
    freezeTime();
    await cw.send(new PutMetricAlarmCommand(alarm('ge', { ComparisonOperator: 'GreaterThanOrEqualToThreshold' })));
    await cw.send(new PutMetricAlarmCommand(alarm('gt', { ComparisonOperator: 'GreaterThanThreshold' })));
    await cw.send(new PutMetricAlarmCommand(alarm('le', { ComparisonOperator: 'LessThanOrEqualToThreshold' })));
    await cw.send(new PutMetricAlarmCommand(alarm('lt', { ComparisonOperator: 'LessThanThreshold' })));
    await put(3);
    await minute();
    const states = await Promise.all(['ge', 'gt', 'le', 'lt'].map(async (n) => [n, (await state(n))?.StateValue]));
    expect(Object.fromEntries(states)).toEqual({ ge: 'ALARM', gt: 'OK', le: 'ALARM', lt: 'OK' });
  });

  it('notifies the SNS topic of the new state in CloudWatch alarm JSON, only while actions are enabled', async () => {
    freezeTime();
    const { topicArn, receive } = await topicToQueue('alerts');
    await cw.send(new PutMetricAlarmCommand(alarm('notify', { AlarmActions: [topicArn], OKActions: [topicArn], AlarmDescription: 'too many errors' })));
    await put(10);
    await minute();
    const [msg] = await receive();
    expect(msg.Subject).toBe('ALARM: "notify" in US East (N. Virginia)');
    const body = JSON.parse(msg.Message);
    expect(body).toMatchObject({
      AlarmName: 'notify',
      AlarmDescription: 'too many errors',
      AWSAccountId: '123456789012',
      NewStateValue: 'ALARM',
      OldStateValue: 'INSUFFICIENT_DATA',
      Region: 'US East (N. Virginia)',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:notify',
      AlarmActions: [topicArn],
      Trigger: { MetricName: 'Errors', Namespace: 'App', StatisticType: 'Statistic', Statistic: 'SUM', Period: 60, EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanThreshold', Threshold: 3 },
    });
    expect(body.StateChangeTime).toBe('2031-03-01T00:01:00.000+0000');
    await cw.send(new DisableAlarmActionsCommand({ AlarmNames: ['notify'] }));
    await put(0);
    await minute();
    expect((await state('notify'))?.StateValue).toBe('OK');
    expect(await receive()).toEqual([]);
    await cw.send(new EnableAlarmActionsCommand({ AlarmNames: ['notify'] }));
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'notify', StateValue: 'ALARM', StateReason: 'testing' }));
    await aws.settle();
    const [forced] = await receive();
    expect(JSON.parse(forced.Message)).toMatchObject({ NewStateValue: 'ALARM', NewStateReason: 'testing', OldStateValue: 'OK' });
  });

  it('records configuration, state and action history, newest first', async () => {
    freezeTime();
    const { topicArn } = await topicToQueue('hist');
    await cw.send(new PutMetricAlarmCommand(alarm('h', { AlarmActions: [topicArn] })));
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'h', StateValue: 'ALARM', StateReason: 'manual' }));
    const all = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'h' }));
    expect(all.AlarmHistoryItems?.map((i) => [i.HistoryItemType, i.HistorySummary])).toEqual([
      ['Action', `Successfully executed action ${topicArn}`],
      ['StateUpdate', 'Alarm updated from INSUFFICIENT_DATA to ALARM'],
      ['ConfigurationUpdate', 'Alarm "h" created'],
    ]);
    const states = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'h', HistoryItemType: 'StateUpdate' }));
    expect(JSON.parse(states.AlarmHistoryItems?.[0].HistoryData as string)).toMatchObject({
      oldState: { stateValue: 'INSUFFICIENT_DATA' },
      newState: { stateValue: 'ALARM', stateReason: 'manual' },
    });
    const paged = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'h', MaxRecords: 2 }));
    expect(paged.AlarmHistoryItems).toHaveLength(2);
    const rest = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'h', MaxRecords: 2, NextToken: paged.NextToken }));
    expect(rest.AlarmHistoryItems?.map((i) => i.HistoryItemType)).toEqual(['ConfigurationUpdate']);
  });

  it('SetAlarmState refuses an unknown alarm and StateReasonData that is not JSON', async () => {
    await expect(cw.send(new SetAlarmStateCommand({ AlarmName: 'ghost', StateValue: 'OK', StateReason: 'x' }))).rejects.toMatchObject({
      name: 'ResourceNotFound',
      message: 'Alarm ghost not found',
      $metadata: { httpStatusCode: 404 },
    });
    await cw.send(new PutMetricAlarmCommand(alarm('j')));
    await expect(
      cw.send(new SetAlarmStateCommand({ AlarmName: 'j', StateValue: 'OK', StateReason: 'x', StateReasonData: '{nope' })),
    ).rejects.toMatchObject({ name: 'InvalidFormatFault' });
  });

  it('validates alarm definitions', async () => {
    await expect(cw.send(new PutMetricAlarmCommand(alarm('day', { Period: 60, EvaluationPeriods: 1441 })))).rejects.toMatchObject({
      name: 'InvalidParameterCombinationException',
      message: 'Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400).',
    });
    await expect(cw.send(new PutMetricAlarmCommand(alarm('both', { ExtendedStatistic: 'p99' })))).rejects.toMatchObject({
      name: 'InvalidParameterCombinationException',
    });
    await expect(cw.send(new PutMetricAlarmCommand(alarm('m', { DatapointsToAlarm: 2 })))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    await expect(cw.send(new PutMetricAlarmCommand(alarm('odd', { Period: 45 })))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    await expect(cw.send(new PutMetricAlarmCommand(alarm('odd', { Period: 90 })))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'The parameter Period must be a multiple of 60.',
    });
    await cw.send(new PutMetricAlarmCommand(alarm('fast', { Period: 10 })));
  });

  it('DescribeAlarms filters by prefix, state, action prefix and type, and pages', async () => {
    for (const n of ['a1', 'a2', 'a3', 'b1']) await cw.send(new PutMetricAlarmCommand(alarm(n, n === 'b1' ? { AlarmActions: ['arn:aws:sns:us-east-1:123456789012:x'] } : {})));
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'a2', StateValue: 'OK', StateReason: 'x' }));
    await cw.send(new PutCompositeAlarmCommand({ AlarmName: 'c', AlarmRule: 'ALARM(a1) OR ALARM(a2)' }));
    const byPrefix = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'a', MaxRecords: 2 }));
    expect(byPrefix.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['a1', 'a2']);
    const next = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'a', MaxRecords: 2, NextToken: byPrefix.NextToken }));
    expect(next.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['a3']);
    expect(next.NextToken).toBeUndefined();
    expect((await cw.send(new DescribeAlarmsCommand({ StateValue: 'OK' }))).MetricAlarms?.map((a) => a.AlarmName)).toEqual(['a2']);
    expect((await cw.send(new DescribeAlarmsCommand({ ActionPrefix: 'arn:aws:sns' }))).MetricAlarms?.map((a) => a.AlarmName)).toEqual(['b1']);
    const plain = await cw.send(new DescribeAlarmsCommand({}));
    expect(plain.MetricAlarms).toHaveLength(4);
    expect(plain.CompositeAlarms).toBeUndefined();
    const composites = await cw.send(new DescribeAlarmsCommand({ AlarmTypes: ['CompositeAlarm'] }));
    expect(composites.CompositeAlarms?.map((a) => [a.AlarmName, a.AlarmRule])).toEqual([['c', 'ALARM(a1) OR ALARM(a2)']]);
    const children = await cw.send(new DescribeAlarmsCommand({ ChildrenOfAlarmName: 'c', AlarmTypes: ['MetricAlarm'] }));
    expect(children.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['a1', 'a2']);
    const forMetric = await cw.send(new DescribeAlarmsForMetricCommand({ Namespace: 'App', MetricName: 'Errors', Statistic: 'Sum' }));
    expect(forMetric.MetricAlarms).toHaveLength(4);
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['a1', 'not-there'] }));
    expect((await cw.send(new DescribeAlarmsCommand({}))).MetricAlarms?.map((a) => a.AlarmName)).toEqual(['a2', 'a3', 'b1']);
  });

  it('a composite alarm follows its rule over its children', async () => {
    await cw.send(new PutMetricAlarmCommand(alarm('cpu')));
    await cw.send(new PutMetricAlarmCommand(alarm('mem')));
    await expect(cw.send(new PutCompositeAlarmCommand({ AlarmName: 'bad', AlarmRule: 'ALARM(cpu) AND' }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    await expect(cw.send(new PutCompositeAlarmCommand({ AlarmName: 'bad', AlarmRule: 'ALARM(disk)' }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    await cw.send(new PutCompositeAlarmCommand({ AlarmName: 'both', AlarmRule: 'ALARM("cpu") AND NOT OK(mem)' }));
    const composite = async () => (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['both'], AlarmTypes: ['CompositeAlarm'] }))).CompositeAlarms?.[0];
    expect((await composite())?.StateValue).toBe('OK');
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'cpu', StateValue: 'ALARM', StateReason: 'x' }));
    expect((await composite())?.StateValue).toBe('ALARM'); // mem is INSUFFICIENT_DATA: NOT OK(mem) holds
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'mem', StateValue: 'OK', StateReason: 'x' }));
    expect((await composite())?.StateValue).toBe('OK');
  });

  it('an alarm on metric math evaluates the returned expression', async () => {
    freezeTime();
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'ratio',
        EvaluationPeriods: 1,
        Threshold: 50,
        ComparisonOperator: 'GreaterThanThreshold',
        Metrics: [
          { Id: 'e', MetricStat: { Metric: { Namespace: 'App', MetricName: 'Errors' }, Period: 60, Stat: 'Sum' }, ReturnData: false },
          { Id: 'r', MetricStat: { Metric: { Namespace: 'App', MetricName: 'Requests' }, Period: 60, Stat: 'Sum' }, ReturnData: false },
          { Id: 'pct', Expression: '100 * e / r', ReturnData: true },
        ],
      }),
    );
    await cw.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'Errors', Value: 6 }, { MetricName: 'Requests', Value: 10 }] }));
    await minute();
    expect((await state('ratio'))?.StateValue).toBe('ALARM');
  });
});
