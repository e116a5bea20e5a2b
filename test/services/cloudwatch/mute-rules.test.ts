import {
  CloudWatchClient,
  DeleteAlarmMuteRuleCommand,
  DescribeAlarmsCommand,
  GetAlarmMuteRuleCommand,
  ListAlarmMuteRulesCommand,
  ListTagsForResourceCommand,
  PutAlarmMuteRuleCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { useMockAws } from '../lifecycle';
import { T0, freezeTime, topicToQueue } from './support';

const HOUR = 3600_000;
const ruleArn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm-mute-rule:${name}`;

describe('CloudWatch alarm mute rules', () => {
  const aws = useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });

  async function alarm(name: string, topicArn: string) {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        Namespace: 'Shop',
        MetricName: 'Errors',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [topicArn],
        OKActions: [topicArn],
      }),
    );
  }
  const setState = (AlarmName: string, StateValue: 'OK' | 'ALARM') =>
    cw.send(new SetAlarmStateCommand({ AlarmName, StateValue, StateReason: 'test' }));

  it('mutes the targeted alarms\' actions during a daily cron window; states still change', async () => {
    freezeTime(T0); // 2031-03-01T00:00Z
    const { topicArn, receive } = await topicToQueue('pager');
    await alarm('db', topicArn);
    await alarm('web', topicArn);
    // Daily at 02:00 UTC for two hours.
    await cw.send(
      new PutAlarmMuteRuleCommand({
        Name: 'nightly',
        Rule: { Schedule: { Expression: 'cron(0 2 * * *)', Duration: 'PT2H' } },
        MuteTargets: { AlarmNames: ['db'] },
      }),
    );
    expect((await cw.send(new GetAlarmMuteRuleCommand({ AlarmMuteRuleName: 'nightly' }))).Status).toBe('SCHEDULED');
    aws.clock.advance(2 * HOUR + 30 * 60_000); // 02:30
    const active = await cw.send(new GetAlarmMuteRuleCommand({ AlarmMuteRuleName: 'nightly' }));
    expect(active).toMatchObject({
      Name: 'nightly',
      AlarmMuteRuleArn: ruleArn('nightly'),
      Status: 'ACTIVE',
      MuteType: 'RECURRING',
      Rule: { Schedule: { Expression: 'cron(0 2 * * *)', Duration: 'PT2H' } },
      MuteTargets: { AlarmNames: ['db'] },
    });
    await setState('db', 'ALARM');
    await setState('web', 'ALARM');
    await aws.settle();
    const during = await receive();
    expect(during.map((m) => m.Subject)).toEqual(['ALARM: "web" in US East (N. Virginia)']);
    const { MetricAlarms } = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['db'] }));
    expect(MetricAlarms?.[0].StateValue).toBe('ALARM');
    // 04:00: the window has closed; actions are delivered again.
    aws.clock.advance(90 * 60_000);
    expect((await cw.send(new GetAlarmMuteRuleCommand({ AlarmMuteRuleName: 'nightly' }))).Status).toBe('SCHEDULED');
    await setState('db', 'OK');
    await aws.settle();
    expect((await receive()).map((m) => m.Subject)).toEqual(['OK: "db" in US East (N. Virginia)']);
  });

  it('a one-time at() window in a time zone, ended by its expiry; deleting an active rule fires ALARM actions', async () => {
    freezeTime(T0);
    const { topicArn, receive } = await topicToQueue('ops');
    await alarm('api', topicArn);
    // 2031-03-01 09:00 in Tokyo (UTC+9) is 00:00 UTC.
    await cw.send(
      new PutAlarmMuteRuleCommand({
        Name: 'incident',
        Rule: { Schedule: { Expression: 'at(2031-03-01T09:00)', Duration: 'PT1H', Timezone: 'Asia/Tokyo' } },
        MuteTargets: { AlarmNames: ['api'] },
      }),
    );
    const got = await cw.send(new GetAlarmMuteRuleCommand({ AlarmMuteRuleName: 'incident' }));
    expect(got).toMatchObject({ Status: 'ACTIVE', MuteType: 'ONE_TIME' });
    await setState('api', 'ALARM');
    await aws.settle();
    expect(await receive()).toEqual([]);
    await cw.send(new DeleteAlarmMuteRuleCommand({ AlarmMuteRuleName: 'incident' }));
    await aws.settle();
    expect((await receive()).map((m) => m.Subject)).toEqual(['ALARM: "api" in US East (N. Virginia)']);
    // Deleting again succeeds (idempotent); the rule is gone.
    await cw.send(new DeleteAlarmMuteRuleCommand({ AlarmMuteRuleName: 'incident' }));
    await expect(cw.send(new GetAlarmMuteRuleCommand({ AlarmMuteRuleName: 'incident' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('start and expire dates bound the rule: SCHEDULED before, EXPIRED after', async () => {
    freezeTime(T0);
    await cw.send(
      new PutAlarmMuteRuleCommand({
        Name: 'bounded',
        Rule: { Schedule: { Expression: 'cron(* * * * *)', Duration: 'PT1M' } },
        StartDate: new Date(T0 + HOUR),
        ExpireDate: new Date(T0 + 2 * HOUR),
      }),
    );
    const status = async () => (await cw.send(new GetAlarmMuteRuleCommand({ AlarmMuteRuleName: 'bounded' }))).Status;
    expect(await status()).toBe('SCHEDULED');
    aws.clock.advance(HOUR + 1000);
    expect(await status()).toBe('ACTIVE');
    aws.clock.advance(HOUR);
    expect(await status()).toBe('EXPIRED');
  });

  it('lists rules by name in pages, filtered by alarm and status; tags by ARN', async () => {
    freezeTime(T0);
    const put = (Name: string, Expression: string, AlarmNames: string[]) =>
      cw.send(
        new PutAlarmMuteRuleCommand({
          Name,
          Rule: { Schedule: { Expression, Duration: 'PT1H' } },
          MuteTargets: { AlarmNames },
          Tags: [{ Key: 'team', Value: Name }],
        }),
      );
    await put('r3', 'cron(0 0 * * *)', ['a']);
    await put('r1', 'cron(0 12 * * MON-FRI)', ['a', 'b']);
    await put('r2', 'at(2032-01-01T00:00)', ['b']);
    const first = await cw.send(new ListAlarmMuteRulesCommand({ MaxRecords: 2 }));
    expect(first.AlarmMuteRuleSummaries?.map((s) => s.AlarmMuteRuleArn)).toEqual([ruleArn('r1'), ruleArn('r2')]);
    const second = await cw.send(new ListAlarmMuteRulesCommand({ MaxRecords: 2, NextToken: first.NextToken }));
    expect(second.AlarmMuteRuleSummaries?.map((s) => s.AlarmMuteRuleArn)).toEqual([ruleArn('r3')]);
    expect(second.NextToken).toBeUndefined();
    const ofB = await cw.send(new ListAlarmMuteRulesCommand({ AlarmName: 'b' }));
    expect(ofB.AlarmMuteRuleSummaries?.map((s) => [s.AlarmMuteRuleArn, s.MuteType])).toEqual([
      [ruleArn('r1'), 'RECURRING'],
      [ruleArn('r2'), 'ONE_TIME'],
    ]);
    // T0 is 00:00 UTC: r3's daily window is open.
    const active = await cw.send(new ListAlarmMuteRulesCommand({ Statuses: ['ACTIVE'] }));
    expect(active.AlarmMuteRuleSummaries?.map((s) => s.AlarmMuteRuleArn)).toEqual([ruleArn('r3')]);
    expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: ruleArn('r2') }))).Tags).toEqual([{ Key: 'team', Value: 'r2' }]);
    await expect(cw.send(new ListAlarmMuteRulesCommand({ NextToken: 'bogus' }))).rejects.toMatchObject({ name: 'InvalidNextToken' });
  });

  it('refuses bad schedules, durations out of PT1M..P15D, unknown time zones, an expiry before the start', async () => {
    const put = (Expression: string, Duration: string, Timezone?: string, extra: Record<string, unknown> = {}) =>
      cw.send(new PutAlarmMuteRuleCommand({ Name: 'bad', Rule: { Schedule: { Expression, Duration, Timezone } }, ...extra }));
    for (const [expression, duration, zone] of [
      ['cron(0 2 * *)', 'PT1H'],
      ['cron(61 2 * * *)', 'PT1H'],
      ['rate(5 minutes)', 'PT1H'],
      ['at(2031-02-30T00:00)', 'PT1H'],
      ['cron(0 2 * * *)', 'PT30S'],
      ['cron(0 2 * * *)', 'P16D'],
      ['cron(0 2 * * *)', '4 hours'],
      ['cron(0 2 * * *)', 'PT1H', 'Mars/Olympus'],
    ] as Array<[string, string, string?]>) {
      await expect(put(expression, duration, zone)).rejects.toMatchObject({ name: 'InvalidParameterValueException', $metadata: { httpStatusCode: 400 } });
    }
    await expect(
      put('cron(0 2 * * *)', 'PT1H', undefined, { StartDate: new Date(T0 + HOUR), ExpireDate: new Date(T0) }),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    expect((await cw.send(new ListAlarmMuteRulesCommand({}))).AlarmMuteRuleSummaries).toEqual([]);
  });
});
