import {
  CloudWatchClient,
  DescribeInsightRulesCommand,
  DisableInsightRulesCommand,
  GetInsightRuleReportCommand,
  ListManagedInsightRulesCommand,
  PutInsightRuleCommand,
  PutManagedInsightRulesCommand,
} from '@aws-sdk/client-cloudwatch';
import { useMockAws } from '../lifecycle';

const SERVICE = 'arn:aws:ec2:us-east-1:123456789012:vpc-endpoint-service/vpce-svc-0123456789abcdef0';
const TEMPLATE = 'VpcEndpointService-BytesByEndpointId-v1';
const RULE = `${TEMPLATE}-vpce-svc-0123456789abcdef0`;

describe('CloudWatch managed Contributor Insights rules', () => {
  useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });

  it('lists the templates of a VPC endpoint service, enables one as a managed insight rule, re-enables it', async () => {
    const before = await cw.send(new ListManagedInsightRulesCommand({ ResourceARN: SERVICE }));
    expect(before.ManagedRules).toEqual([{ TemplateName: TEMPLATE }]);
    const put = await cw.send(new PutManagedInsightRulesCommand({ ManagedRules: [{ TemplateName: TEMPLATE, ResourceARN: SERVICE }] }));
    expect(put.Failures).toEqual([]);
    const after = await cw.send(new ListManagedInsightRulesCommand({ ResourceARN: SERVICE }));
    expect(after.ManagedRules).toEqual([{ TemplateName: TEMPLATE, ResourceARN: SERVICE, RuleState: { RuleName: RULE, State: 'ENABLED' } }]);
    const described = await cw.send(new DescribeInsightRulesCommand({}));
    expect(described.InsightRules?.map((r) => [r.Name, r.State, r.ManagedRule])).toEqual([[RULE, 'ENABLED', true]]);
    await cw.send(new DisableInsightRulesCommand({ RuleNames: [RULE] }));
    expect((await cw.send(new ListManagedInsightRulesCommand({ ResourceARN: SERVICE }))).ManagedRules?.[0].RuleState?.State).toBe('DISABLED');
    // "If a previously created managed rule is currently disabled, a subsequent call to this API will re-enable it."
    await cw.send(new PutManagedInsightRulesCommand({ ManagedRules: [{ TemplateName: TEMPLATE, ResourceARN: SERVICE }] }));
    expect((await cw.send(new ListManagedInsightRulesCommand({ ResourceARN: SERVICE }))).ManagedRules?.[0].RuleState?.State).toBe('ENABLED');
    const report = await cw.send(
      new GetInsightRuleReportCommand({ RuleName: RULE, StartTime: new Date(Date.now() - 3600_000), EndTime: new Date(), Period: 300 }),
    );
    expect(report.Contributors).toEqual([]);
  });

  it('managed rules cannot be edited with PutInsightRule; an unknown template is a per-rule failure', async () => {
    await cw.send(new PutManagedInsightRulesCommand({ ManagedRules: [{ TemplateName: TEMPLATE, ResourceARN: SERVICE }] }));
    const definition = JSON.stringify({
      Schema: { Name: 'CloudWatchLogRule', Version: 1 },
      LogGroupNames: ['/app'],
      LogFormat: 'JSON',
      Contribution: { Keys: ['$.ip'], Filters: [] },
      AggregateOn: 'Count',
    });
    await expect(cw.send(new PutInsightRuleCommand({ RuleName: RULE, RuleDefinition: definition }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    const put = await cw.send(
      new PutManagedInsightRulesCommand({
        ManagedRules: [
          { TemplateName: 'NoSuchTemplate-v1', ResourceARN: SERVICE },
          { TemplateName: TEMPLATE, ResourceARN: 'arn:aws:s3:::bucket' },
        ],
      }),
    );
    expect(put.Failures?.map((f) => [f.FailureResource, f.ExceptionType])).toEqual([
      ['NoSuchTemplate-v1', 'InvalidParameterValueException'],
      [TEMPLATE, 'InvalidParameterValueException'],
    ]);
    expect((await cw.send(new ListManagedInsightRulesCommand({ ResourceARN: 'arn:aws:s3:::bucket' }))).ManagedRules).toEqual([]);
    await expect(cw.send(new ListManagedInsightRulesCommand({ ResourceARN: 'not-an-arn' }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
  });
});
