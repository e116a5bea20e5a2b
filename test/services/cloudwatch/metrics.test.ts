import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { useMockAws } from '../lifecycle';

const T0 = Date.parse('2031-03-01T00:00:00Z');

describe('CloudWatch metrics', () => {
  const aws = useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });
  beforeEach(() => jest.useFakeTimers({ now: T0 + 3600_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));

  const at = (minute: number, second = 0) => new Date(T0 + minute * 60_000 + second * 1000);

  it('aggregates values, statistic sets and Values/Counts per aligned period', async () => {
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'App',
        MetricData: [
          { MetricName: 'Latency', Value: 10, Timestamp: at(0, 5), Unit: 'Milliseconds' },
          { MetricName: 'Latency', Values: [20, 30], Counts: [1, 2], Timestamp: at(0, 40), Unit: 'Milliseconds' },
          { MetricName: 'Latency', StatisticValues: { SampleCount: 2, Sum: 100, Minimum: 40, Maximum: 60 }, Timestamp: at(1, 10), Unit: 'Milliseconds' },
        ],
      }),
    );
    const out = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'App',
        MetricName: 'Latency',
        StartTime: at(0),
        EndTime: at(5),
        Period: 60,
        Statistics: ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'],
      }),
    );
    expect(out.Label).toBe('Latency');
    expect(out.Datapoints).toEqual([
      { Timestamp: at(0), Average: 22.5, Sum: 90, Minimum: 10, Maximum: 30, SampleCount: 4, Unit: 'Milliseconds' },
      { Timestamp: at(1), Average: 50, Sum: 100, Minimum: 40, Maximum: 60, SampleCount: 2, Unit: 'Milliseconds' },
    ]);
  });

  it('computes percentiles as ExtendedStatistics', async () => {
    await cw.send(
      new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'P', Values: Array.from({ length: 100 }, (_, i) => i + 1), Timestamp: at(0) }] }),
    );
    const out = await cw.send(
      new GetMetricStatisticsCommand({ Namespace: 'App', MetricName: 'P', StartTime: at(0), EndTime: at(1), Period: 60, ExtendedStatistics: ['p50', 'p99'] }),
    );
    expect(out.Datapoints?.[0].ExtendedStatistics).toEqual({ p50: 50, p99: 99 });
  });

  it('keeps series apart by dimensions and filters by unit', async () => {
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'App',
        MetricData: [
          { MetricName: 'Hits', Value: 1, Dimensions: [{ Name: 'Host', Value: 'a' }], Timestamp: at(0), Unit: 'Count' },
          { MetricName: 'Hits', Value: 5, Dimensions: [{ Name: 'Host', Value: 'b' }], Timestamp: at(0), Unit: 'Count' },
        ],
      }),
    );
    const a = await cw.send(
      new GetMetricStatisticsCommand({ Namespace: 'App', MetricName: 'Hits', Dimensions: [{ Name: 'Host', Value: 'b' }], StartTime: at(0), EndTime: at(1), Period: 60, Statistics: ['Sum'] }),
    );
    expect(a.Datapoints?.map((d) => d.Sum)).toEqual([5]);
    const wrongUnit = await cw.send(
      new GetMetricStatisticsCommand({ Namespace: 'App', MetricName: 'Hits', Dimensions: [{ Name: 'Host', Value: 'b' }], StartTime: at(0), EndTime: at(1), Period: 60, Statistics: ['Sum'], Unit: 'Seconds' }),
    );
    expect(wrongUnit.Datapoints).toEqual([]);
  });

  it('refuses bad data with CloudWatch errors and stores nothing of the call', async () => {
    await expect(
      cw.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'ok', Value: 1 }, { MetricName: 'bad', Value: 1, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } }] })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterCombinationException',
      message: 'The parameters MetricData.member.2.Value and MetricData.member.2.StatisticValues are mutually exclusive and you have specified both.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      cw.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'v', Values: [1, 2], Counts: [1] }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: 'The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the same size.' });
    await expect(cw.send(new PutMetricDataCommand({ Namespace: 'AWS/EC2', MetricData: [{ MetricName: 'x', Value: 1 }] }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'The value AWS/EC2 for parameter Namespace is invalid.',
    });
    await expect(
      cw.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'old', Value: 1, Timestamp: new Date(T0 - 15 * 86400_000) }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: 'The parameter MetricData.member.1.Timestamp must specify a time no more than two weeks in the past.' });
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ MetricName: `m${i}`, Value: 1 }));
    await expect(cw.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: tooMany }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    const dims = Array.from({ length: 31 }, (_, i) => ({ Name: `d${i}`, Value: 'v' }));
    await expect(cw.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'd', Value: 1, Dimensions: dims }] }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 },
    });
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'App' }))).Metrics).toEqual([]);
  });

  it('refuses more than 1,440 datapoints and a period that is not a multiple of 60', async () => {
    await expect(
      cw.send(new GetMetricStatisticsCommand({ Namespace: 'App', MetricName: 'x', StartTime: at(0), EndTime: at(1441), Period: 60, Statistics: ['Sum'] })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterCombinationException',
      message: 'You have requested up to 1,441 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.',
    });
    await expect(
      cw.send(new GetMetricStatisticsCommand({ Namespace: 'App', MetricName: 'x', StartTime: at(0), EndTime: at(10), Period: 90, Statistics: ['Sum'] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: 'The parameter Period must be a multiple of 60.' });
  });

  it('GetMetricData answers MetricStat queries and metric math', async () => {
    const put = (MetricName: string, values: number[]) =>
      cw.send(new PutMetricDataCommand({ Namespace: 'Shop', MetricData: values.map((Value, i) => ({ MetricName, Value, Timestamp: at(i) })) }));
    await put('Errors', [1, 2, 3]);
    await put('Requests', [10, 20, 30]);
    const stat = (Id: string, MetricName: string) => ({ Id, MetricStat: { Metric: { Namespace: 'Shop', MetricName }, Period: 60, Stat: 'Sum' }, ReturnData: false });
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: at(0),
        EndTime: at(3),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          stat('errors', 'Errors'),
          stat('requests', 'Requests'),
          { Id: 'rate', Expression: '100 * errors / requests', Label: 'Error rate' },
          { Id: 'total', Expression: 'SUM(METRICS())' },
          { Id: 'peak', Expression: 'MAX(METRICS())' },
          { Id: 'raw', MetricStat: { Metric: { Namespace: 'Shop', MetricName: 'Errors' }, Period: 60, Stat: 'Maximum' } },
        ],
      }),
    );
    const byId = Object.fromEntries((out.MetricDataResults ?? []).map((r) => [r.Id, r]));
    expect(Object.keys(byId)).toEqual(['rate', 'total', 'peak', 'raw']);
    expect(byId.rate).toMatchObject({ Label: 'Error rate', Values: [10, 10, 10], StatusCode: 'Complete' });
    expect(byId.rate.Timestamps).toEqual([at(0), at(1), at(2)]);
    expect(byId.total.Values).toEqual([12, 24, 36]); // errors + requests + raw
    expect(byId.peak.Values).toEqual([10, 20, 30]);
    expect(byId.raw).toMatchObject({ Label: 'Errors', Values: [1, 2, 3] });
    await expect(
      cw.send(new GetMetricDataCommand({ StartTime: at(0), EndTime: at(3), MetricDataQueries: [{ Id: 'bad', Expression: 'nope + 1' }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(
      cw.send(
        new GetMetricDataCommand({
          StartTime: at(0),
          EndTime: at(3),
          MetricDataQueries: [
            { Id: 'a', Expression: 'b + 1' },
            { Id: 'b', Expression: 'a * 2' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: expect.stringContaining('Circular dependency') });
    const chained = await cw.send(
      new GetMetricDataCommand({
        StartTime: at(0),
        EndTime: at(3),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          { Id: 'twice', Expression: 'half * 4' },
          { Id: 'half', Expression: 'e / 2', ReturnData: false },
          { Id: 'e', MetricStat: { Metric: { Namespace: 'Shop', MetricName: 'Errors' }, Period: 60, Stat: 'Sum' }, ReturnData: false },
        ],
      }),
    );
    expect(chained.MetricDataResults?.map((r) => [r.Id, r.Values])).toEqual([['twice', [2, 4, 6]]]);
  });

  it('GetMetricData pages by MaxDatapoints with a NextToken', async () => {
    await cw.send(
      new PutMetricDataCommand({ Namespace: 'Pg', MetricData: [1, 2, 3, 4, 5].map((Value, i) => ({ MetricName: 'm', Value, Timestamp: at(i) })) }),
    );
    const query = {
      StartTime: at(0),
      EndTime: at(5),
      ScanBy: 'TimestampAscending' as const,
      MaxDatapoints: 2,
      MetricDataQueries: [
        { Id: 'a', MetricStat: { Metric: { Namespace: 'Pg', MetricName: 'm' }, Period: 60, Stat: 'Sum' } },
        { Id: 'b', Expression: 'a * 10' },
      ],
    };
    const values: Record<string, number[]> = { a: [], b: [] };
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const out = await cw.send(new GetMetricDataCommand({ ...query, NextToken }));
      for (const r of out.MetricDataResults ?? []) values[r.Id as string].push(...(r.Values ?? []));
      expect((out.MetricDataResults ?? []).reduce((n, r) => n + (r.Values?.length ?? 0), 0)).toBeLessThanOrEqual(2);
      NextToken = out.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBe(5);
    expect(values).toEqual({ a: [1, 2, 3, 4, 5], b: [10, 20, 30, 40, 50] });
  });

  it('lists metrics with filters, RecentlyActive and the two-week rule', async () => {
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'A',
        MetricData: [
          { MetricName: 'm1', Value: 1, Dimensions: [{ Name: 'Env', Value: 'prod' }] },
          { MetricName: 'm1', Value: 1, Dimensions: [{ Name: 'Env', Value: 'dev' }] },
          { MetricName: 'm2', Value: 1 },
        ],
      }),
    );
    await cw.send(new PutMetricDataCommand({ Namespace: 'B', MetricData: [{ MetricName: 'm1', Value: 1 }] }));
    expect((await cw.send(new ListMetricsCommand({}))).Metrics).toHaveLength(4);
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'A', MetricName: 'm1' }))).Metrics).toHaveLength(2);
    const prod = await cw.send(new ListMetricsCommand({ Dimensions: [{ Name: 'Env', Value: 'prod' }] }));
    expect(prod.Metrics).toEqual([{ Namespace: 'A', MetricName: 'm1', Dimensions: [{ Name: 'Env', Value: 'prod' }] }]);
    expect((await cw.send(new ListMetricsCommand({ Dimensions: [{ Name: 'Env' }] }))).Metrics).toHaveLength(2);
    aws.clock.advance(4 * 3600_000);
    expect((await cw.send(new ListMetricsCommand({ RecentlyActive: 'PT3H' }))).Metrics).toEqual([]);
    expect((await cw.send(new ListMetricsCommand({}))).Metrics).toHaveLength(4);
    aws.clock.advance(14 * 86400_000);
    expect((await cw.send(new ListMetricsCommand({}))).Metrics).toEqual([]);
  });

  it('pages ListMetrics 500 at a time with a NextToken', async () => {
    for (let batch = 0; batch < 2; batch++) {
      const MetricData = Array.from({ length: 300 }, (_, i) => ({ MetricName: `m${String(batch * 300 + i).padStart(4, '0')}`, Value: 1 }));
      await cw.send(new PutMetricDataCommand({ Namespace: 'Many', MetricData }));
    }
    const first = await cw.send(new ListMetricsCommand({ Namespace: 'Many' }));
    expect(first.Metrics).toHaveLength(500);
    const second = await cw.send(new ListMetricsCommand({ Namespace: 'Many', NextToken: first.NextToken }));
    expect(second.Metrics).toHaveLength(100);
    expect(second.NextToken).toBeUndefined();
    await expect(cw.send(new ListMetricsCommand({ NextToken: 'garbage!' }))).rejects.toMatchObject({ name: 'InvalidNextToken' });
  });
});
