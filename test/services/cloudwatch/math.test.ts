/** Metric math through GetMetricData: comparisons, IF, RATE / DIFF / PERIOD, FILL modes, array functions, SEARCH, bands. */
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { useMockAws } from '../lifecycle';

const T0 = Date.parse('2031-03-01T00:00:00Z');

describe('CloudWatch metric math', () => {
  useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });
  beforeEach(() => jest.useFakeTimers({ now: T0 + 3600_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));

  const at = (minute: number) => new Date(T0 + minute * 60_000);
  /** Puts `values` one a minute from minute 0; `undefined` leaves a gap. */
  const put = (MetricName: string, values: Array<number | undefined>, Dimensions?: Array<{ Name: string; Value: string }>) =>
    cw.send(
      new PutMetricDataCommand({
        Namespace: 'Shop',
        MetricData: values.flatMap((Value, i) => (Value === undefined ? [] : [{ MetricName, Value, Timestamp: at(i), Dimensions }])),
      }),
    );
  const stat = (Id: string, MetricName: string, Stat = 'Sum'): MetricDataQuery => ({
    Id,
    MetricStat: { Metric: { Namespace: 'Shop', MetricName }, Period: 60, Stat },
    ReturnData: false,
  });
  async function run(minutes: number, ...queries: MetricDataQuery[]) {
    const out = await cw.send(new GetMetricDataCommand({ StartTime: at(0), EndTime: at(minutes), ScanBy: 'TimestampAscending', MetricDataQueries: queries }));
    return (out.MetricDataResults ?? []).map((r) => ({ id: r.Id, t: r.Timestamps?.map((d) => (d.getTime() - T0) / 60_000), v: r.Values }));
  }

  it('comparisons give 1 or 0, AND / OR combine them, ^ raises; IF picks per datapoint and omits false ones without an else', async () => {
    await put('Errors', [0, 5, 2, 8]);
    await put('Requests', [10, 10, 10, 10]);
    const out = await run(
      4,
      stat('e', 'Errors'),
      stat('r', 'Requests'),
      { Id: 'high', Expression: 'e > 3' },
      { Id: 'both', Expression: 'e >= 2 AND e != 8' },
      { Id: 'either', Expression: 'e == 0 || e == 8' },
      { Id: 'sq', Expression: 'e ^ 2' },
      { Id: 'pick', Expression: 'IF(e > 3, e, 0)' },
      { Id: 'only', Expression: 'IF(e > 3, e * 100 / r)' },
    );
    expect(out).toEqual([
      { id: 'high', t: [0, 1, 2, 3], v: [0, 1, 0, 1] },
      { id: 'both', t: [0, 1, 2, 3], v: [0, 1, 1, 0] },
      { id: 'either', t: [0, 1, 2, 3], v: [1, 0, 0, 1] },
      { id: 'sq', t: [0, 1, 2, 3], v: [0, 25, 4, 64] },
      { id: 'pick', t: [0, 1, 2, 3], v: [0, 5, 0, 8] },
      { id: 'only', t: [1, 3], v: [50, 80] },
    ]);
  });

  it('RATE is the change per second, DIFF the change, DIFF_TIME the seconds between datapoints, PERIOD the period; RUNNING_SUM accumulates', async () => {
    await put('Count', [10, 70, undefined, 190]);
    const out = await run(
      4,
      stat('c', 'Count'),
      { Id: 'rate', Expression: 'RATE(c)' },
      { Id: 'diff', Expression: 'DIFF(c)' },
      { Id: 'gap', Expression: 'DIFF_TIME(c)' },
      { Id: 'period', Expression: 'PERIOD(c)' },
      { Id: 'total', Expression: 'RUNNING_SUM(c)' },
    );
    expect(out).toEqual([
      { id: 'rate', t: [1, 3], v: [1, 1] },
      { id: 'diff', t: [1, 3], v: [60, 120] },
      { id: 'gap', t: [1, 3], v: [60, 120] },
      { id: 'period', t: [0, 1, 3], v: [60, 60, 60] },
      { id: 'total', t: [0, 1, 3], v: [10, 80, 270] },
    ]);
  });

  it('FILL with a number, REPEAT or LINEAR fills every period of the range', async () => {
    await put('Gappy', [undefined, 10, undefined, undefined, 40, undefined]);
    const out = await run(
      6,
      stat('g', 'Gappy'),
      { Id: 'zero', Expression: 'FILL(g, 0)' },
      { Id: 'repeat', Expression: 'FILL(g, REPEAT)' },
      { Id: 'linear', Expression: 'FILL(g, LINEAR)' },
    );
    expect(out).toEqual([
      { id: 'zero', t: [0, 1, 2, 3, 4, 5], v: [0, 10, 0, 0, 40, 0] },
      { id: 'repeat', t: [0, 1, 2, 3, 4, 5], v: [10, 10, 10, 10, 40, 40] },
      { id: 'linear', t: [0, 1, 2, 3, 4, 5], v: [10, 10, 20, 30, 40, 40] },
    ]);
    await expect(run(6, stat('g', 'Gappy'), { Id: 'bad', Expression: 'FILL(g, SOMETIMES)' })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
  });

  it('functions over arrays: STDDEV, METRIC_COUNT, FIRST / LAST, REMOVE_EMPTY, DATAPOINT_COUNT', async () => {
    await put('A', [1, 3]);
    await put('B', [3, 5]);
    const out = await run(
      2,
      stat('a', 'A'),
      stat('b', 'B'),
      stat('none', 'Missing'),
      { Id: 'sd', Expression: 'STDDEV(METRICS())' },
      { Id: 'count', Expression: 'METRIC_COUNT(REMOVE_EMPTY(METRICS()))' },
      { Id: 'last', Expression: 'LAST(REMOVE_EMPTY(METRICS()))' },
      { Id: 'points', Expression: 'DATAPOINT_COUNT(a)' },
      { Id: 'floor', Expression: 'FLOOR(a / 2) + CEIL(b / 2)' },
    );
    const byId = Object.fromEntries(out.map((r) => [r.id, r]));
    expect(byId.sd.v).toEqual([1, 1]);
    expect(byId.count.v).toEqual([2, 2]);
    expect(byId.last.v).toEqual([3, 5]);
    expect(byId.points.v).toEqual([2, 2]);
    expect(byId.floor.v).toEqual([2, 4]);
  });

  it('SEARCH finds metrics by schema, exact property and partial term, with a statistic and period', async () => {
    await put('Latency', [100, 200], [{ Name: 'Api', Value: 'orders' }]);
    await put('Latency', [300, 400], [{ Name: 'Api', Value: 'payments' }]);
    await put('Latency', [5, 5], [{ Name: 'Api', Value: 'orders' }, { Name: 'Stage', Value: 'beta' }]);
    await put('Errors', [1, 1], [{ Name: 'Api', Value: 'orders' }]);
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: at(0),
        EndTime: at(2),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          { Id: 'schema', Expression: `SEARCH('{Shop,Api} MetricName="Latency"', 'Average', 60)` },
          { Id: 'partial', Expression: `SEARCH('{Shop,Api} pay', 'Sum', 120)` },
          { Id: 'worst', Expression: `MAX(SEARCH('Namespace="Shop" Latency NOT beta', 'Maximum', 60))` },
        ],
      }),
    );
    const results = out.MetricDataResults ?? [];
    expect(results.filter((r) => r.Id === 'schema').map((r) => r.Values)).toEqual([
      [100, 200],
      [300, 400],
    ]);
    expect(results.filter((r) => r.Id === 'partial').map((r) => r.Values)).toEqual([[700]]);
    expect(results.find((r) => r.Id === 'worst')?.Values).toEqual([300, 400]);
  });

  it('ANOMALY_DETECTION_BAND: a band of k standard deviations around the mean (lower, then upper)', async () => {
    await put('Load', [8, 12, 8, 12]);
    const out = await run(4, stat('m', 'Load', 'Average'), { Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(m, 3)' });
    expect(out).toEqual([
      { id: 'band', t: [0, 1, 2, 3], v: [4, 4, 4, 4] },
      { id: 'band', t: [0, 1, 2, 3], v: [16, 16, 16, 16] },
    ]);
  });

  it('an unknown function or a wrong argument count is InvalidParameterValue', async () => {
    await put('X', [1]);
    for (const Expression of ['NOPE(x)', 'IF(x)', 'RATE(x, 2)', 'SEARCH(x)']) {
      await expect(run(1, stat('x', 'X'), { Id: 'e', Expression })).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    }
  });
});
