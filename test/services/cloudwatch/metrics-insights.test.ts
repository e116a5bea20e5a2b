import { CloudWatchClient, GetMetricDataCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { useMockAws } from '../lifecycle';
import { T0, freezeTime } from './support';

describe('CloudWatch Metrics Insights queries in GetMetricData', () => {
  useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });

  /** CPU of three instances (two in one fleet), one datum per minute for three minutes. */
  async function seed() {
    const cpu: Record<string, number[]> = { 'i-1': [10, 20, 30], 'i-2': [50, 60, 70], 'i-3': [5, 5, 5] };
    const fleet: Record<string, string> = { 'i-1': 'web', 'i-2': 'web', 'i-3': 'batch' };
    for (const [id, values] of Object.entries(cpu)) {
      await cw.send(
        new PutMetricDataCommand({
          Namespace: 'App/EC2',
          MetricData: values.map((Value, k) => ({
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: 'InstanceId', Value: id }],
            Value,
            Timestamp: new Date(T0 - (3 - k) * 60_000),
          })),
        }),
      );
      // The same metric with a second dimension: outside SCHEMA(ns, InstanceId), inside FROM ns.
      await cw.send(
        new PutMetricDataCommand({
          Namespace: 'App/EC2',
          MetricData: [{ MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: id }, { Name: 'Fleet', Value: fleet[id] }], Value: 100, Timestamp: new Date(T0 - 60_000) }],
        }),
      );
    }
  }

  const query = async (Expression: string, Period = 60) => {
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0 - 3 * 60_000),
        EndTime: new Date(T0),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [{ Id: 'q', Expression, Period }],
      }),
    );
    return (out.MetricDataResults ?? []).map((r) => ({ label: r.Label, values: r.Values }));
  };

  it('AVG over SCHEMA(namespace, key) combines the matched series per period', async () => {
    freezeTime(T0);
    await seed();
    expect(await query('SELECT AVG(CPUUtilization) FROM SCHEMA("App/EC2", InstanceId)')).toEqual([
      { label: 'q', values: [(10 + 50 + 5) / 3, (20 + 60 + 5) / 3, (30 + 70 + 5) / 3] },
    ]);
    // FROM the namespace reads every dimension set: the Fleet series join the last minute.
    expect(await query('SELECT MAX(CPUUtilization) FROM "App/EC2"')).toEqual([{ label: 'q', values: [50, 60, 100] }]);
  });

  it('WHERE, GROUP BY, ORDER BY and LIMIT', async () => {
    freezeTime(T0);
    await seed();
    expect(await query(`SELECT SUM(CPUUtilization) FROM SCHEMA("App/EC2", InstanceId) WHERE InstanceId != 'i-3'`)).toEqual([
      { label: 'q', values: [60, 80, 100] },
    ]);
    expect(
      await query('SELECT MAX(CPUUtilization) FROM SCHEMA("App/EC2", InstanceId) GROUP BY InstanceId ORDER BY MAX() DESC LIMIT 2'),
    ).toEqual([
      { label: 'i-2', values: [50, 60, 70] },
      { label: 'i-1', values: [10, 20, 30] },
    ]);
    expect(
      await query(`SELECT COUNT(CPUUtilization) FROM "App/EC2" WHERE Fleet IN ('web') AND (InstanceId = 'i-1' OR InstanceId = 'i-2') GROUP BY Fleet`, 180),
    ).toEqual([{ label: 'web', values: [2] }]);
  });

  it('a malformed query is InvalidParameterValue', async () => {
    for (const bad of ['SELECT MEDIAN(CPU) FROM "App/EC2"', 'SELECT AVG(CPU) "App/EC2"', 'SELECT AVG(CPU) FROM "App/EC2" LIMIT 501', 'SELECT AVG(CPU) FROM "A" WHERE x = ']) {
      await expect(query(bad)).rejects.toMatchObject({ name: 'InvalidParameterValueException', $metadata: { httpStatusCode: 400 } });
    }
  });
});
