import { CloudWatchClient, DescribeAlarmHistoryCommand, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { useMockAws } from '../lifecycle';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';

describe('CloudWatch alarm actions on Lambda', () => {
  const aws = useMockAws();
  useLambdaRole();
  const cw = new CloudWatchClient({ region: 'us-east-1' });
  const lambda = lambdaClient();

  it('invokes the function asynchronously with the aws.cloudwatch alarm event', async () => {
    await createNodeFunction(lambda, 'on-alarm', { 'index.js': 'exports.handler = async () => 1;' });
    const events: Array<Record<string, any>> = [];
    (await aws.backends.lambda()).setHandler('on-alarm', async (event: Record<string, any>) => {
      events.push(event);
    });
    const fnArn = 'arn:aws:lambda:us-east-1:123456789012:function:on-alarm';
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'to-lambda',
        AlarmDescription: 'pages someone',
        Namespace: 'App',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'Service', Value: 'api' }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [fnArn],
      }),
    );
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'to-lambda', StateValue: 'ALARM', StateReason: 'drill' }));
    for (let i = 0; i < 100 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      source: 'aws.cloudwatch',
      alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:to-lambda',
      accountId: '123456789012',
      region: 'us-east-1',
      alarmData: {
        alarmName: 'to-lambda',
        state: { value: 'ALARM', reason: 'drill' },
        previousState: { value: 'INSUFFICIENT_DATA', reason: 'Unchecked: Initial alarm creation' },
        configuration: {
          description: 'pages someone',
          metrics: [{ metricStat: { metric: { namespace: 'App', name: 'Errors', dimensions: { Service: 'api' } }, period: 60, stat: 'Sum' }, returnData: true }],
        },
      },
    });
    const actions = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'to-lambda', HistoryItemType: 'Action' }));
    expect(actions.AlarmHistoryItems?.[0].HistorySummary).toBe(`Successfully executed action ${fnArn}`);
  });

  it('records a failed action for a function that does not exist', async () => {
    const fnArn = 'arn:aws:lambda:us-east-1:123456789012:function:missing';
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'nowhere',
        Namespace: 'App',
        MetricName: 'Errors',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [fnArn],
      }),
    );
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'nowhere', StateValue: 'ALARM', StateReason: 'drill' }));
    const actions = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'nowhere', HistoryItemType: 'Action' }));
    expect(actions.AlarmHistoryItems?.[0].HistorySummary).toMatch(new RegExp(`^Failed to execute action ${fnArn}\\. Received error: `));
  });
});
