import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, PutLogAlarmCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { useMockAws } from '../lifecycle';
import { T0, freezeTime, topicToQueue } from './support';

const ROLE = 'arn:aws:iam::123456789012:role/log-alarm-queries';

describe('CloudWatch log alarms (PutLogAlarm)', () => {
  const aws = useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });
  const logs = new CloudWatchLogsClient({ region: 'us-east-1' });

  async function logGroup() {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/api' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/app/api', logStreamName: 's' }));
  }
  const log = (messages: string[]) =>
    logs.send(
      new PutLogEventsCommand({
        logGroupName: '/app/api',
        logStreamName: 's',
        logEvents: messages.map((message) => ({ timestamp: Date.now(), message })),
      }),
    );
  const put = (extra: Record<string, unknown> = {}) =>
    cw.send(
      new PutLogAlarmCommand({
        AlarmName: 'errors',
        ScheduledQueryConfiguration: {
          QueryString: 'filter level = "ERROR"',
          LogGroupIdentifiers: ['/app/api'],
          ScheduledQueryRoleARN: ROLE,
          ScheduleConfiguration: { ScheduleExpression: 'rate(1 minute)', StartTimeOffset: 60 },
          AggregationExpression: 'count(*)',
        },
        QueryResultsToEvaluate: 2,
        QueryResultsToAlarm: 2,
        Threshold: 3,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        ...extra,
      }),
    );
  const state = async () => (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['errors'], AlarmTypes: ['LogAlarm'] }))).LogAlarms?.[0];

  it('runs the query each minute on the clock and goes to ALARM when 2 of the last 2 results breach, notifying SNS', async () => {
    freezeTime(T0);
    await logGroup();
    const { topicArn, receive } = await topicToQueue('logs-oncall');
    await put({ AlarmActions: [topicArn] });
    expect(await state()).toMatchObject({ StateValue: 'INSUFFICIENT_DATA', QueryResultsToEvaluate: 2, QueryResultsToAlarm: 2, Threshold: 3 });
    // Without AlarmTypes only metric alarms are described.
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['errors'] }))).LogAlarms).toBeUndefined();
    await log(['{"level":"ERROR"}', '{"level":"ERROR"}', '{"level":"ERROR"}', '{"level":"INFO"}']);
    aws.clock.advance(60_000);
    await aws.settle();
    // One breaching result of the two needed.
    expect((await state())?.StateValue).toBe('OK');
    await log(['{"level":"ERROR"}', '{"level":"ERROR"}', '{"level":"ERROR"}', '{"level":"ERROR"}']);
    aws.clock.advance(60_000);
    await aws.settle();
    const alarmed = await state();
    expect(alarmed?.StateValue).toBe('ALARM');
    expect(alarmed?.StateReason).toMatch(/^Threshold Crossed: 2 out of the last 2 query results \[3; 4\] were greater than or equal to the threshold \(3\)/);
    const [notice] = await receive();
    expect(notice.Subject).toBe('ALARM: "errors" in US East (N. Virginia)');
    expect(JSON.parse(notice.Message)).toMatchObject({ AlarmName: 'errors', NewStateValue: 'ALARM', OldStateValue: 'OK' });
    const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'errors', HistoryItemType: 'StateUpdate', AlarmTypes: ['LogAlarm'] }));
    expect(history.AlarmHistoryItems?.map((h) => [h.AlarmType, h.HistorySummary])).toEqual([
      ['LogAlarm', 'Alarm updated from OK to ALARM'],
      ['LogAlarm', 'Alarm updated from INSUFFICIENT_DATA to OK'],
    ]);
  });

  it('a query without rows is missing data: INSUFFICIENT_DATA by default, ALARM when missing data breaches', async () => {
    freezeTime(T0);
    await logGroup();
    await put({ QueryResultsToAlarm: 1 });
    aws.clock.advance(60_000);
    await aws.settle();
    expect(await state()).toMatchObject({ StateValue: 'INSUFFICIENT_DATA', StateReason: 'Insufficient Data: the last 1 query results returned no value.' });
    await put({ QueryResultsToAlarm: 1, TreatMissingData: 'breaching' });
    aws.clock.advance(60_000);
    await aws.settle();
    expect(await state()).toMatchObject({ StateValue: 'ALARM', TreatMissingData: 'breaching' });
  });

  it('refuses a cron schedule, offsets out of order, M above N, band operators, unknown log groups, a metric alarm\'s name', async () => {
    await logGroup();
    const query = (ScheduleExpression: string, StartTimeOffset: number, EndTimeOffset?: number, LogGroupIdentifiers = ['/app/api']) => ({
      ScheduledQueryConfiguration: {
        QueryString: 'fields @message',
        LogGroupIdentifiers,
        ScheduledQueryRoleARN: ROLE,
        ScheduleConfiguration: { ScheduleExpression, StartTimeOffset, EndTimeOffset },
        AggregationExpression: 'count(*)',
      },
    });
    for (const extra of [
      query('cron(0 * * * ? *)', 60),
      query('rate(1 minutes)', 60),
      query('rate(5 minutes)', 60, 60),
      { QueryResultsToAlarm: 3 },
      { ComparisonOperator: 'GreaterThanUpperThreshold' },
    ]) {
      await expect(put(extra)).rejects.toMatchObject({ name: 'InvalidParameterValueException', $metadata: { httpStatusCode: 400 } });
    }
    await expect(put(query('rate(5 minutes)', 60, 0, ['/nope']))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await cw.send(
      new PutMetricAlarmCommand({ AlarmName: 'errors', Namespace: 'A', MetricName: 'B', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }),
    );
    await expect(put()).rejects.toMatchObject({ name: 'ResourceConflict' });
  });
});
