import { CloudWatchClient, DescribeAlarmContributorsCommand, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { useMockAws } from '../lifecycle';

describe('CloudWatch DescribeAlarmContributors', () => {
  useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });

  it('a single-series alarm, even in ALARM, has no contributors; an unknown alarm is ResourceNotFoundException', async () => {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'cpu',
        Namespace: 'App',
        MetricName: 'CPU',
        Statistic: 'Average',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 90,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'cpu', StateValue: 'ALARM', StateReason: 'test' }));
    expect((await cw.send(new DescribeAlarmContributorsCommand({ AlarmName: 'cpu' }))).AlarmContributors).toEqual([]);
    await expect(cw.send(new DescribeAlarmContributorsCommand({ AlarmName: 'ghost' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(cw.send(new DescribeAlarmContributorsCommand({ AlarmName: 'cpu', NextToken: 'x' }))).rejects.toMatchObject({ name: 'InvalidNextToken' });
  });
});
