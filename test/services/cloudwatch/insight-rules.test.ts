/** Contributor Insights rules through the SDK; reports computed from log events put through the Logs SDK. */
import {
  CloudWatchClient,
  DeleteInsightRulesCommand,
  DescribeInsightRulesCommand,
  DisableInsightRulesCommand,
  EnableInsightRulesCommand,
  GetInsightRuleReportCommand,
  ListTagsForResourceCommand,
  PutInsightRuleCommand,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { useMockAws } from '../lifecycle';
import { T0, freezeTime } from './support';

const definition = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Schema: { Name: 'CloudWatchLogRule', Version: 1 },
    LogGroupNames: ['api-*'],
    LogFormat: 'JSON',
    Contribution: { Keys: ['$.ip'], Filters: [{ Match: '$.method', In: ['GET', 'PUT'] }] },
    AggregateOn: 'Count',
    ...extra,
  });

describe('CloudWatch Contributor Insights rules', () => {
  useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });
  const logs = new CloudWatchLogsClient({ region: 'us-east-1' });

  it('Put / Describe / Disable / Enable / Delete, with failures for unknown names and tags on the rule ARN', async () => {
    await cw.send(new PutInsightRuleCommand({ RuleName: 'top-ips', RuleDefinition: definition(), Tags: [{ Key: 'team', Value: 'edge' }] }));
    await cw.send(new PutInsightRuleCommand({ RuleName: 'quiet', RuleDefinition: definition(), RuleState: 'DISABLED' }));
    const described = await cw.send(new DescribeInsightRulesCommand({}));
    expect(described.InsightRules).toEqual([
      { Name: 'quiet', State: 'DISABLED', Schema: 'CloudWatchLogRule/1', Definition: definition(), ManagedRule: false, ApplyOnTransformedLogs: false },
      { Name: 'top-ips', State: 'ENABLED', Schema: 'CloudWatchLogRule/1', Definition: definition(), ManagedRule: false, ApplyOnTransformedLogs: false },
    ]);
    const tags = await cw.send(new ListTagsForResourceCommand({ ResourceARN: 'arn:aws:cloudwatch:us-east-1:123456789012:insight-rule/top-ips' }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'edge' }]);
    const disabled = await cw.send(new DisableInsightRulesCommand({ RuleNames: ['top-ips', 'ghost'] }));
    expect(disabled.Failures).toEqual([
      { FailureResource: 'ghost', ExceptionType: 'ResourceNotFoundException', FailureCode: '404', FailureDescription: 'Rule ghost does not exist.' },
    ]);
    await cw.send(new EnableInsightRulesCommand({ RuleNames: ['quiet'] }));
    const states = (await cw.send(new DescribeInsightRulesCommand({}))).InsightRules?.map((r) => [r.Name, r.State]);
    expect(states).toEqual([
      ['quiet', 'ENABLED'],
      ['top-ips', 'DISABLED'],
    ]);
    const page = await cw.send(new DescribeInsightRulesCommand({ MaxResults: 1 }));
    expect(page.InsightRules?.map((r) => r.Name)).toEqual(['quiet']);
    expect((await cw.send(new DescribeInsightRulesCommand({ MaxResults: 1, NextToken: page.NextToken }))).InsightRules?.map((r) => r.Name)).toEqual(['top-ips']);
    expect((await cw.send(new DeleteInsightRulesCommand({ RuleNames: ['quiet', 'top-ips'] }))).Failures).toEqual([]);
    expect((await cw.send(new DescribeInsightRulesCommand({}))).InsightRules).toEqual([]);
  });

  it('refuses a definition that is not JSON, of another schema, or summing without ValueOf', async () => {
    for (const RuleDefinition of ['{nope', definition({ Schema: { Name: 'Other', Version: 1 } }), definition({ AggregateOn: 'Sum' })]) {
      await expect(cw.send(new PutInsightRuleCommand({ RuleName: 'bad', RuleDefinition }))).rejects.toMatchObject({
        name: 'InvalidParameterValueException',
      });
    }
    expect((await cw.send(new DescribeInsightRulesCommand({}))).InsightRules).toEqual([]);
  });

  it('GetInsightRuleReport counts or sums the matching events of the rule log groups per contributor and period', async () => {
    freezeTime(T0 + 3600_000);
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'api-access' }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'other' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'api-access', logStreamName: 's' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'other', logStreamName: 's' }));
    const event = (minute: number, ip: string, method: string, bytes: number) => ({
      timestamp: T0 + minute * 60_000,
      message: JSON.stringify({ ip, method, bytes }),
    });
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'api-access',
        logStreamName: 's',
        logEvents: [event(0, 'a', 'GET', 100), event(0, 'b', 'GET', 10), event(0, 'a', 'POST', 999), event(1, 'a', 'PUT', 50), event(1, 'b', 'GET', 500), event(1, 'b', 'GET', 5)],
      }),
    );
    await logs.send(new PutLogEventsCommand({ logGroupName: 'other', logStreamName: 's', logEvents: [event(0, 'z', 'GET', 1)] }));
    await cw.send(new PutInsightRuleCommand({ RuleName: 'count', RuleDefinition: definition() }));
    const counted = await cw.send(
      new GetInsightRuleReportCommand({ RuleName: 'count', StartTime: new Date(T0), EndTime: new Date(T0 + 120_000), Period: 60, Metrics: ['UniqueContributors', 'Sum'] }),
    );
    expect(counted).toMatchObject({ KeyLabels: ['$.ip'], AggregationStatistic: 'Count', AggregateValue: 5, ApproximateUniqueCount: 2 });
    expect(counted.Contributors).toEqual([
      { Keys: ['b'], ApproximateAggregateValue: 3, Datapoints: [{ Timestamp: new Date(T0), ApproximateValue: 1 }, { Timestamp: new Date(T0 + 60_000), ApproximateValue: 2 }] },
      { Keys: ['a'], ApproximateAggregateValue: 2, Datapoints: [{ Timestamp: new Date(T0), ApproximateValue: 1 }, { Timestamp: new Date(T0 + 60_000), ApproximateValue: 1 }] },
    ]);
    expect(counted.MetricDatapoints).toEqual([
      { Timestamp: new Date(T0), UniqueContributors: 2, Sum: 2 },
      { Timestamp: new Date(T0 + 60_000), UniqueContributors: 2, Sum: 3 },
    ]);
    await cw.send(
      new PutInsightRuleCommand({
        RuleName: 'bytes',
        RuleDefinition: definition({ AggregateOn: 'Sum', Contribution: { Keys: ['$.ip'], ValueOf: '$.bytes', Filters: [] } }),
      }),
    );
    const summed = await cw.send(
      new GetInsightRuleReportCommand({ RuleName: 'bytes', StartTime: new Date(T0), EndTime: new Date(T0 + 120_000), Period: 120, MaxContributorCount: 1, Metrics: ['MaxContributorValue'] }),
    );
    expect(summed).toMatchObject({ AggregationStatistic: 'Sum', AggregateValue: 1664, ApproximateUniqueCount: 2 });
    expect(summed.Contributors?.map((c) => [c.Keys, c.ApproximateAggregateValue])).toEqual([[['a'], 1149]]);
    expect(summed.MetricDatapoints).toEqual([{ Timestamp: new Date(T0), MaxContributorValue: 1149 }]);
    await expect(
      cw.send(new GetInsightRuleReportCommand({ RuleName: 'ghost', StartTime: new Date(T0), EndTime: new Date(T0 + 60_000), Period: 60 })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
