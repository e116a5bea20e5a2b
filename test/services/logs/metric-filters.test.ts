/**
 * Metric filters feeding CloudWatch metrics: every matching event ingested is
 * one datum at the event's time, its value a constant or the field the
 * pattern selects, its dimensions selected fields; a batch without a match
 * emits the default value. Read back through the CloudWatch client.
 */
import { CloudWatchClient, GetMetricStatisticsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { LogsBackend } from '../../../services/logs/models/backend';
import { useMockAws } from '../lifecycle';

describe('CloudWatch Logs metric filters publish to CloudWatch', () => {
  const aws = useMockAws();
  const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
  const cw = new CloudWatchClient({ region: 'us-east-1' });
  const put = (messages: string[], at = aws.clock.now()) =>
    logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 's', logEvents: messages.map((message, i) => ({ timestamp: at + i, message })) }));
  const stats = async (namespace: string, name: string, dimensions?: Array<{ Name: string; Value: string }>) => {
    const now = aws.clock.now();
    const out = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: namespace,
        MetricName: name,
        Dimensions: dimensions,
        StartTime: new Date(now - 3_600_000),
        EndTime: new Date(now + 60_000),
        Period: 3600,
        Statistics: ['Sum', 'SampleCount', 'Maximum'],
      }),
    );
    return out.Datapoints ?? [];
  };
  beforeEach(async () => {
    aws.clock.set(new Date('2026-03-01T12:30:00Z'));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 's' }));
  });

  it('counts matching events with a constant value', async () => {
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'app',
        filterName: 'errors',
        filterPattern: 'ERROR -Retrying',
        metricTransformations: [{ metricName: 'ErrorCount', metricNamespace: 'App', metricValue: '1', unit: 'Count' }],
      }),
    );
    await put(['ERROR disk full', 'INFO ok', 'ERROR Retrying', 'ERROR timeout']);
    await aws.settle();
    const [point] = await stats('App', 'ErrorCount');
    expect(point).toMatchObject({ Sum: 2, SampleCount: 2, Unit: 'Count' });
  });

  it('takes the value and dimensions from JSON fields', async () => {
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'app',
        filterName: 'latency',
        filterPattern: '{ $.latency > 100 }',
        metricTransformations: [{ metricName: 'SlowLatency', metricNamespace: 'App', metricValue: '$.latency', unit: 'Milliseconds', dimensions: { Api: '$.api' } }],
      }),
    );
    await put([
      JSON.stringify({ api: 'orders', latency: 250 }),
      JSON.stringify({ api: 'orders', latency: 50 }),
      JSON.stringify({ api: 'users', latency: 400 }),
      JSON.stringify({ api: 'orders', latency: 150 }),
    ]);
    await aws.settle();
    expect(await stats('App', 'SlowLatency', [{ Name: 'Api', Value: 'orders' }])).toEqual([expect.objectContaining({ Sum: 400, SampleCount: 2, Maximum: 250 })]);
    expect(await stats('App', 'SlowLatency', [{ Name: 'Api', Value: 'users' }])).toEqual([expect.objectContaining({ Sum: 400, SampleCount: 1 })]);
    const { Metrics } = await cw.send(new ListMetricsCommand({ Namespace: 'App' }));
    expect(Metrics?.map((m) => m.Dimensions?.[0].Value).sort()).toEqual(['orders', 'users']);
  });

  it('takes the value from a space-delimited field and skips events whose value is not a number', async () => {
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'app',
        filterName: 'bytes',
        filterPattern: '[ip, user, status = 2*, bytes]',
        metricTransformations: [{ metricName: 'Bytes', metricNamespace: 'Web', metricValue: '$bytes' }],
      }),
    );
    await put(['1.2.3.4 alice 200 1000', '1.2.3.4 bob 404 99', '5.6.7.8 carol 204 24', '5.6.7.8 dave 200 -']);
    await aws.settle();
    expect(await stats('Web', 'Bytes')).toEqual([expect.objectContaining({ Sum: 1024, SampleCount: 2 })]);
  });

  it('emits the default value for a batch where nothing matches', async () => {
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'app',
        filterName: 'errors',
        filterPattern: 'ERROR',
        metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1', defaultValue: 0 }],
      }),
    );
    await put(['INFO a', 'INFO b']);
    await aws.settle();
    expect(await stats('App', 'Errors')).toEqual([expect.objectContaining({ Sum: 0, SampleCount: 1 })]);
    await put(['ERROR a', 'INFO b']);
    await aws.settle();
    expect(await stats('App', 'Errors')).toEqual([expect.objectContaining({ Sum: 1, SampleCount: 2 })]);
  });

  it('publishes nothing when no filter matches and there is no default value', async () => {
    await logs.send(
      new PutMetricFilterCommand({ logGroupName: 'app', filterName: 'f', filterPattern: 'ERROR', metricTransformations: [{ metricName: 'E', metricNamespace: 'App', metricValue: '1' }] }),
    );
    await put(['INFO a']);
    await aws.settle();
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'App' }))).Metrics ?? []).toEqual([]);
    const backend = await aws.backends.get<LogsBackend>('logs');
    expect(backend.metricPublications).toEqual([]);
  });

  it('refuses a transformation AWS refuses, storing nothing', async () => {
    const bad = [
      [{ metricName: 'M', metricNamespace: 'N', metricValue: 'one' }, 'InvalidParameterException'],
      [{ metricName: 'M', metricNamespace: 'N', metricValue: '1', defaultValue: 0, dimensions: { A: '$.a' } }, 'InvalidParameterException'],
      [{ metricName: 'M', metricNamespace: 'N', metricValue: '1', dimensions: { A: 'literal' } }, 'InvalidParameterException'],
      [{ metricName: 'M', metricNamespace: 'N', metricValue: '1', dimensions: { A: '$.a', B: '$.b', C: '$.c', D: '$.d' } }, 'LimitExceededException'],
    ] as const;
    for (const [t, name] of bad) {
      await expect(logs.send(new PutMetricFilterCommand({ logGroupName: 'app', filterName: 'f', filterPattern: '', metricTransformations: [t] }))).rejects.toMatchObject({ name });
    }
    const backend = await aws.backends.get<LogsBackend>('logs');
    expect(backend.groups.get('app')?.metricFilters.size).toBe(0);
  });
});
