import {
  CloudWatchClient,
  DeleteDashboardsCommand,
  GetDashboardCommand,
  ListDashboardsCommand,
  ListTagsForResourceCommand,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch';
import { useMockAws } from '../lifecycle';

describe('CloudWatch dashboards and tags', () => {
  useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });
  const body = JSON.stringify({ widgets: [{ type: 'text', x: 0, y: 0, width: 6, height: 3, properties: { markdown: 'hi' } }] });

  it('puts, gets, lists and deletes dashboards, global to the account', async () => {
    const out = await cw.send(new PutDashboardCommand({ DashboardName: 'ops', DashboardBody: body }));
    expect(out.DashboardValidationMessages).toEqual([]);
    await cw.send(new PutDashboardCommand({ DashboardName: 'other', DashboardBody: '{}' }));
    const eu = new CloudWatchClient({ region: 'eu-west-1' });
    const got = await eu.send(new GetDashboardCommand({ DashboardName: 'ops' }));
    expect(got).toMatchObject({ DashboardName: 'ops', DashboardArn: 'arn:aws:cloudwatch::123456789012:dashboard/ops', DashboardBody: body });
    const listed = await cw.send(new ListDashboardsCommand({ DashboardNamePrefix: 'o' }));
    expect(listed.DashboardEntries?.map((d) => [d.DashboardName, d.Size])).toEqual([
      ['ops', Buffer.byteLength(body)],
      ['other', 2],
    ]);
    await cw.send(new DeleteDashboardsCommand({ DashboardNames: ['ops'] }));
    await expect(cw.send(new GetDashboardCommand({ DashboardName: 'ops' }))).rejects.toMatchObject({
      name: 'ResourceNotFound',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(cw.send(new DeleteDashboardsCommand({ DashboardNames: ['ops'] }))).rejects.toMatchObject({ name: 'ResourceNotFound' });
  });

  it('refuses a dashboard body that is not a JSON object', async () => {
    await expect(cw.send(new PutDashboardCommand({ DashboardName: 'bad', DashboardBody: '{not json' }))).rejects.toMatchObject({
      name: 'DashboardInvalidInputError',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(cw.send(new PutDashboardCommand({ DashboardName: 'bad', DashboardBody: '{"widgets": 3}' }))).rejects.toMatchObject({
      name: 'DashboardInvalidInputError',
    });
    expect((await cw.send(new ListDashboardsCommand({}))).DashboardEntries).toEqual([]);
  });

  it('tags alarms and dashboards by ARN', async () => {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'tagged',
        Namespace: 'App',
        MetricName: 'm',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        Tags: [{ Key: 'team', Value: 'a' }],
      }),
    );
    const alarmArn = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:tagged';
    await cw.send(new TagResourceCommand({ ResourceARN: alarmArn, Tags: [{ Key: 'env', Value: 'prod' }] }));
    expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: alarmArn }))).Tags).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'team', Value: 'a' },
    ]);
    await cw.send(new UntagResourceCommand({ ResourceARN: alarmArn, TagKeys: ['team'] }));
    expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: alarmArn }))).Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    await cw.send(new PutDashboardCommand({ DashboardName: 'd', DashboardBody: '{}', Tags: [{ Key: 'k', Value: 'v' }] }));
    const dashArn = 'arn:aws:cloudwatch::123456789012:dashboard/d';
    expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: dashArn }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
    await expect(
      cw.send(new ListTagsForResourceCommand({ ResourceARN: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ghost' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });
});
